#include "atlas/model/project_file.h"

#include "atlas/model/annotation_json.h"
#include "atlas/data/dataset.h"
#include "atlas/time/date.h"
#include "atlas/vector_source.h"
#include "atlas/model/data_paths.h"
#include "atlas/model/data_opener.h"
#include "atlas/model/event_layers.h"
#include "member_warnings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <type_traits>
#include <map>

namespace atlas::app {
namespace {

using json = nlohmann::ordered_json;

constexpr std::array<std::pair<render::MarkerShape, const char*>, 6> kShapes = {{
    {render::MarkerShape::Circle, "circle"},
    {render::MarkerShape::Square, "square"},
    {render::MarkerShape::Triangle, "triangle"},
    {render::MarkerShape::Diamond, "diamond"},
    {render::MarkerShape::Star, "star"},
    {render::MarkerShape::Cross, "cross"},
}};

constexpr std::array<std::pair<Qt::PenStyle, const char*>, 5> kPenStyles = {{
    {Qt::SolidLine, "solid"},
    {Qt::DashLine, "dash"},
    {Qt::DotLine, "dot"},
    {Qt::DashDotLine, "dashdot"},
    {Qt::NoPen, "none"},
}};

const char* sourceName(ProjectLayer::Source s)
{
    switch (s) {
    case ProjectLayer::Source::Basemap: return "basemap";
    case ProjectLayer::Source::Dataset: return "dataset";
    case ProjectLayer::Source::File: return "file";
    }
    return "file";
}

QString str(const json& j, const char* key, const QString& fallback = {})
{
    return j.contains(key) && j[key].is_string() ? QString::fromStdString(j[key].get<std::string>()) : fallback;
}

std::string stdStr(const json& j, const char* key, const std::string& fallback = {})
{
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : fallback;
}

double num(const json& j, const char* key, double fallback)
{
    return j.contains(key) && j[key].is_number() ? j[key].get<double>() : fallback;
}

// A whole-number setting written as any JSON number: clamped to int's range (converting an
// out-of-range double such as 1e300 to int is undefined behaviour), NaN as the fallback.
int wholeNumber(const json& j, const char* key, int fallback)
{
    const double v = num(j, key, fallback);
    if (std::isnan(v)) return fallback;
    return static_cast<int>(std::clamp(v, double(std::numeric_limits<int>::min()), double(std::numeric_limits<int>::max())));
}

bool flag(const json& j, const char* key, bool fallback)
{
    return j.contains(key) && j[key].is_boolean() ? j[key].get<bool>() : fallback;
}

QColor colour(const json& j, const char* key, QColor fallback, QStringList& warnings)
{
    if (!j.contains(key)) return fallback;
    const auto c = colorFromJson(j[key]);
    if (!c) {
        warnings << QString("%1: not a colour, using the default").arg(key);
        return fallback;
    }
    return *c;
}

json symbolToJson(const render::Symbol& s)
{
    json j;
    j["fill"] = colorToJson(s.fill);
    j["stroke"] = colorToJson(s.stroke);
    j["strokeWidth"] = s.strokeWidth;
    j["size"] = s.size;
    for (const auto& [shape, name] : kShapes)
        if (shape == s.shape) j["shape"] = name;
    for (const auto& [style, name] : kPenStyles)
        if (style == s.strokeStyle) j["strokeStyle"] = name;
    return j;
}

render::Symbol symbolFromJson(const json& j, QStringList& warnings)
{
    render::Symbol s;
    if (!j.is_object()) return s;
    s.fill = colour(j, "fill", s.fill, warnings);
    s.stroke = colour(j, "stroke", s.stroke, warnings);
    s.strokeWidth = num(j, "strokeWidth", s.strokeWidth);
    s.size = num(j, "size", s.size);
    const std::string shape = stdStr(j, "shape", "circle");
    for (const auto& [value, name] : kShapes)
        if (shape == name) s.shape = value;
    const std::string pen = stdStr(j, "strokeStyle", "solid");
    for (const auto& [value, name] : kPenStyles)
        if (pen == name) s.strokeStyle = value;
    return s;
}

// Line and column of a byte offset, for a damaged file's message.
std::pair<int, int> lineColumn(const QByteArray& bytes, std::size_t offset)
{
    int line = 1, col = 1;
    for (std::size_t i = 0; i < offset && i < static_cast<std::size_t>(bytes.size()); ++i) {
        if (bytes[static_cast<qsizetype>(i)] == '\n') { ++line; col = 1; }
        else ++col;
    }
    return {line, col};
}

QString canonical(const QString& path)
{
    const QFileInfo fi(path);
    const QString c = fi.canonicalFilePath();
    return c.isEmpty() ? QDir::cleanPath(fi.absoluteFilePath()) : c;
}

}  // namespace

bool ProjectLayer::operator==(const ProjectLayer& o) const
{
    // Styles have no operator==; their JSON is their identity here.
    return source == o.source && layer == o.layer && path == o.path && visible == o.visible && time == o.time
           && styleToJson(style) == styleToJson(o.style);
}

QString windowToText(const TimeCursor::Window& w)
{
    if (const auto* d = std::get_if<DaysWindow>(&w)) return QString("%1d").arg(d->days);
    if (std::holds_alternative<CumulativeWindow>(w)) return "cumulative";
    return "instant";
}

std::optional<TimeCursor::Window> windowFromText(const QString& text)
{
    const QString t = text.trimmed().toLower();
    if (t == "instant" || t == "day") return InstantWindow{};
    if (t == "cumulative" || t == "all") return CumulativeWindow{};
    static const QRegularExpression days(R"(^(\d{1,4})\s*d$)");
    if (const auto m = days.match(t); m.hasMatch() && m.captured(1).toInt() >= 1) return DaysWindow{m.captured(1).toInt()};
    return std::nullopt;
}

json styleToJson(const render::LayerStyle& s)
{
    json j;
    j["title"] = s.title.toStdString();
    j["symbol"] = symbolToJson(s.symbol);
    j["categoryField"] = s.categoryField;
    auto cats = json::array();
    for (const render::Category& c : s.categories)
        cats.push_back(json{{"value", c.value}, {"label", c.label.toStdString()}, {"symbol", symbolToJson(c.symbol)}});
    j["categories"] = std::move(cats);
    j["showOtherInLegend"] = s.showOtherInLegend;
    json label;
    label["field"] = s.label.field;
    label["pointSize"] = s.label.pointSize;
    label["color"] = colorToJson(s.label.color);
    label["halo"] = colorToJson(s.label.halo);
    label["bold"] = s.label.bold;
    if (s.label.italic) label["italic"] = true;
    label["priority"] = s.label.priority;
    label["rankField"] = s.label.rankField;
    if (s.label.storyRank) label["storyRank"] = *s.label.storyRank;
    if (s.label.detailRank) {
        label["detailRank"] = *s.label.detailRank;
        label["detailUnitsPerPixel"] = s.label.detailUnitsPerPixel;
    }
    if (!s.label.text.isEmpty()) label["text"] = s.label.text.toStdString();
    j["label"] = std::move(label);
    j["uncertainty"] = json{{"field", s.uncertainty.field}, {"opacity", s.uncertainty.opacity}};
    j["opacity"] = s.opacity;
    if (s.hillshade.enabled)
        j["hillshade"] = json{{"azimuth", s.hillshade.azimuth}, {"altitude", s.hillshade.altitude},
                              {"zFactor", s.hillshade.zFactor}};
    return j;
}

static render::LayerStyle readStyle(const json& j, QStringList& warnings)
{
    render::LayerStyle s;
    if (!j.is_object()) return s;
    s.title = str(j, "title");
    if (j.contains("symbol")) s.symbol = symbolFromJson(j["symbol"], warnings);
    s.categoryField = stdStr(j, "categoryField");
    if (j.contains("categories") && j["categories"].is_array())
        for (const json& c : j["categories"]) {
            if (!c.is_object()) continue;
            s.categories.push_back({stdStr(c, "value"), str(c, "label"),
                                    c.contains("symbol") ? symbolFromJson(c["symbol"], warnings) : render::Symbol{}});
        }
    s.showOtherInLegend = flag(j, "showOtherInLegend", true);
    if (j.contains("label") && j["label"].is_object()) {
        const json& l = j["label"];
        s.label.field = stdStr(l, "field");
        s.label.pointSize = num(l, "pointSize", s.label.pointSize);
        s.label.color = colour(l, "color", s.label.color, warnings);
        s.label.halo = colour(l, "halo", s.label.halo, warnings);
        s.label.bold = flag(l, "bold", false);
        s.label.italic = flag(l, "italic", false);
        s.label.priority = wholeNumber(l, "priority", 0);
        s.label.rankField = stdStr(l, "rankField");
        if (l.contains("storyRank") && l["storyRank"].is_number()) s.label.storyRank = l["storyRank"].get<double>();
        if (l.contains("detailRank") && l["detailRank"].is_number()) {
            s.label.detailRank = l["detailRank"].get<double>();
            s.label.detailUnitsPerPixel = num(l, "detailUnitsPerPixel", 0.0);
        }
        s.label.text = str(l, "text");
    }
    if (j.contains("uncertainty") && j["uncertainty"].is_object()) {
        s.uncertainty.field = stdStr(j["uncertainty"], "field");
        s.uncertainty.opacity = std::clamp(num(j["uncertainty"], "opacity", s.uncertainty.opacity), 0.0, 1.0);
    }
    s.opacity = std::clamp(num(j, "opacity", 1.0), 0.0, 1.0);
    if (j.contains("hillshade") && j["hillshade"].is_object()) {
        const json& h = j["hillshade"];
        s.hillshade.enabled = true;
        s.hillshade.azimuth = std::fmod(std::fmod(num(h, "azimuth", 315.0), 360.0) + 360.0, 360.0);
        s.hillshade.altitude = std::clamp(num(h, "altitude", 45.0), 1.0, 90.0);
        s.hillshade.zFactor = std::clamp(num(h, "zFactor", 1.0), 0.01, 100.0);
    }
    return s;
}

Result<render::LayerStyle> styleFromJson(const json& j)
{
    QStringList warnings;
    render::LayerStyle value = readStyle(j, warnings);
    return Result<render::LayerStyle>(std::move(value), detail::memberWarnings(warnings));
}

json timeModeToJson(const TimeMode& mode)
{
    json j;
    j["mode"] = timeModeName(mode);
    std::visit(
        [&](const auto& m) {
            using T = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<T, InstantTime>) {
                j["dateField"] = m.dateField;
                if (m.endField) j["endField"] = *m.endField;
                j["fadeDays"] = m.fadeDays;
            } else if constexpr (std::is_same_v<T, IntervalTime>) {
                j["fromField"] = m.fromField;
                j["toField"] = m.toField;
                j["fadeDays"] = m.fadeDays;
            } else if constexpr (std::is_same_v<T, SnapshotTime>) {
                j["groupField"] = m.groupField;
                j["asOfField"] = m.asOfField;
                j["fadeDays"] = m.fadeDays;
            } else if constexpr (std::is_same_v<T, CumulativeTime>) {
                j["dateField"] = m.dateField;
                j["fadeDays"] = m.fadeDays;
                j["fadedOpacity"] = m.fadedOpacity;
            }
        },
        mode);
    return j;
}

