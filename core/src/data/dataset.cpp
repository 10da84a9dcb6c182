#include "atlas/data/dataset.h"
#include "atlas/data/schema.h"

#include "atlas/analysis/geos.h"
#include "atlas/data/csv_table.h"
#include "atlas/data/vocabulary.h"
#include "atlas/detail/vsi_file.h"
#include "atlas/vector_source.h"

#include <cpl_conv.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>
#include <unordered_set>

namespace atlas {

// ---------------------------------------------------------------------------------------------
// Small pieces

const SnapshotVersion* SnapshotGroup::at(int32_t day) const
{
    const int i = indexAt(day);
    return i < 0 ? nullptr : &versions[static_cast<std::size_t>(i)];
}

int SnapshotGroup::indexAt(int32_t day) const
{
    const auto it = std::upper_bound(versions.begin(), versions.end(), day,
                                     [](int32_t d, const SnapshotVersion& v) { return d < v.asOf.first(); });
    if (it == versions.begin()) return -1;
    const auto i = static_cast<int>(std::distance(versions.begin(), it)) - 1;
    return versions[static_cast<std::size_t>(i)].span.contains(day) ? i : -1;
}

std::string_view DatasetLayer::id(std::size_t row) const
{
    const Column* c = layer ? layer->column("id") : nullptr;
    if (!c || c->isNull(row) || c->type() != FieldType::String) return {};
    return c->string(row);
}

const SnapshotGroup* DatasetLayer::group(std::string_view groupValue) const
{
    const auto it = std::lower_bound(groups.begin(), groups.end(), groupValue,
                                     [](const SnapshotGroup& g, std::string_view v) { return g.group < v; });
    return it != groups.end() && it->group == groupValue ? &*it : nullptr;
}

std::string featureLocation(const Layer& layer, std::size_t row, std::string_view id)
{
    std::string out = "feature " + std::to_string(layer.fid(row));
    if (!id.empty()) out += " (" + std::string(id) + ")";
    return out;
}

const std::vector<std::string>& Dataset::layerKeys()
{
    static const std::vector<std::string> keys = {schema::kControl, schema::kRiver,     schema::kFrontlines,
                                                  schema::kMines,   schema::kPlaces,    schema::kCrossings,
                                                  schema::kEvents};
    return keys;
}

const DatasetLayer* Dataset::layer(std::string_view key) const
{
    for (const DatasetLayer& l : m_layers)
        if (l.key == key) return &l;
    return nullptr;
}

std::optional<IdTarget> Dataset::resolve(std::string_view id) const
{
    const auto it = m_ids.find(id);
    if (it == m_ids.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> Dataset::allIds() const
{
    std::vector<std::string> out;
    out.reserve(m_ids.size());
    for (const auto& [id, target] : m_ids) out.push_back(id);
    std::sort(out.begin(), out.end());
    return out;
}

std::string Dataset::nameOf(std::string_view id) const
{
    const auto t = resolve(id);
    if (!t) return {};
    if (t->kind == IdTarget::Kind::Feature) {
        const DatasetLayer* l = layer(t->layerKey);
        if (!l) return {};
        for (const char* field : {"name", "title", "description"}) {
            const std::string v = l->layer->text(t->row, field);
            if (!v.empty()) return v;
        }
        return {};
    }
    if (t->kind == IdTarget::Kind::Export) return m_exports.all()[t->row].basket;
    return {};
}

Box Dataset::extent() const
{
    Box b;
    for (const DatasetLayer& l : m_layers) b.expand(l.layer->extent());
    return b;
}

namespace {

constexpr double kMinLon = 88, kMaxLon = 106, kMinLat = 15, kMaxLat = 32;
constexpr const char* kAnyDate = "YYYY-MM-DD, YYYY-MM or YYYY";
constexpr const char* kFullDate = "YYYY-MM-DD";

// Sets a GDAL configuration option on this thread for the lifetime of the object.
class ScopedThreadConfig {
public:
    ScopedThreadConfig(const char* key, const char* value) : m_key(key)
    {
        const char* old = CPLGetThreadLocalConfigOption(key, nullptr);
        if (old) m_old = old;
        CPLSetThreadLocalConfigOption(key, value);
    }
    ~ScopedThreadConfig() { CPLSetThreadLocalConfigOption(m_key, m_old ? m_old->c_str() : nullptr); }
    ScopedThreadConfig(const ScopedThreadConfig&) = delete;
    ScopedThreadConfig& operator=(const ScopedThreadConfig&) = delete;

private:
    const char* m_key;
    std::optional<std::string> m_old;
};

std::string inQuotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

bool isSlugChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

// "prefix:slug" with slug of [a-z0-9-]; prefix empty = any prefix of [a-z].
bool wellFormedId(std::string_view id, std::string_view prefix)
{
    const auto colon = id.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 >= id.size()) return false;
    const std::string_view p = id.substr(0, colon), slug = id.substr(colon + 1);
    if (!prefix.empty() && p != prefix) return false;
    if (!std::all_of(p.begin(), p.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return false;
    return std::all_of(slug.begin(), slug.end(), isSlugChar);
}

std::optional<double> parseNumber(std::string_view s)
{
    if (s.empty()) return std::nullopt;
    double v = 0;
    const char* begin = s.data();
    if (*begin == '+') ++begin;
    const auto [ptr, ec] = std::from_chars(begin, s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::string kindName(GeometryKind k)
{
    switch (k) {
    case GeometryKind::Point: return "point";
    case GeometryKind::Line: return "line";
    case GeometryKind::Polygon: return "polygon";
    case GeometryKind::None: return "no geometry";
    }
    return "?";
}

// The date an id's slug starts with ("event:2024-10-21-x" → "2024-10-21", "export:2024-01-to-11-x" →
// "2024-01"): YYYY, YYYY-MM or YYYY-MM-DD followed by "-" or the end; "" when the slug does not
// start with one. Digits only — whether the date exists is the date field's check.
std::string leadingDate(std::string_view id)
{
    const auto colon = id.find(':');
    const std::string_view slug = colon == std::string_view::npos ? id : id.substr(colon + 1);
    auto digits = [&](std::size_t at, std::size_t n) {
        if (at + n > slug.size()) return false;
        return std::all_of(slug.begin() + static_cast<long>(at), slug.begin() + static_cast<long>(at + n),
                           [](char c) { return c >= '0' && c <= '9'; });
    };
    auto endsThere = [&](std::size_t at) { return at == slug.size() || slug[at] == '-'; };
    if (!digits(0, 4) || !endsThere(4)) return {};
    std::size_t len = 4;
    if (slug.size() > 4 && digits(5, 2) && endsThere(7)) {
        len = 7;
        if (slug.size() > 7 && digits(8, 2) && endsThere(10)) len = 10;
    }
    return std::string(slug.substr(0, len));
}

// The date an id's slug ends with ("control:bhamo-kia-2025-01-26" → "2025-01-26",
// "front:bhamo-2025-10" → "2025-10"), after a "-"; "" when it ends with none.
std::string trailingDate(std::string_view id)
{
    const auto colon = id.find(':');
    const std::string_view slug = colon == std::string_view::npos ? id : id.substr(colon + 1);
    for (const std::size_t len : {std::size_t{10}, std::size_t{7}, std::size_t{4}}) {
        if (slug.size() <= len || slug[slug.size() - len - 1] != '-') continue;
        const std::string_view tail = slug.substr(slug.size() - len);
        if (leadingDate(tail) == tail) return std::string(tail);
    }
    return {};
}

// Source ids a free text cites: "S12", "S6b" standing alone (not inside a longer word).
std::vector<std::string> citedSourceIds(std::string_view text)
{
    auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != 'S' || (i > 0 && alnum(text[i - 1]))) continue;
        std::size_t j = i + 1;
        while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
        if (j == i + 1) continue;
        if (j < text.size() && text[j] >= 'a' && text[j] <= 'z') ++j;
        if (j < text.size() && alnum(text[j])) continue;
        std::string id(text.substr(i, j - i));
        if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
        i = j - 1;
    }
    return out;
}

bool truthyCell(const Column* c, std::size_t row)
{
    if (!c || c->isNull(row)) return false;
    if (const auto n = c->number(row)) return *n != 0;
    const std::string t = c->text(row);
    return t == "true" || t == "TRUE" || t == "True" || t == "1";
}

// Free-text fields whose source ids must also be in the row's sources.
constexpr const char* kTextFields[] = {"note", "description", "summary", "status_note"};

// Collects the problems of one row; the first error marks it skipped.
class RowReport {
public:
    RowReport(Diagnostics& d, const std::string& file, std::string where, uint8_t& keep, const char* unit)
        : m_d(d), m_file(file), m_where(std::move(where)), m_keep(keep), m_unit(unit)
    {
    }
    void error(const std::string& field, const std::string& message)
    {
        m_d.error(m_file, m_where, field, message + "; " + m_unit + " skipped");
        m_keep = 0;
    }
    void warning(const std::string& field, const std::string& message) { m_d.warning(m_file, m_where, field, message); }
    const std::string& where() const { return m_where; }

private:
    Diagnostics& m_d;
    const std::string& m_file;
    std::string m_where;
    uint8_t& m_keep;
    const char* m_unit;
};

struct LayerSpec {
    const char* key;
    const char* file;
    const char* prefix;
    std::vector<const char*> required;  // fields that must be present and non-empty
    std::vector<GeometryKind> kinds;    // allowed geometry kinds
    bool nullable;                      // may have no geometry
};

const std::vector<LayerSpec>& layerSpecs()
{
    using K = GeometryKind;
    static const std::vector<LayerSpec> specs = {
        {schema::kControl, "control.geojson", "control", {"id", "area_id", "as_of", "controller", "confidence", "sources"},
         {K::Polygon}, false},
        {schema::kRiver, "river.geojson", "river", {"id", "name", "confidence", "sources"}, {K::Line}, true},
        {schema::kFrontlines, "frontlines.geojson", "front", {"id", "line_id", "as_of", "confidence", "sources"},
         {K::Line}, false},
        {schema::kMines, "mines.geojson", "mine", {"id", "name", "confidence", "sources"}, {K::Point, K::Polygon}, true},
        {schema::kPlaces, "places.geojson", "place", {"id", "name", "kind", "country", "confidence", "sources"},
         {K::Point}, false},
        {schema::kCrossings, "crossings.geojson", "crossing", {"id", "name", "confidence", "sources"}, {K::Point}, true},
        {schema::kEvents, "events.geojson", "event", {"id", "date", "kind", "title", "confidence", "sources"},
         {K::Point}, true},
    };
    return specs;
}

struct PendingLayer {
    const LayerSpec* spec = nullptr;
    std::string path;
    std::shared_ptr<Layer> layer;
    std::vector<uint8_t> keep;
    std::vector<std::string> ids;
    std::vector<std::optional<Coord>> lonLat;  // first coordinate in lon/lat (points)
    std::vector<geos::Geometry> lonLatGeoms;   // control: for the overlap check
    std::vector<std::optional<Date>> asOf;     // snapshot layers
    bool broken = false;                       // a required field is missing: no row loads
    std::string where(std::size_t row) const { return featureLocation(*layer, row, ids[row]); }
    std::string text(std::size_t row, std::string_view field) const { return layer->text(row, field); }
};

struct PendingTable {
    std::string name;
    std::string path;
    std::optional<CsvTable> table;
    std::vector<uint8_t> keep;
    bool usable() const { return table.has_value(); }
};

struct IdUse {
    std::string file;
    std::string where;
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// The loader: read every file, check every row, resolve references, then build the value.

class DatasetLoader {
public:
    DatasetLoader(const std::string& dir, const DatasetOptions& options, Diagnostics& diagnostics)
        : m_dir(dir), m_options(options), m_d(diagnostics), m_toLonLat(options.displayCrs, kWgs84)
    {
    }

    Dataset run()
    {
        m_sources = SourceCatalog::load(path("SOURCES.md"), m_d);
        for (const LayerSpec& spec : layerSpecs()) readLayer(spec);
        m_controllers = readTable("controllers.csv", {"feature_id", "from", "to", "controller", "sources", "confidence"});
        m_status = readTable("crossing_status.csv", {"feature_id", "from", "to", "status", "sources", "confidence"});
        m_exports = readTable("exports.csv", {"id", "period", "period_end", "reporter", "flow", "basket", "metric",
                                              "qualifier", "value", "unit", "sources", "confidence"});
        m_figures = readTable("mine_figures.csv",
                              {"feature_id", "period", "metric", "qualifier", "value", "unit", "sources", "confidence"});

        for (PendingLayer& l : m_layers) checkLayerRows(l);
        checkVersionOverlaps();
        checkAreaOverlaps();
        checkHistoryRows(m_controllers, false);
        checkHistoryRows(m_status, true);
        checkExportRows();
        checkFigureRows();

        collectKeptIds();
        checkReferences();
        checkHistoryOrder(m_controllers);
        checkHistoryOrder(m_status);
        return build();
    }

private:
    std::string path(const char* file) const { return (std::filesystem::path(m_dir) / file).string(); }

    // --- reading -----------------------------------------------------------------------------

    void readLayer(const LayerSpec& spec)
    {
        PendingLayer l;
        l.spec = &spec;
        l.path = path(spec.file);
        if (!detail::vsiFileExists(l.path)) {
            m_d.warning(l.path, "", "", "file not found; the " + std::string(spec.key) + " layer is not loaded");
            return;
        }
        LoadResult r;
        {
            // Dates stay text, so "2025-02-30" is reported as written, not as a broken date cell.
            ScopedThreadConfig dateAsString("OGR_GEOJSON_DATE_AS_STRING", "YES");
            LoadOptions lo;
            lo.targetCrs = m_options.displayCrs;
            lo.checkPolygons = false;  // checkLayerRows runs GEOS on every feature itself
            r = loadVectorSource(l.path, lo);
        }
        m_d.append(r.diagnostics);
        if (r.layers.empty()) return;
        l.layer = r.layers.front();
        const std::size_t n = l.layer->featureCount();
        l.keep.assign(n, 1);
        l.lonLat.resize(n);
        l.lonLatGeoms.resize(n);
        l.asOf.resize(n);
        const Column* id = l.layer->column("id");
        for (std::size_t f = 0; f < n; ++f) l.ids.push_back(id ? id->text(f) : std::string());
        for (const char* field : spec.required) {
            if (!l.layer->column(field)) {
                m_d.error(l.path, "", field, "missing required field; all " + std::to_string(n) + " features skipped");
                std::fill(l.keep.begin(), l.keep.end(), uint8_t{0});
                l.broken = true;
            }
        }
        m_layers.push_back(std::move(l));
    }

    PendingTable readTable(const char* file, const std::vector<const char*>& required)
    {
        PendingTable t;
        t.name = file;
        t.path = path(file);
        if (!detail::vsiFileExists(t.path)) {
            m_d.warning(t.path, "", "", "file not found; not loaded");
            return t;
        }
        t.table = CsvTable::read(t.path, m_d);
        if (!t.table) return t;
        t.keep.assign(t.table->rows().size(), 1);
        for (const char* field : required) {
            if (!t.table->hasField(field)) {
                m_d.error(t.path, "line 1", field,
                          "missing required column; all " + std::to_string(t.table->rows().size()) + " rows skipped");
                std::fill(t.keep.begin(), t.keep.end(), uint8_t{0});
            }
        }
        return t;
    }

    // --- shared field checks -----------------------------------------------------------------

    bool checkRequired(RowReport& r, const std::string& field, const std::string& value)
    {
        if (!value.empty()) return true;
        r.error(field, "empty; a value is required");
        return false;
    }

    void checkVocab(RowReport& r, const std::string& field, const std::string& value,
                    std::span<const std::string_view> words, bool required = true)
    {
        if (value.empty() && (!required || vocab::contains(words, ""))) return;
        if (value.empty()) {
            r.error(field, "empty; expected " + vocab::alternatives(words));
            return;
        }
        if (!vocab::contains(words, value)) r.error(field, inQuotes(value) + " is not one of " + vocab::alternatives(words));
    }

    void checkSources(RowReport& r, const std::string& value)
    {
        const auto ids = splitList(value);
        if (ids.empty()) {
            r.error("sources", "empty; every row cites at least one source id from SOURCES.md");
            return;
        }
        for (const std::string& s : ids) {
            if (!isSourceId(s)) r.error("sources", inQuotes(s) + " is not a source id (expected S<number>[letter] or NE)");
            else if (!m_sources.contains(s)) r.error("sources", s + " is not listed in SOURCES.md");
        }
    }

    // A source id cited in a free-text field must be one the row lists in `sources`: a note that
    // leans on a source makes the row rest on it too.
    void checkCitedSources(RowReport& r, const std::string& sources, const std::string& field, const std::string& text)
    {
        const auto listed = splitList(sources);
        std::string missing;
        for (const std::string& id : citedSourceIds(text))
            if (std::find(listed.begin(), listed.end(), id) == listed.end()) missing += (missing.empty() ? "" : ", ") + id;
        if (!missing.empty())
            r.warning(field, "cites " + missing + ", not listed in sources (" + sources +
                                 "); a source the text relies on belongs in sources");
    }

    // An id that reads as a date names the row's date as written ("event:2024-10-21-…" is dated
    // 2024-10-21, not 2024-10): ids are read by people as dates.
    void checkIdDate(RowReport& r, const std::string& id, const std::string& idDate, const char* field,
                     const std::string& value)
    {
        if (idDate.empty() || value.empty() || idDate == value) return;
        r.warning("id", inQuotes(id) + " reads as the date " + idDate + ", but " + field + " is " + value +
                            "; an id that reads as a date must name the row's " + field + " as written");
    }

    // A date cell; nullopt when empty (reported if required) or unreadable (reported).
    std::optional<Date> checkDate(RowReport& r, const std::string& field, const std::string& value, bool required,
                                  bool fullOnly)
    {
        if (value.empty()) {
            if (required) r.error(field, std::string("empty; expected a date ") + (fullOnly ? kFullDate : kAnyDate));
            return std::nullopt;
        }
        const auto d = Date::parse(value);
        if (!d) {
            const std::string reason = d.reason();
            const std::string expected = std::string("expected ") + (fullOnly ? kFullDate : kAnyDate);
            r.error(field, inQuotes(value) + ": " +
                               (reason.rfind("expected", 0) == 0 ? expected : reason + "; " + expected));
            return std::nullopt;
        }
        if (fullOnly && d->precision() != Date::Precision::Day) {
            r.error(field, inQuotes(value) + " is a partial date (" + precisionName(d->precision()) + "); expected a full date " +
                               kFullDate);
            return std::nullopt;
        }
        return *d;
    }

    void checkIdForm(RowReport& r, const std::string& field, const std::string& id, const char* prefix)
    {
        if (id.empty()) {
            r.error(field, "empty; a value is required");
            return;
        }
        if (!wellFormedId(id, prefix))
            r.error(field, inQuotes(id) + " is not a well-formed id; expected " + (prefix ? std::string(prefix) : "prefix") +
                               ":<slug> with a slug of a-z, 0-9 and -");
    }

    // Registers an id as used; a second use anywhere in the dataset is an error.
    void claimId(RowReport& r, const std::string& id, const std::string& file)
    {
        if (id.empty()) return;
        const auto [it, inserted] = m_idUses.emplace(id, IdUse{file, r.where()});
        if (!inserted)
            r.error("id", inQuotes(id) + " is already used by " +
                              std::filesystem::path(it->second.file).filename().string() + ":" + it->second.where +
                              "; ids are unique across the dataset");
    }

    // --- GeoJSON rows ------------------------------------------------------------------------

    void checkLayerRows(PendingLayer& l)
    {
        const LayerSpec& spec = *l.spec;
        const std::string key = spec.key;
        const GeometryColumn& geom = l.layer->geometry();
        for (std::size_t f = 0; f < l.layer->featureCount(); ++f) {
            RowReport r(m_d, l.path, l.where(f), l.keep[f], "feature");
            checkIdForm(r, "id", l.ids[f], spec.prefix);
            claimId(r, l.ids[f], l.path);
            for (const char* field : spec.required) {
                const std::string v = l.text(f, field);
                if (std::string_view(field) != "id" && l.layer->column(field) && v.empty())
                    r.error(field, "empty; a value is required");
            }
            checkVocab(r, "confidence", l.text(f, "confidence"), vocab::kConfidence);
            if (l.layer->column("sources")) {
                checkSources(r, l.text(f, "sources"));
                for (const char* field : kTextFields)
                    if (l.layer->column(field)) checkCitedSources(r, l.text(f, "sources"), field, l.text(f, field));
            }

            if (key == schema::kPlaces) {
                checkVocab(r, "kind", l.text(f, "kind"), vocab::kPlaceKinds);
                checkVocab(r, "country", l.text(f, "country"), vocab::kCountries);
            } else if (key == schema::kControl) {
                checkVocab(r, "controller", l.text(f, "controller"), vocab::kControllers);
                l.asOf[f] = checkDate(r, "as_of", l.text(f, "as_of"), true, false);
                checkIdDate(r, l.ids[f], trailingDate(l.ids[f]), "as_of", l.text(f, "as_of"));
                const std::string area = l.text(f, "area_id");
                if (!area.empty() && !wellFormedId(area, "area"))
                    r.error("area_id", inQuotes(area) + " is not a well-formed area id; expected area:<slug>");
            } else if (key == schema::kFrontlines) {
                l.asOf[f] = checkDate(r, "as_of", l.text(f, "as_of"), true, false);
                checkIdDate(r, l.ids[f], trailingDate(l.ids[f]), "as_of", l.text(f, "as_of"));
                const std::string line = l.text(f, "line_id");
                if (!line.empty() && !wellFormedId(line, "front"))
                    r.error("line_id", inQuotes(line) + " is not a well-formed line id; expected front:<slug>");
            } else if (key == schema::kEvents) {
                checkVocab(r, "kind", l.text(f, "kind"), vocab::kEventKinds);
                const auto date = checkDate(r, "date", l.text(f, "date"), true, false);
                const auto end = checkDate(r, "date_end", l.text(f, "date_end"), false, false);
                if (date && end && end->endExclusive() <= date->first())
                    r.error("date_end", end->iso() + " is before date " + date->iso() +
                                            " (date_end is the inclusive last day and cannot precede the first)");
                checkIdDate(r, l.ids[f], leadingDate(l.ids[f]), "date", l.text(f, "date"));
                // "~21 Oct" is not a day: an approximate date is written at the precision it has.
                if (date && date->precision() == Date::Precision::Day && truthyCell(l.layer->column("date_approx"), f))
                    r.warning("date_approx", "true, but date " + date->iso() +
                                                 " is a full day; write an approximate date at the precision the "
                                                 "source supports (its month " + date->iso().substr(0, 7) +
                                                 ", a year, or a date_end range) or set date_approx to false");
            }
            checkGeometry(r, l, f, geom);
        }
    }

    void checkGeometry(RowReport& r, PendingLayer& l, std::size_t f, const GeometryColumn& geom)
    {
        const LayerSpec& spec = *l.spec;
        if (geom.isNull(f)) {
            if (!spec.nullable) r.error("geometry", "missing; expected a " + kindName(spec.kinds.front()));
            return;
        }
        if (std::find(spec.kinds.begin(), spec.kinds.end(), geom.kind(f)) == spec.kinds.end()) {
            std::string expected;
            for (GeometryKind k : spec.kinds) expected += (expected.empty() ? "" : " or ") + kindName(k);
            r.error("geometry", "is a " + kindName(geom.kind(f)) + "; expected a " + expected);
            return;
        }
        const auto coords = geom.coords(f);
        std::vector<Coord> lonLat(coords.begin(), coords.end());
        m_toLonLat->transform(lonLat.data(), lonLat.size());
        if (!lonLat.empty()) l.lonLat[f] = lonLat.front();
        for (const Coord& c : lonLat) {
            if (!(c.x >= kMinLon && c.x <= kMaxLon && c.y >= kMinLat && c.y <= kMaxLat)) {
                char buf[160];
                std::snprintf(buf, sizeof buf,
                              "coordinate %.5f, %.5f (lon, lat) is outside the region lon 88–106, lat 15–32", c.x, c.y);
                r.error("geometry", buf);
                return;
            }
        }
        try {
            geos::Geometry g = geos::fromFeature(geom, f, &*m_toLonLat);
            if (!g) return;
            if (const auto why = geos::invalidReason(g.get())) {
                r.error("geometry", "invalid (GEOS): " + *why);
                return;
            }
            if (std::string_view(spec.key) == schema::kControl) l.lonLatGeoms[f] = std::move(g);
        } catch (const geos::GeosError& e) {
            r.error("geometry", std::string("invalid: ") + e.what());
        }
    }

    // Within one version of a control area the polygons must not overlap.
    void checkVersionOverlaps()
    {
        PendingLayer* control = pending(schema::kControl);
        if (!control || !control->layer->column("area_id")) return;
        std::map<std::pair<std::string, int32_t>, std::vector<std::size_t>> versions;
        for (std::size_t f = 0; f < control->keep.size(); ++f)
            if (control->keep[f] && control->asOf[f] && control->lonLatGeoms[f])
                versions[{control->text(f, "area_id"), control->asOf[f]->first()}].push_back(f);
        for (const auto& [version, rows] : versions) {
            for (std::size_t i = 1; i < rows.size(); ++i) {
                for (std::size_t j = 0; j < i; ++j) {
                    const std::size_t a = rows[j], b = rows[i];
                    if (!control->keep[a]) continue;
                    geos::Geometry common =
                        geos::intersection(control->lonLatGeoms[a].get(), control->lonLatGeoms[b].get());
                    if (geos::area(common.get()) < 1e-9) continue;  // shared edges only (< ~10 m²)
                    RowReport r(m_d, control->path, control->where(b), control->keep[b], "feature");
                    r.error("geometry", "overlaps " + control->ids[a] + ", another polygon of the same version (" +
                                            version.first + " as of " + control->asOf[b]->iso() +
                                            "); polygons of one version must not overlap");
                    break;
                }
            }
        }
    }

    // Areas in force on the same day must not cover the same ground: a town's circle inside the
    // ring of another area would count that ground twice (once per area).
    void checkAreaOverlaps()
    {
        PendingLayer* control = pending(schema::kControl);
        if (!control || !control->layer->column("area_id")) return;
        struct Row {
            std::size_t f;
            std::string area;
            int32_t begin;
            std::optional<int32_t> end;  // nullopt: the area's latest version, still in force
        };
        std::map<std::string, std::set<int32_t>> starts;  // area → first days of its versions
        for (std::size_t f = 0; f < control->keep.size(); ++f)
            if (control->keep[f] && control->asOf[f]) starts[control->text(f, "area_id")].insert(control->asOf[f]->first());
        std::vector<Row> rows;
        for (std::size_t f = 0; f < control->keep.size(); ++f) {
            if (!control->keep[f] || !control->asOf[f] || !control->lonLatGeoms[f]) continue;
            Row row{f, control->text(f, "area_id"), control->asOf[f]->first(), std::nullopt};
            const auto& s = starts[row.area];
            if (const auto next = s.upper_bound(row.begin); next != s.end()) row.end = *next;
            rows.push_back(std::move(row));
        }
        for (std::size_t i = 0; i < rows.size(); ++i) {
            for (std::size_t j = 0; j < rows.size(); ++j) {
                const Row& a = rows[j];
                const Row& b = rows[i];
                if (a.area == b.area || j == i) continue;
                // Report each pair once, on the row whose version starts later (or later in the file).
                if (std::tuple(a.begin, a.f) > std::tuple(b.begin, b.f)) continue;
                const int32_t from = std::max(a.begin, b.begin);
                const bool together = (!a.end || from < *a.end) && (!b.end || from < *b.end);
                if (!together) continue;
                geos::Geometry common =
                    geos::intersection(control->lonLatGeoms[a.f].get(), control->lonLatGeoms[b.f].get());
                if (geos::area(common.get()) < 1e-9) continue;  // shared edges only (< ~10 m²)
                RowReport r(m_d, control->path, control->where(b.f), control->keep[b.f], "feature");
                r.warning("geometry", "overlaps " + control->ids[a.f] + " of " + a.area + " while both are in force (from " +
                                          isoDay(from) + "); areas of one date must not count the same ground twice");
            }
        }
    }

    // --- CSV rows ----------------------------------------------------------------------------

    void checkHistoryRows(PendingTable& t, bool isStatus)
    {
        if (!t.usable()) return;
        const CsvTable& tab = *t.table;
        for (std::size_t i = 0; i < tab.rows().size(); ++i) {
            if (!t.keep[i]) continue;
            const CsvRow& row = tab.rows()[i];
            RowReport r(m_d, t.path, lineLocation(row.line), t.keep[i], "row");
            const std::string& id = tab.cell(row, "feature_id");
            if (checkRequired(r, "feature_id", id) && !wellFormedId(id, ""))
                r.error("feature_id", inQuotes(id) + " is not a well-formed id (prefix:slug)");
            // Partial dates ("2024-10" for "late Oct 2024") keep the precision the source gives.
            const auto from = checkDate(r, "from", tab.cell(row, "from"), false, false);
            const auto to = checkDate(r, "to", tab.cell(row, "to"), false, false);
            if (from && to && to->first() <= from->first())
                r.error("to", to->iso() + " is not after from " + from->iso() +
                                  " (spans are half-open [from, to): to is the first day no longer true)");
            if (isStatus) {
                checkVocab(r, "status", tab.cell(row, "status"), vocab::kStatuses);
                checkVocab(r, "by", tab.cell(row, "by"), vocab::kStatusBy, false);
            } else {
                checkVocab(r, "controller", tab.cell(row, "controller"), vocab::kControllers);
            }
            checkSources(r, tab.cell(row, "sources"));
            checkCitedSources(r, tab.cell(row, "sources"), "note", tab.cell(row, "note"));
            checkVocab(r, "confidence", tab.cell(row, "confidence"), vocab::kConfidence);
        }
    }

    void checkExportRows()
    {
        if (!m_exports.usable()) return;
        const CsvTable& tab = *m_exports.table;
        for (std::size_t i = 0; i < tab.rows().size(); ++i) {
            if (!m_exports.keep[i]) continue;
            const CsvRow& row = tab.rows()[i];
            RowReport r(m_d, m_exports.path, lineLocation(row.line), m_exports.keep[i], "row");
            const std::string& id = tab.cell(row, "id");
            checkIdForm(r, "id", id, "export");
            claimId(r, id, m_exports.path);
            const auto period = checkDate(r, "period", tab.cell(row, "period"), true, false);
            checkIdDate(r, id, leadingDate(id), "period", tab.cell(row, "period"));
            const auto end = checkDate(r, "period_end", tab.cell(row, "period_end"), false, false);
            if (period && end && end->endExclusive() <= period->first())
                r.error("period_end", end->iso() + " is before period " + period->iso());
            checkRequired(r, "reporter", tab.cell(row, "reporter"));
            checkVocab(r, "flow", tab.cell(row, "flow"), vocab::kFlows);
            checkRequired(r, "basket", tab.cell(row, "basket"));
            for (const std::string& hs : splitList(tab.cell(row, "hs_code")))
                if (hs.size() < 4 || !std::all_of(hs.begin(), hs.end(), [](char c) { return c >= '0' && c <= '9'; }))
                    r.error("hs_code", inQuotes(hs) + " is not an HS code (4 to 10 digits)");
            const std::string& metric = tab.cell(row, "metric");
            const std::string& unit = tab.cell(row, "unit");
            checkVocab(r, "metric", metric, vocab::kMetrics);
            checkVocab(r, "qualifier", tab.cell(row, "qualifier"), vocab::kQualifiers, false);
            checkNumber(r, "value", tab.cell(row, "value"));
            checkVocab(r, "unit", unit, vocab::kUnits);
            const char* expectedUnit = metric == "quantity" ? "t"
                                     : metric == "value"    ? "USD"
                                     : metric.empty()       ? nullptr
                                                            : "percent";
            if (expectedUnit && vocab::contains(vocab::kMetrics, metric) && vocab::contains(vocab::kUnits, unit) &&
                unit != expectedUnit)
                r.warning("unit", inQuotes(unit) + " does not fit metric " + metric + " (expected " + expectedUnit + ")");
            checkSources(r, tab.cell(row, "sources"));
            checkCitedSources(r, tab.cell(row, "sources"), "note", tab.cell(row, "note"));
            checkVocab(r, "confidence", tab.cell(row, "confidence"), vocab::kConfidence);
        }
    }

    void checkFigureRows()
    {
        if (!m_figures.usable()) return;
        const CsvTable& tab = *m_figures.table;
        for (std::size_t i = 0; i < tab.rows().size(); ++i) {
            if (!m_figures.keep[i]) continue;
            const CsvRow& row = tab.rows()[i];
            RowReport r(m_d, m_figures.path, lineLocation(row.line), m_figures.keep[i], "row");
            const std::string& id = tab.cell(row, "feature_id");
            if (checkRequired(r, "feature_id", id) && !wellFormedId(id, "mine"))
                r.error("feature_id", inQuotes(id) + " is not a mine id (mine:<slug>)");
            checkDate(r, "period", tab.cell(row, "period"), true, false);
            checkRequired(r, "metric", tab.cell(row, "metric"));
            checkVocab(r, "qualifier", tab.cell(row, "qualifier"), vocab::kQualifiers, false);
            checkNumber(r, "value", tab.cell(row, "value"));
            checkRequired(r, "unit", tab.cell(row, "unit"));
            checkSources(r, tab.cell(row, "sources"));
            checkCitedSources(r, tab.cell(row, "sources"), "note", tab.cell(row, "note"));
            checkVocab(r, "confidence", tab.cell(row, "confidence"), vocab::kConfidence);
        }
    }

    void checkNumber(RowReport& r, const std::string& field, const std::string& value)
    {
        if (value.empty()) r.error(field, "empty; expected a number");
        else if (!parseNumber(value))
            r.error(field, inQuotes(value) + " is not a number (plain decimal with '.', no thousands separator)");
    }

    // --- references --------------------------------------------------------------------------

    void collectKeptIds()
    {
        for (const PendingLayer& l : m_layers) {
            for (std::size_t f = 0; f < l.keep.size(); ++f) {
                if (!l.keep[f]) continue;
                m_kept.emplace(l.ids[f], l.spec->key);
                if (std::string_view(l.spec->key) == schema::kControl) m_groups.insert(l.text(f, "area_id"));
                if (std::string_view(l.spec->key) == schema::kFrontlines) m_groups.insert(l.text(f, "line_id"));
            }
        }
        if (m_exports.usable())
            for (std::size_t i = 0; i < m_exports.keep.size(); ++i)
                if (m_exports.keep[i]) m_kept.emplace(m_exports.table->cell(m_exports.table->rows()[i], "id"), schema::kExports);
    }

    bool keptIn(const std::string& id, std::string_view key) const
    {
        const auto it = m_kept.find(id);
        return it != m_kept.end() && it->second == key;
    }

    void checkReferences()
    {
        // Logical ids must not double as feature ids.
        for (const std::string& g : m_groups) {
            if (m_kept.count(g)) m_d.error(path("control.geojson"), "", "area_id",
                                           inQuotes(g) + " is both a group id (area_id / line_id) and a feature id");
        }
        if (PendingLayer* events = pending(schema::kEvents)) {
            const PendingLayer* places = pending(schema::kPlaces);
            for (std::size_t f = 0; f < events->keep.size(); ++f) {
                if (!events->keep[f]) continue;
                RowReport r(m_d, events->path, events->where(f), events->keep[f], "feature");
                for (const std::string& link : splitList(events->text(f, "links")))
                    if (!m_kept.count(link) && !m_groups.count(link))
                        r.error("links", inQuotes(link) + " does not name a feature, export, event, area_id or line_id "
                                                        "of the dataset");
                const std::string place = events->text(f, "place_id");
                if (place.empty()) {
                    if (events->lonLat[f])
                        r.warning("geometry", "has a point but no place_id (an event's point is its place's point)");
                } else if (!keptIn(place, schema::kPlaces)) {
                    r.error("place_id", inQuotes(place) + " is not a place id of places.geojson");
                } else if (places) {
                    checkOnPlace(r, *events, f, *places, place);
                }
            }
        }
        if (PendingLayer* crossings = pending(schema::kCrossings)) {
            for (std::size_t f = 0; f < crossings->keep.size(); ++f) {
                if (!crossings->keep[f]) continue;
                RowReport r(m_d, crossings->path, crossings->where(f), crossings->keep[f], "feature");
                const std::string place = crossings->text(f, "place_id");
                if (!place.empty() && !keptIn(place, schema::kPlaces))
                    r.error("place_id", inQuotes(place) + " is not a place id of places.geojson");
            }
        }
        checkTableRefs(m_controllers, "feature_id", {schema::kPlaces, schema::kCrossings, schema::kMines}, "a place, crossing or mine id");
        checkTableRefs(m_status, "feature_id", {schema::kCrossings}, "a crossing id of crossings.geojson");
        checkTableRefs(m_figures, "feature_id", {schema::kMines}, "a mine id of mines.geojson");
    }

    void checkOnPlace(RowReport& r, const PendingLayer& events, std::size_t f, const PendingLayer& places,
                      const std::string& place)
    {
        const auto row = std::find(places.ids.begin(), places.ids.end(), place) - places.ids.begin();
        const auto& p = places.lonLat[static_cast<std::size_t>(row)];
        const auto& e = events.lonLat[f];
        if (!e) r.warning("geometry", "null, but place_id " + place + " has a point (an event's point is its place's point)");
        else if (p && (std::abs(p->x - e->x) > 1e-6 || std::abs(p->y - e->y) > 1e-6))
            r.warning("geometry", "differs from the point of its place_id " + place);
    }

    void checkTableRefs(PendingTable& t, const char* field, std::initializer_list<const char*> keys,
                        const char* expected)
    {
        if (!t.usable()) return;
        for (std::size_t i = 0; i < t.keep.size(); ++i) {
            if (!t.keep[i]) continue;
            const CsvRow& row = t.table->rows()[i];
            const std::string& id = t.table->cell(row, field);
            const bool ok = std::any_of(keys.begin(), keys.end(), [&](const char* k) { return keptIn(id, k); });
            if (!ok) {
                RowReport r(m_d, t.path, lineLocation(row.line), t.keep[i], "row");
                r.error(field, inQuotes(id) + " does not resolve; expected " + expected);
            }
        }
    }

    // Rows of one feature: contiguous, ordered by from, not overlapping; an empty from only first.
    void checkHistoryOrder(PendingTable& t)
    {
        if (!t.usable()) return;
        const CsvTable& tab = *t.table;
        std::unordered_map<std::string, std::size_t> last;  // feature → index of its last kept row
        std::string previousFeature;
        std::unordered_set<std::string> seen;
        for (std::size_t i = 0; i < tab.rows().size(); ++i) {
            if (!t.keep[i]) continue;
            const CsvRow& row = tab.rows()[i];
            const std::string& id = tab.cell(row, "feature_id");
            RowReport r(m_d, t.path, lineLocation(row.line), t.keep[i], "row");
            if (id != previousFeature && seen.count(id))
                r.warning("feature_id", "rows of " + id + " are not contiguous (another feature's rows come between)");
            seen.insert(id);
            previousFeature = id;
            const auto it = last.find(id);
            if (it != last.end()) {
                const CsvRow& prev = tab.rows()[it->second];
                const std::string prevLine = std::to_string(prev.line);
                const auto from = Date::parse(tab.cell(row, "from"));
                const auto prevTo = Date::parse(tab.cell(prev, "to"));
                if (!from) {
                    r.error("from", "empty, but only the first row of " + id + " may leave its start unknown (previous "
                                    "row on line " + prevLine + ")");
                } else if (!prevTo) {
                    r.error("from", "the previous row of " + id + " (line " + prevLine +
                                        ") is still open (empty to), so this row overlaps it");
                } else if (from->first() < prevTo->first()) {
                    r.error("from", from->iso() + " is before the end of the previous row of " + id + " (line " +
                                        prevLine + ", to " + prevTo->iso() + "): the rows overlap or are out of order");
                }
            }
            if (t.keep[i]) last[id] = i;
        }
    }

    // --- building ----------------------------------------------------------------------------

    PendingLayer* pending(std::string_view key)
    {
        for (PendingLayer& l : m_layers)
            if (l.spec->key == key) return &l;
        return nullptr;
    }

    static std::shared_ptr<Layer> filterLayer(const Layer& in, const std::vector<uint8_t>& keep)
    {
        auto out = std::make_shared<Layer>(in.name(), in.sourcePath(), in.crs());
        for (const Column& c : in.columns()) out->addColumn(c.name(), c.type());
        const GeometryColumn& g = in.geometry();
        GeometryColumn& og = out->mutableGeometry();
        auto& columns = out->mutableColumns();
        for (std::size_t f = 0; f < in.featureCount(); ++f) {
            if (!keep[f]) continue;
            og.beginFeature(g.kind(f));
            if (!g.isNull(f)) {
                for (uint32_t p = g.partBegin(f); p < g.partEnd(f); ++p) {
                    og.beginPart();
                    for (uint32_t r = g.ringBegin(p); r < g.ringEnd(p); ++r) {
                        og.beginRing();
                        for (const Coord& c : g.ring(r)) og.addCoord(c.x, c.y);
                    }
                }
            }
            og.endFeature();
            out->appendFid(in.fid(f));
            for (std::size_t i = 0; i < columns.size(); ++i) {
                const Column& c = in.columns()[i];
                Column& oc = columns[i];
                if (c.isNull(f)) { oc.appendNull(); continue; }
                switch (c.type()) {
                case FieldType::Integer: oc.appendInteger(c.integer(f)); break;
                case FieldType::Real: oc.appendReal(c.real(f)); break;
                case FieldType::String: oc.appendString(c.string(f)); break;
                case FieldType::Date: oc.appendDate(c.date(f)); break;
                }
            }
        }
        out->buildIndex();
        return out;
    }

    TimeMode modeOf(std::string_view key) const
    {
        if (key == schema::kEvents) return InstantTime{"date", std::string("date_end"), m_options.eventFadeDays};
        if (key == schema::kControl) return SnapshotTime{"area_id", "as_of", 0};
        if (key == schema::kFrontlines) return SnapshotTime{"line_id", "as_of", m_options.frontFadeDays};
        return StaticTime{};
    }

    static std::vector<SnapshotGroup> groupsOf(const Layer& layer, const SnapshotTime& mode, const FeatureTimes& times)
    {
        std::map<std::string, std::map<int32_t, SnapshotVersion>> byGroup;
        const Column* group = layer.column(mode.groupField);
        const Column* asOf = layer.column(mode.asOfField);
        if (!group || !asOf) return {};
        for (std::size_t f = 0; f < layer.featureCount(); ++f) {
            if (times.excluded[f]) continue;
            const auto d = Date::parse(asOf->text(f));
            if (!d) continue;
            SnapshotVersion& v = byGroup[group->text(f)][d->first()];
            v.asOf = *d;
            v.span = times.spans[f];
            v.rows.push_back(static_cast<uint32_t>(f));
        }
        std::vector<SnapshotGroup> out;
        for (auto& [name, versions] : byGroup) {
            SnapshotGroup g;
            g.group = name;
            for (auto& [day, v] : versions) g.versions.push_back(std::move(v));
            out.push_back(std::move(g));
        }
        return out;
    }

    std::vector<StateSpan> spansOf(const PendingTable& t, const char* valueField, bool withBy) const
    {
        std::vector<StateSpan> out;
        if (!t.usable()) return out;
        const CsvTable& tab = *t.table;
        for (std::size_t i = 0; i < tab.rows().size(); ++i) {
            if (!t.keep[i]) continue;
            const CsvRow& row = tab.rows()[i];
            StateSpan s;
            s.featureId = tab.cell(row, "feature_id");
            if (const auto d = Date::parse(tab.cell(row, "from"))) {
                s.from = *d;
                s.span.begin = d->first();
            }
            if (const auto d = Date::parse(tab.cell(row, "to"))) {
                s.to = *d;
                s.span.end = d->first();
            }
            s.value = tab.cell(row, valueField);
            if (withBy) s.by = tab.cell(row, "by");
            s.sources = splitList(tab.cell(row, "sources"));
            s.confidence = tab.cell(row, "confidence");
            s.note = tab.cell(row, "note");
            s.file = t.path;
            s.line = row.line;
            out.push_back(std::move(s));
        }
        return out;
    }

    void summarize(Dataset& ds, const std::string& file, bool found, std::size_t read, std::size_t loaded) const
    {
        ds.m_files.push_back({file, read, loaded, found});
    }

    Dataset build()
    {
        Dataset ds;
        ds.m_dir = m_dir;
        ds.m_options = m_options;
        ds.m_sources = std::move(m_sources);

        for (const std::string& key : Dataset::layerKeys()) {
            const LayerSpec& spec = *std::find_if(layerSpecs().begin(), layerSpecs().end(),
                                                  [&](const LayerSpec& s) { return key == s.key; });
            PendingLayer* p = pending(key);
            if (!p) {
                summarize(ds, path(spec.file), detail::vsiFileExists(path(spec.file)), 0, 0);
                continue;
            }
            const std::size_t kept = static_cast<std::size_t>(std::count(p->keep.begin(), p->keep.end(), uint8_t{1}));
            summarize(ds, p->path, true, p->keep.size(), kept);
            DatasetLayer dl;
            dl.key = key;
            dl.file = p->path;
            auto layer = kept == p->keep.size() ? p->layer : filterLayer(*p->layer, p->keep);
            dl.mode = modeOf(key);
            // A layer without its required fields has no rows left (reported once already).
            Diagnostics quiet;
            dl.times = compileFeatureTimes(*layer, dl.mode, p->broken ? quiet : m_d);
            if (!dl.isStatic()) dl.temporal = TemporalIndex(dl.times);
            if (const auto* snap = std::get_if<SnapshotTime>(&dl.mode)) dl.groups = groupsOf(*layer, *snap, dl.times);
            dl.layer = layer;
            for (std::size_t f = 0; f < layer->featureCount(); ++f)
                ds.m_ids[std::string(dl.id(f))] = {IdTarget::Kind::Feature, key, static_cast<uint32_t>(f)};
            for (const SnapshotGroup& g : dl.groups)
                ds.m_ids[g.group] = {key == schema::kControl ? IdTarget::Kind::Area : IdTarget::Kind::Line, key, 0};
            if (key == schema::kEvents) ds.m_events = EventStore::fromLayer(*layer, EventFields{}, p->broken ? quiet : m_d);
            ds.m_layers.push_back(std::move(dl));
        }

        ds.m_controllers = StateHistory(spansOf(m_controllers, "controller", false));
        ds.m_crossingStatus = StateHistory(spansOf(m_status, "status", true));

        std::vector<ExportObservation> observations;
        if (m_exports.usable()) {
            const CsvTable& tab = *m_exports.table;
            for (std::size_t i = 0; i < tab.rows().size(); ++i) {
                if (!m_exports.keep[i]) continue;
                const CsvRow& row = tab.rows()[i];
                ExportObservation o;
                o.id = tab.cell(row, "id");
                o.period = *Date::parse(tab.cell(row, "period"));
                if (const auto e = Date::parse(tab.cell(row, "period_end"))) o.periodEnd = *e;
                o.span = Interval::ofDays(o.period.first(), std::max(o.period.endExclusive(),
                                                                     o.periodEnd ? o.periodEnd->endExclusive() : 0));
                o.reporter = tab.cell(row, "reporter");
                o.partner = tab.cell(row, "partner");
                o.flow = tab.cell(row, "flow");
                o.basket = tab.cell(row, "basket");
                o.hsCodes = splitList(tab.cell(row, "hs_code"));
                o.metric = tab.cell(row, "metric");
                o.qualifier = tab.cell(row, "qualifier");
                o.valueText = tab.cell(row, "value");
                o.value = parseNumber(o.valueText).value_or(0);
                o.unit = tab.cell(row, "unit");
                o.sources = splitList(tab.cell(row, "sources"));
                o.confidence = tab.cell(row, "confidence");
                o.note = tab.cell(row, "note");
                o.line = row.line;
                observations.push_back(std::move(o));
            }
        }
        ds.m_exports = ExportSeries(std::move(observations));
        for (uint32_t i = 0; i < ds.m_exports.size(); ++i)
            ds.m_ids[ds.m_exports.all()[i].id] = {IdTarget::Kind::Export, schema::kExports, i};

        std::vector<MineFigure> figures;
        if (m_figures.usable()) {
            const CsvTable& tab = *m_figures.table;
            for (std::size_t i = 0; i < tab.rows().size(); ++i) {
                if (!m_figures.keep[i]) continue;
                const CsvRow& row = tab.rows()[i];
                MineFigure m;
                m.featureId = tab.cell(row, "feature_id");
                m.period = *Date::parse(tab.cell(row, "period"));
                m.metric = tab.cell(row, "metric");
                m.qualifier = tab.cell(row, "qualifier");
                m.valueText = tab.cell(row, "value");
                m.value = parseNumber(m.valueText).value_or(0);
                m.unit = tab.cell(row, "unit");
                m.sources = splitList(tab.cell(row, "sources"));
                m.confidence = tab.cell(row, "confidence");
                m.note = tab.cell(row, "note");
                m.line = row.line;
                figures.push_back(std::move(m));
            }
        }
        ds.m_mineFigures = MineFigures(std::move(figures));

        for (const PendingTable* t : {&m_controllers, &m_status, &m_exports, &m_figures}) {
            const std::size_t read = t->usable() ? t->table->rows().size() : 0;
            const std::size_t loaded = static_cast<std::size_t>(std::count(t->keep.begin(), t->keep.end(), uint8_t{1}));
            summarize(ds, t->path, t->usable(), read, t->usable() ? loaded : 0);
        }
        summarize(ds, path("SOURCES.md"), ds.m_sources.size() > 0, ds.m_sources.size(), ds.m_sources.size());
        return ds;
    }

    std::string m_dir;
    DatasetOptions m_options;
    Diagnostics& m_d;
    PooledTransform m_toLonLat;  // display CRS → lon/lat, reused between loads
    SourceCatalog m_sources;
    std::vector<PendingLayer> m_layers;
    PendingTable m_controllers, m_status, m_exports, m_figures;
    std::unordered_map<std::string, IdUse> m_idUses;
    std::unordered_map<std::string, std::string> m_kept;  // kept id → layer key ("exports" for exports)
    std::set<std::string> m_groups;                      // area_id and line_id values of kept rows
};

Dataset Dataset::load(const std::string& dir, const DatasetOptions& options, Diagnostics& diagnostics)
{
    DatasetLoader loader(dir, options, diagnostics);
    return loader.run();
}

}  // namespace atlas
