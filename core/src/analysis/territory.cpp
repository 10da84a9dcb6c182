#include "atlas/analysis/territory.h"
#include "atlas/data/schema.h"

#include "atlas/data/vocabulary.h"

#include <algorithm>
#include <set>

namespace atlas {
namespace {

constexpr double kM2PerKm2 = 1e6;

std::string controllerOf(const DatasetLayer& control, uint32_t row) { return control.layer->text(row, "controller"); }

// Controllers present in the versions, in vocabulary order (unknown values last, sorted).
std::vector<std::string> sidesOf(const DatasetLayer& control, std::initializer_list<const SnapshotVersion*> versions)
{
    std::set<std::string> present;
    for (const SnapshotVersion* v : versions)
        if (v)
            for (uint32_t row : v->rows) present.insert(controllerOf(control, row));
    std::vector<std::string> out;
    for (std::string_view c : vocab::kControllers)
        if (present.erase(std::string(c))) out.emplace_back(c);
    out.insert(out.end(), present.begin(), present.end());
    return out;
}

double km2(const GEOSGeom_t* g) { return g ? geos::area(g) / kM2PerKm2 : 0.0; }

// The ground a version of a front line encloses: the union of the polygons its closed lines bound.
geos::Geometry enclosed(const LinkIndex& links, const SnapshotVersion& version, bool& allClosed)
{
    std::vector<geos::Geometry> polygons;
    allClosed = true;
    const GeometryColumn& g = links.dataset().layer(schema::kFrontlines)->layer->geometry();
    for (uint32_t row : version.rows) {
        const auto coords = links.analysisCoords(schema::kFrontlines, row);
        const auto original = g.coords(row);
        for (uint32_t p = g.partBegin(row); p < g.partEnd(row); ++p) {
            for (uint32_t r = g.ringBegin(p); r < g.ringEnd(p); ++r) {
                const auto ring = g.ring(r);
                const std::span<const Coord> line(coords.data() + (ring.offset() - original.offset()), ring.size());
                const bool closed = line.size() >= 4 && line.front().x == line.back().x && line.front().y == line.back().y;
                if (!closed) {
                    allClosed = false;
                    continue;
                }
                polygons.push_back(geos::polygon(line));
            }
        }
    }
    if (polygons.empty()) return nullptr;
    std::vector<const GEOSGeom_t*> parts;
    for (const auto& p : polygons) parts.push_back(p.get());
    return geos::unionAll(parts);
}

}  // namespace

geos::Geometry sideUnion(const LinkIndex& links, const SnapshotVersion& version, std::string_view controller)
{
    const DatasetLayer* control = links.dataset().layer(schema::kControl);
    if (!control) return nullptr;
    std::vector<const GEOSGeom_t*> parts;
    for (uint32_t row : version.rows)
        if (controllerOf(*control, row) == controller)
            if (const GEOSGeom_t* g = links.geometry(schema::kControl, row)) parts.push_back(g);
    if (parts.empty()) return nullptr;
    return geos::unionAll(parts);
}

AreaHeld areaHeld(const LinkIndex& links, std::string_view areaId, int32_t day)
{
    AreaHeld out;
    out.areaId = areaId;
    const DatasetLayer* control = links.dataset().layer(schema::kControl);
    const SnapshotGroup* group = control ? control->group(areaId) : nullptr;
    if (!group) return out;
    out.version = group->at(day);
    if (!out.version) return out;
    for (const std::string& side : sidesOf(*control, {out.version})) {
        const geos::Geometry u = sideUnion(links, *out.version, side);
        out.sides.push_back({side, km2(u.get())});
        out.totalKm2 += out.sides.back().km2;
    }
    return out;
}

std::vector<AreaHeld> areasHeld(const LinkIndex& links, int32_t day)
{
    std::vector<AreaHeld> out;
    const DatasetLayer* control = links.dataset().layer(schema::kControl);
    if (!control) return out;
    for (const SnapshotGroup& g : control->groups)
        if (g.at(day)) out.push_back(areaHeld(links, g.group, day));
    return out;
}

TerritoryChange territoryChange(const LinkIndex& links, std::string_view areaId, int32_t fromDay, int32_t toDay)
{
    TerritoryChange out;
    out.areaId = areaId;
    const DatasetLayer* control = links.dataset().layer(schema::kControl);
    const SnapshotGroup* group = control ? control->group(areaId) : nullptr;
    if (!group) return out;
    out.from = group->at(fromDay);
    out.to = group->at(toDay);
    if (!out.from || !out.to) return out;
    for (const std::string& side : sidesOf(*control, {out.from, out.to})) {
        const geos::Geometry before = sideUnion(links, *out.from, side);
        const geos::Geometry after = sideUnion(links, *out.to, side);
        SideChange c;
        c.controller = side;
        c.beforeKm2 = km2(before.get());
        c.afterKm2 = km2(after.get());
        if (before && after) {
            c.gainedKm2 = km2(geos::difference(after.get(), before.get()).get());
            c.lostKm2 = km2(geos::difference(before.get(), after.get()).get());
        } else {
            c.gainedKm2 = c.afterKm2;
            c.lostKm2 = c.beforeKm2;
        }
        out.sides.push_back(std::move(c));
    }
    return out;
}

std::vector<TerritoryChange> territoryChanges(const LinkIndex& links, int32_t fromDay, int32_t toDay)
{
    std::vector<TerritoryChange> out;
    const DatasetLayer* control = links.dataset().layer(schema::kControl);
    if (!control) return out;
    for (const SnapshotGroup& g : control->groups)
        if (g.at(fromDay) || g.at(toDay)) out.push_back(territoryChange(links, g.group, fromDay, toDay));
    return out;
}

FrontChange frontChange(const LinkIndex& links, std::string_view lineId, int32_t fromDay, int32_t toDay)
{
    FrontChange out;
    out.lineId = lineId;
    const DatasetLayer* fronts = links.dataset().layer(schema::kFrontlines);
    const SnapshotGroup* group = fronts ? fronts->group(lineId) : nullptr;
    if (!group) return out;
    out.from = group->at(fromDay);
    out.to = group->at(toDay);
    if (out.from) out.fromId = fronts->id(out.from->rows.front());
    if (out.to) out.toId = fronts->id(out.to->rows.front());
    if (!out.from || !out.to) return out;
    bool closedBefore = false, closedAfter = false;
    const geos::Geometry before = enclosed(links, *out.from, closedBefore);
    const geos::Geometry after = enclosed(links, *out.to, closedAfter);
    if (closedBefore && before) out.enclosedBeforeKm2 = km2(before.get());
    if (closedAfter && after) out.enclosedAfterKm2 = km2(after.get());
    if (out.enclosedBeforeKm2 && out.enclosedAfterKm2) {
        out.movedInsideKm2 = km2(geos::difference(after.get(), before.get()).get());
        out.movedOutsideKm2 = km2(geos::difference(before.get(), after.get()).get());
    }
    return out;
}

std::vector<FrontChange> frontChanges(const LinkIndex& links, int32_t fromDay, int32_t toDay)
{
    std::vector<FrontChange> out;
    const DatasetLayer* fronts = links.dataset().layer(schema::kFrontlines);
    if (!fronts) return out;
    for (const SnapshotGroup& g : fronts->groups)
        if (g.at(fromDay) || g.at(toDay)) out.push_back(frontChange(links, g.group, fromDay, toDay));
    return out;
}

}  // namespace atlas
