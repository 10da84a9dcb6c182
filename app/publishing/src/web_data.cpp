// webMapData: the document as the web page's data — layers with their styles and the spans the
// model compiled, timelines, events, sources and what each popup shows. Nothing is worked out
// again in the page that the model already knows; the page only compares day numbers.
#include "atlas/publishing/web_export.h"
#include "atlas/data/schema.h"

#include "atlas/analysis/search_index.h"
#include "atlas/crs.h"
#include "atlas/data/dataset.h"
#include "atlas/publishing/project_export.h"
#include "atlas/render/default_styles.h"
#include "atlas/render/palette.h"
#include "web_geometry.h"

#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <map>

namespace atlas::app {
namespace {

using Json = nlohmann::ordered_json;

Json dayOrNull(const std::optional<int32_t>& d)
{
    return d ? Json(*d) : Json(nullptr);
}

Json spanJson(const Interval& s)
{
    return Json::array({dayOrNull(s.begin), dayOrNull(s.end)});
}

std::string hex(const QColor& c)
{
    return c.name(QColor::HexRgb).toStdString();
}

double alpha(const QColor& c)
{
    return std::round(c.alphaF() * 1000) / 1000;
}

const char* shapeName(render::MarkerShape s)
{
    switch (s) {
    case render::MarkerShape::Circle: return "circle";
    case render::MarkerShape::Square: return "square";
    case render::MarkerShape::Triangle: return "triangle";
    case render::MarkerShape::Diamond: return "diamond";
    case render::MarkerShape::Star: return "star";
    case render::MarkerShape::Cross: return "cross";
    }
    return "circle";
}

const char* dashName(Qt::PenStyle s)
{
    switch (s) {
    case Qt::NoPen: return "none";
    case Qt::DashLine: return "dash";
    case Qt::DotLine: return "dot";
    case Qt::DashDotLine:
    case Qt::DashDotDotLine: return "dashdot";
    default: return "solid";
    }
}

Json symbolJson(const render::Symbol& s)
{
    return Json{{"fill", hex(s.fill)},     {"fillA", alpha(s.fill)}, {"stroke", hex(s.stroke)},
                {"strokeA", alpha(s.stroke)}, {"width", s.strokeWidth}, {"size", s.size},
                {"shape", shapeName(s.shape)}, {"dash", dashName(s.strokeStyle)}};
}

// The renderer's style table, as the page reads it.
Json styleJson(const render::LayerStyle& style)
{
    Json j;
    j["title"] = style.title.toStdString();
    j["symbol"] = symbolJson(style.symbol);
    j["categoryField"] = style.categoryField;
    Json cats = Json::array();
    for (const render::Category& c : style.categories)
        cats.push_back(Json{{"value", c.value}, {"label", c.label.toStdString()}, {"symbol", symbolJson(c.symbol)}});
    j["categories"] = cats;
    j["showOther"] = style.showOtherInLegend;
    j["opacity"] = style.opacity;
    j["label"] = Json{{"field", style.label.field},         {"size", style.label.pointSize},
                      {"color", hex(style.label.color)},    {"halo", hex(style.label.halo)},
                      {"bold", style.label.bold},           {"priority", style.label.priority}};
    return j;
}

double roundTo(double v, double scale)
{
    return std::round(v * scale) / scale;
}

std::vector<std::string> splitSources(const std::string& text)
{
    std::vector<std::string> out;
    for (const QString& id : QString::fromStdString(text).split(QRegularExpression("[;,]"))) {
        const std::string s = id.trimmed().toStdString();
        if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    }
    return out;
}

void addUnique(std::vector<std::string>& into, const std::vector<std::string>& more)
{
    for (const std::string& s : more)
        if (std::find(into.begin(), into.end(), s) == into.end()) into.push_back(s);
}

// The first address a source gives ("host/path ; copy …"), as a link; none when the sheet
// shortened it ("…") or gives none.
std::string sourceHref(const std::string& url)
{
    const QString first = QString::fromStdString(url).split(';').front().trimmed();
    if (first.isEmpty() || first.contains(QChar(0x2026)) || first.contains(' ') || first == QString::fromUtf8("—") ||
        !first.contains('.'))
        return {};
    if (first.startsWith("http://") || first.startsWith("https://")) return first.toStdString();
    return "https://" + first.toStdString();
}

Json sourcesJson(const Dataset& ds)
{
    std::vector<const Source*> all;
    for (const Source& s : ds.sources().all()) all.push_back(&s);
    std::sort(all.begin(), all.end(), [](const Source* a, const Source* b) { return sourceIdLess(a->id, b->id); });
    Json j = Json::object();
    int rank = 0;
    for (const Source* s : all) {
        Json outlets = Json::array();
        for (const QString& o : outletNames(s->outlet)) outlets.push_back(o.toStdString());
        j[s->id] = Json{{"outlet", s->outlet}, {"title", s->title}, {"date", s->date == "—" ? "" : s->date},
                        {"url", s->url == "—" ? "" : s->url}, {"href", sourceHref(s->url)}, {"outlets", outlets},
                        {"rank", rank++}};
    }
    return j;
}

std::string originText(const ResolvedSpan& s)
{
    if (s.origin == StateOrigin::History) return s.row ? "controllers.csv line " + std::to_string(s.row->line) : "controllers.csv";
    return "inside " + s.controlId + " on the control map";
}

// Controller and status histories of every place, mine and crossing.
Json timelinesJson(const LinkIndex& links)
{
    const Dataset& ds = links.dataset();
    Json j = Json::object();
    for (const char* key : {schema::kPlaces, schema::kMines, schema::kCrossings}) {
        const DatasetLayer* dl = ds.layer(key);
        if (!dl) continue;
        for (std::size_t f = 0; f < dl->layer->featureCount(); ++f) {
            const std::string id(dl->id(f));
            Json t = Json::object();
            Json controller = Json::array();
            for (const ResolvedSpan& s : links.controllerTimeline(id)) {
                Json sources = Json::array();
                if (s.row)
                    for (const std::string& src : s.row->sources) sources.push_back(src);
                controller.push_back(Json::array({dayOrNull(s.span.begin), dayOrNull(s.span.end), s.value, originText(s), sources}));
            }
            if (!controller.empty()) t["controller"] = controller;
            Json status = Json::array();
            for (const StateSpan& s : ds.crossingStatus().history(id)) {
                Json sources = Json::array();
                for (const std::string& src : s.sources) sources.push_back(src);
                status.push_back(Json::array({dayOrNull(s.span.begin), dayOrNull(s.span.end), s.value, s.by, sources}));
            }
            if (!status.empty()) t["status"] = status;
            if (!t.empty()) j[id] = t;
        }
    }
    return j;
}

Json eventsJson(const Dataset& ds)
{
    Json a = Json::array();
    for (const Event& e : ds.events().all()) {
        std::string date = e.date.label();
        if (e.end && !(*e.end == e.date)) date += " – " + e.end->label();
        if (e.approx) date = "≈ " + date;
        Json concerns = Json::array();
        std::vector<std::string> ids = e.links;
        if (!e.placeId.empty()) addUnique(ids, {e.placeId});
        for (const std::string& id : ids) {
            const std::string name = ds.nameOf(id);
            concerns.push_back(Json::array({id, name.empty() ? id : name}));
        }
        Json actors = Json::array();
        for (const std::string& s : e.actors) actors.push_back(s);
        Json sources = Json::array();
        for (const std::string& s : e.sources) sources.push_back(s);
        a.push_back(Json{{"id", e.id}, {"t", spanJson(e.span)}, {"date", date}, {"kind", e.kind}, {"title", e.title},
                         {"summary", e.summary}, {"actors", actors}, {"concerns", concerns}, {"sources", sources},
                         {"confidence", e.confidence}});
    }
    return a;
}

// What the inspector shows about a dataset feature, besides what depends on the day (the page
// reads that from the timelines and the feature's span).
Json popupJson(const LinkIndex& links, const DatasetLayer& dl, std::size_t row, const QString& layerTitle,
               const std::map<std::string, std::size_t>& eventIndex)
{
    const Dataset& ds = links.dataset();
    const Layer& layer = *dl.layer;
    const std::string id(dl.id(row));
    Json p;
    std::string title = layer.text(row, "name");
    if (title.empty()) title = id;
    p["title"] = title;
    std::string kind;
    for (const char* f : {"kind", "minerals", "class", "description"})
        if (kind = layer.text(row, f); !kind.empty()) break;
    p["sub"] = layerTitle.toStdString() + (kind.empty() ? "" : " · " + kind);
    Json names = Json::array();
    for (const char* f : {"name", "name_my", "name_zh", "name_kac"})
        if (const std::string n = layer.text(row, f); !n.empty() && n != title) names.push_back(n);
    for (const std::string& n : splitNameList(layer.text(row, "alt_names"))) names.push_back(n);
    if (const std::string cn = layer.text(row, "cn_counterpart"); !cn.empty()) {
        const std::string cnZh = layer.text(row, "cn_counterpart_zh");
        names.push_back("China side: " + cn + (cnZh.empty() ? "" : " " + cnZh));
    }
    p["names"] = names;
    Json quality = Json::array();
    if (const std::string c = layer.text(row, "confidence"); !c.empty()) quality.push_back("confidence " + c);
    if (const std::string c = layer.text(row, "precision"); !c.empty()) quality.push_back("position " + c);
    if (layer.text(row, "schematic") == "1" || layer.text(row, "schematic") == "true") quality.push_back("schematic shape");
    p["quality"] = quality;
    for (const char* f : {"status_note", "note"})
        if (const std::string n = layer.text(row, f); !n.empty()) {
            p["note"] = n;
            break;
        }

    // Events that name the feature, and those within 10 km of it, as the inspector lists them.
    std::map<std::string, std::pair<const Event*, std::string>> byId;
    for (const LinkedEvent& le : links.eventsLinkedTo(id)) {
        const std::string via = le.via.empty() ? "linked" : "via " + (ds.nameOf(le.via).empty() ? le.via : ds.nameOf(le.via));
        byId.emplace(le.event->id, std::make_pair(le.event, via));
    }
    for (const NearbyEvent& ne : links.eventsWithin(id, 10'000)) {
        const std::string rel = ne.metres < 500 ? "here" : std::to_string(static_cast<int>(std::lround(ne.metres / 1000))) + " km away";
        byId.emplace(ne.event->id, std::make_pair(ne.event, rel));
    }
    std::vector<std::pair<const Event*, std::string>> list;
    for (auto& [k, v] : byId) list.push_back(v);
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
        return std::tie(a.first->span.begin, a.first->id) < std::tie(b.first->span.begin, b.first->id);
    });
    Json events = Json::array();
    for (const auto& [e, rel] : list)
        if (const auto it = eventIndex.find(e->id); it != eventIndex.end()) events.push_back(Json::array({it->second, rel}));
    p["events"] = events;

