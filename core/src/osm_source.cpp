#include "atlas/osm_source.h"

#include "atlas/crs.h"
#include "atlas/detail/gdal_errors.h"
#include "atlas/geometry_check.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <numeric>
#include <optional>
#include <string_view>

namespace atlas::osm {
namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Drawing order inside the roads layer: the class of a road decides what is drawn over what.
int roadRank(std::string_view highway)
{
    static constexpr std::array<std::pair<std::string_view, int>, 20> ranks{{
        {"track", 1},         {"service", 1},        {"living_street", 2}, {"residential", 2},   {"road", 2},
        {"unclassified", 3},  {"tertiary_link", 4},  {"tertiary", 4},      {"secondary_link", 5}, {"secondary", 5},
        {"primary_link", 6},  {"primary", 6},        {"trunk_link", 7},    {"trunk", 7},         {"motorway_link", 8},
        {"motorway", 8},      {"busway", 2},         {"raceway", 1},       {"rest_area", 0},     {"services", 0},
    }};
    for (const auto& [name, rank] : ranks)
        if (name == highway) return rank;
    return 0;
}

int placeRank(std::string_view place)
{
    if (place == "city") return 5;
    if (place == "town") return 4;
    if (place == "village" || place == "suburb") return 3;
    if (place == "hamlet" || place == "quarter" || place == "neighbourhood") return 2;
    if (place == "isolated_dwelling" || place == "locality") return 1;
    return 0;
}

bool oneOf(std::string_view v, std::initializer_list<std::string_view> values)
{
    return std::find(values.begin(), values.end(), v) != values.end();
}

// The value of `key` in GDAL's other_tags ("k"=>"v","k2"=>"v2", HSTORE syntax).
std::string otherTag(const char* otherTags, std::string_view key)
{
    if (!otherTags) return {};
    const std::string needle = "\"" + std::string(key) + "\"=>\"";
    const std::string_view tags(otherTags);
    const std::size_t at = tags.find(needle);
    if (at == std::string_view::npos || (at > 0 && tags[at - 1] != ',')) return {};
    const std::size_t begin = at + needle.size();
    std::size_t end = begin;
    while (end < tags.size() && !(tags[end] == '"' && tags[end - 1] != '\\')) ++end;
    return std::string(tags.substr(begin, end - begin));
}

std::string field(const OGRFeature& f, const char* name)
{
    const int i = f.GetFieldIndex(name);
    return i >= 0 && f.IsFieldSetAndNotNull(i) ? std::string(f.GetFieldAsString(i)) : std::string();
}

// A theme while it is read: its rows in file order and the order they are drawn in.
struct Theme {
    const char* name;
    const char* tag;  // the column styles select by
    std::shared_ptr<Layer> layer;
    std::vector<int> rank;  // draw order key per row (stable sort)

