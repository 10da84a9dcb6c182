#pragma once
// A dataset file as the team database stores it: the lines that are rows (one per table row) and
// the text around them (file_text). Each row line is turned into column values for push and back
// into the same line for pull; push refuses a line that would not come back byte for byte.
#include "atlas/diagnostics.h"
#include "atlas/teamdb/connection.h"
#include "atlas/teamdb/tables.h"

#include <optional>
#include <string>
#include <vector>

namespace atlas::teamdb::detail {

struct FileParts {
    std::vector<std::string> head;
    std::vector<std::string> rows;
    std::vector<std::string> tail;
    bool finalNewline = true;
};

// nullopt (and why in `d`, naming `path`) when the text is not in the form pull can rewrite.
std::optional<FileParts> splitFile(const TableSpec& spec, const std::string& text, const std::string& path,
                                   Diagnostics& d);
std::string joinFile(const TableSpec& spec, const FileParts& parts);

// The values of a row line in column order, then (GeoJSON) the geometry as WKB hex or NULL.
// nullopt with `why` when the line does not fit the table.
std::optional<std::vector<Param>> rowValues(const TableSpec& spec, const std::string& line, std::string& why);

// The row line of values as rowValues() gives them (rowLine(rowValues(line)) == line is what push
// checks for every row).
std::string rowLine(const TableSpec& spec, const std::vector<Param>& values);

// The SELECT list of the values, in rowValues() order, and the values of a result row whose
// columns from `first` on are that list.
std::string selectList(const TableSpec& spec);
std::vector<Param> selectedValues(const TableSpec& spec, const Rows& rows, int row, int first);
// The SQL expression that turns parameter $n into the stored geometry.
std::string geometryParam(int n);

// The row as JSON (for conflicts and the log): column → value, geometry as GeoJSON.
std::string rowJson(const TableSpec& spec, const std::string& line);

}  // namespace atlas::teamdb::detail