    if (dl.key == schema::kMines) {
        Json figures = Json::array();
        for (const MineFigure* f : ds.mineFigures().forFeature(id)) {
            std::string srcs;
            for (const std::string& s : f->sources) srcs += (srcs.empty() ? "" : ", ") + s;
            figures.push_back(Json::array({f->period.first(), f->period.label() + " — " + f->metric + ": " + f->qualifier +
                                                                  f->valueText + " " + f->unit + " [" + srcs + "]"}));
        }
        if (!figures.empty()) p["figures"] = figures;
    }

    // The feature's own sources, then those of its histories.
    std::vector<std::string> sources = splitSources(layer.text(row, "sources"));
    for (const ResolvedSpan& s : links.controllerTimeline(id))
        if (s.row) addUnique(sources, s.row->sources);
    for (const StateSpan& s : ds.crossingStatus().history(id)) addUnique(sources, s.sources);
    p["sources"] = sources;
    return p;
}

Json timeJson(const FeatureTimes& times, const TimeMode& mode, bool earlierFronts)
{
    Json t;
    t["mode"] = timeModeName(mode);
    t["fade"] = times.fadeDays;
    t["persists"] = times.persists;
    t["faded"] = times.fadedOpacity;
    t["onDay"] = times.statesOnDay;
    // The window draws superseded front-line versions faintly under the one in force.
    if (earlierFronts) t["earlier"] = 0.22;
    return t;
}

Json windowJson(const TimeCursor& cursor)
{
    return std::visit(
        [](const auto& w) -> Json {
            using W = std::decay_t<decltype(w)>;
            if constexpr (std::is_same_v<W, InstantWindow>) return Json{{"kind", "instant"}, {"days", 1}};
            else if constexpr (std::is_same_v<W, DaysWindow>) return Json{{"kind", std::to_string(std::max(w.days, 1)) + "d"}, {"days", std::max(w.days, 1)}};
            else return Json{{"kind", "cumulative"}, {"days", nullptr}};
        },
        cursor.windowKind());
}

// Snapshot groups (front lines, control areas): their versions, for the state on a day.
Json groupsJson(const DatasetLayer* dl)
{
    Json a = Json::array();
    if (!dl) return a;
    for (const SnapshotGroup& g : dl->groups) {
        Json versions = Json::array();
        for (const SnapshotVersion& v : g.versions)
            versions.push_back(Json{{"id", std::string(dl->id(v.rows.front()))}, {"as_of", v.asOf.iso()}, {"t", spanJson(v.span)}});
        a.push_back(Json{{"group", g.group}, {"versions", versions}});
    }
    return a;
}

// Where the page's geometry comes from: a layer drawn twice from the same features (the
// countries' fill under the states, their borders over them) carries it once.
struct GeometryPlan {
    std::optional<std::size_t> geometryOf;  // the exported layer that carries it
    bool splittable = true;                 // no other layer draws these features
    Box near;                               // lon/lat: basemap features outside go to `far`
};

Json layerJson(const MapDocument& doc, std::size_t at, const CoordinateTransform& toLonLat,
               const std::map<std::string, std::size_t>& eventIndex, const GeometryPlan& plan, Json& far)
{
    const LayerEntry& e = doc.layers()[at];
    const Layer& layer = *e.layer;
    const render::LayerStyle& style = e.style;
    const DatasetLayer* dl = doc.dataset() && !e.datasetKey.empty() ? doc.dataset()->layer(e.datasetKey) : nullptr;
    const bool basemap = e.role == LayerRole::Basemap;

    Json j;
    j["key"] = e.datasetKey;
    j["name"] = layer.name();
    j["role"] = basemap ? "basemap" : "data";
    j["file"] = QFileInfo(QString::fromStdString(layer.sourcePath())).fileName().toStdString();
    j["style"] = styleJson(style);
    const FeatureTimes* times = doc.featureTimes(at);
    const TimeMode* mode = dl ? &dl->mode : e.time ? &e.time->mode : nullptr;
    j["time"] = times && mode && !std::holds_alternative<StaticTime>(*mode)
                    ? timeJson(*times, *mode, e.datasetKey == schema::kFrontlines && doc.showEarlierFrontLines())
                    : Json(nullptr);

    const bool attributeCategory = !style.categoryField.empty() && style.categoryField[0] != '@';
    // Control areas carry their controller as an attribute; the clock's state reads it.
    const bool controllerColumn = style.categoryField == render::kControllerState && e.datasetKey == schema::kControl;
    const Column* sources = layer.column("sources");
    // Natural Earth's borders and GSHHG's rivers need no more than ~10 m; the data keep ~1 m.
    const double scale = basemap ? 1e4 : 1e5;
    if (plan.geometryOf) j["geometryOf"] = *plan.geometryOf;
    Json features = Json::array();
    for (std::size_t f = 0; f < layer.featureCount(); ++f) {
        Json feat = Json::object();
        const std::string id = dl ? std::string(dl->id(f)) : layer.text(f, "id");
        if (!id.empty()) feat["id"] = id;
        const GeometryKind kind = layer.geometry().kind(f);
        web::Parts parts = web::lonLatParts(layer.geometry(), f, toLonLat);
        // Basemap features away from the initial view are not needed for the first drawing:
        // the page loads them right after it (data/atlas-far.js).
        const Box bounds = web::partsBounds(parts);
        std::optional<Json> restGeometry;
        bool isFar = basemap && !parts.empty() && !bounds.intersects(plan.near);
        if (!plan.geometryOf) {
            // Thinned to half a pixel at the page's closest zoom: nothing a reader can see.
            if (basemap) parts = web::simplifyForZoom(kind, parts, kWebMaxZoom, 0.5);
            // A river across the region: the stretch near the view now, the rest with the far
            // basemap. Not for features another layer draws again, nor labelled ones (the
            // label goes at the middle of the whole feature).
            const bool inside = plan.near.contains(bounds.minX, bounds.minY) && plan.near.contains(bounds.maxX, bounds.maxY);
            if (basemap && !isFar && kind == GeometryKind::Line && plan.splittable && style.label.field.empty() && !inside) {
                auto [near, rest] = web::splitLines(parts, plan.near);
                if (near.empty()) {
                    isFar = true;  // its bounds meet the box, the line does not
                } else if (!rest.empty()) {
                    restGeometry = web::geometryJson(kind, rest, scale);
                    parts = std::move(near);
                }
            }
            feat["g"] = web::geometryJson(kind, parts, scale);
        }
        if (attributeCategory) feat["c"] = layer.text(f, style.categoryField);
        if (controllerColumn) feat["c"] = layer.text(f, "controller");
        if (!style.label.field.empty())
            if (const std::string l = layer.text(f, style.label.field); !l.empty()) feat["l"] = l;
        if (!style.label.rankField.empty())
            if (const Column* c = layer.column(style.label.rankField); c && c->number(f)) feat["r"] = *c->number(f);
        if (times && f < times->size()) {
            feat["t"] = spanJson(times->spans[f]);
            if (times->excluded[f]) feat["x"] = 1;
        }
        if (!basemap && sources && !sources->isNull(f)) feat["s"] = splitSources(sources->text(f));
        if (dl && e.datasetKey != schema::kEvents) {
            feat["popup"] = popupJson(*doc.links(), *dl, f, style.title, eventIndex);
        } else if (!dl && !basemap) {
            // A user's layer: its attributes, as the inspector lists them.
            Json attrs = Json::array();
            for (const Column& c : layer.columns()) {
                if (c.name().starts_with("_") || c.isNull(f)) continue;
                if (const std::string v = c.text(f); !v.empty()) attrs.push_back(Json::array({c.name(), v}));
            }
            feat["a"] = attrs;
        }
        if (restGeometry) {
            Json rest = feat;
            rest["g"] = std::move(*restGeometry);
            far.push_back(std::move(rest));
        }
        (isFar ? far : features).push_back(std::move(feat));
    }
    j["features"] = features;
    return j;
}

// The colours and labels the inspector uses for controllers, statuses and event kinds.
Json paletteJson()
{
    Json controllers = Json::object();
    for (const render::Category& c : render::controllerCategories(render::Symbol{}))
        controllers[c.value] = Json{{"colour", hex(render::palette::controllerColor(c.value))}, {"label", c.label.toStdString()}};
    Json statuses = Json::object();
    for (const char* s : {"open", "restricted", "closed"}) statuses[s] = hex(render::palette::statusColor(s));
    Json kinds = Json::object();
    for (const char* k : {"battle", "capture", "airstrike", "border", "trade", "policy", "political", "disaster", "report"})
        kinds[k] = hex(render::palette::eventKindColor(k));
    return Json{{"controller", controllers}, {"status", statuses}, {"kind", kinds}, {"other", hex(render::palette::kGrey)}};
}

}  // namespace

