#include "atlas/analysis/links.h"
#include "atlas/data/schema.h"

#include "atlas/crs.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>

namespace atlas {

const char* stateOriginName(StateOrigin o)
{
    return o == StateOrigin::History ? "history" : "control layer";
}

struct LinkIndex::LayerGeometry {
    std::string key;
    const DatasetLayer* layer = nullptr;
    std::vector<Coord> analysis;  // laid out like layer->geometry().allCoords()
    std::vector<Coord> lonLat;
    std::vector<geos::Geometry> geoms;
    SpatialIndex index;           // feature boxes in the analysis CRS

    std::span<const Coord> coordsOf(std::size_t f, const std::vector<Coord>& all) const
    {
        const GeometryColumn& g = layer->layer->geometry();
        const auto original = g.coords(f);
        return {all.data() + original.offset(), original.size()};
    }
};

namespace {

using Bound = int64_t;
constexpr Bound kMinus = std::numeric_limits<Bound>::min();
constexpr Bound kPlus = std::numeric_limits<Bound>::max();

Bound lo(const Interval& i) { return i.begin ? Bound{*i.begin} : kMinus; }
Bound hi(const Interval& i) { return i.end ? Bound{*i.end} : kPlus; }

Interval intervalOf(Bound a, Bound b)
{
    Interval i;
    if (a != kMinus) i.begin = static_cast<int32_t>(a);
    if (b != kPlus) i.end = static_cast<int32_t>(b);
    return i;
}

Box boxOf(std::span<const Coord> coords)
{
    Box b;
    for (const Coord& c : coords) b.expand(c.x, c.y);
    return b;
}

// A LAEA centred on the data (rounded to 0.1°, so the definition is stable under small edits).
std::string analysisCrsFor(const Dataset& ds)
{
    double lon = 98.0, lat = 25.0;  // Kachin State, when there is nothing to centre on
    const Box extent = ds.extent();
    if (!extent.isEmpty()) {
        const Box ll = CoordinateTransform(ds.displayCrs(), kWgs84).transformBox(extent);
        if (!ll.isEmpty() && std::isfinite(ll.centerX()) && std::isfinite(ll.centerY())) {
            lon = std::round(ll.centerX() * 10) / 10;
            lat = std::round(ll.centerY() * 10) / 10;
        }
    }
    char buf[160];
    std::snprintf(buf, sizeof buf, "+proj=laea +lat_0=%.1f +lon_0=%.1f +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs +type=crs",
                  lat, lon);
    return buf;
}

}  // namespace

LinkIndex::LinkIndex(std::shared_ptr<const Dataset> dataset) : m_dataset(std::move(dataset))
{
    const Dataset& ds = *m_dataset;
    m_analysisCrs = analysisCrsFor(ds);
    const CoordinateTransform toAnalysis(ds.displayCrs(), m_analysisCrs);
    const CoordinateTransform toLonLat(ds.displayCrs(), kWgs84);

    for (const DatasetLayer& dl : ds.layers()) {
        LayerGeometry lg;
        lg.key = dl.key;
        lg.layer = &dl;
        const GeometryColumn& g = dl.layer->geometry();
        lg.analysis = g.allCoords().toVector();
        toAnalysis.transform(lg.analysis.data(), lg.analysis.size());
        lg.lonLat = g.allCoords().toVector();
        toLonLat.transform(lg.lonLat.data(), lg.lonLat.size());
        std::vector<Box> boxes(g.featureCount());
        lg.geoms.resize(g.featureCount());
        for (std::size_t f = 0; f < g.featureCount(); ++f) {
            if (g.isNull(f)) continue;
            boxes[f] = boxOf(lg.coordsOf(f, lg.analysis));
            lg.geoms[f] = geos::fromFeature(g, f, std::span<const Coord>(lg.analysis));
        }
        lg.index = SpatialIndex(boxes);
        m_layers.push_back(std::move(lg));
    }

    const auto& events = ds.events().all();
    m_eventPoints.resize(events.size());
    m_eventLonLat.resize(events.size());
    std::vector<Box> eventBoxes(events.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (!events[i].location) continue;
        m_eventPoints[i] = toAnalysis.transform(*events[i].location);
        m_eventLonLat[i] = toLonLat.transform(*events[i].location);
        eventBoxes[i] = Box::of(m_eventPoints[i]->x, m_eventPoints[i]->y, m_eventPoints[i]->x, m_eventPoints[i]->y);
    }
    m_eventIndex = SpatialIndex(eventBoxes);
    buildTimelines();
}

LinkIndex::~LinkIndex() = default;
LinkIndex::LinkIndex(LinkIndex&&) noexcept = default;
LinkIndex& LinkIndex::operator=(LinkIndex&&) noexcept = default;

const LinkIndex::LayerGeometry* LinkIndex::layerGeometry(std::string_view key) const
{
    for (const LayerGeometry& l : m_layers)
        if (l.key == key) return &l;
    return nullptr;
}

const GEOSGeom_t* LinkIndex::geometry(std::string_view layerKey, std::size_t row) const
{
    const LayerGeometry* l = layerGeometry(layerKey);
    return l && row < l->geoms.size() ? l->geoms[row].get() : nullptr;
}

const GEOSGeom_t* LinkIndex::geometry(std::string_view id) const
{
    const auto t = m_dataset->resolve(id);
    if (!t || t->kind != IdTarget::Kind::Feature) return nullptr;
    return geometry(t->layerKey, t->row);
}

std::span<const Coord> LinkIndex::analysisCoords(std::string_view layerKey, std::size_t row) const
{
    const LayerGeometry* l = layerGeometry(layerKey);
    if (!l || row >= l->geoms.size()) return {};
    return l->coordsOf(row, l->analysis);
}

std::optional<Coord> LinkIndex::lonLatPoint(std::string_view layerKey, std::size_t row) const
{
    const LayerGeometry* l = layerGeometry(layerKey);
    if (!l || row >= l->geoms.size() || l->layer->layer->geometry().kind(row) != GeometryKind::Point) return std::nullopt;
    const auto coords = l->coordsOf(row, l->lonLat);
    if (coords.size() != 1) return std::nullopt;  // a multipoint is not one position
    return coords.front();
}

std::optional<Coord> LinkIndex::representativePoint(std::string_view layerKey, std::size_t row) const
{
    const GEOSGeom_t* g = geometry(layerKey, row);
    if (!g) return std::nullopt;
    const LayerGeometry* l = layerGeometry(layerKey);
    if (l->layer->layer->geometry().kind(row) == GeometryKind::Point) return l->coordsOf(row, l->analysis).front();
    return geos::pointCoord(geos::pointOnSurface(g).get());
}

// --- timelines -------------------------------------------------------------------------------

void LinkIndex::buildTimelines()
{
    const Dataset& ds = *m_dataset;
    const LayerGeometry* control = layerGeometry(schema::kControl);
    const Column* controllerColumn = control ? control->layer->layer->column("controller") : nullptr;
    const Column* areaColumn = control ? control->layer->layer->column("area_id") : nullptr;

    for (const char* key : {schema::kPlaces, schema::kMines, schema::kCrossings}) {
        const DatasetLayer* dl = ds.layer(key);
        if (!dl) continue;
        for (std::size_t f = 0; f < dl->layer->featureCount(); ++f) {
            const std::string id(dl->id(f));
            std::vector<ResolvedSpan> out;
            const auto own = ds.controllers().history(id);
            for (const StateSpan& s : own) out.push_back({s.span, s.value, StateOrigin::History, &s, {}, {}});

            // Versions of the control layer whose polygon holds the feature's point.
            std::vector<ResolvedSpan> fromLayer;
            const auto point = representativePoint(key, f);
            if (control && controllerColumn && point) {
                const geos::Geometry p = geos::point(*point);
                control->index.query(Box::of(point->x, point->y, point->x, point->y), [&](uint32_t row) {
                    if (control->layer->times.excluded[row] || !control->geoms[row]) return true;
                    if (!geos::intersects(control->geoms[row].get(), p.get())) return true;
                    fromLayer.push_back({control->layer->times.spans[row], controllerColumn->text(row),
                                         StateOrigin::ControlLayer, nullptr, std::string(control->layer->id(row)),
                                         areaColumn ? areaColumn->text(row) : std::string()});
                    return true;
                });
            }
            std::sort(fromLayer.begin(), fromLayer.end(), [](const ResolvedSpan& a, const ResolvedSpan& b) {
                return std::tuple(lo(a.span), a.controlId) < std::tuple(lo(b.span), b.controlId);
            });
            // Where two areas' versions overlap at the point, the later version takes over.
            for (std::size_t i = 0; i + 1 < fromLayer.size(); ++i)
                if (hi(fromLayer[i].span) > lo(fromLayer[i + 1].span))
                    fromLayer[i].span = intervalOf(lo(fromLayer[i].span), lo(fromLayer[i + 1].span));

            // The gaps of the feature's own history, filled from the layer.
            std::vector<std::pair<Bound, Bound>> gaps;
            Bound cursor = kMinus;
            bool first = true;
            for (const StateSpan& s : own) {
                if (first ? lo(s.span) != kMinus : lo(s.span) > cursor) gaps.emplace_back(first ? kMinus : cursor, lo(s.span));
                cursor = std::max(first ? kMinus : cursor, hi(s.span));
                first = false;
            }
            if (first) gaps.emplace_back(kMinus, kPlus);
            else if (cursor != kPlus) gaps.emplace_back(cursor, kPlus);
            for (const ResolvedSpan& l : fromLayer) {
                for (const auto& [gLo, gHi] : gaps) {
                    const Bound a = std::max(gLo, lo(l.span)), b = std::min(gHi, hi(l.span));
                    if (a >= b) continue;
                    ResolvedSpan piece = l;
                    piece.span = intervalOf(a, b);
                    out.push_back(std::move(piece));
                }
            }
            std::sort(out.begin(), out.end(),
                      [](const ResolvedSpan& a, const ResolvedSpan& b) { return lo(a.span) < lo(b.span); });
            if (!out.empty()) m_timelines.emplace(id, std::move(out));
        }
    }
}

std::span<const ResolvedSpan> LinkIndex::controllerTimeline(std::string_view featureId) const
{
    const auto it = m_timelines.find(featureId);
    if (it == m_timelines.end()) return {};
    return it->second;
}

const ResolvedSpan* LinkIndex::controllerAt(std::string_view featureId, int32_t day) const
{
    const auto spans = controllerTimeline(featureId);
    auto it = std::upper_bound(spans.begin(), spans.end(), Bound{day},
                               [](Bound d, const ResolvedSpan& s) { return d < lo(s.span); });
    if (it == spans.begin()) return nullptr;
    --it;
    return it->span.contains(day) ? &*it : nullptr;
}

const StateSpan* LinkIndex::statusAt(std::string_view crossingId, int32_t day) const
{
    return m_dataset->crossingStatus().at(crossingId, day);
}

std::vector<uint32_t> LinkIndex::controlRowsContaining(std::string_view featureId, int32_t day) const
{
    std::vector<uint32_t> out;
    const auto t = m_dataset->resolve(featureId);
    const LayerGeometry* control = layerGeometry(schema::kControl);
    if (!t || t->kind != IdTarget::Kind::Feature || !control) return out;
    const auto point = representativePoint(t->layerKey, t->row);
    if (!point) return out;
    const geos::Geometry p = geos::point(*point);
    for (uint32_t row : control->index.query(Box::of(point->x, point->y, point->x, point->y)))
        if (control->layer->times.spans[row].contains(day) && !control->layer->times.excluded[row] &&
            geos::intersects(control->geoms[row].get(), p.get()))
            out.push_back(row);
    return out;
}

// --- explicit links --------------------------------------------------------------------------

std::vector<LinkedEvent> LinkIndex::eventsLinkedTo(std::string_view id) const
{
    const Dataset& ds = *m_dataset;
    std::vector<LinkedEvent> out;
    std::set<const Event*> seen;
    auto add = [&](std::string_view name, const std::string& via) {
        for (const Event* e : ds.events().linkedTo(name))
            if (seen.insert(e).second) out.push_back({e, via});
    };
    add(id, "");
    if (const auto t = ds.resolve(id)) {
        if (t->kind == IdTarget::Kind::Feature && (t->layerKey == schema::kControl || t->layerKey == schema::kFrontlines)) {
            const std::string group =
                ds.layer(t->layerKey)->layer->text(t->row, t->layerKey == schema::kControl ? "area_id" : "line_id");
            if (!group.empty()) add(group, group);
        } else if (t->kind == IdTarget::Kind::Area || t->kind == IdTarget::Kind::Line) {
            for (const std::string& v : versionsOf(id)) add(v, v);
        }
    }
    std::sort(out.begin(), out.end(), [](const LinkedEvent& a, const LinkedEvent& b) { return a.event < b.event; });
    return out;
}

std::vector<std::string> LinkIndex::idsOfEvent(std::string_view eventId) const
{
    const Event* e = m_dataset->events().byId(eventId);
    if (!e) return {};
    std::vector<std::string> out = e->links;
    if (!e->placeId.empty() && std::find(out.begin(), out.end(), e->placeId) == out.end()) out.push_back(e->placeId);
    return out;
}

std::vector<std::string> LinkIndex::crossingsAt(std::string_view placeId) const
{
    std::vector<std::string> out;
    const DatasetLayer* crossings = m_dataset->layer(schema::kCrossings);
    if (!crossings) return out;
    for (std::size_t f = 0; f < crossings->layer->featureCount(); ++f)
        if (crossings->layer->text(f, "place_id") == placeId) out.emplace_back(crossings->id(f));
    return out;
}

std::optional<std::string> LinkIndex::placeOf(std::string_view crossingId) const
{
    const auto t = m_dataset->resolve(crossingId);
    if (!t || t->layerKey != schema::kCrossings) return std::nullopt;
    std::string place = m_dataset->layer(schema::kCrossings)->layer->text(t->row, "place_id");
    if (place.empty()) return std::nullopt;
    return place;
}

std::vector<LinkedExport> LinkIndex::exportsLinkedTo(std::string_view id) const
{
    const Dataset& ds = *m_dataset;
    std::vector<LinkedExport> out;
    std::set<const ExportObservation*> seen;
    auto collect = [&](const Event& e, const std::string& via) {
        for (const std::string& link : e.links)
            if (const ExportObservation* o = ds.exports().byId(link); o && seen.insert(o).second) out.push_back({o, via});
    };
    if (const Event* event = ds.events().byId(id)) collect(*event, "");
    else
        for (const Event* e : ds.events().linkedTo(id)) collect(*e, e->id);
    std::sort(out.begin(), out.end(),
              [](const LinkedExport& a, const LinkedExport& b) { return a.observation < b.observation; });
    return out;
}

std::vector<std::string> LinkIndex::versionsOf(std::string_view groupId) const
{
    std::vector<std::string> out;
    for (const char* key : {schema::kControl, schema::kFrontlines}) {
        const DatasetLayer* dl = m_dataset->layer(key);
        if (!dl) continue;
        if (const SnapshotGroup* g = dl->group(groupId))
            for (const SnapshotVersion& v : g->versions)
                for (uint32_t row : v.rows) out.emplace_back(dl->id(row));
    }
    return out;
}

// --- spatial ---------------------------------------------------------------------------------

std::optional<double> LinkIndex::distance(std::string_view a, std::string_view b) const
{
    const auto ta = m_dataset->resolve(a), tb = m_dataset->resolve(b);
    if (!ta || !tb || ta->kind != IdTarget::Kind::Feature || tb->kind != IdTarget::Kind::Feature) return std::nullopt;
    const auto pa = lonLatPoint(ta->layerKey, ta->row), pb = lonLatPoint(tb->layerKey, tb->row);
    if (pa && pb) return geodesicDistance(pa->x, pa->y, pb->x, pb->y);
    const GEOSGeom_t* ga = geometry(ta->layerKey, ta->row);
    const GEOSGeom_t* gb = geometry(tb->layerKey, tb->row);
    if (!ga || !gb) return std::nullopt;
    return geos::distance(ga, gb);
}

std::vector<NearbyEvent> LinkIndex::eventsWithin(std::string_view id, double metres,
                                                 const std::optional<Interval>& window) const
{
    std::vector<NearbyEvent> out;
    const auto t = m_dataset->resolve(id);
    if (!t || t->kind != IdTarget::Kind::Feature) return out;
    const GEOSGeom_t* target = geometry(t->layerKey, t->row);
    if (!target) return out;
    const auto targetLonLat = lonLatPoint(t->layerKey, t->row);
    const Box box = boxOf(analysisCoords(t->layerKey, t->row)).buffered(metres * 1.01 + 1.0);
    const auto& events = m_dataset->events().all();
    for (uint32_t i : m_eventIndex.query(box)) {
        const Event& e = events[i];
        if (e.id == id) continue;
        if (window && !e.span.overlaps(*window)) continue;
        double d = 0;
        if (targetLonLat) d = geodesicDistance(targetLonLat->x, targetLonLat->y, m_eventLonLat[i]->x, m_eventLonLat[i]->y);
        else d = geos::distance(target, geos::point(*m_eventPoints[i]).get());
        if (d <= metres) out.push_back({&e, d});
    }
    std::sort(out.begin(), out.end(), [](const NearbyEvent& a, const NearbyEvent& b) { return a.event < b.event; });
    return out;
}

std::vector<NearbyFeature> LinkIndex::featuresWithin(std::string_view id, double metres) const
{
    std::vector<NearbyFeature> out;
    const auto t = m_dataset->resolve(id);
    if (!t || t->kind != IdTarget::Kind::Feature) return out;
    const GEOSGeom_t* target = geometry(t->layerKey, t->row);
    if (!target) return out;
    const auto targetLonLat = lonLatPoint(t->layerKey, t->row);
    const Box box = boxOf(analysisCoords(t->layerKey, t->row)).buffered(metres * 1.01 + 1.0);
    for (const char* key : {schema::kPlaces, schema::kMines, schema::kCrossings}) {
        const LayerGeometry* l = layerGeometry(key);
        if (!l) continue;
        for (uint32_t row : l->index.query(box)) {
            const std::string_view other = l->layer->id(row);
            if (other == id) continue;
            const auto otherLonLat = lonLatPoint(key, row);
            const double d = targetLonLat && otherLonLat
                                 ? geodesicDistance(targetLonLat->x, targetLonLat->y, otherLonLat->x, otherLonLat->y)
                                 : geos::distance(target, l->geoms[row].get());
            if (d <= metres) out.push_back({std::string(other), key, d});
        }
    }
    std::sort(out.begin(), out.end(), [](const NearbyFeature& a, const NearbyFeature& b) {
        return std::tie(a.metres, a.id) < std::tie(b.metres, b.id);
    });
    return out;
}

std::optional<NearbyFeature> LinkIndex::nearestCrossing(std::string_view featureId) const
{
    const DatasetLayer* crossings = m_dataset->layer(schema::kCrossings);
    if (!crossings) return std::nullopt;
    std::optional<NearbyFeature> best;
    for (std::size_t f = 0; f < crossings->layer->featureCount(); ++f) {
        const std::string_view cid = crossings->id(f);
        if (cid == featureId || crossings->layer->geometry().isNull(f)) continue;
        const auto d = distance(featureId, cid);
        if (d && (!best || *d < best->metres)) best = NearbyFeature{std::string(cid), schema::kCrossings, *d};
    }
    return best;
}

}  // namespace atlas
