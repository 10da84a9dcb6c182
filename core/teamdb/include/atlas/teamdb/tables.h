#pragma once
// The team database's tables, one per file of the dataset folder (DESIGN.md, "Curation"): the
// columns are the files' fields in the files' order, so a pull writes each row as it was pushed.
// Everything that names a table or a column of the record goes through this one table.
#include <string>
#include <vector>

namespace atlas::teamdb {

inline constexpr const char* kSchema = "atlas";
inline constexpr const char* kNotifyChannel = "atlas_changes";

enum class FileKind {
    GeoJson,  // one feature per line; a row per feature, key properties.id
    Csv,      // header line, one record per line
    Sources,  // SOURCES.md: the rows of its markdown table, key the S-number
    Text,     // README.md: no rows, kept whole in file_text
};

enum class ColumnType { Text, Boolean };

struct Column {
    std::string name;
    ColumnType type = ColumnType::Text;
};

struct TableSpec {
    std::string file;     // "events.geojson"
    std::string table;    // "events" (in schema atlas)
    FileKind kind = FileKind::GeoJson;
    std::vector<Column> columns;  // in the file's order
    // The column that identifies a row ("id"); empty when the file has none (controllers.csv),
    // and the table then has a generated row_key.
    std::string keyColumn;
};

// Every file of a dataset folder, in the order push writes them.
const std::vector<TableSpec>& tableSpecs();
const TableSpec* specForFile(const std::string& file);
const TableSpec* specForTable(const std::string& table);

// The key column as stored ("id", or "row_key" for tables without an id).
std::string storedKey(const TableSpec& spec);
// "atlas.events"
std::string qualified(const std::string& table);
// A name as an SQL identifier ("note" → "\"note\"").
std::string ident(const std::string& name);

}  // namespace atlas::teamdb