std::optional<TimeMode> timeModeFromJson(const json& j)
{
    if (!j.is_object()) return std::nullopt;
    const std::string mode = stdStr(j, "mode");
    const int32_t fade = wholeNumber(j, "fadeDays", 0);
    if (mode == "static") return StaticTime{};
    if (mode == "instant") {
        InstantTime m;
        m.dateField = stdStr(j, "dateField", m.dateField);
        if (j.contains("endField") && j["endField"].is_string()) m.endField = j["endField"].get<std::string>();
        m.fadeDays = fade;
        return m;
    }
    if (mode == "interval") {
        IntervalTime m;
        m.fromField = stdStr(j, "fromField", m.fromField);
        m.toField = stdStr(j, "toField", m.toField);
        m.fadeDays = fade;
        return m;
    }
    if (mode == "snapshot") {
        SnapshotTime m;
        m.groupField = stdStr(j, "groupField");
        m.asOfField = stdStr(j, "asOfField", m.asOfField);
        m.fadeDays = fade;
        return m;
    }
    if (mode == "cumulative") {
        CumulativeTime m;
        m.dateField = stdStr(j, "dateField", m.dateField);
        m.fadeDays = fade;
        m.fadedOpacity = num(j, "fadedOpacity", m.fadedOpacity);
        return m;
    }
    return std::nullopt;
}

