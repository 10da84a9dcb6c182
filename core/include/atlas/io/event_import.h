#pragma once
// Event data researchers download elsewhere — an ACLED export or a UCDP GED CSV — opened as a
// time-aware event layer: a Layer in the display CRS (the file's own columns, typed, plus the
// derived columns below), its InstantTime mode, compiled FeatureTimes and TemporalIndex (a
// DatasetLayer, like the bundled events), and an EventStore over the same rows.
//
// Both formats give each event an uncertain date and an uncertain place; neither is rounded
// away:
//  * time — the date is widened to the period its precision code names (acled_import.h,
//    ucdp_import.h) and stored as `date_from` … `date_to` (Date columns, both days included);
//    the event's span on the timeline is [date_from, date_to + 1);
//  * place — the precision code becomes `halo_m`, the radius in metres of the circle the event
//    may lie anywhere in (null when the code is missing or unknown). Drawing that halo is the
//    renderer's job: a translucent disc of `halo_m` metres around the point, on the ground
//    (metres in the display CRS scaled by the projection's scale factor), not in pixels.
//
// Reading follows the dataset's rules: every problem is a Diagnostic "file:line N: field:
// message" (N is the file's physical line, the header being line 1); a row without an id or a
// readable date, with unreadable coordinates or a duplicate id is reported and skipped; the rest
// loads. Layer::fid(row) is the row's line in the file.
#include "atlas/crs.h"
#include "atlas/data/dataset.h"
#include "atlas/data/event_store.h"
#include "atlas/diagnostics.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atlas::io {

enum class EventFormat { Acled, UcdpGed };

// "ACLED", "UCDP GED"
const char* eventFormatName(EventFormat format);
// The layer name and DatasetLayer key an import gets: "acled", "ucdp".
const char* eventFormatKey(EventFormat format);

// The layout a CSV header has: ACLED when it names event_id_cnty, event_date, latitude and
// longitude; UCDP GED when it names id, date_start, where_prec, latitude and longitude.
std::optional<EventFormat> detectEventFormat(const std::vector<std::string>& header);
// Reads only the header line of `path`; nullopt for other files (and unreadable ones). The
// header may use any separator OGR's CSV driver detects (',', ';', tab — see csvSeparator).
std::optional<EventFormat> detectEventFormat(const std::string& path);
// The same for a header line (text up to the first line break is used).
std::optional<EventFormat> detectEventFormatOfHeader(std::string_view headerLine);

// Columns every import adds to the file's own.
inline constexpr const char* kDateFromField = "date_from";    // Date: first possible day
inline constexpr const char* kDateToField = "date_to";        // Date: last possible day (included)
inline constexpr const char* kDateApproxField = "date_approx";  // Integer 0/1: widened by its precision
inline constexpr const char* kHaloField = "halo_m";           // Real: uncertainty radius, metres
inline constexpr const char* kActorsField = "actors";         // String: ';'-separated actor names
inline constexpr const char* kKindField = "kind";             // String: event category used for styles

struct EventImportOptions {
    std::string displayCrs = kDefaultDisplayCrs;
    // Days an event stays drawn (fading) after its last day, as DatasetOptions::eventFadeDays.
    int32_t fadeDays = 30;
};

struct EventImport {
    EventFormat format = EventFormat::Acled;
    std::string path;
    DatasetLayer layer;           // key "acled" / "ucdp"; layer null when the file could not be read
    EventStore events;            // the same rows as events (id, span, kind, actors, sources, point)
    std::size_t rowsRead = 0;     // data rows in the file; rowsRead − featureCount were skipped

    bool ok() const { return layer.layer != nullptr; }
    std::size_t featureCount() const { return layer.layer ? layer.layer->featureCount() : 0; }
};

// Opens an ACLED or UCDP GED CSV, whichever its header is. A file of neither layout is an
// error naming the columns each needs.
EventImport importEventFile(const std::string& path, const EventImportOptions& options, Diagnostics& diagnostics);
// The same from a file's bytes already in memory (`path` only names it in diagnostics), with
// the same checks and messages: for data that did not come from disk, and for the fuzzers.
EventImport importEventText(std::string_view text, const std::string& path, const EventImportOptions& options,
                            Diagnostics& diagnostics);

// --- Shared by the importers (exposed for tests) -----------------------------------------------

// The Monday-to-Sunday (ISO 8601) week holding `day`: [monday, monday + 7).
Interval isoWeekOf(int32_t day);
// The calendar month / year holding `day`.
Interval monthOf(int32_t day);
Interval yearOf(int32_t day);

// A full day as event files write it: "2024-10-18" (a time part after a blank or 'T' is
// ignored), "18 October 2024" / "18 Oct 2024", "18-10-2024" or "18/10/2024" (day first, as
// ACLED writes dates). nullopt when it is not one of these or not a real day.
std::optional<int32_t> parseEventDay(std::string_view text);

}  // namespace atlas::io
