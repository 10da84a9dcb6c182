#include "atlas/io/event_import.h"

#include "atlas/civil_date.h"
#include "atlas/io/acled_import.h"
#include "atlas/io/ucdp_import.h"
#include "event_table.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <unordered_set>

namespace atlas::io {

const char* eventFormatName(EventFormat format)
{
    switch (format) {
    case EventFormat::Acled: return "ACLED";
    case EventFormat::UcdpGed: return "UCDP GED";
    }
    return "?";
}

const char* eventFormatKey(EventFormat format)
{
    switch (format) {
    case EventFormat::Acled: return "acled";
    case EventFormat::UcdpGed: return "ucdp";
    }
    return "?";
}

std::optional<EventFormat> detectEventFormat(const std::vector<std::string>& header)
{
    const auto has = [&](const char* name) { return std::find(header.begin(), header.end(), name) != header.end(); };
    if (has("event_id_cnty") && has("event_date") && has("latitude") && has("longitude")) return EventFormat::Acled;
    if (has("id") && has("date_start") && has("where_prec") && has("latitude") && has("longitude"))
        return EventFormat::UcdpGed;
    return std::nullopt;
}

std::optional<EventFormat> detectEventFormatOfHeader(std::string_view headerLine)
{
    std::string_view line = headerLine.substr(0, headerLine.find('\n'));
    if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    const char separator = csvSeparator(line);
    std::vector<std::string> header;
    std::string cell;
    bool quoted = false;
    for (char c : line) {
        if (c == '"') quoted = !quoted;
        else if (c == separator && !quoted) { header.push_back(cell); cell.clear(); }
        else if (c != '\r') cell += c;
    }
    header.push_back(cell);
    for (std::string& h : header) {
        while (!h.empty() && std::isspace(static_cast<unsigned char>(h.back()))) h.pop_back();
        while (!h.empty() && std::isspace(static_cast<unsigned char>(h.front()))) h.erase(0, 1);
    }
    return detectEventFormat(header);
}

std::optional<EventFormat> detectEventFormat(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::string line;
    if (!in || !std::getline(in, line)) return std::nullopt;
    return detectEventFormatOfHeader(line);
}

EventImport importEventFile(const std::string& path, const EventImportOptions& options, Diagnostics& diagnostics)
{
    const auto format = detectEventFormat(path);
    if (!format) {
        EventImport none;
        none.path = path;
        diagnostics.error(path, "line 1", "", "not an ACLED export (needs event_id_cnty, event_date, latitude, "
                          "longitude) nor a UCDP GED CSV (needs id, date_start, where_prec, latitude, longitude)");
        return none;
    }
    return *format == EventFormat::Acled ? importAcled(path, options, diagnostics)
                                         : importUcdpGed(path, options, diagnostics);
}

EventImport importEventText(std::string_view text, const std::string& path, const EventImportOptions& options,
                            Diagnostics& diagnostics)
{
    EventImport none;
    none.path = path;
    const auto format = detectEventFormatOfHeader(text);
    if (!format) {
        diagnostics.error(path, "line 1", "", "not an ACLED export (needs event_id_cnty, event_date, latitude, "
                          "longitude) nor a UCDP GED CSV (needs id, date_start, where_prec, latitude, longitude)");
        return none;
    }
    none.format = *format;
    const auto table = CsvTable::parse(text, path, diagnostics);
    if (!table) return none;
    return detail::buildEventImport(*table, *format == EventFormat::Acled ? detail::acledSpec() : detail::ucdpGedSpec(),
                                    options, diagnostics);
}

Interval isoWeekOf(int32_t day)
{
    // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
    const int32_t sinceMonday = ((day + 3) % 7 + 7) % 7;
    return Interval::ofDays(day - sinceMonday, day - sinceMonday + 7);
}

Interval monthOf(int32_t day)
{
    const CivilDate c = civilFromDays(day);
    const int32_t first = daysFromCivil(c.year, c.month, 1);
    return Interval::ofDays(first, first + static_cast<int32_t>(daysInMonth(c.year, c.month)));
}

Interval yearOf(int32_t day)
{
    const CivilDate c = civilFromDays(day);
    return Interval::ofDays(daysFromCivil(c.year, 1, 1), daysFromCivil(c.year + 1, 1, 1));
}

namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::optional<int> number(std::string_view s)
{
    if (s.empty() || s.size() > 4) return std::nullopt;
    int v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

std::optional<int32_t> civilDay(int y, int m, int d)
{
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > static_cast<int>(daysInMonth(y, static_cast<unsigned>(m))))
        return std::nullopt;
    return daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::optional<int> monthNamed(std::string_view name)
{
    static constexpr std::array<const char*, 12> names = {"january", "february", "march", "april", "may", "june",
                                                          "july", "august", "september", "october", "november",
                                                          "december"};
    std::string lower;
    for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.size() < 3) return std::nullopt;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string_view full = names[i];
        if (lower == full || (lower.size() == 3 && full.substr(0, 3) == lower)) return static_cast<int>(i) + 1;
    }
    return std::nullopt;
}

}  // namespace

