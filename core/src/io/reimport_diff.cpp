#include "atlas/io/reimport_diff.h"

#include "atlas/data/csv_table.h"
#include "event_table.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_map>

namespace atlas::io {
namespace {

struct Keys {
    const char* id;
    const char* date;
    const char* location;
    std::vector<std::string> dateFields;
};

Keys keysOf(EventFormat format)
{
    if (format == EventFormat::Acled) return {"event_id_cnty", "event_date", "location", {"event_date"}};
    return {"id", "date_start", "where_description", {"date_start", "date_end"}};
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool sameValue(std::string_view a, std::string_view b, bool isDate)
{
    a = trim(a);
    b = trim(b);
    if (a == b) return true;
    if (isDate) {
        const auto da = parseEventDay(a), db = parseEventDay(b);
        return da && db && *da == *db;
    }
    const auto na = detail::parseReal(a), nb = detail::parseReal(b);
    return na && nb && *na == *nb;
}

// Rows by id, in file order, with repeated / empty ids reported.
struct Indexed {
    std::vector<const CsvRow*> rows;
    std::unordered_map<std::string, std::size_t> byId;  // → index in rows
};

Indexed indexRows(const CsvTable& table, const char* idField, Diagnostics& diagnostics)
{
    Indexed out;
    for (const CsvRow& row : table.rows()) {
        const std::string id(trim(table.cell(row, idField)));
        if (id.empty()) {
            diagnostics.error(table.path(), lineLocation(row.line), idField, "empty; row left out of the comparison");
            continue;
        }
        if (out.byId.count(id)) {
            diagnostics.error(table.path(), lineLocation(row.line), idField,
                              "\"" + id + "\" appears twice; later row left out of the comparison");
            continue;
        }
        out.byId.emplace(id, out.rows.size());
        out.rows.push_back(&row);
    }
    return out;
}

EventRef refOf(const CsvTable& table, const CsvRow& row, const Keys& keys)
{
    return {std::string(trim(table.cell(row, keys.id))), row.line, table.cell(row, keys.date),
            table.cell(row, keys.location)};
}

}  // namespace

std::optional<ReimportReport> compareEventExports(const std::string& olderPath, const std::string& newerPath,
                                                  Diagnostics& diagnostics)
{
    const auto older = CsvTable::read(olderPath, diagnostics);
    const auto newer = CsvTable::read(newerPath, diagnostics);
    if (!older || !newer) return std::nullopt;
    const auto format = detectEventFormat(older->fields());
    if (!format) {
        diagnostics.error(olderPath, "line 1", "", "not an ACLED export nor a UCDP GED CSV");
        return std::nullopt;
    }
    if (detectEventFormat(newer->fields()) != format) {
        diagnostics.error(newerPath, "line 1", "",
                          std::string("not the same layout as ") + olderPath + " (" + eventFormatName(*format) + ")");
        return std::nullopt;
    }
    const Keys keys = keysOf(*format);

    ReimportReport report;
    report.format = *format;
    report.oldPath = olderPath;
    report.newPath = newerPath;
    for (const std::string& f : newer->fields())
        if (!older->hasField(f)) report.fieldsAdded.push_back(f);
    for (const std::string& f : older->fields())
        if (!newer->hasField(f)) report.fieldsRemoved.push_back(f);

    // Columns both have, in the newer file's order, with their indexes in each.
    struct Common {
        std::string name;
        std::size_t oldIndex;
        std::size_t newIndex;
        bool isDate;
        bool bookkeeping;
    };
    std::vector<Common> common;
    for (std::size_t i = 0; i < newer->fields().size(); ++i) {
        const std::string& f = newer->fields()[i];
        const auto o = older->fieldIndex(f);
        if (!o || f == keys.id) continue;
        const bool isDate = std::find(keys.dateFields.begin(), keys.dateFields.end(), f) != keys.dateFields.end();
        common.push_back({f, *o, i, isDate, *format == EventFormat::Acled && f == "timestamp"});
    }

    const Indexed oldRows = indexRows(*older, keys.id, diagnostics);
    const Indexed newRows = indexRows(*newer, keys.id, diagnostics);
    report.oldCount = oldRows.rows.size();
    report.newCount = newRows.rows.size();

    for (const CsvRow* row : newRows.rows) {
        const std::string id(trim(newer->cell(*row, keys.id)));
        const auto it = oldRows.byId.find(id);
        if (it == oldRows.byId.end()) {
            report.added.push_back(refOf(*newer, *row, keys));
            continue;
        }
        const CsvRow& before = *oldRows.rows[it->second];
        ChangedEvent ch{id, before.line, row->line, {}};
        bool touched = false;
        for (const Common& c : common) {
            const std::string& a = before.cells[c.oldIndex];
            const std::string& b = row->cells[c.newIndex];
            if (sameValue(a, b, c.isDate)) continue;
            if (c.bookkeeping) touched = true;
            else ch.changes.push_back({c.name, a, b});
        }
        if (ch.changes.empty()) {
            ++report.unchanged;
            if (touched) ++report.retouched;
        } else {
            report.changed.push_back(std::move(ch));
        }
    }
    for (const CsvRow* row : oldRows.rows) {
        const std::string id(trim(older->cell(*row, keys.id)));
        if (!newRows.byId.count(id)) report.deleted.push_back(refOf(*older, *row, keys));
    }
    return report;
}

namespace {

std::string oneLine(std::string_view text, std::size_t max = 80)
{
    std::string out;
    for (char c : text) out += (c == '\n' || c == '\r') ? ' ' : c;
    if (out.size() > max) {
        // Cut on a UTF-8 character boundary.
        std::size_t cut = max;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out = out.substr(0, cut) + "…";
    }
    return out.empty() ? "(empty)" : out;
}

}  // namespace

std::string formatReimportReport(const ReimportReport& r)
{
    std::string out;
    out += std::string(eventFormatName(r.format)) + " re-import: " + r.oldPath + " (" + std::to_string(r.oldCount) +
           " events) → " + r.newPath + " (" + std::to_string(r.newCount) + " events)\n";
    out += std::to_string(r.added.size()) + " added, " + std::to_string(r.changed.size()) + " changed, " +
           std::to_string(r.deleted.size()) + " deleted, " + std::to_string(r.unchanged) + " unchanged";
    if (r.retouched > 0) out += " (" + std::to_string(r.retouched) + " with only a new timestamp)";
    out += "\n";
    if (!r.fieldsAdded.empty()) out += "columns added: " + joinList(r.fieldsAdded, ',') + "\n";
    if (!r.fieldsRemoved.empty()) out += "columns removed: " + joinList(r.fieldsRemoved, ',') + "\n";
    if (!r.added.empty()) {
        out += "\nAdded\n";
        for (const EventRef& e : r.added)
            out += "  + " + e.id + "  " + e.date + "  " + oneLine(e.location, 40) + "  (new line " + std::to_string(e.line) + ")\n";
    }
    if (!r.changed.empty()) {
        out += "\nChanged\n";
        for (const ChangedEvent& c : r.changed) {
            out += "  ~ " + c.id + "  (line " + std::to_string(c.oldLine) + " → " + std::to_string(c.newLine) + ")\n";
            for (const FieldChange& f : c.changes)
                out += "      " + f.field + ": " + oneLine(f.before) + " → " + oneLine(f.after) + "\n";
        }
    }
    if (!r.deleted.empty()) {
        out += "\nDeleted\n";
        for (const EventRef& e : r.deleted)
            out += "  - " + e.id + "  " + e.date + "  " + oneLine(e.location, 40) + "  (old line " + std::to_string(e.line) + ")\n";
    }
    return out;
}

nlohmann::json reimportReportJson(const ReimportReport& r)
{
    using nlohmann::json;
    const auto ref = [](const EventRef& e) {
        return json{{"id", e.id}, {"line", e.line}, {"date", e.date}, {"location", e.location}};
    };
    json added = json::array(), deleted = json::array(), changed = json::array();
    for (const EventRef& e : r.added) added.push_back(ref(e));
    for (const EventRef& e : r.deleted) deleted.push_back(ref(e));
    for (const ChangedEvent& c : r.changed) {
        json fields = json::array();
        for (const FieldChange& f : c.changes) fields.push_back({{"field", f.field}, {"before", f.before}, {"after", f.after}});
        changed.push_back({{"id", c.id}, {"old_line", c.oldLine}, {"new_line", c.newLine}, {"fields", fields}});
    }
    return json{{"format", eventFormatName(r.format)},
                {"old", r.oldPath},
                {"new", r.newPath},
                {"counts",
                 {{"old", r.oldCount},
                  {"new", r.newCount},
                  {"added", r.added.size()},
                  {"changed", r.changed.size()},
                  {"deleted", r.deleted.size()},
                  {"unchanged", r.unchanged},
                  {"retouched", r.retouched}}},
                {"fields_added", r.fieldsAdded},
                {"fields_removed", r.fieldsRemoved},
                {"added", added},
                {"changed", changed},
                {"deleted", deleted}};
}

}  // namespace atlas::io
