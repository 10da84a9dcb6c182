#include "atlas/teamdb/tables.h"

#include "atlas/data/schema.h"

namespace atlas::teamdb {
namespace {

Column text(const char* name) { return {name, ColumnType::Text}; }
Column flag(const char* name) { return {name, ColumnType::Boolean}; }

std::vector<Column> texts(std::initializer_list<const char*> names)
{
    std::vector<Column> out;
    for (const char* n : names) out.push_back(text(n));
    return out;
}

TableSpec layer(const char* key, std::vector<Column> columns)
{
    return {std::string(key) + ".geojson", key, FileKind::GeoJson, std::move(columns), "id"};
}

}  // namespace

const std::vector<TableSpec>& tableSpecs()
{
    // Field lists as geodata/README.md defines them; push refuses a file whose fields differ.
    static const std::vector<TableSpec> specs = {
        layer(schema::kPlaces, texts({"id", "name", "name_my", "name_zh", "name_kac", "alt_names", "kind", "country",
                                      "admin", "confidence", "precision", "sources", "note"})),
        layer(schema::kMines, {text("id"), text("name"), text("minerals"), text("method"), text("region"),
                               text("status_note"), flag("schematic"), text("confidence"), text("precision"),
                               text("sources"), text("note")}),
        layer(schema::kCrossings, texts({"id", "name", "name_zh", "place_id", "cn_counterpart", "cn_counterpart_zh",
                                         "class", "role", "confidence", "precision", "sources", "note"})),
        layer(schema::kControl, {text("id"), text("area_id"), text("as_of"), text("controller"), flag("schematic"),
                                 text("confidence"), text("precision"), text("sources"), text("note")}),
        layer(schema::kFrontlines, {text("id"), text("line_id"), text("as_of"), text("description"), flag("schematic"),
                                    text("confidence"), text("precision"), text("sources"), text("note")}),
        layer(schema::kRiver, {text("id"), text("name"), flag("schematic"), text("confidence"), text("precision"),
                               text("sources"), text("note")}),
        layer(schema::kEvents, {text("id"), text("date"), text("date_end"), flag("date_approx"), text("kind"),
                                text("title"), text("summary"), text("actors"), text("links"), text("place_id"),
                                text("precision"), text("confidence"), text("sources"), text("note")}),
        // CSV cells stay text as written ("1500000", "2022-03"): a CSV has no types, and a number
        // re-printed from a double would not be the cell the researcher wrote.
        {"controllers.csv", "controllers", FileKind::Csv,
         texts({"feature_id", "from", "to", "controller", "sources", "confidence", "note"}), ""},
        {"crossing_status.csv", "crossing_status", FileKind::Csv,
         texts({"feature_id", "from", "to", "status", "by", "sources", "confidence", "note"}), ""},
        {"mine_figures.csv", "mine_figures", FileKind::Csv,
         texts({"feature_id", "period", "metric", "qualifier", "value", "unit", "sources", "confidence", "note"}), ""},
        {std::string(schema::kExports) + ".csv", schema::kExports, FileKind::Csv,
         texts({"id", "period", "period_end", "reporter", "partner", "flow", "basket", "hs_code", "metric",
                "qualifier", "value", "unit", "sources", "confidence", "note"}),
         "id"},
        {"SOURCES.md", "sources", FileKind::Sources, texts({"id", "outlet", "title", "date", "url"}), "id"},
        {"README.md", "", FileKind::Text, {}, ""},
    };
    return specs;
}

const TableSpec* specForFile(const std::string& file)
{
    for (const TableSpec& s : tableSpecs())
        if (s.file == file) return &s;
    return nullptr;
}

const TableSpec* specForTable(const std::string& table)
{
    for (const TableSpec& s : tableSpecs())
        if (!s.table.empty() && s.table == table) return &s;
    return nullptr;
}

std::string storedKey(const TableSpec& spec) { return spec.keyColumn.empty() ? "row_key" : spec.keyColumn; }

std::string qualified(const std::string& table) { return std::string(kSchema) + "." + ident(table); }

std::string ident(const std::string& name)
{
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace atlas::teamdb