json exportSettingsToJson(const ExportSettings& s)
{
    json j;
    j["format"] = exportFormatName(s.format).toStdString();
    j["size"] = {s.pixelSize.width(), s.pixelSize.height()};
    j["dpi"] = s.dpi;
    j["paper"] = s.paper.toStdString();
    j["orientation"] = s.landscape ? "landscape" : "portrait";
    j["usePaper"] = s.usePaper;
    j["layout"] = s.layout;
    j["title"] = s.title.toStdString();
    j["subtitle"] = s.subtitle.toStdString();
    j["legend"] = s.legend;
    j["scaleBar"] = s.scaleBar;
    j["northArrow"] = s.northArrow;
    j["inset"] = s.inset;
    j["credits"] = s.credits;
    j["dateStamp"] = s.dateStamp;
    j["annotations"] = s.annotations;
    return j;
}

static ExportSettings readExportSettings(const json& j, QStringList& warnings)
{
    ExportSettings s;
    if (!j.is_object()) return s;
    if (const auto f = exportFormatFromName(str(j, "format", "png"))) s.format = *f;
    else warnings << "export.format: expected png, svg or pdf";
    if (j.contains("size") && j["size"].is_array() && j["size"].size() == 2 && j["size"][0].is_number_integer()
        && j["size"][1].is_number_integer()) {
        const int w = j["size"][0].get<int>(), h = j["size"][1].get<int>();
        if (w >= 16 && h >= 16 && w <= 20000 && h <= 20000) s.pixelSize = QSize(w, h);
        else warnings << "export.size: expected 16–20000 pixels a side";
    }
    s.dpi = wholeNumber(j, "dpi", 0);
    s.paper = str(j, "paper", "A4");
    if (!paperFromName(s.paper)) {
        warnings << QString("export.paper: \"%1\" is not A4, A3 or Letter; using A4").arg(s.paper);
        s.paper = "A4";
    }
    s.landscape = str(j, "orientation", "landscape") != "portrait";
    s.usePaper = flag(j, "usePaper", false);
    s.layout = flag(j, "layout", true);
    s.title = str(j, "title");
    s.subtitle = str(j, "subtitle");
    s.legend = flag(j, "legend", true);
    s.scaleBar = flag(j, "scaleBar", true);
    s.northArrow = flag(j, "northArrow", true);
    s.inset = flag(j, "inset", true);
    s.credits = flag(j, "credits", true);
    s.dateStamp = flag(j, "dateStamp", true);
    s.annotations = flag(j, "annotations", true);
    return s;
}

