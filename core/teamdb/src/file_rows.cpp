#include "file_rows.h"

#include "wkb.h"

#include "atlas/data/source_catalog.h"
#include "edit/folder_text.h"

#include <nlohmann/json.hpp>

namespace atlas::teamdb::detail {
namespace {

using Json = nlohmann::ordered_json;
using edit::detail::CsvLine;
using edit::detail::GeoJsonLines;
using edit::detail::TextFile;

std::string trim(std::string_view s)
{
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return std::string(s);
}

// "| S12 | outlet | … |" → its cells; nullopt for other lines.
std::optional<std::vector<std::string>> sourceCells(const std::string& line)
{
    if (line.size() < 4 || line.rfind("| ", 0) != 0 || line.substr(line.size() - 2) != " |") return std::nullopt;
    std::vector<std::string> cells;
    const std::string inner = line.substr(2, line.size() - 4);
    std::size_t begin = 0;
    for (;;) {
        const auto end = inner.find(" | ", begin);
        cells.push_back(inner.substr(begin, end == std::string::npos ? std::string::npos : end - begin));
        if (end == std::string::npos) break;
        begin = end + 3;
    }
    if (!isSourceId(trim(cells.front()))) return std::nullopt;
    return cells;
}

std::string sourceLine(const std::vector<std::string>& cells)
{
    std::string out = "|";
    for (const std::string& c : cells) out += " " + c + " |";
    return out;
}

std::string csvLine(const std::vector<std::string>& values)
{
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + edit::detail::csvCell(values[i]);
    return out;
}

}  // namespace

std::optional<FileParts> splitFile(const TableSpec& spec, const std::string& text, const std::string& path,
                                   Diagnostics& d)
{
    const TextFile file = TextFile::parse(text);
    FileParts p;
    p.finalNewline = file.finalNewline;
    switch (spec.kind) {
    case FileKind::GeoJson: {
        const auto g = GeoJsonLines::split(file, path, d);
        if (!g) return std::nullopt;
        p.head = g->head;
        p.rows = g->features;
        p.tail = g->tail;
        break;
    }
    case FileKind::Csv:
        if (file.lines.empty()) {
            d.error(path, "", "", "no header line");
            return std::nullopt;
        }
        p.head = {file.lines.front()};
        p.rows.assign(file.lines.begin() + 1, file.lines.end());
        break;
    case FileKind::Sources: {
        std::size_t i = 0;
        while (i < file.lines.size() && !sourceCells(file.lines[i])) p.head.push_back(file.lines[i++]);
        while (i < file.lines.size() && sourceCells(file.lines[i])) p.rows.push_back(file.lines[i++]);
        while (i < file.lines.size()) {
            if (sourceCells(file.lines[i])) {
                d.error(path, "line " + std::to_string(i + 1), "", "a source row apart from the table's other rows");
                return std::nullopt;
            }
            p.tail.push_back(file.lines[i++]);
        }
        break;
    }
    case FileKind::Text:
        p.head = file.lines;
        break;
    }
    return p;
}

std::string joinFile(const TableSpec& spec, const FileParts& parts)
{
    TextFile file;
    file.exists = true;
    file.finalNewline = parts.finalNewline;
    if (spec.kind == FileKind::GeoJson) {
        GeoJsonLines g{parts.head, parts.rows, parts.tail};
        g.joinInto(file);
        file.finalNewline = parts.finalNewline;
        return file.text();
    }
    file.lines = parts.head;
    file.lines.insert(file.lines.end(), parts.rows.begin(), parts.rows.end());
    file.lines.insert(file.lines.end(), parts.tail.begin(), parts.tail.end());
    return file.text();
}

std::optional<std::vector<Param>> rowValues(const TableSpec& spec, const std::string& line, std::string& why)
{
    std::vector<Param> out;
    switch (spec.kind) {
    case FileKind::GeoJson: {
        const Json f = Json::parse(line, nullptr, false);
        if (f.is_discarded() || !f.is_object() || !f.contains("properties") || !f["properties"].is_object()) {
            why = "not a GeoJSON feature";
            return std::nullopt;
        }
        const Json& props = f["properties"];
        if (props.size() != spec.columns.size()) {
            why = "has " + std::to_string(props.size()) + " properties; the table has " +
                  std::to_string(spec.columns.size()) + " columns";
            return std::nullopt;
        }
        auto it = props.begin();
        for (const Column& c : spec.columns) {
            if (it.key() != c.name) {
                why = "property \"" + it.key() + "\" where the table has \"" + c.name + "\" (same fields, same order)";
                return std::nullopt;
            }
            const Json& v = *it++;
            if (v.is_null()) out.push_back(std::nullopt);
            else if (c.type == ColumnType::Boolean && v.is_boolean()) out.push_back(v.get<bool>() ? "t" : "f");
            else if (c.type == ColumnType::Text && v.is_string()) out.push_back(v.get<std::string>());
            else {
                why = c.name + ": expected " + (c.type == ColumnType::Boolean ? "true or false" : "a string");
                return std::nullopt;
            }
        }
        const Json geometry = f.value("geometry", Json(nullptr));
        if (geometry.is_null()) {
            out.push_back(std::nullopt);
        } else {
            auto wkb = wkbHex(geometry, why);
            if (!wkb) return std::nullopt;
            out.push_back(std::move(*wkb));
        }
        break;
    }
    case FileKind::Csv: {
        const auto cells = edit::detail::CsvLine::split(line);
        if (!cells || cells->values.size() != spec.columns.size()) {
            why = "expected " + std::to_string(spec.columns.size()) + " cells on one line";
            return std::nullopt;
        }
        for (const std::string& v : cells->values) out.push_back(v);
        break;
    }
    case FileKind::Sources: {
        const auto cells = sourceCells(line);
        if (!cells || cells->size() != spec.columns.size()) {
            why = "expected a table row of " + std::to_string(spec.columns.size()) + " cells";
            return std::nullopt;
        }
        for (const std::string& v : *cells) out.push_back(v);
        break;
    }
    case FileKind::Text:
        why = "README.md has no rows";
        return std::nullopt;
    }
    return out;
}

std::string selectList(const TableSpec& spec)
{
    std::string out;
    for (const Column& c : spec.columns) out += (out.empty() ? "" : ", ") + ident(c.name);
    if (spec.kind == FileKind::GeoJson) out += ", encode(ST_AsBinary(geom), 'hex')";
    return out;
}

std::vector<Param> selectedValues(const TableSpec& spec, const Rows& rows, int row, int first)
{
    std::vector<Param> out;
    const int n = static_cast<int>(spec.columns.size()) + (spec.kind == FileKind::GeoJson ? 1 : 0);
    for (int i = 0; i < n; ++i) out.push_back(rows.value(row, first + i));
    return out;
}

std::string geometryParam(int n) { return "ST_GeomFromWKB(decode($" + std::to_string(n) + ", 'hex'), 4326)"; }

std::string rowLine(const TableSpec& spec, const std::vector<Param>& values)
{
    if (spec.kind == FileKind::GeoJson) {
        Json props = Json::object();
        for (std::size_t i = 0; i < spec.columns.size(); ++i) {
            const Column& c = spec.columns[i];
            const Param& v = values.at(i);
            if (!v) props[c.name] = nullptr;
            else if (c.type == ColumnType::Boolean) props[c.name] = (*v == "t");
            else props[c.name] = *v;
        }
        const Param& g = values.at(spec.columns.size());
        // The properties in nlohmann's form (strings are exact), the geometry printed by wkb.cpp.
        const Json feature = {{"type", "Feature"}, {"properties", std::move(props)}, {"geometry", nullptr}};
        std::string line = edit::detail::featureLine(feature);
        if (g) line.replace(line.size() - std::string("null}").size(), 4, geometryTextFromWkbHex(*g));
        return line;
    }
    std::vector<std::string> cells;
    for (std::size_t i = 0; i < spec.columns.size(); ++i) cells.push_back(values.at(i).value_or(""));
    return spec.kind == FileKind::Csv ? csvLine(cells) : sourceLine(cells);
}

std::string rowJson(const TableSpec& spec, const std::string& line)
{
    if (spec.kind == FileKind::GeoJson) {
        const Json f = Json::parse(line, nullptr, false);
        if (f.is_discarded()) return line;
        Json out = f.value("properties", Json::object());
        out["geometry"] = f.value("geometry", Json(nullptr));
        return out.dump();
    }
    std::string why;
    const auto values = rowValues(spec, line, why);
    if (!values) return Json(line).dump();
    Json out = Json::object();
    for (std::size_t i = 0; i < spec.columns.size(); ++i) out[spec.columns[i].name] = values->at(i).value_or("");
    return out.dump();
}

}  // namespace atlas::teamdb::detail
