#pragma once
// ACLED exports (the public CSV layout: event_id_cnty, event_date, year, time_precision,
// disorder_type, event_type, sub_event_type, actor1, assoc_actor_1, inter1, actor2,
// assoc_actor_2, inter2, interaction, civilian_targeting, iso, region, country, admin1–admin3,
// location, latitude, longitude, geo_precision, source, source_scale, notes, fatalities, tags,
// timestamp) as an event layer. See event_import.h for what every import adds and reports.
//
// Required columns: event_id_cnty, event_date, latitude, longitude. Other columns are kept as
// they are, typed by content (integer, real, else text), so ACLED's column changes (2023: tags,
// disorder_type; text inter codes) load without a code change.
//
// time_precision widens event_date (ACLED records the date inside the period it knows):
//   1 — the day itself;
//   2 — the week: the ISO 8601 week, Monday to Sunday, holding event_date (ACLED dates a
//       week-precise event inside that week, so the recorded day fixes the week);
//   3 — the calendar month holding event_date.
//   Missing or another value: the day itself, with a warning.
//
// geo_precision gives halo_m, the radius of the uncertainty circle:
//   1 —  2 km: the coordinates are the town's own; 2 km is the extent of a town in Kachin State,
//        the same radius geodata/ uses for its schematic town circles;
//   2 — 25 km: "near" a town or in part of a region; the same radius UCDP GED states for its
//        where_prec 2 ("within ~25 km of a known point"), so both sources draw alike;
//   3 — 85 km: only a larger region (the provincial capital's coordinates); the radius of a
//       circle with the area of an average Kachin district (≈89,000 km² over four districts).
//   Missing or another value: null, with a warning.
//
// Derived columns: date_from, date_to, date_approx (time_precision > 1), halo_m, actors
// (actor1; assoc_actor_1; actor2; assoc_actor_2, ACLED's own ';' lists flattened), kind
// (= event_type). Events: id event_id_cnty, kind event_type, title sub_event_type,
// summary notes, sources from `source` (';'-separated), note `location`.
#include "atlas/io/event_import.h"

#include <optional>

namespace atlas::io {

// The widened span of an ACLED event dated `day` with `timePrecision`; nullopt for a code other
// than 1, 2 or 3.
std::optional<Interval> acledSpan(int32_t day, int timePrecision);
// halo_m for a geo_precision code; nullopt for a code other than 1, 2 or 3.
std::optional<double> acledHaloMetres(int geoPrecision);

EventImport importAcled(const std::string& path, const EventImportOptions& options, Diagnostics& diagnostics);

}  // namespace atlas::io