Result<ExportSettings> exportSettingsFromJson(const json& j)
{
    QStringList warnings;
    ExportSettings value = readExportSettings(j, warnings);
    return Result<ExportSettings>(std::move(value), detail::memberWarnings(warnings));
}

bool isRemoteSource(const QString& path)
{
    static const QRegularExpression remote(
        R"(^\s*(/vsi(curl|curl_streaming|s3|s3_streaming|gs|gs_streaming|az|az_streaming|adls|oss|oss_streaming|swift|swift_streaming|hdfs|webhdfs)\b|[a-z][a-z0-9+.-]*://|(PG|MYSQL|OCI|MSSQL|ODBC|MONGODB|ES|WFS|WMS|CouchDB|CARTO|AMIGOCLOUD|NGW|PLScenes|EEDA|OAPIF|GNMDatabase):))",
        QRegularExpression::CaseInsensitiveOption);
    // "C:/data" style drive letters are local (a single letter before the colon).
    return remote.match(path).hasMatch() || path.contains("/vsicurl", Qt::CaseInsensitive);
}

QByteArray projectToJson(const Project& p, const QString& projectFile)
{
    const QDir dir = QFileInfo(projectFile).absoluteDir();
    json j;
    j["format"] = kProjectFormatName;
    j["version"] = kProjectFormatVersion;
    j["crs"] = p.crs;
    switch (p.dataset) {
    case Project::DatasetRef::None: j["dataset"] = nullptr; break;
    case Project::DatasetRef::Bundled: j["dataset"] = "bundled"; break;
    case Project::DatasetRef::Folder: j["dataset"] = json{{"path", dir.relativeFilePath(p.datasetPath).toStdString()}}; break;
    }
    // Layers, with the ones this session could not open back at their places.
    std::vector<json> layers;
    for (const ProjectLayer& l : p.layers) {
        json e;
        e["source"] = sourceName(l.source);
        if (l.source == ProjectLayer::Source::File) e["path"] = dir.relativeFilePath(l.path).toStdString();
        e["layer"] = l.layer;
        e["visible"] = l.visible;
        if (l.time) e["time"] = timeModeToJson(*l.time);
        e["style"] = styleToJson(l.style);
        layers.push_back(std::move(e));
    }
    for (const auto& [at, raw] : p.unavailableLayers) {
        json e = raw;
        // A file this session could not open keeps a path relative to the project.
        if (e.is_object() && stdStr(e, "source") == "file") {
            const QString path = str(e, "path");
            if (!path.isEmpty() && !isRemoteSource(path) && QDir::isAbsolutePath(path))
                e["path"] = dir.relativeFilePath(path).toStdString();
        }
        layers.insert(layers.begin() + static_cast<std::ptrdiff_t>(std::min(at, layers.size())), std::move(e));
    }
    j["layers"] = layers;
    if (p.view) {
        j["view"] = json{{"center", {p.view->centerX, p.view->centerY}},
                         {"unitsPerPixel", p.view->unitsPerPixel},
                         {"size", {p.view->width, p.view->height}}};
    }
    if (p.clock) {
        j["clock"] = json{{"date", isoDay(p.clock->cursor.day())},
                          {"window", windowToText(p.clock->cursor.windowKind()).toStdString()},
                          {"daysPerSecond", p.clock->daysPerSecond},
                          {"loop", p.clock->loop}};
    }
    auto annotations = json::array();
    for (const render::MapAnnotation& a : p.annotations) annotations.push_back(annotationToJson(a));
    j["annotations"] = std::move(annotations);
    j["export"] = exportSettingsToJson(p.exportSettings);
    if (p.trade) j["trade"] = tradeSettingsToJson(*p.trade, dir);
    for (const auto& [key, value] : p.extra.items())
        if (!j.contains(key)) j[key] = value;
    return QByteArray::fromStdString(j.dump(2) + "\n");
}