    Theme(const char* n, const char* t, const std::string& path, const std::string& crs)
        : name(n), tag(t), layer(std::make_shared<Layer>(n, path, crs))
    {
        layer->addColumn("osm_id", FieldType::String);
        layer->addColumn("name", FieldType::String);
        layer->addColumn(tag, FieldType::String);
        if (std::string_view(n) == kPlaces) layer->addColumn("rank", FieldType::Integer);
    }
};

void appendRing(GeometryColumn& out, const OGRSimpleCurve& curve)
{
    out.beginRing();
    for (int i = 0; i < curve.getNumPoints(); ++i) out.addCoord(curve.getX(i), curve.getY(i));
}

// The driver's geometries are points, line strings, multilinestrings and multipolygons.
bool appendGeometry(GeometryColumn& out, const OGRGeometry& g)
{
    switch (wkbFlatten(g.getGeometryType())) {
    case wkbPoint:
        out.beginFeature(GeometryKind::Point);
        out.beginPart();
        out.beginRing();
        out.addCoord(g.toPoint()->getX(), g.toPoint()->getY());
        break;
    case wkbLineString:
        out.beginFeature(GeometryKind::Line);
        out.beginPart();
        appendRing(out, *g.toLineString());
        break;
    case wkbMultiLineString:
        out.beginFeature(GeometryKind::Line);
        for (const OGRLineString* line : *g.toMultiLineString()) {
            out.beginPart();
            appendRing(out, *line);
        }
        break;
    case wkbPolygon:
    case wkbMultiPolygon: {
        out.beginFeature(GeometryKind::Polygon);
        auto addPolygon = [&](const OGRPolygon& p) {
            out.beginPart();
            for (const OGRLinearRing* ring : p) appendRing(out, *ring);
        };
        if (wkbFlatten(g.getGeometryType()) == wkbPolygon) addPolygon(*g.toPolygon());
        else
            for (const OGRPolygon* p : *g.toMultiPolygon()) addPolygon(*p);
        break;
    }
    default: return false;
    }
    out.endFeature();
    return true;
}

// Which theme a feature of GDAL's layer `from` belongs to (nullopt: not drawn), with the value
// of the theme's tag and the row's draw-order key.
struct Classified {
    std::size_t theme;
    std::string value;
    int rank = 0;
};

enum ThemeIndex : std::size_t { Landuse, Water, Waterways, Railways, Roads, Places, ThemeCount };

std::optional<Classified> classify(std::string_view from, const OGRFeature& f)
{
    const int otherIndex = f.GetFieldIndex("other_tags");
    const char* other = otherIndex >= 0 && f.IsFieldSetAndNotNull(otherIndex) ? f.GetFieldAsString(otherIndex) : nullptr;
    if (from == "points") {
        const std::string place = field(f, "place");
        if (const int r = placeRank(place); r > 0) return Classified{Places, place, r};
        return std::nullopt;
    }
    if (from == "lines") {
        const std::string highway = field(f, "highway");
        if (roadRank(highway) > 0) return Classified{Roads, highway, roadRank(highway)};
        const std::string waterway = field(f, "waterway");
        if (oneOf(waterway, {"river", "stream", "canal", "drain", "ditch", "brook"}))
            return Classified{Waterways, waterway, waterway == "river" ? 2 : waterway == "canal" ? 1 : 0};
        const std::string railway = field(f, "railway");
        if (oneOf(railway, {"rail", "narrow_gauge", "light_rail", "subway", "tram", "preserved", "disused"}))
            return Classified{Railways, railway, railway == "rail" ? 1 : 0};
        return std::nullopt;
    }
    if (from == "multilinestrings") {
        // Waterway relations (a river mapped as a relation of its ways).
        if (field(f, "type") == "waterway") {
            std::string waterway = otherTag(other, "waterway");
            if (waterway.empty()) waterway = "river";
            return Classified{Waterways, waterway, waterway == "river" ? 2 : 0};
        }
        return std::nullopt;
    }
    if (from == "multipolygons") {
        const std::string natural = field(f, "natural"), landuse = field(f, "landuse");
        const std::string waterway = otherTag(other, "waterway");
        if (natural == "water") return Classified{Water, otherTag(other, "water").empty() ? "water" : otherTag(other, "water")};
        if (oneOf(landuse, {"reservoir", "basin"})) return Classified{Water, landuse};
        if (oneOf(waterway, {"riverbank", "dock"})) return Classified{Water, waterway};
        if (oneOf(landuse, {"residential", "commercial", "industrial", "retail", "quarry"}))
            return Classified{Landuse, landuse, landuse == "residential" ? 0 : 1};
        return std::nullopt;
    }
    return std::nullopt;
}

// A copy of `layer` with its rows in `order` (the columns are strings and integers).
std::shared_ptr<Layer> reordered(const Layer& layer, const std::vector<uint32_t>& order)
{
    auto out = std::make_shared<Layer>(layer.name(), layer.sourcePath(), layer.crs());
    for (const Column& c : layer.columns()) out->addColumn(c.name(), c.type());
    const GeometryColumn& g = layer.geometry();
    GeometryColumn& o = out->mutableGeometry();
    o.reserve(order.size(), g.coordCount());
    for (uint32_t f : order) {
        o.beginFeature(g.kind(f));
        for (uint32_t p = g.partBegin(f); p < g.partEnd(f); ++p) {
            o.beginPart();
            for (uint32_t r = g.ringBegin(p); r < g.ringEnd(p); ++r) {
                o.beginRing();
                for (const Coord& c : g.ring(r)) o.addCoord(c.x, c.y);
            }
        }
        o.endFeature();
        out->appendFid(layer.fid(f));
        for (std::size_t k = 0; k < layer.columns().size(); ++k) {
            const Column& from = layer.columns()[k];
            Column& to = out->mutableColumns()[k];
            if (from.isNull(f)) to.appendNull();
            else if (from.type() == FieldType::Integer) to.appendInteger(from.integer(f));
            else to.appendString(from.string(f));
        }
    }
    return out;
}

}  // namespace

bool isOsmPath(const std::string& path)
{
    const std::string p = lower(path);
    auto endsWith = [&](std::string_view s) { return p.size() >= s.size() && p.compare(p.size() - s.size(), s.size(), s) == 0; };
    return endsWith(".osm") || endsWith(".pbf");
}

