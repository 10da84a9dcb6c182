#pragma once
// UCDP Georeferenced Event Dataset (GED) CSVs (id, relid, year, active_year, type_of_violence,
// conflict_new_id, conflict_name, dyad_new_id, dyad_name, side_a_new_id, side_a, side_b_new_id,
// side_b, number_of_sources, source_article, source_office, source_date, source_headline,
// source_original, where_prec, where_coordinates, where_description, adm_1, adm_2, latitude,
// longitude, geom_wkt, priogrid_gid, country, country_id, region, event_clarity, date_prec,
// date_start, date_end, deaths_a, deaths_b, deaths_civilians, deaths_unknown, best, high, low)
// as an event layer. See event_import.h for what every import adds and reports.
//
// Required columns: id, date_start, latitude, longitude. Others are kept, typed by content.
//
// Time: GED already brackets an uncertain date with date_start … date_end (both included); an
// empty date_end means date_start. date_prec then widens that span to at least the period it
// names, around date_start, so a row coded "month known" with date_start = date_end still spans
// its month:
//   1 exact day, 2 a range of 2–6 days (date_start … date_end as given);
//   3 the ISO 8601 week (Monday to Sunday) holding date_start;
//   4 the calendar month holding date_start (GED: 8–30 days, or only the month known);
//   5 the calendar year holding date_start (more than a month; only the year known).
//   Missing or another value: date_start … date_end, with a warning.
//
// where_prec gives halo_m (radii chosen to agree with acled_import.h where the codes agree):
//   1 —   2 km: the exact location (a village or town);
//   2 —  25 km: within ~25 km of a known point, as GED defines it;
//   3 —  85 km: only the second-order administrative unit (a district, in Myanmar): the radius of
//        a circle with the area of an average Kachin district;
//   4 — 170 km: only the first-order unit (a state/region): Kachin State's ≈89,000 km² as a circle;
//   5 — 170 km: a larger area or a linear feature (border, river, road) — at least a state's size;
//   6 — 465 km: only the country: Myanmar's ≈677,000 km² as a circle;
//   7 — 465 km: international waters or airspace — no better than the country.
//   Missing or another value: null, with a warning.
//
// Derived columns: date_from, date_to, date_approx (date_prec > 1), halo_m, actors (side_a;
// side_b), kind (type_of_violence 1 "state-based", 2 "non-state", 3 "one-sided").
// Events: id `id`, kind as above, title dyad_name, summary source_headline, sources
// source_article (';'-separated), note where_description.
#include "atlas/io/event_import.h"

#include <optional>

namespace atlas::io {

// The widened span of a GED event: [start, end + 1) grown to the period of `datePrec` around
// `start`. nullopt for a code other than 1–5 (the caller keeps [start, end + 1) then).
std::optional<Interval> ucdpSpan(int32_t start, int32_t end, int datePrec);
// halo_m for a where_prec code; nullopt for a code other than 1–7.
std::optional<double> ucdpHaloMetres(int wherePrec);
// "state-based", "non-state", "one-sided"; "" for another code.
const char* ucdpViolenceKind(int typeOfViolence);

EventImport importUcdpGed(const std::string& path, const EventImportOptions& options, Diagnostics& diagnostics);

}  // namespace atlas::io
