#include "atlas/analysis/reports.h"
#include "atlas/data/schema.h"

#include "atlas/data/csv_table.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>

namespace atlas {

using Json = nlohmann::ordered_json;

double roundKm2(double km2) { return std::round(km2 * 100) / 100; }

std::string referenceOf(const ResolvedSpan& span)
{
    if (span.origin == StateOrigin::ControlLayer) return span.controlId;
    if (!span.row) return {};
    return std::filesystem::path(span.row->file).filename().string() + " line " + std::to_string(span.row->line);
}

namespace {

std::string fmt(const char* format, double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

std::string km2Text(double v) { return fmt("%.1f", v); }

// A number as written in the data when it round-trips, else compactly.
Json numberJson(double v)
{
    if (std::floor(v) == v && std::abs(v) < 9e15) return static_cast<int64_t>(v);
    return v;
}

Json orNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json listJson(const std::vector<std::string>& items)
{
    Json a = Json::array();
    for (const auto& i : items) a.push_back(i);
    return a;
}

// A boundary day as the data writes it: the as-written date (keeping a partial date's
// precision) of a row or version that begins or ends there, else the ISO day.
std::string boundaryText(std::optional<int32_t> day, std::initializer_list<std::optional<Date>> written)
{
    if (!day) return {};
    for (const auto& d : written)
        if (d && d->first() == *day) return d->iso();
    return isoDay(*day);
}

struct SpanText {
    std::string from;  // "" = open (since the start of the sources)
    std::string to;    // "" = open (still true)
};

SpanText spanText(const ResolvedSpan& s, const LinkIndex& links)
{
    if (s.origin == StateOrigin::History && s.row) {
        return {boundaryText(s.span.begin, {s.row->from}), boundaryText(s.span.end, {s.row->to})};
    }
    // Control layer: as_of of this version and of the next one, or a history row's edge.
    std::optional<Date> asOf, nextAsOf;
    if (const auto t = links.dataset().resolve(s.controlId)) {
        const DatasetLayer* control = links.dataset().layer(schema::kControl);
        if (const SnapshotGroup* g = control->group(s.areaId)) {
            for (std::size_t i = 0; i < g->versions.size(); ++i) {
                const auto& rows = g->versions[i].rows;
                if (std::find(rows.begin(), rows.end(), t->row) == rows.end()) continue;
                asOf = g->versions[i].asOf;
                if (i + 1 < g->versions.size()) nextAsOf = g->versions[i + 1].asOf;
            }
        }
    }
    return {boundaryText(s.span.begin, {asOf, nextAsOf}), boundaryText(s.span.end, {asOf, nextAsOf})};
}

Json controllerJson(const ResolvedSpan* s, const LinkIndex& links)
{
    Json j;
    j["controller"] = s ? Json(s->value) : Json(nullptr);
    if (!s) return j;
    const SpanText t = spanText(*s, links);
    j["origin"] = stateOriginName(s->origin);
    j["from"] = orNull(t.from);
    j["to"] = orNull(t.to);
    j["reference"] = referenceOf(*s);
    j["sources"] = listJson(s->row ? s->row->sources : std::vector<std::string>{});
    j["confidence"] = s->row ? Json(s->row->confidence) : Json(nullptr);
    return j;
}

Json statusJson(const StateSpan* s)
{
    Json j;
    j["status"] = s ? Json(s->value) : Json(nullptr);
    if (!s) return j;
    j["by"] = orNull(s->by);
    j["from"] = s->from ? Json(s->from->iso()) : Json(nullptr);
    j["to"] = s->to ? Json(s->to->iso()) : Json(nullptr);
    j["reference"] = std::filesystem::path(s->file).filename().string() + " line " + std::to_string(s->line);
    j["sources"] = listJson(s->sources);
    j["confidence"] = s->confidence;
    return j;
}

Json eventJson(const Event& e)
{
    Json j;
    j["id"] = e.id;
    j["date"] = e.date.iso();
    j["date_end"] = e.end ? Json(e.end->iso()) : Json(nullptr);
    j["approx"] = e.approx;
    j["kind"] = e.kind;
    j["title"] = e.title;
    j["place_id"] = orNull(e.placeId);
    j["sources"] = listJson(e.sources);
    j["confidence"] = e.confidence;
    return j;
}

Json observationJson(const ExportObservation& o)
{
    Json j;
    j["id"] = o.id;
    j["period"] = o.period.iso();
    j["period_end"] = o.periodEnd ? Json(o.periodEnd->iso()) : Json(nullptr);
    j["reporter"] = o.reporter;
    j["partner"] = orNull(o.partner);
    j["flow"] = o.flow;
    j["basket"] = o.basket;
    j["hs_codes"] = listJson(o.hsCodes);
    j["metric"] = o.metric;
    j["qualifier"] = orNull(o.qualifier);
    j["value"] = numberJson(o.value);
    j["unit"] = o.unit;
    j["sources"] = listJson(o.sources);
    j["confidence"] = o.confidence;
    return j;
}

std::string eventDateText(const Event& e)
{
    std::string s = e.date.iso();
    if (e.end) s += "/" + e.end->iso();
    if (e.approx) s = "~" + s;
    return s;
}

std::string observationText(const ExportObservation& o)
{
    std::string who = o.reporter + " " + o.flow;
    if (!o.partner.empty()) who += (o.flow == "import" ? " from " : o.flow == "export" ? " to " : ", partner ") + o.partner;
    std::string value = o.qualifier + o.valueText + (o.unit == "percent" ? " %" : " " + o.unit);
    return o.id + "  " + o.periodIso() + "  " + who + ", " + o.basket + ": " + o.metric + " " + value + " [" +
           joinList(o.sources) + "]";
}

std::string controllerText(const ResolvedSpan* s, const LinkIndex& links)
{
    if (!s) return "unknown";
    const SpanText t = spanText(*s, links);
    std::string out = s->value + " (";
    out += t.from.empty() ? "start not given" : "since " + t.from;
    if (!t.to.empty()) out += ", until " + t.to;
    out += "; " + (s->origin == StateOrigin::ControlLayer ? "control layer " + s->controlId : referenceOf(*s)) + ")";
    return out;
}

std::string statusText(const StateSpan* s)
{
    if (!s) return "status unknown";
    std::string out = s->value;
    if (!s->by.empty()) out += " by " + s->by;
    out += s->from ? " since " + s->from->iso() : " (start not given)";
    if (s->to) out += ", until " + s->to->iso();
    return out;
}

std::string pad(std::string s, std::size_t width)
{
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s;
}

Json sidesJson(const std::vector<SideArea>& sides)
{
    Json j = Json::object();
    for (const SideArea& s : sides) j[s.controller] = roundKm2(s.km2);
    return j;
}

std::string windowKind(const TimeCursor& cursor)
{
    if (std::holds_alternative<InstantWindow>(cursor.windowKind())) return "instant";
    if (std::holds_alternative<CumulativeWindow>(cursor.windowKind())) return "cumulative";
    return std::to_string(std::get<DaysWindow>(cursor.windowKind()).days) + "d";
}

}  // namespace

// --- state -----------------------------------------------------------------------------------

StateReport buildStateReport(const LinkIndex& links, const TimeCursor& cursor)
{
    const Dataset& ds = links.dataset();
    StateReport r;
    r.cursor = cursor;
    r.window = cursor.window();
    const int32_t day = cursor.day();
    for (const char* key : {schema::kMines, schema::kCrossings}) {
        const DatasetLayer* dl = ds.layer(key);
        if (!dl) continue;
        auto& list = std::string_view(key) == schema::kMines ? r.mines : r.crossings;
        for (std::size_t f = 0; f < dl->layer->featureCount(); ++f) {
            FeatureState s;
            s.id = dl->id(f);
            s.name = dl->layer->text(f, "name");
            s.controller = links.controllerAt(s.id, day);
            if (std::string_view(key) == schema::kCrossings) s.status = links.statusAt(s.id, day);
            list.push_back(std::move(s));
        }
    }
    const SceneState scene = querySceneState(links, {std::nullopt, cursor});
    r.events = scene.events;
    r.fronts = scene.fronts;
    r.exports = scene.exports;
    r.areas = areasHeld(links, day);
    return r;
}

Json toJson(const StateReport& r, const LinkIndex& links)
{
    const Dataset& ds = links.dataset();
    Json j;
    j["date"] = isoDay(r.cursor.day());
    Json w;
    w["kind"] = windowKind(r.cursor);
    w["from"] = r.window.begin ? Json(isoDay(*r.window.begin)) : Json(nullptr);
    w["to"] = isoDay(*r.window.end - 1);  // inclusive last day of the window
    j["window"] = w;
    for (const auto* list : {&r.mines, &r.crossings}) {
        Json a = Json::array();
        for (const FeatureState& s : *list) {
            Json f;
            f["id"] = s.id;
            f["name"] = s.name;
            const Json c = controllerJson(s.controller, links);
            f["controller"] = c["controller"];
            f["controller_detail"] = c;
            if (list == &r.crossings) {
                const Json st = statusJson(s.status);
                f["status"] = st["status"];
                f["status_detail"] = st;
            }
            a.push_back(f);
        }
        j[list == &r.mines ? "mines" : "crossings"] = a;
    }
    Json events = Json::array();
    for (const Event* e : r.events) events.push_back(eventJson(*e));
    j["events"] = events;
    Json fronts = Json::array();
    const DatasetLayer* frontLayer = ds.layer(schema::kFrontlines);
    for (const FrontScene& f : r.fronts) {
        Json fj;
        fj["line_id"] = std::string(f.lineId);
        if (f.inForce) {
            Json v;
            v["id"] = std::string(frontLayer->id(f.inForce->rows.front()));
            v["as_of"] = f.inForce->asOf.iso();
            v["description"] = frontLayer->layer->text(f.inForce->rows.front(), "description");
            fj["in_force"] = v;
        } else {
            fj["in_force"] = nullptr;
        }
        Json prev = Json::array();
        for (const SnapshotVersion* v : f.previous) {
            Json pj;
            pj["id"] = std::string(frontLayer->id(v->rows.front()));
            pj["as_of"] = v->asOf.iso();
            prev.push_back(pj);
        }
        fj["previous"] = prev;
        fronts.push_back(fj);
    }
    j["front_lines"] = fronts;
    Json exports = Json::array();
    for (const ExportObservation* o : r.exports) exports.push_back(observationJson(*o));
    j["exports"] = exports;
    Json areas = Json::array();
    for (const AreaHeld& a : r.areas) {
        Json aj;
        aj["area_id"] = a.areaId;
        aj["as_of"] = a.version->asOf.iso();
        aj["km2"] = sidesJson(a.sides);
        aj["total_km2"] = roundKm2(a.totalKm2);
        areas.push_back(aj);
    }
    j["control_areas"] = areas;
    return j;
}

std::string toText(const StateReport& r, const LinkIndex& links)
{
    const Dataset& ds = links.dataset();
    std::string out = "State of the map on " + isoDay(r.cursor.day()) + "\n";
    out += "Events window: " + (r.window.begin ? isoDay(*r.window.begin) : std::string("(all earlier days)")) +
           " to " + isoDay(*r.window.end - 1) + " (" + windowKind(r.cursor) + ")\n";
    out += "\nMines (" + std::to_string(r.mines.size()) + "): controller\n";
    for (const FeatureState& s : r.mines) out += "  " + pad(s.id, 32) + controllerText(s.controller, links) + "\n";
    out += "\nCrossings (" + std::to_string(r.crossings.size()) + "): controller; status\n";
    for (const FeatureState& s : r.crossings)
        out += "  " + pad(s.id, 32) + controllerText(s.controller, links) + "; " + statusText(s.status) + "\n";
    out += "\nEvents in the window (" + std::to_string(r.events.size()) + ")\n";
    for (const Event* e : r.events) out += "  " + pad(eventDateText(*e), 23) + pad(e->id, 48) + e->title + "\n";
    out += "\nFront lines\n";
    const DatasetLayer* frontLayer = ds.layer(schema::kFrontlines);
    for (const FrontScene& f : r.fronts) {
        out += "  " + std::string(f.lineId) + ": ";
        if (f.inForce) out += std::string(frontLayer->id(f.inForce->rows.front())) + " (as of " + f.inForce->asOf.iso() + ")";
        else out += "no version yet";
        if (!f.previous.empty()) {
            out += "; earlier versions:";
            for (const SnapshotVersion* v : f.previous) out += " " + v->asOf.iso();
        }
        out += "\n";
    }
    out += "\nExport observations covering " + isoDay(r.cursor.day()) + " (" + std::to_string(r.exports.size()) + ")\n";
    for (const ExportObservation* o : r.exports) out += "  " + observationText(*o) + "\n";
    out += "\nControl areas in force (km² held by each side)\n";
    for (const AreaHeld& a : r.areas) {
        out += "  " + pad(a.areaId + " (as of " + a.version->asOf.iso() + ")", 36);
        for (std::size_t i = 0; i < a.sides.size(); ++i)
            out += (i ? ", " : "") + a.sides[i].controller + " " + km2Text(a.sides[i].km2);
        out += "\n";
    }
    return out;
}

// --- links -----------------------------------------------------------------------------------

std::optional<LinksReport> buildLinksReport(const LinkIndex& links, const std::string& id, double withinMetres,
                                            std::optional<int32_t> day)
{
    const Dataset& ds = links.dataset();
    const auto target = ds.resolve(id);
    if (!target) return std::nullopt;
    LinksReport r;
    r.id = id;
    r.target = *target;
    r.name = ds.nameOf(id);
    r.withinMetres = withinMetres;
    r.day = day;
    r.events = links.eventsLinkedTo(id);
    r.exports = links.exportsLinkedTo(id);
    switch (target->kind) {
    case IdTarget::Kind::Feature: {
        const DatasetLayer* dl = ds.layer(target->layerKey);
        if (target->layerKey == schema::kEvents) r.names = links.idsOfEvent(id);
        if (target->layerKey == schema::kCrossings) r.place = links.placeOf(id);
        if (target->layerKey == schema::kPlaces) r.crossings = links.crossingsAt(id);
        if (target->layerKey == schema::kControl) r.group = dl->layer->text(target->row, "area_id");
        if (target->layerKey == schema::kFrontlines) r.group = dl->layer->text(target->row, "line_id");
        r.eventsNearby = links.eventsWithin(id, withinMetres);
        r.featuresNearby = links.featuresWithin(id, withinMetres);
        if (target->layerKey == schema::kMines) {
            r.nearestCrossing = links.nearestCrossing(id);
            r.figures = ds.mineFigures().forFeature(id);
        }
        r.controllerHistory = links.controllerTimeline(id);
        if (target->layerKey == schema::kCrossings) r.statusHistory = ds.crossingStatus().history(id);
        if (day) {
            r.controllerOnDay = links.controllerAt(id, *day);
            if (target->layerKey == schema::kCrossings) r.statusOnDay = links.statusAt(id, *day);
            for (uint32_t row : links.controlRowsContaining(id, *day))
                r.controlAreasOnDay.emplace_back(ds.layer(schema::kControl)->id(row));
        }
        break;
    }
    case IdTarget::Kind::Export: r.observation = &ds.exports().all()[target->row]; break;
    case IdTarget::Kind::Area:
    case IdTarget::Kind::Line: r.versions = links.versionsOf(id); break;
    }
    return r;
}

Json toJson(const LinksReport& r, const LinkIndex& links)
{
    const Dataset& ds = links.dataset();
    Json j;
    j["id"] = r.id;
    const char* kinds[] = {"feature", "export", "area", "line"};
    j["kind"] = kinds[static_cast<int>(r.target.kind)];
    j["layer"] = r.target.kind == IdTarget::Kind::Feature ? Json(r.target.layerKey) : Json(nullptr);
    j["name"] = orNull(r.name);
    j["date"] = r.day ? Json(isoDay(*r.day)) : Json(nullptr);
    j["within_km"] = r.withinMetres / 1000.0;
    Json names = Json::array();
    for (const std::string& n : r.names) {
        Json nj;
        nj["id"] = n;
        nj["name"] = orNull(ds.nameOf(n));
        names.push_back(nj);
    }
    j["names"] = names;
    j["place_id"] = r.place ? Json(*r.place) : Json(nullptr);
    j["crossings"] = listJson(r.crossings);
    j["group"] = orNull(r.group);
    j["versions"] = listJson(r.versions);
    Json events = Json::array();
    for (const LinkedEvent& e : r.events) {
        Json ej = eventJson(*e.event);
        ej["via"] = orNull(e.via);
        events.push_back(ej);
    }
    j["events"] = events;
    Json nearby = Json::array();
    for (const NearbyEvent& e : r.eventsNearby) {
        Json ej = eventJson(*e.event);
        ej["distance_km"] = std::round(e.metres / 10) / 100;
        nearby.push_back(ej);
    }
    j["events_within"] = nearby;
    Json features = Json::array();
    for (const NearbyFeature& f : r.featuresNearby) {
        Json fj;
        fj["id"] = f.id;
        fj["layer"] = f.layerKey;
        fj["distance_km"] = std::round(f.metres / 10) / 100;
        features.push_back(fj);
    }
    j["features_within"] = features;
    if (r.nearestCrossing) {
        Json n;
        n["id"] = r.nearestCrossing->id;
        n["distance_km"] = std::round(r.nearestCrossing->metres / 10) / 100;
        j["nearest_crossing"] = n;
    } else {
        j["nearest_crossing"] = nullptr;
    }
    Json exports = Json::array();
    for (const LinkedExport& e : r.exports) {
        Json ej = observationJson(*e.observation);
        ej["via"] = orNull(e.via);
        exports.push_back(ej);
    }
    j["exports"] = exports;
    j["observation"] = r.observation ? observationJson(*r.observation) : Json(nullptr);
    Json controllers = Json::array();
    for (const ResolvedSpan& s : r.controllerHistory) controllers.push_back(controllerJson(&s, links));
    j["controller_history"] = controllers;
    Json statuses = Json::array();
    for (const StateSpan& s : r.statusHistory) statuses.push_back(statusJson(&s));
    j["status_history"] = statuses;
    Json figures = Json::array();
    for (const MineFigure* m : r.figures) {
        Json fj;
        fj["period"] = m->period.iso();
        fj["metric"] = m->metric;
        fj["qualifier"] = orNull(m->qualifier);
        fj["value"] = numberJson(m->value);
        fj["unit"] = m->unit;
        fj["sources"] = listJson(m->sources);
        figures.push_back(fj);
    }
    j["figures"] = figures;
    if (r.day) {
        Json on;
        on["controller"] = controllerJson(r.controllerOnDay, links);
        on["status"] = r.target.layerKey == schema::kCrossings ? statusJson(r.statusOnDay) : Json(nullptr);
        on["control_areas"] = listJson(r.controlAreasOnDay);
        j["on_date"] = on;
    }
    return j;
}

std::string toText(const LinksReport& r, const LinkIndex& links)
{
    const Dataset& ds = links.dataset();
    std::string out = r.id + (r.name.empty() ? "" : " — " + r.name) + "\n";
    auto section = [&](const std::string& title) { out += "\n" + title + "\n"; };
    if (!r.names.empty()) {
        section("Names (" + std::to_string(r.names.size()) + ")");
        for (const std::string& n : r.names) out += "  " + pad(n, 40) + ds.nameOf(n) + "\n";
    }
    if (r.place) out += "  place: " + *r.place + "\n";
    if (!r.crossings.empty()) {
        section("Crossings at this place");
        for (const std::string& c : r.crossings) out += "  " + c + "\n";
    }
    if (!r.group.empty()) out += "  version of " + r.group + "\n";
    if (!r.versions.empty()) {
        section("Versions (" + std::to_string(r.versions.size()) + ")");
        for (const std::string& v : r.versions) out += "  " + v + "\n";
    }
    if (r.observation) section("Observation\n  " + observationText(*r.observation));
    section("Events naming it (" + std::to_string(r.events.size()) + ")");
    for (const LinkedEvent& e : r.events)
        out += "  " + pad(eventDateText(*e.event), 23) + pad(e.event->id, 48) + e.event->title +
               (e.via.empty() ? "" : "  (via " + e.via + ")") + "\n";
    if (r.target.kind == IdTarget::Kind::Feature) {
        const std::string km = fmt("%g", r.withinMetres / 1000);
        section("Events within " + km + " km (" + std::to_string(r.eventsNearby.size()) + ")");
        for (const NearbyEvent& e : r.eventsNearby)
            out += "  " + pad(eventDateText(*e.event), 23) + pad(e.event->id, 48) + pad(fmt("%.1f km", e.metres / 1000), 10) +
                   e.event->title + "\n";
        section("Places, mines and crossings within " + km + " km (" + std::to_string(r.featuresNearby.size()) + ")");
        for (const NearbyFeature& f : r.featuresNearby) out += "  " + pad(f.id, 40) + fmt("%.1f km", f.metres / 1000) + "\n";
    }
    if (r.nearestCrossing)
        out += "\nNearest crossing: " + r.nearestCrossing->id + " (" + fmt("%.1f km", r.nearestCrossing->metres / 1000) + ")\n";
    section("Trade observations (" + std::to_string(r.exports.size()) + ")");
    for (const LinkedExport& e : r.exports)
        out += "  " + observationText(*e.observation) + (e.via.empty() ? "" : "  (via " + e.via + ")") + "\n";
    if (!r.controllerHistory.empty() || r.target.layerKey == schema::kMines || r.target.layerKey == schema::kCrossings ||
        r.target.layerKey == schema::kPlaces) {
        section("Controller history (" + std::to_string(r.controllerHistory.size()) + ")");
        for (const ResolvedSpan& s : r.controllerHistory) out += "  " + controllerText(&s, links) + "\n";
    }
    if (r.target.layerKey == schema::kCrossings) {
        section("Status history (" + std::to_string(r.statusHistory.size()) + ")");
        for (const StateSpan& s : r.statusHistory) out += "  " + statusText(&s) + "\n";
    }
    if (!r.figures.empty()) {
        section("Figures (" + std::to_string(r.figures.size()) + ")");
        for (const MineFigure* m : r.figures)
            out += "  " + pad(m->period.iso(), 9) + m->metric + ": " + m->qualifier + m->valueText + " " + m->unit + " [" +
                   joinList(m->sources) + "]\n";
    }
    if (r.day) {
        section("On " + isoDay(*r.day));
        out += "  controller: " + controllerText(r.controllerOnDay, links) + "\n";
        if (r.target.layerKey == schema::kCrossings) out += "  status: " + statusText(r.statusOnDay) + "\n";
        if (!r.controlAreasOnDay.empty()) {
            out += "  inside:";
            for (const std::string& c : r.controlAreasOnDay) out += " " + c;
            out += "\n";
        }
    }
    return out;
}

// --- diff ------------------------------------------------------------------------------------

DiffReport buildDiffReport(const LinkIndex& links, int32_t fromDay, int32_t toDay)
{
    const Dataset& ds = links.dataset();
    DiffReport r;
    r.fromDay = fromDay;
    r.toDay = toDay;
    // A state changes on day b when its value on b differs from its value on b − 1; the days
    // to look at are the edges of the spans.
    for (const char* key : {schema::kPlaces, schema::kMines, schema::kCrossings}) {
        const DatasetLayer* dl = ds.layer(key);
        if (!dl) continue;
        for (std::size_t f = 0; f < dl->layer->featureCount(); ++f) {
            const std::string id(dl->id(f));
            std::set<int32_t> edges;
            for (const ResolvedSpan& s : links.controllerTimeline(id)) {
                if (s.span.begin) edges.insert(*s.span.begin);
                if (s.span.end) edges.insert(*s.span.end);
            }
            for (int32_t b : edges) {
                if (b <= fromDay || b > toDay) continue;
                const ResolvedSpan* before = links.controllerAt(id, b - 1);
                const ResolvedSpan* after = links.controllerAt(id, b);
                const std::string from = before ? before->value : "", to = after ? after->value : "";
                if (from == to) continue;
                r.controllerChanges.push_back({b, id, ds.nameOf(id), from, to, "",
                                               after ? referenceOf(*after) : before ? referenceOf(*before) : ""});
            }
            if (std::string_view(key) != schema::kCrossings) continue;
            std::set<int32_t> statusEdges;
            for (const StateSpan& s : ds.crossingStatus().history(id)) {
                if (s.span.begin) statusEdges.insert(*s.span.begin);
                if (s.span.end) statusEdges.insert(*s.span.end);
            }
            for (int32_t b : statusEdges) {
                if (b <= fromDay || b > toDay) continue;
                const StateSpan* before = links.statusAt(id, b - 1);
                const StateSpan* after = links.statusAt(id, b);
                const std::string from = before ? before->value : "", to = after ? after->value : "";
                if (from == to && (before ? before->by : "") == (after ? after->by : "")) continue;
                const StateSpan* ref = after ? after : before;
                r.statusChanges.push_back({b, id, ds.nameOf(id), from, to, after ? after->by : "",
                                           std::filesystem::path(ref->file).filename().string() + " line " +
                                               std::to_string(ref->line)});
            }
        }
    }
    auto byDay = [](const Transition& a, const Transition& b) { return std::tie(a.day, a.id) < std::tie(b.day, b.id); };
    std::stable_sort(r.controllerChanges.begin(), r.controllerChanges.end(), byDay);
    std::stable_sort(r.statusChanges.begin(), r.statusChanges.end(), byDay);
    for (FrontChange& f : frontChanges(links, fromDay, toDay))
        if (f.changed()) r.fronts.push_back(std::move(f));
    for (TerritoryChange& t : territoryChanges(links, fromDay, toDay))
        if (t.changed()) r.areas.push_back(std::move(t));
    return r;
}

Json toJson(const DiffReport& r, const LinkIndex& links)
{
    Json j;
    j["from"] = isoDay(r.fromDay);
    j["to"] = isoDay(r.toDay);
    auto transitions = [](const std::vector<Transition>& list, bool status) {
        Json a = Json::array();
        for (const Transition& t : list) {
            Json tj;
            tj["date"] = isoDay(t.day);
            tj["id"] = t.id;
            tj["name"] = orNull(t.name);
            tj["from"] = orNull(t.from);
            tj["to"] = orNull(t.to);
            if (status) tj["by"] = orNull(t.by);
            tj["reference"] = t.reference;
            a.push_back(tj);
        }
        return a;
    };
    j["controller_changes"] = transitions(r.controllerChanges, false);
    j["status_changes"] = transitions(r.statusChanges, true);
    Json fronts = Json::array();
    for (const FrontChange& f : r.fronts) {
        Json fj;
        fj["line_id"] = f.lineId;
        fj["from_version"] = orNull(f.fromId);
        fj["to_version"] = orNull(f.toId);
        fj["enclosed_before_km2"] = f.enclosedBeforeKm2 ? Json(roundKm2(*f.enclosedBeforeKm2)) : Json(nullptr);
        fj["enclosed_after_km2"] = f.enclosedAfterKm2 ? Json(roundKm2(*f.enclosedAfterKm2)) : Json(nullptr);
        fj["moved_inside_km2"] = roundKm2(f.movedInsideKm2);
        fj["moved_outside_km2"] = roundKm2(f.movedOutsideKm2);
        fronts.push_back(fj);
    }
    j["front_lines"] = fronts;
    Json areas = Json::array();
    for (const TerritoryChange& t : r.areas) {
        Json tj;
        tj["area_id"] = t.areaId;
        tj["from_as_of"] = t.from ? Json(t.from->asOf.iso()) : Json(nullptr);
        tj["to_as_of"] = t.to ? Json(t.to->asOf.iso()) : Json(nullptr);
        Json sides = Json::array();
        for (const SideChange& s : t.sides) {
            Json sj;
            sj["controller"] = s.controller;
            sj["before_km2"] = roundKm2(s.beforeKm2);
            sj["after_km2"] = roundKm2(s.afterKm2);
            sj["gained_km2"] = roundKm2(s.gainedKm2);
            sj["lost_km2"] = roundKm2(s.lostKm2);
            sides.push_back(sj);
        }
        tj["sides"] = sides;
        areas.push_back(tj);
    }
    j["territory"] = areas;
    (void)links;
    return j;
}

std::string toText(const DiffReport& r, const LinkIndex& links)
{
    (void)links;
    std::string out = "Changes after " + isoDay(r.fromDay) + " up to and including " + isoDay(r.toDay) + "\n";
    auto value = [](const std::string& v) { return v.empty() ? std::string("unknown") : v; };
    out += "\nController changes (" + std::to_string(r.controllerChanges.size()) + ")\n";
    for (const Transition& t : r.controllerChanges)
        out += "  " + isoDay(t.day) + "  " + pad(t.id, 30) + pad(value(t.from) + " → " + value(t.to), 26) + "(" +
               t.reference + ")\n";
    out += "\nCrossing status changes (" + std::to_string(r.statusChanges.size()) + ")\n";
    for (const Transition& t : r.statusChanges)
        out += "  " + isoDay(t.day) + "  " + pad(t.id, 30) +
               pad(value(t.from) + " → " + value(t.to) + (t.by.empty() ? "" : " by " + t.by), 34) + "(" + t.reference +
               ")\n";
    out += "\nFront lines (" + std::to_string(r.fronts.size()) + ")\n";
    for (const FrontChange& f : r.fronts) {
        out += "  " + f.lineId + ": " + (f.fromId.empty() ? "no version" : f.fromId) + " → " +
               (f.toId.empty() ? "no version" : f.toId);
        if (f.enclosedBeforeKm2 && f.enclosedAfterKm2)
            out += "; enclosed " + km2Text(*f.enclosedBeforeKm2) + " → " + km2Text(*f.enclosedAfterKm2) + " km² (" +
                   km2Text(f.movedInsideKm2) + " km² moved inside the line, " + km2Text(f.movedOutsideKm2) +
                   " km² outside)";
        out += "\n";
    }
    out += "\nTerritory (km², per side: before → after, gained, lost)\n";
    for (const TerritoryChange& t : r.areas) {
        out += "  " + t.areaId + ": " + (t.from ? "as of " + t.from->asOf.iso() : std::string("no version")) + " → " +
               (t.to ? "as of " + t.to->asOf.iso() : std::string("no version")) + "\n";
        for (const SideChange& s : t.sides)
            out += "    " + pad(s.controller, 11) + km2Text(s.beforeKm2) + " → " + km2Text(s.afterKm2) + "   gained " +
                   km2Text(s.gainedKm2) + "   lost " + km2Text(s.lostKm2) + "\n";
        if (t.sides.empty()) out += "    (no comparison: nothing is known before an area's first version)\n";
    }
    return out;
}

}  // namespace atlas
