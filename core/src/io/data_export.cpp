#include "atlas/io/data_export.h"
#include "atlas/data/schema.h"

#include "atlas/crs.h"
#include "atlas/data/dataset.h"
#include "atlas/detail/gdal_errors.h"
#include "atlas/time/date.h"

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <set>
#include <span>
#include <unistd.h>

namespace atlas::io {

// --- Formats ------------------------------------------------------------------------------------

namespace {

std::string lower(std::string_view s)
{
    std::string out;
    for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

std::optional<DataFormat> parseDataFormat(std::string_view name)
{
    const std::string n = lower(name);
    if (n == "gpkg" || n == "geopackage") return DataFormat::GeoPackage;
    if (n == "geojson" || n == "json") return DataFormat::GeoJson;
    if (n == "csv") return DataFormat::Csv;
    if (n == "kml") return DataFormat::Kml;
    if (n == "kmz") return DataFormat::Kmz;
    return std::nullopt;
}

std::optional<DataFormat> dataFormatOfPath(std::string_view path)
{
    const std::string ext = lower(std::filesystem::path(std::string(path)).extension().string());
    if (ext.empty()) return std::nullopt;
    return parseDataFormat(std::string_view(ext).substr(1));
}

const char* dataFormatName(DataFormat format)
{
    switch (format) {
    case DataFormat::GeoPackage: return "gpkg";
    case DataFormat::GeoJson: return "geojson";
    case DataFormat::Csv: return "csv";
    case DataFormat::Kml: return "kml";
    case DataFormat::Kmz: return "kmz";
    }
    return "?";
}

const char* dataFormatExtension(DataFormat format)
{
    switch (format) {
    case DataFormat::GeoPackage: return ".gpkg";
    case DataFormat::GeoJson: return ".geojson";
    case DataFormat::Csv: return ".csv";
    case DataFormat::Kml: return ".kml";
    case DataFormat::Kmz: return ".kmz";
    }
    return "";
}

// --- Selection ----------------------------------------------------------------------------------

namespace {

bool carriesController(std::string_view key) { return key == schema::kPlaces || key == schema::kMines || key == schema::kCrossings; }

struct Piece {
    Interval span;      // where `value` holds (a gap between known spans has value "")
    std::string value;
};

// The piece of a sorted, non-overlapping list of spans that holds on `day`.
Piece pieceAt(const std::vector<Piece>& spans, int32_t day)
{
    std::optional<int32_t> gapBegin, gapEnd;
    for (const Piece& p : spans) {
        if (p.span.contains(day)) return p;
        if (p.span.end && *p.span.end <= day) gapBegin = std::max(gapBegin.value_or(*p.span.end), *p.span.end);
        if (p.span.begin && *p.span.begin > day) gapEnd = std::min(gapEnd.value_or(*p.span.begin), *p.span.begin);
    }
    return {Interval{gapBegin, gapEnd}, ""};
}

struct StateTimelines {
    std::vector<Piece> controller;
    std::vector<Piece> status;
    bool any() const { return !controller.empty() || !status.empty(); }
};

StateTimelines timelinesOf(const LinkIndex& links, std::string_view id, bool withStatus)
{
    StateTimelines t;
    for (const ResolvedSpan& s : links.controllerTimeline(id)) t.controller.push_back({s.span, s.value});
    if (withStatus)
        for (const StateSpan& s : links.dataset().crossingStatus().history(id)) t.status.push_back({s.span, s.value});
    return t;
}

struct StatePiece {
    Interval span;
    std::string controller;
    std::string status;
};

StatePiece stateAt(const StateTimelines& t, int32_t day)
{
    const Piece c = pieceAt(t.controller, day);
    const Piece s = pieceAt(t.status, day);
    return {c.span.intersection(s.span), c.value, s.value};
}

bool unbounded(const Interval& i) { return !i.begin && !i.end; }

std::optional<Interval> asSpan(const Interval& i)
{
    if (unbounded(i)) return std::nullopt;
    return i;
}

// The features' own time (or unbounded for a layer off the timeline) intersected with a state piece.
std::optional<Interval> combine(const std::optional<Interval>& own, const Interval& state)
{
    const Interval both = own ? own->intersection(state) : state;
    return asSpan(both);
}

std::string uniqueName(std::string name, std::set<std::string>& used)
{
    if (name.empty()) name = "layer";
    for (char& c : name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) c = '_';
    std::string candidate = name;
    for (int n = 2; used.count(lower(candidate)); ++n) candidate = name + "_" + std::to_string(n);
    used.insert(lower(candidate));
    return candidate;
}

}  // namespace

std::vector<ExportTable> selectExportRows(const DataExportRequest& request)
{
    std::vector<ExportTable> tables;
    std::set<std::string> used;
    const LinkIndex* links = request.links;
    const auto* day = std::get_if<DayExport>(&request.when);
    const auto* range = std::get_if<RangeExport>(&request.when);
    const Interval rangeSpan = range ? Interval::ofDays(range->first, range->last + 1) : Interval::unbounded();

    for (const ExportSource& source : request.sources) {
        if (!source.layer) continue;
        const Layer& layer = *source.layer;
        ExportTable table;
        table.name = uniqueName(source.name.empty() ? layer.name() : source.name, used);
        table.source = &source;
        const bool stateful = links && carriesController(source.datasetKey);
        table.hasController = stateful;
        table.hasStatus = stateful && source.datasetKey == schema::kCrossings;
        table.timed = source.times != nullptr || stateful;
        const FeatureTimes* times = source.times.get();
        const Column* idColumn = layer.column("id");

        // The window each row's own span is matched against.
        Interval window = Interval::unbounded();
        if (day) window = times ? times->windowFor(day->cursor) : Interval::ofDay(day->cursor.day());
        else window = rangeSpan;

        for (uint32_t f = 0; f < layer.featureCount(); ++f) {
            std::optional<Interval> own;
            if (times) {
                if (f >= times->size() || times->excluded[f]) continue;
                own = times->spans[f];
                if (!own->overlaps(window)) continue;
            }
            if (!stateful) {
                table.rows.push_back({f, own, {}, {}});
                continue;
            }
            const std::string_view id = idColumn && !idColumn->isNull(f) ? idColumn->string(f) : std::string_view();
            const StateTimelines t = timelinesOf(*links, id, table.hasStatus);
            if (day) {
                const StatePiece p = stateAt(t, day->cursor.day());
                table.rows.push_back({f, combine(own, p.span), p.controller, p.status});
                continue;
            }
            // One row per state over the range; neighbours with the same state are merged.
            std::vector<ExportRow> pieces;
            const int32_t firstDay = own && own->begin ? std::max(*own->begin, range->first) : range->first;
            std::optional<int32_t> d = firstDay;
            while (d && *d <= range->last && (!own || !own->end || *d < *own->end)) {
                const StatePiece p = stateAt(t, *d);
                if (!pieces.empty() && pieces.back().controller == p.controller && pieces.back().status == p.status) {
                    pieces.back().span->end = p.span.end;
                } else {
                    pieces.push_back({f, p.span, p.controller, p.status});
                }
                d = p.span.end;
            }
            for (ExportRow& r : pieces) {
                r.span = combine(own, *r.span);
                table.rows.push_back(std::move(r));
            }
        }
        tables.push_back(std::move(table));
    }
    return tables;
}

// --- Writing ------------------------------------------------------------------------------------

namespace {

// The OGR type of a layer's geometry column; `only` restricts it to one kind (a mixed layer
// split for GeoPackage).
OGRwkbGeometryType exportGeometryType(const Layer& layer, GeometryKind only = GeometryKind::None)
{
    const GeometryColumn& g = layer.geometry();
    GeometryKind kind = GeometryKind::None;
    bool mixed = false, multi = false;
    for (std::size_t f = 0; f < g.featureCount(); ++f) {
        const GeometryKind k = g.kind(f);
        if (k == GeometryKind::None || (only != GeometryKind::None && k != only)) continue;
        if (kind == GeometryKind::None) kind = k;
        else if (k != kind) mixed = true;
        if (g.partEnd(f) - g.partBegin(f) > 1) multi = true;
    }
    if (mixed || kind == GeometryKind::None) return wkbUnknown;
    switch (kind) {
    case GeometryKind::Point: return multi ? wkbMultiPoint : wkbPoint;
    case GeometryKind::Line: return multi ? wkbMultiLineString : wkbLineString;
    case GeometryKind::Polygon: return multi ? wkbMultiPolygon : wkbPolygon;
    default: return wkbUnknown;
    }
}

// The kinds of geometry a layer holds, in the order points, lines, polygons.
std::vector<GeometryKind> kindsOf(const Layer& layer)
{
    bool has[4] = {false, false, false, false};
    for (std::size_t f = 0; f < layer.featureCount(); ++f) has[static_cast<int>(layer.geometry().kind(f))] = true;
    std::vector<GeometryKind> out;
    for (GeometryKind k : {GeometryKind::Point, GeometryKind::Line, GeometryKind::Polygon})
        if (has[static_cast<int>(k)]) out.push_back(k);
    return out;
}

// The kind a table's style is written for (None: a mixed table, styled for every kind).
GeometryKind styleKind(const ExportTable& t)
{
    if (t.geometryKind != GeometryKind::None) return t.geometryKind;
    const std::vector<GeometryKind> kinds = kindsOf(*t.source->layer);
    return kinds.size() == 1 ? kinds.front() : kinds.empty() ? GeometryKind::Point : GeometryKind::None;
}

const char* kindSuffix(GeometryKind k)
{
    switch (k) {
    case GeometryKind::Point: return "points";
    case GeometryKind::Line: return "lines";
    case GeometryKind::Polygon: return "polygons";
    default: return "features";
    }
}

// GeoPackage tables (and QGIS styles) hold one kind of geometry: a layer mixing points and
// areas becomes "<name>_points" and "<name>_polygons"; rows without geometry go with the first.
std::vector<ExportTable> splitMixedTables(const std::vector<ExportTable>& tables)
{
    std::set<std::string> used;
    for (const ExportTable& t : tables) used.insert(lower(t.name));
    std::vector<ExportTable> out;
    for (const ExportTable& t : tables) {
        const std::vector<GeometryKind> kinds = kindsOf(*t.source->layer);
        if (kinds.size() < 2) {
            out.push_back(t);
            continue;
        }
        const GeometryColumn& g = t.source->layer->geometry();
        for (GeometryKind k : kinds) {
            ExportTable part = t;
            part.name = uniqueName(t.name + "_" + kindSuffix(k), used);
            part.geometryKind = k;
            part.rows.clear();
            for (const ExportRow& r : t.rows)
                if (g.kind(r.row) == k || (g.kind(r.row) == GeometryKind::None && k == kinds.front())) part.rows.push_back(r);
            out.push_back(std::move(part));
        }
    }
    return out;
}

double round7(double v) { return std::round(v * 1e7) / 1e7; }

// Every coordinate of a layer in lon/lat (same order as GeometryColumn::allCoords).
std::vector<Coord> lonLatCoords(const Layer& layer, Diagnostics& diagnostics)
{
    std::vector<Coord> coords = layer.geometry().allCoords().toVector();
    if (const auto t = PooledTransform::lease(layer.crs(), kWgs84)) {
        if (!(*t)->isIdentity()) (*t)->transform(coords.data(), coords.size());
    } else {
        diagnostics.error(layer.sourcePath(), "layer " + layer.name(), "crs",
                          "cannot write in EPSG:4326: " + t.reason());
        for (Coord& c : coords) c = {NAN, NAN};
    }
    for (Coord& c : coords) c = {round7(c.x), round7(c.y)};
    return coords;
}

class GeometryBuilder {
public:
    GeometryBuilder(const Layer& layer, std::vector<Coord> lonLat, OGRwkbGeometryType type)
        : m_g(layer.geometry()), m_lonLat(std::move(lonLat)), m_multi(OGR_GT_IsSubClassOf(type, wkbGeometryCollection))
    {
    }

    // nullptr for a feature without geometry or with coordinates that did not transform.
    std::unique_ptr<OGRGeometry> build(std::size_t f) const
    {
        if (m_g.isNull(f)) return nullptr;
        const CoordSpan all = m_g.coords(f);
        const std::size_t first = all.offset();
        for (std::size_t i = first; i < first + all.size(); ++i)
            if (!std::isfinite(m_lonLat[i].x) || !std::isfinite(m_lonLat[i].y)) return nullptr;
        const uint32_t p0 = m_g.partBegin(f), p1 = m_g.partEnd(f);
        switch (m_g.kind(f)) {
        case GeometryKind::Point: {
            if (p1 - p0 == 1 && !m_multi) {
                const Coord c = ring(m_g.ringBegin(p0), f).front();
                return std::make_unique<OGRPoint>(c.x, c.y);
            }
            auto mp = std::make_unique<OGRMultiPoint>();
            for (uint32_t p = p0; p < p1; ++p) {
                const Coord c = ring(m_g.ringBegin(p), f).front();
                OGRPoint pt(c.x, c.y);
                mp->addGeometry(&pt);
            }
            return mp;
        }
        case GeometryKind::Line: {
            auto lineOf = [&](uint32_t p) {
                auto ls = std::make_unique<OGRLineString>();
                for (const Coord& c : ring(m_g.ringBegin(p), f)) ls->addPoint(c.x, c.y);
                return ls;
            };
            if (p1 - p0 == 1 && !m_multi) return lineOf(p0);
            auto ml = std::make_unique<OGRMultiLineString>();
            for (uint32_t p = p0; p < p1; ++p) ml->addGeometryDirectly(lineOf(p).release());
            return ml;
        }
        case GeometryKind::Polygon: {
            auto polygonOf = [&](uint32_t p) {
                auto poly = std::make_unique<OGRPolygon>();
                for (uint32_t r = m_g.ringBegin(p); r < m_g.ringEnd(p); ++r) {
                    auto lr = std::make_unique<OGRLinearRing>();
                    for (const Coord& c : ring(r, f)) lr->addPoint(c.x, c.y);
                    lr->closeRings();
                    poly->addRingDirectly(lr.release());
                }
                return poly;
            };
            if (p1 - p0 == 1 && !m_multi) return polygonOf(p0);
            auto mp = std::make_unique<OGRMultiPolygon>();
            for (uint32_t p = p0; p < p1; ++p) mp->addGeometryDirectly(polygonOf(p).release());
            return mp;
        }
        default: return nullptr;
        }
    }

    // A point feature's lon/lat (CSV lon/lat columns).
    std::optional<Coord> point(std::size_t f) const
    {
        if (m_g.kind(f) != GeometryKind::Point) return std::nullopt;
        const Coord c = ring(m_g.ringBegin(m_g.partBegin(f)), f).front();
        if (!std::isfinite(c.x) || !std::isfinite(c.y)) return std::nullopt;
        return c;
    }

private:
    std::span<const Coord> ring(uint32_t r, std::size_t) const
    {
        const CoordSpan display = m_g.ring(r);
        return {m_lonLat.data() + display.offset(), display.size()};
    }

    const GeometryColumn& m_g;
    std::vector<Coord> m_lonLat;
    bool m_multi;
};

enum class FieldSource { Column, Controller, Status, ValidFrom, ValidTo, KmlWhen, KmlName, Lon, Lat };

struct OutField {
    std::string name;
    OGRFieldType type = OFTString;
    FieldSource source = FieldSource::Column;
    std::size_t column = 0;
    int index = -1;  // in the OGR layer, once created
};

constexpr const char* kKmlWhenField = "kml_when";
constexpr const char* kKmlNameField = "Name";

bool isDateNative(DataFormat f) { return f == DataFormat::GeoPackage || f == DataFormat::GeoJson; }
bool isKml(DataFormat f) { return f == DataFormat::Kml || f == DataFormat::Kmz; }

// The attribute a KML <name> is taken from: the label field, else a usual naming column.
std::string kmlNameSource(const Layer& layer, const ExportStyle& style)
{
    if (!style.labelField.empty() && layer.column(style.labelField)) return style.labelField;
    for (const char* f : {"name", "title", "location", "dyad_name", "id", "event_id_cnty"})
        if (layer.column(f)) return f;
    return "";
}

bool hasColumnNamed(const Layer& layer, std::string_view name)
{
    for (const Column& c : layer.columns())
        if (lower(c.name()) == lower(name)) return true;
    return false;
}

std::vector<OutField> planFields(const ExportTable& t, DataFormat format, bool lonLat)
{
    const Layer& layer = *t.source->layer;
    std::set<std::string> ours;
    if (t.hasController) ours.insert(kControllerField);
    if (t.hasStatus) ours.insert(kStatusField);
    if (t.timed) {
        ours.insert(kValidFromField);
        ours.insert(kValidToField);
    }
    if (isKml(format)) ours.insert(lower(kKmlWhenField));
    if (lonLat) {
        ours.insert("lon");
        ours.insert("lat");
    }
    std::vector<OutField> out;
    if (lonLat) {
        out.push_back({"lon", OFTReal, FieldSource::Lon});
        out.push_back({"lat", OFTReal, FieldSource::Lat});
    }
    if (isKml(format) && !hasColumnNamed(layer, "name") && !kmlNameSource(layer, t.source->style).empty())
        out.push_back({kKmlNameField, OFTString, FieldSource::KmlName});
    const OGRFieldType dateType = isDateNative(format) ? OFTDate : OFTString;
    for (std::size_t i = 0; i < layer.columns().size(); ++i) {
        const Column& c = layer.columns()[i];
        if (ours.count(lower(c.name()))) continue;
        OGRFieldType type = OFTString;
        switch (c.type()) {
        case FieldType::Integer: type = OFTInteger64; break;
        case FieldType::Real: type = OFTReal; break;
        case FieldType::String: type = OFTString; break;
        case FieldType::Date: type = dateType; break;
        }
        out.push_back({c.name(), type, FieldSource::Column, i});
    }
    if (t.hasController) out.push_back({kControllerField, OFTString, FieldSource::Controller});
    if (t.hasStatus) out.push_back({kStatusField, OFTString, FieldSource::Status});
    if (t.timed) {
        out.push_back({kValidFromField, dateType, FieldSource::ValidFrom});
        out.push_back({kValidToField, dateType, FieldSource::ValidTo});
        if (isKml(format)) out.push_back({kKmlWhenField, OFTString, FieldSource::KmlWhen});
    }
    return out;
}

void setDay(OGRFeature& feature, const OutField& f, int32_t day)
{
    if (f.type == OFTDate) {
        const CivilDate c = civilFromDays(day);
        feature.SetField(f.index, c.year, static_cast<int>(c.month), static_cast<int>(c.day));
    } else {
        feature.SetField(f.index, isoDay(day).c_str());
    }
}

bool singleDay(const std::optional<Interval>& span)
{
    return span && span->begin && span->end && *span->end - *span->begin == 1;
}

void fillFeature(OGRFeature& feature, const std::vector<OutField>& fields, const ExportTable& t, const ExportRow& r,
                 DataFormat format, const GeometryBuilder& geometry, const std::string& nameSource)
{
    const Layer& layer = *t.source->layer;
    const bool kmlInstant = isKml(format) && singleDay(r.span);
    for (const OutField& f : fields) {
        if (f.index < 0) continue;
        switch (f.source) {
        case FieldSource::Column: {
            const Column& c = layer.columns()[f.column];
            if (c.isNull(r.row)) break;
            switch (c.type()) {
            case FieldType::Integer: feature.SetField(f.index, static_cast<GIntBig>(c.integer(r.row))); break;
            case FieldType::Real: feature.SetField(f.index, c.real(r.row)); break;
            case FieldType::String: feature.SetField(f.index, std::string(c.string(r.row)).c_str()); break;
            case FieldType::Date: setDay(feature, f, c.date(r.row)); break;
            }
            break;
        }
        case FieldSource::Controller:
            if (!r.controller.empty()) feature.SetField(f.index, r.controller.c_str());
            break;
        case FieldSource::Status:
            if (!r.status.empty()) feature.SetField(f.index, r.status.c_str());
            break;
        case FieldSource::ValidFrom:
            if (r.span && r.span->begin && !kmlInstant) setDay(feature, f, *r.span->begin);
            break;
        case FieldSource::ValidTo:
            if (r.span && r.span->end && !kmlInstant) setDay(feature, f, *r.span->end);
            break;
        case FieldSource::KmlWhen:
            if (kmlInstant) feature.SetField(f.index, isoDay(*r.span->begin).c_str());
            break;
        case FieldSource::KmlName:
            if (const std::string text = layer.text(r.row, nameSource); !text.empty()) feature.SetField(f.index, text.c_str());
            break;
        case FieldSource::Lon:
        case FieldSource::Lat:
            if (const auto p = geometry.point(r.row)) feature.SetField(f.index, f.source == FieldSource::Lon ? p->x : p->y);
            break;
        }
    }
}

// The value a row has for its style's category field.
std::string categoryValue(const ExportTable& t, const ExportRow& r)
{
    const std::string& field = t.source->style.categoryField;
    if (field.empty()) return "";
    if (t.hasController && field == kControllerField) return r.controller;
    if (t.hasStatus && field == kStatusField) return r.status;
    return t.source->layer->text(r.row, field);
}

std::string slug(std::string_view s)
{
    std::string out;
    for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return out.empty() ? "_" : out;
}

// KML style ids of a table: one per category, then the default ("<table>-other").
std::vector<std::string> kmlStyleIds(const ExportTable& t)
{
    std::vector<std::string> ids;
    std::set<std::string> used;
    for (const ExportCategory& c : t.source->style.categories) {
        std::string id = slug(t.name) + "-" + slug(c.value);
        for (int n = 2; used.count(id); ++n) id = slug(t.name) + "-" + slug(c.value) + "-" + std::to_string(n);
        used.insert(id);
        ids.push_back(id);
    }
    ids.push_back(slug(t.name) + "-other");
    return ids;
}

// Thread-local GDAL configuration for the duration of one write.
class ScopedConfig {
public:
    ScopedConfig(const char* key, const char* value) : m_key(key)
    {
        if (const char* old = CPLGetThreadLocalConfigOption(key, nullptr)) m_old = old;
        CPLSetThreadLocalConfigOption(key, value);
    }
    ~ScopedConfig() { CPLSetThreadLocalConfigOption(m_key, m_old ? m_old->c_str() : nullptr); }
    ScopedConfig(const ScopedConfig&) = delete;
    ScopedConfig& operator=(const ScopedConfig&) = delete;

private:
    const char* m_key;
    std::optional<std::string> m_old;
};

std::string nowUtc()
{
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// A temporary name beside `path` with the same extension (drivers choose by extension).
std::string partialPath(const std::string& path)
{
    const std::filesystem::path p(path);
    const std::string name = "." + p.stem().string() + ".partial-" + std::to_string(::getpid()) + p.extension().string();
    return (p.parent_path() / name).string();
}

void removeQuietly(const std::string& path)
{
    std::error_code ec;
    std::filesystem::remove(path, ec);
}

struct WriteJob {
    DataFormat format;
    std::string finalPath;
    std::vector<const ExportTable*> tables;
};

struct WriteContext {
    const DataExportRequest& request;
    Diagnostics& diagnostics;
    DataExportResult& result;
};

bool writeLayerStyles(GDALDataset& ds, const std::vector<std::pair<const ExportTable*, OGRLayer*>>& written,
                      const std::string& title)
{
    char** options = CSLSetNameValue(nullptr, "FID", "id");
    OGRLayer* styles = ds.CreateLayer("layer_styles", nullptr, wkbNone, options);
    CSLDestroy(options);
    if (!styles) return false;
    auto add = [&](const char* name, OGRFieldType type, int width = 0, OGRFieldSubType sub = OFSTNone,
                   const char* def = nullptr) {
        OGRFieldDefn fd(name, type);
        if (width > 0) fd.SetWidth(width);
        fd.SetSubType(sub);
        if (def) fd.SetDefault(def);
        styles->CreateField(&fd);
    };
    add("f_table_catalog", OFTString, 256);
    add("f_table_schema", OFTString, 256);
    add("f_table_name", OFTString, 256);
    add("f_geometry_column", OFTString, 256);
    add("styleName", OFTString, 30);
    add("styleQML", OFTString);
    add("styleSLD", OFTString);
    add("useAsDefault", OFTInteger, 0, OFSTBoolean);
    add("description", OFTString);
    add("owner", OFTString, 30);
    add("ui", OFTString, 30);
    add("update_time", OFTDateTime, 0, OFSTNone, "CURRENT_TIMESTAMP");
    const std::string now = nowUtc();
    for (const auto& [table, layer] : written) {
        const ExportStyle& style = table->source->style;
        const GeometryKind kind = styleKind(*table);
        OGRFeature f(styles->GetLayerDefn());
        f.SetField("f_table_catalog", "");
        f.SetField("f_table_schema", "");
        f.SetField("f_table_name", table->name.c_str());
        f.SetField("f_geometry_column", layer->GetGeometryColumn());
        f.SetField("styleName", table->name.c_str());
        f.SetField("styleQML", qgisQml(style, kind).c_str());
        f.SetField("styleSLD", sldDocument(style, table->name, kind).c_str());
        f.SetField("useAsDefault", 1);
        f.SetField("description", (title + ": " + (style.title.empty() ? table->name : style.title)).c_str());
        f.SetField("owner", "");
        f.SetField("update_time", now.c_str());
        if (styles->CreateFeature(&f) != OGRERR_NONE) return false;
    }
    return true;
}

// Writes `job.tables` with one OGR driver into `target` (a real temporary file, or /vsimem/ for
// KMZ). Returns false after reporting what failed.
bool writeWithOgr(const WriteJob& job, const std::string& target, WriteContext& ctx)
{
    const DataFormat format = job.format;
    const char* driverName = format == DataFormat::GeoPackage ? "GPKG"
                             : format == DataFormat::GeoJson  ? "GeoJSON"
                             : format == DataFormat::Csv      ? "CSV"
                                                              : "LIBKML";
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driverName);
    if (!driver) {
        ctx.diagnostics.error(job.finalPath, "", "", std::string("GDAL has no ") + driverName + " driver");
        return false;
    }
    detail::GdalErrorCollector errors;
    // LIBKML: our half-open days become the TimeSpan; "kml_when" the TimeStamp; an ACLED
    // `timestamp` column stays an attribute.
    // In a KMZ, attributes go as untyped <Data> pairs: GDAL's KMZ reader (so QGIS) drops the
    // typed <SchemaData> of a single doc.kml whose <Schema> sits in the root document.
    std::optional<ScopedConfig> begin, end, when, untyped;
    if (isKml(format)) {
        begin.emplace("LIBKML_BEGIN_FIELD", kValidFromField);
        end.emplace("LIBKML_END_FIELD", kValidToField);
        when.emplace("LIBKML_TIMESTAMP_FIELD", kKmlWhenField);
    }
    if (format == DataFormat::Kmz) untyped.emplace("LIBKML_USE_SIMPLEFIELD", "NO");
    char** dsOptions = nullptr;
    if (isKml(format)) dsOptions = CSLSetNameValue(dsOptions, "NAME", ctx.request.title.c_str());
    GDALDatasetUniquePtr ds(driver->Create(target.c_str(), 0, 0, 0, GDT_Unknown, dsOptions));
    CSLDestroy(dsOptions);
    if (!ds) {
        ctx.diagnostics.error(job.finalPath, "", "", "cannot create: " + errors.lastFailure());
        return false;
    }

    // KML: the styles of every layer, shared in the document.
    std::vector<std::vector<std::string>> styleIds;
    if (isKml(format)) {
        OGRStyleTable table;
        for (const ExportTable* t : job.tables) {
            styleIds.push_back(kmlStyleIds(*t));
            const GeometryKind kind = styleKind(*t);
            const ExportStyle& style = t->source->style;
            const std::string label = ogrLabelString(style);
            const auto withLabel = [&](std::string s) { return label.empty() ? s : s + ";" + label; };
            for (std::size_t i = 0; i < style.categories.size(); ++i)
                table.AddStyle(styleIds.back()[i].c_str(),
                               withLabel(ogrStyleString(style.categories[i].symbol, kind, style.opacity)).c_str());
            table.AddStyle(styleIds.back().back().c_str(), withLabel(ogrStyleString(style.symbol, kind, style.opacity)).c_str());
        }
        ds->SetStyleTable(&table);
    }

    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::vector<std::pair<const ExportTable*, OGRLayer*>> written;
    std::set<std::string> identifiers;
    bool ok = true;
    if (format == DataFormat::GeoPackage) ds->StartTransaction();
    for (std::size_t ti = 0; ti < job.tables.size() && ok; ++ti) {
        const ExportTable& t = *job.tables[ti];
        const Layer& layer = *t.source->layer;
        const OGRwkbGeometryType gtype = exportGeometryType(layer, t.geometryKind);
        bool lonLat = false;
        if (format == DataFormat::Csv) {
            const bool points = gtype == wkbPoint;
            lonLat = ctx.request.csvGeometry != CsvGeometry::Wkt && points;
            if (ctx.request.csvGeometry == CsvGeometry::LonLat && !points)
                ctx.diagnostics.warning(job.finalPath, "layer " + t.name, "",
                                        "not a point layer: written with a WKT column instead of lon/lat");
        }
        char** lOptions = nullptr;
        switch (format) {
        case DataFormat::GeoPackage:
            lOptions = CSLSetNameValue(lOptions, "GEOMETRY_NAME", "geom");
            lOptions = CSLSetNameValue(lOptions, "FID", "fid");
            if (!t.source->style.title.empty()) {
                // GeoPackage identifiers are unique in the file.
                std::string identifier = t.source->style.title;
                if (!identifiers.insert(lower(identifier)).second) identifier += " (" + t.name + ")";
                identifiers.insert(lower(identifier));
                lOptions = CSLSetNameValue(lOptions, "IDENTIFIER", identifier.c_str());
            }
            break;
        case DataFormat::GeoJson:
            lOptions = CSLSetNameValue(lOptions, "RFC7946", "YES");
            lOptions = CSLSetNameValue(lOptions, "COORDINATE_PRECISION", "7");
            break;
        case DataFormat::Csv:
            if (!lonLat) lOptions = CSLSetNameValue(lOptions, "GEOMETRY", "AS_WKT");
            lOptions = CSLSetNameValue(lOptions, "CREATE_CSVT", "NO");
            break;
        default: break;
        }
        OGRLayer* out = ds->CreateLayer(t.name.c_str(), &wgs84, lonLat ? wkbNone : gtype, lOptions);
        CSLDestroy(lOptions);
        if (!out) {
            ctx.diagnostics.error(job.finalPath, "layer " + t.name, "", "cannot create the layer: " + errors.lastFailure());
            ok = false;
            break;
        }
        std::vector<OutField> fields = planFields(t, format, lonLat);
        for (OutField& f : fields) {
            OGRFieldDefn fd(f.name.c_str(), f.type);
            if (out->CreateField(&fd) != OGRERR_NONE)
                ctx.diagnostics.warning(job.finalPath, "layer " + t.name, f.name, "column not written: " + errors.lastFailure());
        }
        for (OutField& f : fields) f.index = out->GetLayerDefn()->GetFieldIndex(f.name.c_str());

        const GeometryBuilder geometry(layer, lonLatCoords(layer, ctx.diagnostics), gtype);
        const std::string nameSource = kmlNameSource(layer, t.source->style);
        std::size_t count = 0;
        for (const ExportRow& r : t.rows) {
            OGRFeature feature(out->GetLayerDefn());
            fillFeature(feature, fields, t, r, format, geometry, nameSource);
            if (!lonLat)
                if (auto g = geometry.build(r.row)) {
                    g->assignSpatialReference(&wgs84);
                    feature.SetGeometryDirectly(g.release());
                }
            if (isKml(format)) {
                const int c = t.source->style.categoryIndex(categoryValue(t, r));
                const auto& ids = styleIds[ti];
                feature.SetStyleString(("@" + (c < 0 ? ids.back() : ids[static_cast<std::size_t>(c)])).c_str());
            }
            if (out->CreateFeature(&feature) != OGRERR_NONE) {
                ctx.diagnostics.error(job.finalPath, "layer " + t.name, "",
                                      "feature for row " + std::to_string(r.row) + " not written: " + errors.lastFailure());
                ok = false;
                break;
            }
            ++count;
        }
        written.emplace_back(&t, out);
        ctx.result.layers.push_back({t.name, job.finalPath, count});
    }
    if (ok && format == DataFormat::GeoPackage && !writeLayerStyles(*ds, written, ctx.request.title)) {
        ctx.diagnostics.error(job.finalPath, "layer layer_styles", "", "cannot write the styles: " + errors.lastFailure());
        ok = false;
    }
    if (format == DataFormat::GeoPackage && ds->CommitTransaction() != OGRERR_NONE) ok = false;
    ds.reset();  // LIBKML and GeoJSON write on close; a failure there is reported to the collector
    if (!errors.lastFailure().empty()) {
        ok = false;
        ctx.diagnostics.error(job.finalPath, "", "", "GDAL: " + errors.lastFailure());
    }
    for (const std::string& msg : errors.take())
        if (msg != errors.lastFailure()) ctx.diagnostics.warning(job.finalPath, "", "", "GDAL: " + msg);
    return ok;
}

bool zipSingleKml(const std::string& kmlPath, const std::string& kmzPath, Diagnostics& diagnostics)
{
    vsi_l_offset size = 0;
    GByte* data = VSIGetMemFileBuffer(kmlPath.c_str(), &size, FALSE);
    if (!data) {
        diagnostics.error(kmzPath, "", "", "the KML document was not produced");
        return false;
    }
    const std::string member = "/vsizip/" + kmzPath + "/doc.kml";
    VSILFILE* out = VSIFOpenL(member.c_str(), "wb");
    bool ok = out && VSIFWriteL(data, 1, static_cast<size_t>(size), out) == size;
    if (out) ok = VSIFCloseL(out) == 0 && ok;
    if (!ok) diagnostics.error(kmzPath, "", "", "cannot write the KMZ archive");
    return ok;
}

bool runJob(const WriteJob& job, WriteContext& ctx)
{
    const std::filesystem::path dir = std::filesystem::path(job.finalPath).parent_path();
    std::error_code ec;
    if (!dir.empty() && !std::filesystem::is_directory(dir, ec)) {
        ctx.diagnostics.error(job.finalPath, "", "", "no such directory: " + dir.string());
        return false;
    }
    const std::size_t layersBefore = ctx.result.layers.size();
    const std::string partial = partialPath(job.finalPath);
    removeQuietly(partial);
    bool ok = false;
    if (job.format == DataFormat::Kmz) {
        // One doc.kml in the archive (LIBKML's own KMZ splits layers and styles into linked
        // files, whose relative style URLs not every viewer resolves).
        static std::atomic<int> counter{0};
        const std::string mem = "/vsimem/kachin-atlas-export-" + std::to_string(::getpid()) + "-" +
                                std::to_string(counter++) + ".kml";
        ok = writeWithOgr(job, mem, ctx) && zipSingleKml(mem, partial, ctx.diagnostics);
        VSIUnlink(mem.c_str());
    } else {
        ok = writeWithOgr(job, partial, ctx);
    }
    if (ok) {
        std::filesystem::rename(partial, job.finalPath, ec);
        if (ec) {
            ctx.diagnostics.error(job.finalPath, "", "", "cannot move the finished file into place: " + ec.message());
            ok = false;
        }
    }
    if (!ok) {
        removeQuietly(partial);
        ctx.result.layers.resize(layersBefore);
        return false;
    }
    ctx.result.files.push_back(job.finalPath);
    return true;
}

}  // namespace

std::vector<ExportSource> datasetExportSources(const std::shared_ptr<const Dataset>& dataset)
{
    std::vector<ExportSource> out;
    if (!dataset) return out;
    for (const DatasetLayer& dl : dataset->layers()) {
        if (!dl.layer) continue;
        ExportSource s;
        s.name = dl.key;
        s.layer = dl.layer;
        s.datasetKey = dl.key;
        if (!dl.isStatic()) s.times = std::shared_ptr<const FeatureTimes>(dataset, &dl.times);
        out.push_back(std::move(s));
    }
    return out;
}

ExportSource eventImportSource(const EventImport& import)
{
    ExportSource s;
    s.name = import.layer.key;
    s.layer = import.layer.layer;
    if (import.layer.layer) s.times = std::make_shared<const FeatureTimes>(import.layer.times);
    return s;
}

std::string exportGeometryTypeName(const Layer& layer)
{
    return OGRGeometryTypeToName(exportGeometryType(layer));
}

DataExportResult exportData(const DataExportRequest& request, Diagnostics& diagnostics)
{
    DataExportResult result;
    if (request.path.empty()) {
        diagnostics.error("", "", "", "no output file given");
        return result;
    }
    if (const auto* range = std::get_if<RangeExport>(&request.when); range && range->last < range->first) {
        diagnostics.error(request.path, "", "", isoDay(range->last) + " is before " + isoDay(range->first) +
                          ": the range must end on or after its first day");
        return result;
    }
    atlas::detail::ensureGdalRegistered();
    std::vector<ExportTable> tables = selectExportRows(request);
    if (request.format == DataFormat::GeoPackage) tables = splitMixedTables(tables);
    if (tables.empty()) {
        diagnostics.error(request.path, "", "", "nothing to export: no layers");
        return result;
    }

    std::vector<WriteJob> jobs;
    const bool oneLayerPerFile = request.format == DataFormat::GeoJson || request.format == DataFormat::Csv;
    if (oneLayerPerFile && tables.size() > 1) {
        const std::filesystem::path p(request.path);
        for (const ExportTable& t : tables)
            jobs.push_back({request.format,
                            (p.parent_path() / (p.stem().string() + "_" + t.name + p.extension().string())).string(),
                            {&t}});
    } else {
        WriteJob job{request.format, request.path, {}};
        for (const ExportTable& t : tables) job.tables.push_back(&t);
        jobs.push_back(std::move(job));
    }
    WriteContext ctx{request, diagnostics, result};
    bool ok = true;
    for (const WriteJob& job : jobs) ok = runJob(job, ctx) && ok;
    result.ok = ok;
    return result;
}

}  // namespace atlas::io
