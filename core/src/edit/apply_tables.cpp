// Edits of the state histories (controllers.csv, crossing_status.csv): a change recorded on a
// day closes the span in force on that day and opens the next; its inverse takes it back.
#include "apply.h"

#include "atlas/data/csv_table.h"
#include "atlas/time/date.h"

#include <algorithm>

namespace atlas::edit::detail {
namespace {

struct Table {
    std::string name;
    std::vector<std::string> header;
};

struct Row {
    std::size_t line;  // index in the file's lines
    CsvLine cells;
};

const char* fileOf(RetractSpan::Table t)
{
    return t == RetractSpan::Table::Controllers ? "controllers.csv" : "crossing_status.csv";
}

std::size_t column(const std::vector<std::string>& header, std::string_view name)
{
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
}

// The rows of `featureId`, in file order; nullopt (with why) when the table cannot be edited by line.
std::optional<std::vector<Row>> rowsOf(FolderText& folder, const std::string& name, const std::string& featureId,
                                       std::vector<std::string>& header, Diagnostics& d)
{
    const TextFile& f = folder.file(name);
    if (!f.exists || f.lines.empty()) {
        d.error(folder.path(name), "", "", "file not found");
        return std::nullopt;
    }
    const auto h = CsvLine::split(f.lines[0]);
    if (!h) {
        d.error(folder.path(name), "line 1", "", "unbalanced quote in the header");
        return std::nullopt;
    }
    header = h->values;
    std::vector<Row> rows;
    const std::size_t idCol = column(header, "feature_id");
    for (std::size_t i = 1; i < f.lines.size(); ++i) {
        if (f.lines[i].empty()) continue;
        auto cells = CsvLine::split(f.lines[i]);
        if (!cells) {
            d.error(folder.path(name), lineLocation(static_cast<int>(i + 1)), "",
                    "a record spanning lines; edit this file by hand");
            return std::nullopt;
        }
        // A short record (fewer cells than the header) is padded, so every column can be set.
        cells->raw.resize(std::max(cells->raw.size(), header.size()));
        cells->values.resize(cells->raw.size());
        if (idCol < cells->values.size() && cells->values[idCol] == featureId) rows.push_back({i, std::move(*cells)});
    }
    return rows;
}

std::string cellOf(const Row& r, const std::vector<std::string>& header, std::string_view field)
{
    const std::size_t c = column(header, field);
    return c < r.cells.values.size() ? r.cells.values[c] : std::string();
}

struct Record {
    RetractSpan::Table table;
    std::string featureId, date;
    std::vector<std::pair<std::string, std::string>> values;  // field → value (controller/status, by…)
    std::vector<std::string> sources;
};

Result<TextChange> record(FolderText& folder, const Record& rec)
{
    Diagnostics d;
    const std::string name = fileOf(rec.table);
    std::vector<std::string> header;
    auto rows = rowsOf(folder, name, rec.featureId, header, d);
    if (!rows) return d;
    TextFile& file = folder.file(name);
    const std::size_t toCol = column(header, "to");
    if (toCol >= header.size() || column(header, "from") >= header.size())
        return refusal(folder.path(name), "line 1", "to", "the header has no from and to columns");

    const auto day = Date::parse(rec.date);
    std::optional<std::size_t> inForce, next;
    if (day) {
        for (std::size_t i = 0; i < rows->size(); ++i) {
            const auto from = Date::parse(cellOf((*rows)[i], header, "from"));
            const auto to = Date::parse(cellOf((*rows)[i], header, "to"));
            const bool started = !from || from->first() <= day->first();
            if (started && (!to || day->first() < to->first())) inForce = i;
            if (from && from->first() > day->first() && !next) next = i;
        }
    }
    std::string newTo;
    std::optional<std::string> restoreTo;
    std::size_t insertAt = file.lines.size();  // a feature without history: at the end
    while (insertAt > 1 && file.lines[insertAt - 1].empty()) --insertAt;
    if (inForce) {
        Row& r = (*rows)[*inForce];
        newTo = cellOf(r, header, "to");
        restoreTo = r.cells.raw[toCol];
        r.cells.raw[toCol] = csvCell(rec.date);
        file.lines[r.line] = r.cells.join();
        insertAt = r.line + 1;
    } else if (next) {
        newTo = cellOf((*rows)[*next], header, "from");
        insertAt = (*rows)[*next].line;
    } else if (!rows->empty()) {
        insertAt = rows->back().line + 1;
    }

    std::string line;
    for (std::size_t c = 0; c < header.size(); ++c) {
        std::string v;
        const std::string& field = header[c];
        if (field == "feature_id") v = rec.featureId;
        else if (field == "from") v = rec.date;
        else if (field == "to") v = newTo;
        else if (field == "sources") v = joinList(rec.sources);
        for (const auto& [f, value] : rec.values)
            if (f == field) v = value;
        line += (c ? "," : "") + csvCell(v);
    }
    file.lines.insert(file.lines.begin() + static_cast<long>(insertAt), line);
    folder.markChanged(name);
    return TextChange{rec.featureId, RetractSpan{rec.table, rec.featureId, rec.date, restoreTo, rec.sources}};
}

}  // namespace

Result<TextChange> apply(FolderText& folder, const RecordControl& e)
{
    return record(folder, {RetractSpan::Table::Controllers, e.featureId, e.date,
                           {{"controller", e.controller}, {"confidence", e.confidence}, {"note", e.note}}, e.sources});
}

Result<TextChange> apply(FolderText& folder, const RecordStatus& e)
{
    return record(folder, {RetractSpan::Table::CrossingStatus, e.featureId, e.date,
                           {{"status", e.status}, {"by", e.by}, {"confidence", e.confidence}, {"note", e.note}},
                           e.sources});
}

Result<TextChange> apply(FolderText& folder, const RetractSpan& e)
{
    Diagnostics d;
    const std::string name = fileOf(e.table);
    std::vector<std::string> header;
    auto rows = rowsOf(folder, name, e.featureId, header, d);
    if (!rows) return d;
    TextFile& file = folder.file(name);
    const auto it = std::find_if(rows->begin(), rows->end(),
                                 [&](const Row& r) { return cellOf(r, header, "from") == e.from; });
    if (it == rows->end())
        return refusal(folder.path(name), "", "from", e.featureId + " has no span from " + e.from);
    const Row removed = *it;
    if (e.restoreTo && column(header, "to") < header.size()) {
        const std::size_t toCol = column(header, "to");
        for (Row& r : *rows) {
            if (r.line == removed.line || cellOf(r, header, "to") != e.from) continue;
            r.cells.raw[toCol] = *e.restoreTo;
            file.lines[r.line] = r.cells.join();
        }
    }
    file.lines.erase(file.lines.begin() + static_cast<long>(removed.line));
    folder.markChanged(name);

    // Recording the removed row again gives it back as it was.
    const auto v = [&](std::string_view field) { return cellOf(removed, header, field); };
    const auto sources = splitList(v("sources"));
    if (e.table == RetractSpan::Table::Controllers)
        return TextChange{e.featureId,
                          RecordControl{e.featureId, e.from, v("controller"), sources, v("confidence"), v("note")}};
    return TextChange{e.featureId,
                      RecordStatus{e.featureId, e.from, v("status"), v("by"), sources, v("confidence"), v("note")}};
}

}  // namespace atlas::edit::detail