std::optional<int32_t> parseEventDay(std::string_view text)
{
    std::string_view s = trim(text);
    // ISO, with an optional time part.
    if (s.size() >= 10 && s[4] == '-' && s[7] == '-' && (s.size() == 10 || s[10] == ' ' || s[10] == 'T')) {
        const auto y = number(s.substr(0, 4)), m = number(s.substr(5, 2)), d = number(s.substr(8, 2));
        if (!y || !m || !d) return std::nullopt;
        return civilDay(*y, *m, *d);
    }
    // Day first: "18-10-2024", "18/10/2024", "18 October 2024", "18-Oct-2024".
    std::vector<std::string_view> parts;
    std::size_t begin = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == '-' || s[i] == '/' || s[i] == ' ') {
            if (i > begin) parts.push_back(s.substr(begin, i - begin));
            begin = i + 1;
        }
    }
    if (parts.size() != 3) return std::nullopt;
    const auto d = number(parts[0]);
    const auto y = number(parts[2]);
    std::optional<int> m = number(parts[1]);
    if (!m) m = monthNamed(parts[1]);
    if (!d || !m || !y || parts[2].size() != 4) return std::nullopt;
    return civilDay(*y, *m, *d);
}

namespace detail {

std::optional<int64_t> parseInteger(std::string_view text)
{
    const std::string_view s = trim(text);
    if (s.empty()) return std::nullopt;
    std::string_view digits = s;
    if (digits.front() == '+') digits.remove_prefix(1);
    int64_t v = 0;
    const auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec != std::errc() || p != digits.data() + digits.size()) return std::nullopt;
    return v;
}

