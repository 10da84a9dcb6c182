// ACLED and UCDP GED imports on the synthetic samples in tests/data/acled and tests/data/ucdp.
#include "atlas/civil_date.h"
#include "atlas/crs.h"
#include "atlas/io/acled_import.h"
#include "atlas/io/event_import.h"
#include "atlas/io/ucdp_import.h"
#include "atlas/time/date.h"

#include <catch2/catch.hpp>

#include <string>

using namespace atlas;
using namespace atlas::io;

namespace {

const std::string kAcled = std::string(ATLAS_TEST_DATA_DIR) + "/acled/acled_kachin_sample.csv";
const std::string kAcledBad = std::string(ATLAS_TEST_DATA_DIR) + "/acled/acled_bad_rows.csv";
const std::string kUcdp = std::string(ATLAS_TEST_DATA_DIR) + "/ucdp/ucdp_ged_kachin_sample.csv";

int32_t d(int y, unsigned m, unsigned day) { return daysFromCivil(y, m, day); }

// Row of an import by its id column.
std::size_t rowOf(const EventImport& im, const char* idField, const char* id)
{
    const Column* c = im.layer.layer->column(idField);
    REQUIRE(c);
    for (std::size_t r = 0; r < im.layer.layer->featureCount(); ++r)
        if (!c->isNull(r) && c->string(r) == id) return r;
    FAIL("no row with " << idField << " = " << id);
    return 0;
}

int32_t dateCell(const EventImport& im, std::size_t row, const char* field)
{
    const Column* c = im.layer.layer->column(field);
    REQUIRE(c);
    REQUIRE(c->type() == FieldType::Date);
    REQUIRE_FALSE(c->isNull(row));
    return c->date(row);
}

std::optional<double> halo(const EventImport& im, std::size_t row)
{
    const Column* c = im.layer.layer->column(kHaloField);
    REQUIRE(c);
    if (c->isNull(row)) return std::nullopt;
    return c->real(row);
}

bool hasDiagnostic(const Diagnostics& ds, const std::string& text)
{
    for (const Diagnostic& x : ds.items())
        if (x.format().find(text) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("event days are read in the forms ACLED and UCDP write them", "[io][import]")
{
    CHECK(parseEventDay("2024-10-18") == d(2024, 10, 18));
    CHECK(parseEventDay(" 2025-06-02 00:00:00.000 ") == d(2025, 6, 2));
    CHECK(parseEventDay("18 October 2024") == d(2024, 10, 18));
    CHECK(parseEventDay("05 Dec 2024") == d(2024, 12, 5));
    CHECK(parseEventDay("18-10-2024") == d(2024, 10, 18));
    CHECK(parseEventDay("18/10/2024") == d(2024, 10, 18));
    CHECK_FALSE(parseEventDay("2024-02-30"));
    CHECK_FALSE(parseEventDay("2024-10"));
    CHECK_FALSE(parseEventDay("sometime in October"));
}

TEST_CASE("weeks are ISO weeks, Monday to Sunday, and months and years are calendar ones", "[io][import]")
{
    // 2024-10-23 is a Wednesday: its week is Mon 21 – Sun 27 October.
    CHECK(isoWeekOf(d(2024, 10, 23)) == Interval::ofDays(d(2024, 10, 21), d(2024, 10, 28)));
    CHECK(isoWeekOf(d(2024, 10, 21)) == Interval::ofDays(d(2024, 10, 21), d(2024, 10, 28)));  // Monday
    CHECK(isoWeekOf(d(2024, 10, 27)) == Interval::ofDays(d(2024, 10, 21), d(2024, 10, 28)));  // Sunday
    CHECK(isoWeekOf(d(1970, 1, 1)) == Interval::ofDays(d(1969, 12, 29), d(1970, 1, 5)));      // before day 0
    CHECK(monthOf(d(2024, 2, 10)) == Interval::ofDays(d(2024, 2, 1), d(2024, 3, 1)));
    CHECK(yearOf(d(2025, 3, 15)) == Interval::ofDays(d(2025, 1, 1), d(2026, 1, 1)));
}

TEST_CASE("ACLED precision codes widen dates and give halo radii", "[io][import][acled]")
{
    CHECK(acledSpan(d(2024, 10, 18), 1) == Interval::ofDay(d(2024, 10, 18)));
    CHECK(acledSpan(d(2024, 10, 23), 2) == Interval::ofDays(d(2024, 10, 21), d(2024, 10, 28)));
    CHECK(acledSpan(d(2024, 10, 15), 3) == Interval::ofDays(d(2024, 10, 1), d(2024, 11, 1)));
    CHECK_FALSE(acledSpan(d(2024, 10, 15), 4));
    CHECK(acledHaloMetres(1) == 2000.0);
    CHECK(acledHaloMetres(2) == 25000.0);
    CHECK(acledHaloMetres(3) == 85000.0);
    CHECK_FALSE(acledHaloMetres(0));
}

TEST_CASE("the ACLED sample loads as an event layer with time, sources and actors", "[io][import][acled]")
{
    Diagnostics diags;
    const EventImport im = importAcled(kAcled, {}, diags);
    INFO(diags.formatAll());
    CHECK(diags.empty());
    REQUIRE(im.ok());
    CHECK(im.format == EventFormat::Acled);
    CHECK(im.rowsRead == 10);
    CHECK(im.featureCount() == 10);
    CHECK(im.events.size() == 10);
    CHECK(im.layer.key == "acled");
    CHECK(std::holds_alternative<InstantTime>(im.layer.mode));
    CHECK(im.layer.layer->crs() == kDefaultDisplayCrs);

    // The file's columns are kept, typed by content.
    const Layer& layer = *im.layer.layer;
    REQUIRE(layer.column("fatalities"));
    CHECK(layer.column("fatalities")->type() == FieldType::Integer);
    CHECK(layer.column("latitude")->type() == FieldType::Real);
    CHECK(layer.column("event_date")->type() == FieldType::Date);
    CHECK(layer.column("notes")->type() == FieldType::String);
    CHECK(layer.column("timestamp")->type() == FieldType::Integer);

    SECTION("day precision: the day itself, a 2 km halo")
    {
        const std::size_t r = rowOf(im, "event_id_cnty", "MMRX0001");
        CHECK(dateCell(im, r, kDateFromField) == d(2024, 10, 18));
        CHECK(dateCell(im, r, kDateToField) == d(2024, 10, 18));
        CHECK(im.layer.times.spans[r] == Interval::ofDay(d(2024, 10, 18)));
        CHECK(halo(im, r) == 2000.0);
        CHECK(layer.column(kDateApproxField)->integer(r) == 0);
        // Bhamo's point, reprojected to UTM 47N.
        const Coord utm = CoordinateTransform(kWgs84, kDefaultDisplayCrs).transform(Coord{97.23, 24.27});
        CHECK(layer.geometry().firstCoord(r).x == Approx(utm.x).margin(0.01));
        CHECK(layer.geometry().firstCoord(r).y == Approx(utm.y).margin(0.01));
        CHECK(layer.fid(r) == 2);  // its line in the file
    }
    SECTION("week precision: Monday to Sunday around the recorded day, a 25 km halo")
    {
        const std::size_t r = rowOf(im, "event_id_cnty", "MMRX0002");
        CHECK(dateCell(im, r, kDateFromField) == d(2024, 10, 21));
        CHECK(dateCell(im, r, kDateToField) == d(2024, 10, 27));
        CHECK(im.layer.times.spans[r] == Interval::ofDays(d(2024, 10, 21), d(2024, 10, 28)));
        CHECK(halo(im, r) == 25000.0);
        CHECK(layer.column(kDateApproxField)->integer(r) == 1);
    }
    SECTION("month precision: the whole month, an 85 km halo")
    {
        const std::size_t r = rowOf(im, "event_id_cnty", "MMRX0003");
        CHECK(im.layer.times.spans[r] == Interval::ofDays(d(2024, 10, 1), d(2024, 11, 1)));
        CHECK(halo(im, r) == 85000.0);
    }
    SECTION("a day written \"05 December 2024\"")
    {
        const std::size_t r = rowOf(im, "event_id_cnty", "MMRX0005");
        CHECK(im.layer.times.spans[r] == Interval::ofDay(d(2024, 12, 5)));
    }
    SECTION("quoted notes with commas, quotes and a line break; rows after it keep their lines")
    {
        const std::size_t r6 = rowOf(im, "event_id_cnty", "MMRX0006");
        CHECK(layer.text(r6, "notes").find("\"reported\" by two invented sources, hits a market, killing 4") !=
              std::string::npos);
        const std::size_t r8 = rowOf(im, "event_id_cnty", "MMRX0008");
        CHECK(layer.text(r8, "notes").find("\nSecond line of the note.") != std::string::npos);
        CHECK(layer.fid(r8) == 9);
        CHECK(layer.fid(rowOf(im, "event_id_cnty", "MMRX0009")) == 11);
    }
    SECTION("events: kind, title, actors, sources, approximate dates")
    {
        const Event* e = im.events.byId("MMRX0004");
        REQUIRE(e);
        CHECK(e->kind == "Battles");
        CHECK(e->title == "Non-state actor overtakes territory");
        CHECK(e->actors == std::vector<std::string>{"Kachin Independence Army", "Fictional Militia", "Invented Volunteers",
                                                     "Military Forces of Myanmar (2021-)"});
        CHECK(e->sources == std::vector<std::string>{"Fictional Gazette"});
        CHECK(e->note == "Pangwa");
        CHECK(e->location);
        const Event* week = im.events.byId("MMRX0002");
        REQUIRE(week);
        CHECK(week->approx);
        CHECK(week->span == Interval::ofDays(d(2024, 10, 21), d(2024, 10, 28)));
        CHECK(week->sources == std::vector<std::string>{"Fictional Gazette", "Imaginary Radio"});
    }
    SECTION("the temporal index answers windows: a month-precise event is in any window touching its month")
    {
        const auto rows = im.layer.temporal.query(Interval::ofDay(d(2024, 10, 30)));
        std::vector<std::string> ids;
        for (uint32_t r : rows)
            if (im.layer.times.spans[r].contains(d(2024, 10, 30))) ids.push_back(layer.text(r, "event_id_cnty"));
        CHECK(ids == std::vector<std::string>{"MMRX0003"});
        CHECK(im.events.eventsIn(Interval::ofDay(d(2024, 10, 25))).size() == 2);  // the week and the month
    }
}

TEST_CASE("bad ACLED rows are reported with their line and skipped, the rest loads", "[io][import][acled]")
{
    Diagnostics diags;
    const EventImport im = importAcled(kAcledBad, {}, diags);
    REQUIRE(im.ok());
    INFO(diags.formatAll());
    CHECK(im.rowsRead == 8);
    CHECK(im.featureCount() == 4);  // MMRX0001, MMRX0002, MMRX0105, MMRX0106
    CHECK(diags.errorCount() == 4);
    CHECK(hasDiagnostic(diags, "acled_bad_rows.csv:line 4: event_date: \"2024-02-30\" is not a day"));
    CHECK(hasDiagnostic(diags, "acled_bad_rows.csv:line 5: event_id_cnty: empty"));
    CHECK(hasDiagnostic(diags, "acled_bad_rows.csv:line 6: event_id_cnty: \"MMRX0002\" appears twice"));
    CHECK(hasDiagnostic(diags, "acled_bad_rows.csv:line 7: latitude: \"north\" is not a number"));
    CHECK(hasDiagnostic(diags, "acled_bad_rows.csv:line 8: time_precision: \"7\": expected 1 (day), 2 (week) or 3 (month)"));
    CHECK(hasDiagnostic(diags, "acled_bad_rows.csv:line 9: geo_precision: empty"));

    const std::size_t r105 = rowOf(im, "event_id_cnty", "MMRX0105");
    CHECK(im.layer.times.spans[r105] == Interval::ofDay(d(2024, 10, 18)));
    CHECK(halo(im, rowOf(im, "event_id_cnty", "MMRX0106")) == std::nullopt);
}

TEST_CASE("UCDP GED precision codes widen dates and give halo radii", "[io][import][ucdp]")
{
    CHECK(ucdpSpan(d(2024, 11, 4), d(2024, 11, 7), 2) == Interval::ofDays(d(2024, 11, 4), d(2024, 11, 8)));
    CHECK(ucdpSpan(d(2024, 12, 11), d(2024, 12, 11), 3) == Interval::ofDays(d(2024, 12, 9), d(2024, 12, 16)));
    CHECK(ucdpSpan(d(2025, 1, 1), d(2025, 1, 31), 4) == Interval::ofDays(d(2025, 1, 1), d(2025, 2, 1)));
    // A stated range longer than the period is kept whole.
    CHECK(ucdpSpan(d(2024, 12, 25), d(2025, 1, 3), 3) == Interval::ofDays(d(2024, 12, 23), d(2025, 1, 4)));
    CHECK(ucdpSpan(d(2025, 3, 15), d(2025, 3, 15), 5) == Interval::ofDays(d(2025, 1, 1), d(2026, 1, 1)));
    CHECK_FALSE(ucdpSpan(d(2025, 3, 15), d(2025, 3, 15), 9));
    CHECK(ucdpHaloMetres(1) == 2000.0);
    CHECK(ucdpHaloMetres(2) == 25000.0);
    CHECK(ucdpHaloMetres(3) == 85000.0);
    CHECK(ucdpHaloMetres(4) == 170000.0);
    CHECK(ucdpHaloMetres(6) == 465000.0);
    CHECK_FALSE(ucdpHaloMetres(8));
}

TEST_CASE("the UCDP GED sample loads with date_start … date_end widened by date_prec", "[io][import][ucdp]")
{
    Diagnostics diags;
    const EventImport im = importEventFile(kUcdp, {}, diags);  // format detected from the header
    INFO(diags.formatAll());
    CHECK(diags.empty());
    REQUIRE(im.ok());
    CHECK(im.format == EventFormat::UcdpGed);
    CHECK(im.layer.key == "ucdp");
    CHECK(im.featureCount() == 6);
    CHECK(im.events.size() == 6);

    struct Expect {
        const char* id;
        Interval span;
        double halo;
        const char* kind;
    };
    const Expect expected[] = {
        {"900001", Interval::ofDay(d(2024, 10, 18)), 2000, "state-based"},
        {"900002", Interval::ofDays(d(2024, 11, 4), d(2024, 11, 8)), 25000, "state-based"},
        {"900003", Interval::ofDays(d(2024, 12, 9), d(2024, 12, 16)), 2000, "non-state"},
        {"900004", Interval::ofDays(d(2025, 1, 1), d(2025, 2, 1)), 85000, "state-based"},
        {"900005", Interval::ofDays(d(2025, 1, 1), d(2026, 1, 1)), 170000, "one-sided"},
        {"900006", Interval::ofDay(d(2025, 6, 2)), 465000, "one-sided"},
    };
    for (const Expect& e : expected) {
        INFO(e.id);
        const std::size_t r = rowOf(im, "id", e.id);
        CHECK(im.layer.times.spans[r] == e.span);
        CHECK(halo(im, r) == e.halo);
        CHECK(im.layer.layer->text(r, kKindField) == e.kind);
    }
    const Event* e = im.events.byId("900002");
    REQUIRE(e);
    CHECK(e->title == "Government of Myanmar - KIO");
    CHECK(e->actors == std::vector<std::string>{"Government of Myanmar", "KIO"});
    CHECK(e->sources.size() == 2);
    CHECK(im.layer.layer->column("best")->type() == FieldType::Integer);
    CHECK(im.layer.layer->column("date_start")->type() == FieldType::Date);
}

TEST_CASE("event files are recognised by their header", "[io][import]")
{
    CHECK(detectEventFormat(kAcled) == EventFormat::Acled);
    CHECK(detectEventFormat(kUcdp) == EventFormat::UcdpGed);
    CHECK_FALSE(detectEventFormat(std::string(ATLAS_GEODATA_DIR) + "/controllers.csv"));
    Diagnostics diags;
    const EventImport none = importEventFile(std::string(ATLAS_GEODATA_DIR) + "/controllers.csv", {}, diags);
    CHECK_FALSE(none.ok());
    CHECK(hasDiagnostic(diags, "not an ACLED export"));
}