Result<Project> projectFromJson(const QByteArray& bytes, const QString& projectFile)
{
    const QString name = QFileInfo(projectFile).fileName();
    // A refusal names the project file; the file is never changed by reading it.
    auto refuse = [&](const std::string& location, const std::string& field, const QString& why) {
        Diagnostics d;
        d.error(name.toStdString(), location, field, (why + "; the file was not changed").toStdString());
        return d;
    };
    QStringList warnings;  // "member.path: what was skipped", one Diagnostic each at the end
    const QDir dir = QFileInfo(projectFile).absoluteDir();
    json j;
    try {
        j = json::parse(bytes.constData(), bytes.constData() + bytes.size());
    } catch (const json::parse_error& e) {
        const auto [line, col] = lineColumn(bytes, e.byte > 0 ? e.byte - 1 : 0);
        return refuse(QString("line %1, column %2").arg(line).arg(col).toStdString(), "",
                      "the project is damaged and cannot be opened: not valid JSON");
    } catch (const json::exception&) {
        // Valid syntax the parser still cannot hold, such as a number beyond ±1.8e308
        // (out_of_range); uncaught, it ended the app while opening the file.
        return refuse("", "", "the project is damaged and cannot be opened: it holds a number too large to read");
    }
    if (!j.is_object() || stdStr(j, "format") != kProjectFormatName) {
        return refuse("", "format", QString("not a Kachin Atlas project (expected \"format\": \"%1\")").arg(kProjectFormatName));
    }
    if (!j.contains("version") || !j["version"].is_number_integer() || j["version"].get<int>() < 1) {
        return refuse("", "version", "the project is damaged: missing or not a positive whole number");
    }
    const int version = j["version"].get<int>();
    if (version > kProjectFormatVersion) {
        return refuse("", "version",
                      QString("saved by a newer Kachin Atlas (project format %1; this version reads up to %2): open it "
                              "with a newer version").arg(version).arg(kProjectFormatVersion));
    }

    Project p;
    p.crs = stdStr(j, "crs", p.crs);
    if (j.contains("dataset")) {
        const json& d = j["dataset"];
        if (d.is_null()) p.dataset = Project::DatasetRef::None;
        else if (d.is_string() && d.get<std::string>() == "bundled") p.dataset = Project::DatasetRef::Bundled;
        else if (d.is_object() && d.contains("path") && d["path"].is_string()) {
            p.dataset = Project::DatasetRef::Folder;
            p.datasetPath = QDir::cleanPath(dir.absoluteFilePath(str(d, "path")));
        } else {
            warnings << "dataset: expected \"bundled\", null or {\"path\": …}; using the bundled data";
        }
    }
    p.defaultLayers = !j.contains("layers");
    if (j.contains("layers") && !j["layers"].is_array()) warnings << "layers: expected a list; no layers are shown";
    if (j.contains("layers") && j["layers"].is_array()) {
        std::size_t index = 0;
        for (const json& e : j["layers"]) {
            const std::size_t at = index++;
            const std::string source = e.is_object() ? stdStr(e, "source") : std::string();
            ProjectLayer l;
            if (source == "basemap") l.source = ProjectLayer::Source::Basemap;
            else if (source == "dataset") l.source = ProjectLayer::Source::Dataset;
            else if (source == "file") l.source = ProjectLayer::Source::File;
            else {
                warnings << QString("layers[%1]: unknown source \"%2\"; kept in the file, not shown")
                                  .arg(at).arg(QString::fromStdString(source));
                p.unavailableLayers.emplace_back(at, e);
                continue;
            }
            l.layer = stdStr(e, "layer");
            if (l.source == ProjectLayer::Source::File) {
                const QString path = str(e, "path");
                if (path.isEmpty()) {
                    warnings << QString("layers[%1]: a file layer without \"path\"; kept in the file, not shown").arg(at);
                    p.unavailableLayers.emplace_back(at, e);
                    continue;
                }
                l.path = isRemoteSource(path) ? path : QDir::cleanPath(dir.absoluteFilePath(path));
                // A project made on another machine may name a file by its absolute path there;
                // the file sent along with the project sits beside it.
                if (!isRemoteSource(path) && QDir::isAbsolutePath(path) && !QFileInfo::exists(path)) {
                    const QString beside = dir.filePath(QFileInfo(path).fileName());
                    if (QFileInfo::exists(beside)) {
                        warnings << QString("layers[%1].path: %2 is not on this machine; using %3 beside the project")
                                          .arg(at).arg(path, QFileInfo(beside).fileName());
                        l.path = beside;
                    }
                }
            }
            l.visible = flag(e, "visible", true);
            if (e.contains("time")) {
                l.time = timeModeFromJson(e["time"]);
                if (!l.time) warnings << QString("layers[%1].time: unknown time mode; the layer is drawn at every date").arg(at);
            }
            const auto style = styleFromJson(e.contains("style") ? e["style"] : json());
            l.style = *style;
            for (const QString& w : detail::memberLines(style.diagnostics()))
                warnings << QString("layers[%1].style.%2").arg(at).arg(w);
            p.layers.push_back(std::move(l));
        }
    }
    if (j.contains("view") && j["view"].is_object()) {
        const json& v = j["view"];
        const bool ok = v.contains("center") && v["center"].is_array() && v["center"].size() == 2
                        && v["center"][0].is_number() && v["center"][1].is_number() && v.contains("size")
                        && v["size"].is_array() && v["size"].size() == 2 && num(v, "unitsPerPixel", 0) > 0;
        if (ok) {
            ProjectView view;
            view.centerX = v["center"][0].get<double>();
            view.centerY = v["center"][1].get<double>();
            view.unitsPerPixel = v["unitsPerPixel"].get<double>();
            view.width = std::max(1, v["size"][0].is_number_integer() ? v["size"][0].get<int>() : 1);
            view.height = std::max(1, v["size"][1].is_number_integer() ? v["size"][1].get<int>() : 1);
            p.view = view;
        } else {
            warnings << "view: expected center, unitsPerPixel and size; the window's view is kept";
        }
    }
    if (j.contains("clock") && j["clock"].is_object()) {
        const json& c = j["clock"];
        const auto day = Date::parse(stdStr(c, "date"));
        const auto window = windowFromText(str(c, "window", "30d"));
        if (day && window) {
            ProjectClock clock;
            clock.cursor = TimeCursor(day->first(), *window);
            clock.daysPerSecond = num(c, "daysPerSecond", 7);
            clock.loop = flag(c, "loop", false);
            p.clock = clock;
        } else {
            warnings << "clock: expected a date (YYYY-MM-DD) and a window (instant, Nd, cumulative)";
        }
    }
    // Annotations this version cannot read move to "unreadableAnnotations", kept as written.
    json unreadable = j.contains("unreadableAnnotations") && j["unreadableAnnotations"].is_array()
                          ? j["unreadableAnnotations"]
                          : json::array();
    if (j.contains("annotations") && j["annotations"].is_array()) {
        std::size_t index = 0;
        for (const json& a : j["annotations"]) {
            if (auto ann = annotationFromJson(a)) p.annotations.push_back(std::move(ann).value());
            else {
                const Diagnostic& why = ann.diagnostics().items().front();
                const QString where = why.field.empty() ? QString("annotations[%1]").arg(index)
                                                        : QString("annotations[%1].%2").arg(index).arg(QString::fromStdString(why.field));
                warnings << QString("%1: %2; kept in the file, not shown").arg(where, QString::fromStdString(why.message));
                unreadable.push_back(a);
            }
            ++index;
        }
    }
    if (j.contains("export")) {
        const auto settings = exportSettingsFromJson(j["export"]);
        p.exportSettings = *settings;
        warnings << detail::memberLines(settings.diagnostics());
    }
    if (j.contains("trade")) {
        const auto trade = tradeSettingsFromJson(j["trade"], dir);
        p.trade = *trade;
        warnings << detail::memberLines(trade.diagnostics());
    }
    static const std::array<const char*, 11> known = {"format", "version", "crs", "dataset", "layers", "view",
                                                      "clock", "annotations", "export", "unreadableAnnotations", "trade"};
    // Not a structured binding: clang 14 (the sanitizer build) cannot capture one in a lambda.
    for (const auto& item : j.items()) {
        const std::string& key = item.key();
        if (std::find_if(known.begin(), known.end(), [&](const char* k) { return key == k; }) == known.end())
            p.extra[key] = item.value();
    }
    if (!unreadable.empty()) p.extra["unreadableAnnotations"] = std::move(unreadable);
    Diagnostics skipped;
    for (const QString& w : warnings) skipped.warning(name.toStdString(), "", "", w.toStdString());
    return Result<Project>(std::move(p), std::move(skipped));
}

