#pragma once
// Private to the importers: a CSV of events (read as text, with line numbers) turned into an
// EventImport. Each format supplies its required columns and a row parser that derives the
// widened dates, the halo, the actors and the kind; the rest (typing the file's own columns,
// ids, coordinates, reprojection, time compilation, the EventStore) is shared.
#include "atlas/data/csv_table.h"
#include "atlas/io/event_import.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace atlas::io::detail {

struct DerivedEvent {
    int32_t from = 0;  // first possible day
    int32_t to = 0;    // last possible day (included)
    bool approx = false;
    std::optional<double> haloMetres;
    std::string actors;  // ';'-separated
    std::string kind;
};

struct EventTableSpec {
    EventFormat format = EventFormat::Acled;
    std::string idField;
    std::vector<std::string> requiredFields;
    std::vector<std::string> dateFields;  // the file's own date columns, typed Date
    std::string lonField = "longitude";
    std::string latField = "latitude";
    EventFields eventFields;
    // Derives the row's time, halo, actors and kind; nullopt (after reporting why) skips the row.
    std::function<std::optional<DerivedEvent>(const CsvTable&, const CsvRow&, Diagnostics&)> derive;
};

// The layouts of the two formats (acled_import.cpp, ucdp_import.cpp).
EventTableSpec acledSpec();
EventTableSpec ucdpGedSpec();

EventImport buildEventImport(const CsvTable& table, const EventTableSpec& spec, const EventImportOptions& options,
                             Diagnostics& diagnostics);

// Strict number parsing of a whole cell (surrounding blanks allowed).
std::optional<int64_t> parseInteger(std::string_view text);
std::optional<double> parseReal(std::string_view text);

// "a;b" + "c" → "a;b;c", items trimmed, empty ones dropped.
void appendList(std::string& list, std::string_view items);

}  // namespace atlas::io::detail