LoadResult loadOsmSource(const std::string& path, const LoadOptions& options)
{
    LoadResult result;
    detail::ensureGdalRegistered();
    detail::GdalErrorCollector errors;
    const char* const drivers[] = {"OSM", nullptr};
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                                              drivers, nullptr, nullptr));
    if (!ds) {
        std::string why = errors.lastFailure();
        if (why.empty()) why = "GDAL's OSM driver cannot read it";
        result.diagnostics.error(path, "", "", "cannot open as an OpenStreetMap file: " + why);
        return result;
    }

    std::vector<Theme> themes;
    themes.emplace_back(kLanduse, "landuse", path, options.targetCrs);
    themes.emplace_back(kWater, "water", path, options.targetCrs);
    themes.emplace_back(kWaterways, "waterway", path, options.targetCrs);
    themes.emplace_back(kRailways, "railway", path, options.targetCrs);
    themes.emplace_back(kRoads, "highway", path, options.targetCrs);
    themes.emplace_back(kPlaces, "place", path, options.targetCrs);

    // One pass over the file; features come from whichever layer the parser has completed.
    std::size_t read = 0;
    for (;;) {
        OGRLayer* from = nullptr;
        double fraction = 0;
        OGRFeatureUniquePtr feature(ds->GetNextFeature(&from, &fraction, nullptr, nullptr));
        if (!feature) break;
        if ((++read & 4095) == 0 && options.progress && !options.progress(std::clamp(fraction, 0.0, 0.99))) {
            result.cancelled = true;
            return result;
        }
        const OGRGeometry* g = feature->GetGeometryRef();
        if (!g || g->IsEmpty() || !from) continue;
        const auto c = classify(from->GetName(), *feature);
        if (!c) continue;
        Theme& theme = themes[c->theme];
        if (!options.layerName.empty() && options.layerName != theme.name) continue;
        if (!appendGeometry(theme.layer->mutableGeometry(), *g)) continue;
        theme.layer->appendFid(feature->GetFID());
        auto& cols = theme.layer->mutableColumns();
        std::string id = field(*feature, "osm_id");
        if (id.empty()) id = "way/" + field(*feature, "osm_way_id");
        cols[0].appendString(id);
        const std::string name = field(*feature, "name");
        if (name.empty()) cols[1].appendNull();
        else cols[1].appendString(name);
        cols[2].appendString(c->value);
        if (cols.size() > 3) cols[3].appendInteger(c->rank);
        theme.rank.push_back(c->rank);
    }
    // GDAL reports a parse error (in a message or two) and then ends the feature stream: what
    // came before is kept, and the person gets one message saying where it broke.
    std::vector<std::string> messages = errors.take();
    messages.erase(std::unique(messages.begin(), messages.end()), messages.end());
    if (!messages.empty()) {
        std::string all;
        for (const std::string& m : messages) all += (all.empty() ? "" : "; ") + m;
        result.diagnostics.error(path, "", "", "OpenStreetMap file cut short or malformed (features read before the "
                                 "error are kept): " + all);
    }

    auto leased = PooledTransform::lease(kWgs84, options.targetCrs);
    if (!leased) {
        result.diagnostics.error(path, "", "crs", leased.reason());
        return result;
    }
    const PooledTransform toDisplay = std::move(leased).value();
    for (Theme& theme : themes) {
        if (theme.layer->featureCount() == 0) continue;
        std::vector<uint32_t> order(theme.layer->featureCount());
        std::iota(order.begin(), order.end(), 0u);
        std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return theme.rank[a] < theme.rank[b]; });
        std::shared_ptr<Layer> layer = reordered(*theme.layer, order);
        GeometryColumn& geom = layer->mutableGeometry();
        const std::vector<std::size_t> lost = toDisplay->isIdentity()
            ? std::vector<std::size_t>{}
            : geom.transformFeatures([&toDisplay](std::span<Coord> cs) { toDisplay->transform(cs.data(), cs.size()); });
        for (const std::size_t f : lost)
            result.diagnostics.error(path, std::string(theme.name) + " feature " + layer->text(f, "osm_id"), "geometry",
                                     "cannot be transformed to " + options.targetCrs + "; geometry dropped");
        layer->buildIndex();
        if (options.checkPolygons && (theme.name == std::string_view(kWater) || theme.name == std::string_view(kLanduse)))
            layer = checkPolygons(std::move(layer), path, options.repairInvalid, result.diagnostics);
        result.layers.push_back(std::move(layer));
    }
    if (result.layers.empty() && !result.diagnostics.hasErrors())
        result.diagnostics.warning(path, "", "", "no roads, rivers, water, railways, built-up areas or places in this "
                                   "OpenStreetMap file");
    if (options.progress) options.progress(1.0);
    return result;
}

}  // namespace atlas::osm