Result<Project> readProjectFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        Diagnostics d;
        d.error(path.toStdString(), "", "", "cannot open: " + f.errorString().toStdString());
        return d;
    }
    return projectFromJson(f.readAll(), path);
}

Diagnostics writeProjectFile(const Project& project, const QString& path)
{
    const QByteArray bytes = projectToJson(project, path);
    QSaveFile f(path);
    Diagnostics d;
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        d.error(path.toStdString(), "", "", "cannot save: " + f.errorString().toStdString() +
                                                "; any earlier file there is unchanged");
    return d;
}

std::vector<ProjectLayer> projectLayersOf(const MapDocument& doc)
{
    std::vector<ProjectLayer> out;
    for (const LayerEntry& e : doc.layers()) {
        ProjectLayer l;
        l.visible = e.visible;
        l.style = e.style;
        l.layer = e.layer->name();
        if (e.role == LayerRole::Basemap) {
            l.source = ProjectLayer::Source::Basemap;
        } else if (!e.datasetKey.empty()) {
            l.source = ProjectLayer::Source::Dataset;
            l.layer = e.datasetKey;
        } else {
            l.source = ProjectLayer::Source::File;
            l.path = isRemoteSource(QString::fromStdString(e.layer->sourcePath()))
                         ? QString::fromStdString(e.layer->sourcePath())
                         : canonical(QString::fromStdString(e.layer->sourcePath()));
            if (e.time && !std::holds_alternative<StaticTime>(e.time->mode)) l.time = e.time->mode;
        }
        out.push_back(std::move(l));
    }
    return out;
}