std::optional<double> parseReal(std::string_view text)
{
    const std::string_view s = trim(text);
    if (s.empty()) return std::nullopt;
    double v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

void appendList(std::string& list, std::string_view items)
{
    for (const std::string& item : splitList(items, ';')) {
        if (!list.empty()) list += ';';
        list += item;
    }
}

namespace {

// The type a column of the file gets: Date for the format's date columns, Real for the
// coordinates, else by content — Integer when every non-empty cell is an integer, Real when
// every one is a number, String otherwise.
FieldType columnType(const CsvTable& table, std::size_t i, const EventTableSpec& spec)
{
    const std::string& name = table.fields()[i];
    if (std::find(spec.dateFields.begin(), spec.dateFields.end(), name) != spec.dateFields.end()) return FieldType::Date;
    if (name == spec.lonField || name == spec.latField) return FieldType::Real;
    if (name == spec.idField) return FieldType::String;
    bool allIntegers = true, allNumbers = true, any = false;
    for (const CsvRow& row : table.rows()) {
        const std::string& cell = row.cells[i];
        if (trim(cell).empty()) continue;
        any = true;
        if (allIntegers && !parseInteger(cell)) allIntegers = false;
        if (!allIntegers && !parseReal(cell)) { allNumbers = false; break; }
    }
    if (!any) return FieldType::String;
    return allIntegers ? FieldType::Integer : allNumbers ? FieldType::Real : FieldType::String;
}

// Derived column names that the file already uses are not added twice; ours win for the layer.
bool isDerived(std::string_view name)
{
    return name == kDateFromField || name == kDateToField || name == kDateApproxField || name == kHaloField ||
           name == kActorsField || name == kKindField;
}

}  // namespace

EventImport buildEventImport(const CsvTable& table, const EventTableSpec& spec, const EventImportOptions& options,
                             Diagnostics& diagnostics)
{
    EventImport out;
    out.format = spec.format;
    out.path = table.path();
    out.rowsRead = table.rows().size();
    const std::string& path = table.path();
    const char* formatName = eventFormatName(spec.format);

    bool missing = false;
    for (const std::string& f : spec.requiredFields) {
        if (!table.hasField(f)) {
            diagnostics.error(path, "line 1", f, std::string("required column missing (") + formatName + " layout)");
            missing = true;
        }
    }
    if (missing) return out;

    auto leased = PooledTransform::lease(kWgs84, options.displayCrs);
    if (!leased) {
        diagnostics.error(path, "", "crs", leased.reason());
        return out;
    }
    const auto toDisplay = std::make_unique<PooledTransform>(std::move(leased).value());

    const std::string key = eventFormatKey(spec.format);
    auto layer = std::make_shared<Layer>(key, path, options.displayCrs);

    // The file's columns (except those we derive), then ours.
    struct Source {
        std::size_t cell;
        std::size_t column;
        FieldType type;
    };
    std::vector<Source> sources;
    for (std::size_t i = 0; i < table.fields().size(); ++i) {
        if (isDerived(table.fields()[i])) {
            diagnostics.warning(path, "line 1", table.fields()[i], "column replaced by the one the import derives");
            continue;
        }
        const FieldType t = columnType(table, i, spec);
        sources.push_back({i, layer->columns().size(), t});
        layer->addColumn(table.fields()[i], t);
    }
    const std::size_t cFrom = layer->columns().size();
    layer->addColumn(kDateFromField, FieldType::Date);
    layer->addColumn(kDateToField, FieldType::Date);
    layer->addColumn(kDateApproxField, FieldType::Integer);
    layer->addColumn(kHaloField, FieldType::Real);
    layer->addColumn(kActorsField, FieldType::String);
    layer->addColumn(kKindField, FieldType::String);
    auto& columns = layer->mutableColumns();
    for (Column& c : columns) c.reserve(table.rows().size());
    GeometryColumn& geom = layer->mutableGeometry();
    geom.reserve(table.rows().size(), table.rows().size());

    const std::size_t idCell = *table.fieldIndex(spec.idField);
    const std::size_t lonCell = *table.fieldIndex(spec.lonField);
    const std::size_t latCell = *table.fieldIndex(spec.latField);
    std::unordered_set<std::string> seen;
    for (const CsvRow& row : table.rows()) {
        const std::string where = lineLocation(row.line);
        const std::string id(trim(row.cells[idCell]));
        if (id.empty()) {
            diagnostics.error(path, where, spec.idField, "empty; every event needs an id; row skipped");
            continue;
        }
        if (seen.count(id)) {
            diagnostics.error(path, where, spec.idField, "\"" + id + "\" appears twice; later row skipped");
            continue;
        }
        const std::string_view lonText = trim(row.cells[lonCell]), latText = trim(row.cells[latCell]);
        std::optional<Coord> lonLat;
        if (!lonText.empty() || !latText.empty()) {
            const auto lon = parseReal(lonText), lat = parseReal(latText);
            if (!lon || !lat) {
                diagnostics.error(path, where, !lon ? spec.lonField : spec.latField,
                                  "\"" + std::string(!lon ? lonText : latText) + "\" is not a number; row skipped");
                continue;
            }
            if (*lon < -180 || *lon > 180 || *lat < -90 || *lat > 90) {
                diagnostics.error(path, where, spec.lonField, "coordinates outside longitude −180…180 / latitude "
                                  "−90…90; row skipped");
                continue;
            }
            lonLat = Coord{*lon, *lat};
        } else {
            diagnostics.warning(path, where, spec.lonField, "no coordinates; the event is kept without a point");
        }
        const std::optional<DerivedEvent> derived = spec.derive(table, row, diagnostics);
        if (!derived) continue;
        seen.insert(id);

        for (const Source& s : sources) {
            Column& col = columns[s.column];
            const std::string& cell = row.cells[s.cell];
            if (trim(cell).empty()) { col.appendNull(); continue; }
            switch (s.type) {
            case FieldType::Integer: col.appendInteger(*parseInteger(cell)); break;
            case FieldType::Real:
                if (const auto v = parseReal(cell)) col.appendReal(*v);
                else col.appendNull();
                break;
            case FieldType::Date:
                if (const auto d = parseEventDay(cell)) {
                    col.appendDate(*d);
                } else {
                    diagnostics.warning(path, where, table.fields()[s.cell], "\"" + cell + "\" is not a date; left empty");
                    col.appendNull();
                }
                break;
            case FieldType::String: col.appendString(cell); break;
            }
        }
        columns[cFrom].appendDate(derived->from);
        columns[cFrom + 1].appendDate(derived->to);
        columns[cFrom + 2].appendInteger(derived->approx ? 1 : 0);
        if (derived->haloMetres) columns[cFrom + 3].appendReal(*derived->haloMetres);
        else columns[cFrom + 3].appendNull();
        if (derived->actors.empty()) columns[cFrom + 4].appendNull();
        else columns[cFrom + 4].appendString(derived->actors);
        if (derived->kind.empty()) columns[cFrom + 5].appendNull();
        else columns[cFrom + 5].appendString(derived->kind);

        if (lonLat) {
            geom.beginFeature(GeometryKind::Point);
            geom.beginPart();
            geom.beginRing();
            geom.addCoord(lonLat->x, lonLat->y);
        } else {
            geom.beginFeature(GeometryKind::None);
        }
        geom.endFeature();
        layer->appendFid(row.line);
    }

    if (!(*toDisplay)->isIdentity()) {
        const auto& transform = **toDisplay;
        for (const std::size_t f : geom.transformFeatures([&transform](std::span<Coord> cs) {
                 transform.transform(cs.data(), cs.size());
             }))
            diagnostics.error(path, lineLocation(static_cast<int>(layer->fid(f))), spec.lonField,
                              "cannot be transformed to " + options.displayCrs + "; point dropped");
    }
    layer->buildIndex();

    DatasetLayer& dl = out.layer;
    dl.key = key;
    dl.file = path;
    dl.mode = InstantTime{kDateFromField, std::string(kDateToField), options.fadeDays};
    dl.times = compileFeatureTimes(*layer, dl.mode, diagnostics);
    dl.temporal = TemporalIndex(dl.times);
    out.events = EventStore::fromLayer(*layer, spec.eventFields, diagnostics);
    dl.layer = std::move(layer);
    return out;
}

}  // namespace detail
}  // namespace atlas::io
