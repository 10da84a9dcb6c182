#pragma once
// What changed between two exports of the same event data (ACLED revises its data set every
// week: fatalities are updated, actors named, locations refined, events merged or removed;
// UCDP GED versions do the same). Events are matched by their id — event_id_cnty for ACLED, id
// for UCDP GED — and compared field by field on the columns both files have:
//
//  * added   — ids only in the newer file;
//  * deleted — ids only in the older file;
//  * changed — ids in both whose values differ, with each changed field, before and after.
//
// Values are compared as the format means them, not as text: numbers numerically ("24.2700" =
// "24.27"), dates as days ("2024-10-18" = "18 October 2024"), text with surrounding blanks
// trimmed. ACLED's `timestamp` (when the row was last touched) is bookkeeping, not content: it
// is not a changed field, and rows where it alone differs are counted as `retouched`.
// Columns present in one file only are listed (fieldsAdded / fieldsRemoved) and not compared.
#include "atlas/diagnostics.h"
#include "atlas/io/event_import.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace atlas::io {

struct EventRef {
    std::string id;
    int line = 0;          // in the file it comes from (newer for added, older for deleted)
    std::string date;      // as written (event_date / date_start)
    std::string location;  // ACLED location / UCDP where_description, for people reading the report
};

struct FieldChange {
    std::string field;
    std::string before;  // as written in the older file
    std::string after;   // as written in the newer file
};

struct ChangedEvent {
    std::string id;
    int oldLine = 0;
    int newLine = 0;
    std::vector<FieldChange> changes;  // in the newer file's column order
};

struct ReimportReport {
    EventFormat format = EventFormat::Acled;
    std::string oldPath;
    std::string newPath;
    std::size_t oldCount = 0;  // events read (rows with an id, first of duplicates)
    std::size_t newCount = 0;
    std::vector<EventRef> added;         // newer file's order
    std::vector<ChangedEvent> changed;   // newer file's order
    std::vector<EventRef> deleted;       // older file's order
    std::size_t unchanged = 0;           // retouched included
    std::size_t retouched = 0;           // only `timestamp` differs
    std::vector<std::string> fieldsAdded;    // columns only in the newer file
    std::vector<std::string> fieldsRemoved;  // columns only in the older file

    bool identical() const { return added.empty() && changed.empty() && deleted.empty(); }
};

// Reads both files (the format from the older file's header; the newer must have the same).
// nullopt when either cannot be read or is not ACLED / UCDP GED (diagnostics say why); rows
// without an id and repeated ids are reported and left out of the comparison.
std::optional<ReimportReport> compareEventExports(const std::string& olderPath, const std::string& newerPath,
                                                  Diagnostics& diagnostics);

// For people: a summary line, then added, changed (field: before → after) and deleted events.
std::string formatReimportReport(const ReimportReport& report);
// The same as JSON: {format, old, new, counts{…}, added[…], changed[{id, fields[{field, before, after}]}], deleted[…]}.
nlohmann::json reimportReportJson(const ReimportReport& report);

}  // namespace atlas::io
