#include "atlas/io/ucdp_import.h"

#include "event_table.h"

#include <algorithm>

namespace atlas::io {

namespace {

Interval hull(const Interval& a, const Interval& b)
{
    return Interval::ofDays(std::min(*a.begin, *b.begin), std::max(*a.end, *b.end));
}

}  // namespace

std::optional<Interval> ucdpSpan(int32_t start, int32_t end, int datePrec)
{
    const Interval given = Interval::ofDays(start, std::max(start, end) + 1);
    switch (datePrec) {
    case 1:
    case 2: return given;
    case 3: return hull(given, isoWeekOf(start));
    case 4: return hull(given, monthOf(start));
    case 5: return hull(given, yearOf(start));
    default: return std::nullopt;
    }
}

std::optional<double> ucdpHaloMetres(int wherePrec)
{
    switch (wherePrec) {
    case 1: return 2'000.0;
    case 2: return 25'000.0;
    case 3: return 85'000.0;
    case 4:
    case 5: return 170'000.0;
    case 6:
    case 7: return 465'000.0;
    default: return std::nullopt;
    }
}

const char* ucdpViolenceKind(int typeOfViolence)
{
    switch (typeOfViolence) {
    case 1: return "state-based";
    case 2: return "non-state";
    case 3: return "one-sided";
    default: return "";
    }
}

namespace {

std::optional<detail::DerivedEvent> deriveUcdp(const CsvTable& table, const CsvRow& row, Diagnostics& diagnostics)
{
    const std::string& path = table.path();
    const std::string where = lineLocation(row.line);
    const std::string& startText = table.cell(row, "date_start");
    const auto start = parseEventDay(startText);
    if (!start) {
        diagnostics.error(path, where, "date_start",
                          (startText.empty() ? std::string("empty") : "\"" + startText + "\" is not a day") +
                              "; expected YYYY-MM-DD; row skipped");
        return std::nullopt;
    }
    int32_t end = *start;
    const std::string& endText = table.cell(row, "date_end");
    if (!endText.empty()) {
        const auto e = parseEventDay(endText);
        if (!e) {
            diagnostics.error(path, where, "date_end", "\"" + endText + "\" is not a day; expected YYYY-MM-DD; row skipped");
            return std::nullopt;
        }
        if (*e < *start) {
            diagnostics.error(path, where, "date_end", "\"" + endText + "\" is before date_start \"" + startText +
                              "\"; row skipped");
            return std::nullopt;
        }
        end = *e;
    }

    detail::DerivedEvent d;
    Interval span = Interval::ofDays(*start, end + 1);
    const std::string& dp = table.cell(row, "date_prec");
    const auto dpCode = detail::parseInteger(dp);
    if (const auto widened = dpCode ? ucdpSpan(*start, end, static_cast<int>(*dpCode)) : std::nullopt) {
        span = *widened;
        d.approx = *dpCode > 1;
    } else {
        diagnostics.warning(path, where, "date_prec",
                            (dp.empty() ? std::string("empty") : "\"" + dp + "\"") +
                                ": expected 1–5; the event keeps date_start … date_end");
        d.approx = end != *start;
    }
    d.from = *span.begin;
    d.to = *span.end - 1;

    const std::string& wp = table.cell(row, "where_prec");
    const auto wpCode = detail::parseInteger(wp);
    d.haloMetres = wpCode ? ucdpHaloMetres(static_cast<int>(*wpCode)) : std::nullopt;
    if (!d.haloMetres)
        diagnostics.warning(path, where, "where_prec",
                            (wp.empty() ? std::string("empty") : "\"" + wp + "\"") + ": expected 1–7; no uncertainty halo");

    for (const char* f : {"side_a", "side_b"}) detail::appendList(d.actors, table.cell(row, f));
    if (const auto tv = detail::parseInteger(table.cell(row, "type_of_violence")))
        d.kind = ucdpViolenceKind(static_cast<int>(*tv));
    return d;
}

}  // namespace

namespace detail {

EventTableSpec ucdpGedSpec()
{
    EventTableSpec spec;
    spec.format = EventFormat::UcdpGed;
    spec.idField = "id";
    spec.requiredFields = {"id", "date_start", "latitude", "longitude"};
    spec.dateFields = {"date_start", "date_end"};
    spec.eventFields.id = "id";
    spec.eventFields.date = kDateFromField;
    spec.eventFields.dateEnd = kDateToField;
    spec.eventFields.approx = kDateApproxField;
    spec.eventFields.kind = kKindField;
    spec.eventFields.title = "dyad_name";
    spec.eventFields.summary = "source_headline";
    spec.eventFields.actors = kActorsField;
    spec.eventFields.links = "";
    spec.eventFields.placeId = "";
    spec.eventFields.sources = "source_article";
    spec.eventFields.confidence = "";
    spec.eventFields.note = "where_description";
    spec.derive = deriveUcdp;
    return spec;
}

}  // namespace detail

EventImport importUcdpGed(const std::string& path, const EventImportOptions& options, Diagnostics& diagnostics)
{
    const auto table = CsvTable::read(path, diagnostics);
    if (!table) {
        EventImport none;
        none.format = EventFormat::UcdpGed;
        none.path = path;
        return none;
    }
    return detail::buildEventImport(*table, detail::ucdpGedSpec(), options, diagnostics);
}

}  // namespace atlas::io