Json webMapData(const WebExportJob& job)
{
    const MapDocument& doc = *job.document;
    const CoordinateTransform toLonLat(doc.displayCrs(), kWgs84);
    const Dataset* ds = doc.dataset();

    Json j;
    j["title"] = job.title.toStdString();
    j["subtitle"] = job.subtitle.toStdString();
    const Box ll = toLonLat.transformBox(job.extent);
    j["view"] = Json::array({Json::array({roundTo(ll.minY, 1e5), roundTo(ll.minX, 1e5)}),
                             Json::array({roundTo(ll.maxY, 1e5), roundTo(ll.maxX, 1e5)})});
    const auto range = doc.timeRange();
    const int32_t from = job.from.value_or(range ? range->first : job.cursor.day());
    const int32_t to = std::max(from, job.to.value_or(range ? range->second : job.cursor.day()));
    j["range"] = Json::array({from, to});
    j["day"] = std::clamp(job.cursor.day(), from, to);
    j["window"] = windowJson(job.cursor);
    j["background"] = hex(render::MapScene{}.background);
    j["palette"] = paletteJson();

    std::map<std::string, std::size_t> eventIndex;
    if (ds)
        for (std::size_t i = 0; i < ds->events().all().size(); ++i) eventIndex.emplace(ds->events().all()[i].id, i);

    // The initial view and two of its widths and heights around it: what any screen shape shows
    // when the page opens (Leaflet fits the view inside the screen, wider or taller).
    Box near = ll;
    near.expand(ll.minX - 2 * ll.width(), ll.minY - 2 * ll.height());
    near.expand(ll.maxX + 2 * ll.width(), ll.maxY + 2 * ll.height());
    j["maxZoom"] = kWebMaxZoom;
    Json layers = Json::array();
    Json far = Json::object();
    std::map<const Layer*, std::size_t> carriers, drawnBy;
    for (const LayerEntry& e : doc.layers())
        if (e.visible && !e.raster) ++drawnBy[e.layer.get()];
    for (std::size_t at = 0; at < doc.layers().size(); ++at) {
        const LayerEntry& e = doc.layers()[at];
        // What the window shows: visible vector layers (imagery is not carried to the web).
        if (!e.visible || e.raster) continue;
        GeometryPlan plan;
        plan.near = near;
        plan.splittable = drawnBy[e.layer.get()] == 1;
        if (const auto it = carriers.find(e.layer.get()); it != carriers.end()) plan.geometryOf = it->second;
        else carriers.emplace(e.layer.get(), layers.size());
        Json farFeatures = Json::array();
        layers.push_back(layerJson(doc, at, toLonLat, eventIndex, plan, farFeatures));
        if (!farFeatures.empty()) far[std::to_string(layers.size() - 1)] = std::move(farFeatures);
    }
    j["layers"] = layers;
    j["far"] = far;

    if (ds && doc.links()) {
        j["timelines"] = timelinesJson(*doc.links());
        j["events"] = eventsJson(*ds);
        j["sources"] = sourcesJson(*ds);
        // What `kachin-atlas state` lists, in its order: every mine and crossing in file order,
        // the front lines and control areas by group.
        Json state;
        for (const char* key : {schema::kMines, schema::kCrossings}) {
            Json ids = Json::array();
            if (const DatasetLayer* dl = ds->layer(key))
                for (std::size_t f = 0; f < dl->layer->featureCount(); ++f) ids.push_back(std::string(dl->id(f)));
            state[key] = ids;
        }
        state["front_lines"] = groupsJson(ds->layer(schema::kFrontlines));
        state["control_areas"] = groupsJson(ds->layer(schema::kControl));
        j["state"] = state;
    } else {
        j["timelines"] = Json::object();
        j["events"] = Json::array();
        j["sources"] = Json::object();
        j["state"] = nullptr;
    }
    return j;
}

}  // namespace atlas::app
