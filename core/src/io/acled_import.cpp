#include "atlas/io/acled_import.h"

#include "event_table.h"

namespace atlas::io {

std::optional<Interval> acledSpan(int32_t day, int timePrecision)
{
    switch (timePrecision) {
    case 1: return Interval::ofDay(day);
    case 2: return isoWeekOf(day);
    case 3: return monthOf(day);
    default: return std::nullopt;
    }
}

std::optional<double> acledHaloMetres(int geoPrecision)
{
    switch (geoPrecision) {
    case 1: return 2'000.0;
    case 2: return 25'000.0;
    case 3: return 85'000.0;
    default: return std::nullopt;
    }
}

namespace {

std::optional<detail::DerivedEvent> deriveAcled(const CsvTable& table, const CsvRow& row, Diagnostics& diagnostics)
{
    const std::string& path = table.path();
    const std::string where = lineLocation(row.line);
    const std::string& dateText = table.cell(row, "event_date");
    const auto day = parseEventDay(dateText);
    if (!day) {
        diagnostics.error(path, where, "event_date",
                          dateText.empty() ? std::string("empty; expected a day (2024-10-18 or 18 October 2024); row skipped")
                                           : "\"" + dateText + "\" is not a day (expected 2024-10-18, 18 October 2024 "
                                             "or 18-10-2024); row skipped");
        return std::nullopt;
    }
    detail::DerivedEvent d;
    Interval span = Interval::ofDay(*day);
    const std::string& tp = table.cell(row, "time_precision");
    const auto tpCode = detail::parseInteger(tp);
    if (const auto widened = tpCode ? acledSpan(*day, static_cast<int>(*tpCode)) : std::nullopt) {
        span = *widened;
        d.approx = *tpCode > 1;
    } else {
        diagnostics.warning(path, where, "time_precision",
                            (tp.empty() ? std::string("empty") : "\"" + tp + "\"") +
                                ": expected 1 (day), 2 (week) or 3 (month); the event is kept on its day");
    }
    d.from = *span.begin;
    d.to = *span.end - 1;

    const std::string& gp = table.cell(row, "geo_precision");
    const auto gpCode = detail::parseInteger(gp);
    d.haloMetres = gpCode ? acledHaloMetres(static_cast<int>(*gpCode)) : std::nullopt;
    if (!d.haloMetres)
        diagnostics.warning(path, where, "geo_precision",
                            (gp.empty() ? std::string("empty") : "\"" + gp + "\"") +
                                ": expected 1 (town), 2 (near a town / part of a region) or 3 (larger region); "
                                "no uncertainty halo");

    for (const char* f : {"actor1", "assoc_actor_1", "actor2", "assoc_actor_2"}) detail::appendList(d.actors, table.cell(row, f));
    d.kind = table.cell(row, "event_type");
    return d;
}

}  // namespace

namespace detail {

EventTableSpec acledSpec()
{
    EventTableSpec spec;
    spec.format = EventFormat::Acled;
    spec.idField = "event_id_cnty";
    spec.requiredFields = {"event_id_cnty", "event_date", "latitude", "longitude"};
    spec.dateFields = {"event_date"};
    spec.eventFields.id = "event_id_cnty";
    spec.eventFields.date = kDateFromField;
    spec.eventFields.dateEnd = kDateToField;
    spec.eventFields.approx = kDateApproxField;
    spec.eventFields.kind = kKindField;
    spec.eventFields.title = "sub_event_type";
    spec.eventFields.summary = "notes";
    spec.eventFields.actors = kActorsField;
    spec.eventFields.links = "";
    spec.eventFields.placeId = "";
    spec.eventFields.sources = "source";
    spec.eventFields.confidence = "";
    spec.eventFields.note = "location";
    spec.derive = deriveAcled;
    return spec;
}

}  // namespace detail

EventImport importAcled(const std::string& path, const EventImportOptions& options, Diagnostics& diagnostics)
{
    const auto table = CsvTable::read(path, diagnostics);
    if (!table) {
        EventImport none;
        none.format = EventFormat::Acled;
        none.path = path;
        return none;
    }
    return detail::buildEventImport(*table, detail::acledSpec(), options, diagnostics);
}

}  // namespace atlas::io
