#include "atlas/model/river_names.h"

#include "atlas/data/schema.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <span>

namespace atlas::app {
namespace {

// The towns the river row's note measures the class-1 line against, and the tolerance it
// uses (places are rounded to 0.01°, WDBII is digitised at small scale).
constexpr const char* kRiverTowns[] = {"place:myitkyina", "place:bhamo", "place:shwegu"};
constexpr double kToleranceM = 4000.0;

// The vertex of `ring` nearest to p, when within the tolerance.
std::optional<std::size_t> nearestVertex(std::span<const Coord> ring, Coord p)
{
    std::optional<std::size_t> best;
    double bestD = kToleranceM;
    for (std::size_t i = 0; i < ring.size(); ++i)
        if (const double d = std::hypot(ring[i].x - p.x, ring[i].y - p.y); d <= bestD) {
            bestD = d;
            best = i;
        }
    return best;
}

void copyCell(Column& to, const Column& from, std::size_t row)
{
    if (from.isNull(row)) return to.appendNull();
    switch (from.type()) {
    case FieldType::Integer: return to.appendInteger(from.integer(row));
    case FieldType::Real: return to.appendReal(from.real(row));
    case FieldType::Date: return to.appendDate(from.date(row));
    case FieldType::String: return to.appendString(from.string(row));
    }
}

}  // namespace

LayerPtr withRiverNames(const Layer& rivers, const Dataset& dataset)
{
    const DatasetLayer* riverRow = dataset.layer(schema::kRiver);
    const DatasetLayer* places = dataset.layer(schema::kPlaces);
    if (!riverRow || !riverRow->layer || !places || !places->layer || !rivers.column("class")) return nullptr;
    const auto irrawaddy = riverRow->layer->findById("river:irrawaddy");
    if (!irrawaddy) return nullptr;
    std::string name = riverRow->layer->text(*irrawaddy, "name");
    // "Irrawaddy (Ayeyarwady)": the label says the first, as the map's other names do.
    if (const auto paren = name.find(" ("); paren != std::string::npos) name.resize(paren);
    std::vector<Coord> towns;
    for (const char* id : kRiverTowns)
        if (const auto p = places->layer->findById(id); p && !places->layer->geometry().isNull(*p))
            towns.push_back(places->layer->geometry().firstCoord(*p));
    if (name.empty() || towns.empty()) return nullptr;

    // A new layer: the named stretch of a line becomes a feature of its own, so the name
    // sits between the first and the last of the towns — never on a headwater above them.
    auto out = std::make_shared<Layer>(rivers.name(), rivers.sourcePath(), rivers.crs());
    for (const Column& c : rivers.columns())
        if (c.name() != "name") out->addColumn(c.name(), c.type());
    out->addColumn("name", FieldType::String);
    // Pointers only once every column is added (adding moves them).
    std::vector<Column*> columns;
    for (Column& c : out->mutableColumns()) columns.push_back(&c);
    Column& names = *columns.back();
    columns.pop_back();
    GeometryColumn& outGeom = out->mutableGeometry();
    const GeometryColumn& geom = rivers.geometry();
    bool any = false;
    auto emit = [&](std::size_t f, std::span<const Coord> coords, bool named) {
        if (coords.size() < 2) return;
        std::size_t k = 0;
        for (const Column& c : rivers.columns())
            if (c.name() != "name") copyCell(*columns[k++], c, f);
        if (named) names.appendString(name);
        else names.appendNull();
        outGeom.beginFeature(GeometryKind::Line);
        outGeom.beginPart();
        outGeom.beginRing();
        for (const Coord& c : coords) outGeom.addCoord(c.x, c.y);
        outGeom.endFeature();
        out->appendFid(rivers.fid(f));
    };
    for (std::size_t f = 0; f < rivers.featureCount(); ++f) {
        const uint32_t row = static_cast<uint32_t>(f);
        const bool major = !geom.isNull(f) && geom.kind(f) == GeometryKind::Line && rivers.text(f, "class") == "1";
        if (geom.isNull(f) || geom.kind(f) != GeometryKind::Line) {
            // Not a line (none expected in GSHHG's rivers): kept as it is.
            std::size_t k = 0;
            for (const Column& c : rivers.columns())
                if (c.name() != "name") copyCell(*columns[k++], c, f);
            names.appendNull();
            outGeom.beginFeature(geom.isNull(f) ? GeometryKind::None : geom.kind(f));
            for (uint32_t p = geom.partBegin(row); p < geom.partEnd(row); ++p) {
                outGeom.beginPart();
                for (uint32_t r = geom.ringBegin(p); r < geom.ringEnd(p); ++r) {
                    outGeom.beginRing();
                    for (const Coord& c : geom.ring(r)) outGeom.addCoord(c.x, c.y);
                }
            }
            outGeom.endFeature();
            out->appendFid(rivers.fid(f));
            continue;
        }
        for (uint32_t p = geom.partBegin(row); p < geom.partEnd(row); ++p)
            for (uint32_t r = geom.ringBegin(p); r < geom.ringEnd(p); ++r) {
                const std::vector<Coord> ringCoords = geom.ring(r).toVector();
                const std::span<const Coord> ring(ringCoords);
                std::vector<std::size_t> at;
                if (major)
                    for (const Coord& t : towns)
                        if (const auto v = nearestVertex(ring, t)) at.push_back(*v);
                if (at.size() < 2) {  // one town alone does not say which way the river runs on
                    emit(f, ring, false);
                    continue;
                }
                const auto [lo, hi] = std::minmax_element(at.begin(), at.end());
                emit(f, ring.subspan(0, *lo + 1), false);
                emit(f, ring.subspan(*lo, *hi - *lo + 1), true);
                emit(f, ring.subspan(*hi), false);
                any = true;
            }
    }
    outGeom.recomputeBounds();
    out->buildIndex();
    return any ? LayerPtr(out) : nullptr;
}

}  // namespace atlas::app