void applyProjectLayers(MapDocument& doc, Project& project, Diagnostics& diagnostics, QStringList& problems)
{
    const DataPaths paths = DataPaths::locate();
    const auto needs = [&](ProjectLayer::Source s) {
        return std::any_of(project.layers.begin(), project.layers.end(), [&](const ProjectLayer& l) { return l.source == s; });
    };

    // The basemap: reuse what the document holds, else load it.
    if ((project.defaultLayers || needs(ProjectLayer::Source::Basemap)) && !doc.hasBasemap()) {
        if (paths.basemapFile.isEmpty() || !doc.loadBasemap(paths.basemapFile, diagnostics))
            problems << "the Natural Earth basemap was not found (build it with `make`); basemap layers are not shown";
    }
    // The dataset.
    if (project.dataset != Project::DatasetRef::None) {
        const QString wanted = project.dataset == Project::DatasetRef::Bundled ? paths.geodataDir : project.datasetPath;
        if (const Dataset* ds = doc.dataset()) {
            if (!wanted.isEmpty() && canonical(QString::fromStdString(ds->directory())) != canonical(wanted))
                problems << QString("the project uses the dataset in %1; this window keeps %2")
                                .arg(wanted, QString::fromStdString(ds->directory()));
        } else if (wanted.isEmpty() || !QFileInfo(wanted).isDir()) {
            problems << (project.dataset == Project::DatasetRef::Bundled
                             ? QString("the bundled Kachin data was not found (set KACHIN_ATLAS_DATA)")
                             : QString("the dataset folder %1 was not found").arg(wanted));
        } else {
            doc.loadBundled(wanted, diagnostics);
        }
    }
    // The trade series, read again from its files (a project never holds figures itself).
    if (project.trade) {
        TradeSettings local = *project.trade;
        local.files.clear();
        for (const QString& f : project.trade->files) {
            if (isRemoteSource(f)) problems << QString("the trade series file %1 is remote; not read").arg(f);
            else if (!QFileInfo::exists(f)) problems << QString("the trade series file %1 was not found").arg(f);
            else local.files << f;
        }
        TradeDocument trade = loadTradeDocument(local, diagnostics);
        trade.settings.files = project.trade->files;  // saving keeps what was not found
        doc.setTrade(std::move(trade));
    } else {
        doc.setTrade({});
    }
    if (project.defaultLayers) {
        // Whatever the document now holds, as it holds it, is the project's layer list.
        project.layers = projectLayersOf(doc);
        project.defaultLayers = false;
        return;
    }

    // What can be used: the document's entries by source, then files read now.
    std::map<std::string, LayerPtr> basemap, dataset;
    std::map<std::pair<QString, std::string>, LayerPtr> files;
    std::map<QString, std::shared_ptr<RasterSource>> rasters;  // by file: a raster is one layer
    for (const LayerEntry& e : doc.layers()) {
        if (e.raster) rasters.emplace(canonical(QString::fromStdString(e.raster->info().path)), e.raster);
        if (e.role == LayerRole::Basemap) basemap.emplace(e.layer->name(), e.layer);
        else if (!e.datasetKey.empty()) dataset.emplace(e.datasetKey, e.layer);
        else files.emplace(std::make_pair(canonical(QString::fromStdString(e.layer->sourcePath())), e.layer->name()), e.layer);
    }
    if (const Dataset* ds = doc.dataset())
        for (const DatasetLayer& dl : ds->layers())
            if (dl.layer) dataset.emplace(dl.key, dl.layer);
    std::map<QString, bool> read;  // file → read (successfully or not) in this call

    std::vector<LayerEntry> entries;
    std::vector<std::optional<TimeMode>> times;
    std::vector<ProjectLayer> kept;
    std::vector<std::pair<std::size_t, nlohmann::ordered_json>> unavailable = project.unavailableLayers;
    std::size_t position = 0;  // index in the file's layer list
    auto skipWritten = [&] {
        // Positions already taken by layers kept aside when the file was read.
        while (std::any_of(project.unavailableLayers.begin(), project.unavailableLayers.end(),
                           [&](const auto& u) { return u.first == position; }))
            ++position;
    };
    for (const ProjectLayer& l : project.layers) {
        skipWritten();
        const std::size_t at = position++;
        LayerPtr layer;
        std::shared_ptr<RasterSource> raster;
        QString why;
        switch (l.source) {
        case ProjectLayer::Source::Basemap:
            if (auto it = basemap.find(l.layer); it != basemap.end()) layer = it->second;
            else why = "not in the basemap";
            break;
        case ProjectLayer::Source::Dataset:
            if (auto it = dataset.find(l.layer); it != dataset.end()) layer = it->second;
            else why = "not in the dataset";
            break;
        case ProjectLayer::Source::File: {
            if (isRemoteSource(l.path) && !doc.loadPolicy().allowRemote) {
                why = "a remote source, refused (Kachin Atlas does not reach the network unless you ask it to)";
                break;
            }
            const QString key = canonical(l.path);
            if (!read.count(key) && !rasters.count(key) && !files.count({key, l.layer})) {
                read[key] = true;
                if (!isRemoteSource(l.path) && !QFileInfo::exists(l.path)) {
                    why = "file not found";
                    break;
                }
                // Read as when opened (ACLED/UCDP with their derived dates and halo columns);
                // the saved style and time mode are set on it below.
                OpenRequest request;
                request.path = l.path;
                request.displayCrs = doc.displayCrs();
                request.policy = doc.loadPolicy();
                OpenedFile opened = openDataFile(request);
                diagnostics.append(opened.diagnostics());
                if (opened.raster) rasters.emplace(key, std::move(opened.raster));
                else if (opened.events && opened.events->ok())
                    files.emplace(std::make_pair(key, opened.events->layer.layer->name()), opened.events->layer.layer);
                for (auto& ly : opened.vector.layers) files.emplace(std::make_pair(key, ly->name()), ly);
            }
            if (auto it = rasters.find(key); it != rasters.end()) {
                raster = it->second;
                layer = makeRasterEntry(raster, doc.displayCrs(), QString::fromStdString(l.layer)).layer;
            } else if (auto f = files.find({key, l.layer}); f != files.end()) layer = f->second;
            else if (why.isEmpty() && read.count(key) && RasterSource::isRaster(l.path.toStdString()))
                why = "the raster cannot be read (see the details)";
            else if (why.isEmpty()) why = QFileInfo::exists(l.path) ? "no such layer in the file" : "file not found";
            break;
        }
        }
        if (!layer) {
            const QString what = l.source == ProjectLayer::Source::File ? l.path : QString::fromStdString(l.layer);
            problems << QString("layer %1 (%2): %3; it stays in the project").arg(l.style.title.isEmpty()
                                                                                       ? QString::fromStdString(l.layer)
                                                                                       : l.style.title,
                                                                                   what, why);
            // Written back as it was read.
            Project one;
            one.layers = {l};
            const QByteArray bytes = projectToJson(one, QDir::current().filePath("x.katlas"));
            nlohmann::ordered_json raw = nlohmann::ordered_json::parse(bytes.toStdString())["layers"][0];
            if (l.source == ProjectLayer::Source::File) raw["path"] = l.path.toStdString();
            unavailable.emplace_back(at, std::move(raw));
            continue;
        }
        LayerEntry e;
        e.layer = layer;
        e.raster = std::move(raster);
        e.style = l.style;
        e.visible = l.visible;
        e.role = l.source == ProjectLayer::Source::Basemap ? LayerRole::Basemap : LayerRole::Data;
        if (l.source == ProjectLayer::Source::Dataset) e.datasetKey = l.layer;
        entries.push_back(std::move(e));
        times.push_back(l.source == ProjectLayer::Source::File ? l.time : std::nullopt);
        kept.push_back(l);
    }
    std::sort(unavailable.begin(), unavailable.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    unavailable.erase(std::unique(unavailable.begin(), unavailable.end(),
                                  [](const auto& a, const auto& b) { return a.first == b.first; }),
                      unavailable.end());
    project.unavailableLayers = std::move(unavailable);
    project.layers = std::move(kept);

    while (!doc.layers().empty()) doc.removeLayer(doc.layers().size() - 1);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        doc.insertLayer(i, std::move(entries[i]));
        if (times[i]) doc.setLayerTime(i, times[i], diagnostics);
    }
}

}  // namespace atlas::app
