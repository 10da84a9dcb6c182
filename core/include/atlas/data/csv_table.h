#pragma once
// A CSV file read through OGR's CSV driver with every value kept as text (AUTODETECT_TYPE=NO):
// the dataset's tables carry partial dates ("2024-10"), qualifiers ("≈") and id lists that
// type detection would mangle. Each row keeps the line number it starts on in the file (the
// header is line 1), so problems are reported as "file:line N: field: message".
#include "atlas/diagnostics.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atlas {

struct CsvRow {
    int line = 0;                    // physical line of the record's first character (1-based)
    std::vector<std::string> cells;  // one per header field; "" for an empty or missing cell
};

class CsvTable {
public:
    const std::string& path() const { return m_path; }
    const std::vector<std::string>& fields() const { return m_fields; }
    const std::vector<CsvRow>& rows() const { return m_rows; }
    bool hasField(std::string_view name) const { return fieldIndex(name).has_value(); }
    std::optional<std::size_t> fieldIndex(std::string_view name) const;
    // The cell of `field` in `row`, "" when the table has no such field.
    const std::string& cell(const CsvRow& row, std::string_view field) const;

    // Reads `path`; nullopt (with a diagnostic) when the file cannot be opened as CSV. Records
    // whose number of fields differs from the header's are reported (and kept: OGR pads or
    // drops cells).
    static std::optional<CsvTable> read(const std::string& path, Diagnostics& diagnostics);
    // The same from a file's bytes already in memory (read by OGR from /vsimem/); `path` names
    // the file in diagnostics and gives the suffix the driver sees.
    static std::optional<CsvTable> parse(std::string_view text, const std::string& path, Diagnostics& diagnostics);

private:
    static std::optional<CsvTable> fromOgr(const std::string& ogrPath, const std::string& text, const std::string& path,
                                           Diagnostics& diagnostics);

    std::string m_path;
    std::vector<std::string> m_fields;
    std::vector<CsvRow> m_rows;
};

// The field separator of a CSV file whose first line is `header`, as OGR's CSV driver chooses
// it: the one of ',', ';' and tab found outside quotes (',' when they are mixed), else ' ' when
// the line has blanks, else ','.
char csvSeparator(std::string_view header);

// "line 7"
std::string lineLocation(int line);

// Splits a ';'-separated list, dropping empty items: "S7;S9" → {"S7", "S9"}.
std::vector<std::string> splitList(std::string_view text, char separator = ';');
// Joins with ';' (the dataset's list form).
std::string joinList(const std::vector<std::string>& items, char separator = ';');

}  // namespace atlas
