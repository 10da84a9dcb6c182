#include "atlas/time/time_mode.h"

#include "atlas/layer.h"
#include "atlas/time/date.h"
#include "atlas/time/temporal_index.h"
#include "atlas/vector_source.h"

#include <catch2/catch.hpp>

#include <random>
#include <utility>

using namespace atlas;

namespace {

int32_t day(int y, unsigned m, unsigned d) { return daysFromCivil(y, m, d); }
int32_t iso(const char* text) { return Date::parse(text)->first(); }

// An in-memory layer of string columns (nullptr is a null cell), FIDs 0, 1, 2…
Layer makeLayer(const std::vector<std::string>& fields, const std::vector<std::vector<const char*>>& rows)
{
    Layer layer("test", "test.geojson", "EPSG:4326");
    for (const auto& f : fields) layer.addColumn(f, FieldType::String);
    int64_t fid = 0;
    for (const auto& row : rows) {
        layer.mutableGeometry().beginFeature(GeometryKind::None);
        layer.mutableGeometry().endFeature();
        layer.appendFid(fid++);
        for (std::size_t i = 0; i < row.size(); ++i) {
            Column& c = layer.mutableColumns()[i];
            if (row[i]) c.appendString(row[i]);
            else c.appendNull();
        }
    }
    return layer;
}

bool visibleOn(const FeatureTimes& t, std::size_t f, int32_t d) { return t.opacity(f, TimeCursor(d)) > 0; }

std::vector<std::string> messages(const Diagnostics& d)
{
    std::vector<std::string> out;
    for (const auto& item : d.items()) out.push_back(item.format());
    return out;
}

}  // namespace

TEST_CASE("Interval mode: valid from 2024-10-18 with no end is absent on 10-17 and present from 10-18", "[core][time]")
{
    const Layer layer = makeLayer({"valid_from", "valid_to"}, {
        {"2024-10-18", nullptr},
        {"2024-10-18", "2024-12-04"},
        {"2024-10", "2024-11"},       // partial dates are read at their first day
        {"2024-11", ""},              // blank: still valid
        {nullptr, "2024-10-18"},      // no start: valid since always
    });
    Diagnostics diag;
    const FeatureTimes t = compileFeatureTimes(layer, IntervalTime{}, diag);
    INFO(diag.formatAll());
    CHECK(diag.empty());
    REQUIRE(t.size() == 5);
    CHECK(t.spans[0] == Interval::from(day(2024, 10, 18)));
    CHECK_FALSE(visibleOn(t, 0, day(2024, 10, 17)));
    CHECK(visibleOn(t, 0, day(2024, 10, 18)));
    CHECK(visibleOn(t, 0, day(2030, 1, 1)));

    // Ending on 12-04: there on 12-03, gone on 12-04.
    CHECK(visibleOn(t, 1, day(2024, 12, 3)));
    CHECK_FALSE(visibleOn(t, 1, day(2024, 12, 4)));

    CHECK(t.spans[2] == Interval::ofDays(day(2024, 10, 1), day(2024, 11, 1)));
    CHECK(t.spans[3] == Interval::from(day(2024, 11, 1)));
    // valid_to "2024-11" and valid_from "2024-11" hand over on 11-01, no gap and no overlap.
    CHECK(*t.spans[2].end == *t.spans[3].begin);
    CHECK(t.spans[4] == Interval::until(day(2024, 10, 18)));
    // States are read on the cursor's day, not over its window.
    CHECK(t.statesOnDay);
    CHECK(t.opacity(1, TimeCursor(day(2024, 12, 20), DaysWindow{30})) == 0.0);
    CHECK(t.opacity(1, TimeCursor(day(2024, 12, 3), CumulativeWindow{})) == 1.0);
    CHECK(visibleOn(t, 4, day(1900, 1, 1)));
    CHECK_FALSE(visibleOn(t, 4, day(2024, 10, 18)));
}

TEST_CASE("Interval mode reports reversed and unreadable spans and leaves those features off", "[core][time]")
{
    const Layer layer = makeLayer({"valid_from", "valid_to"}, {
        {"2024-10-18", "2024-10-01"},
        {"2024-10-18", "2024-10-18"},
        {"2024-10-18", "2024-13-01"},
        {"18 Oct 2024", nullptr},
        {"2024-10-18", "2024-10-19"},
    });
    Diagnostics diag;
    const FeatureTimes t = compileFeatureTimes(layer, IntervalTime{}, diag);
    CHECK(messages(diag) == std::vector<std::string>{
        "test.geojson:feature 0: valid_to: valid_to 2024-10-01 is before valid_from 2024-10-18; feature left off the timeline",
        "test.geojson:feature 1: valid_to: valid_to is the same day as valid_from (2024-10-18), so the feature is never in force",
        "test.geojson:feature 2: valid_to: not a date \"2024-13-01\": month 13 is out of range; feature left off the timeline",
        "test.geojson:feature 3: valid_from: not a date \"18 Oct 2024\": expected YYYY-MM-DD, YYYY-MM or YYYY; feature left off the timeline",
    });
    CHECK(diag.errorCount() == 3);
    CHECK(t.excluded == std::vector<uint8_t>{1, 0, 1, 1, 0});
    CHECK(t.excludedCount() == 3);
    for (std::size_t f : {0u, 1u, 2u, 3u}) {
        CHECK(t.visibility(f).isEmpty());
        CHECK(t.opacity(f, TimeCursor(day(2024, 10, 18), CumulativeWindow{})) == 0.0);
    }
    CHECK(t.spans[4] == Interval::ofDay(day(2024, 10, 18)));
}

TEST_CASE("A layer without the field a mode reads is reported once and nothing of it is shown", "[core][time]")
{
    const Layer layer = makeLayer({"when"}, {{"2024-10-18"}, {"2024-10-19"}});
    Diagnostics diag;
    const FeatureTimes t = compileFeatureTimes(layer, InstantTime{}, diag);
    CHECK(messages(diag) == std::vector<std::string>{
        "test.geojson:layer test: date: no such field (the instant time mode reads it); all 2 features left off the timeline"});
    CHECK(t.excludedCount() == 2);

    // A missing optional end field is only a warning: events then end with their date.
    Diagnostics diag2;
    const FeatureTimes t2 = compileFeatureTimes(layer, InstantTime{"when", "date_end", 0}, diag2);
    CHECK(diag2.errorCount() == 0);
    CHECK(diag2.size() == 1);
    CHECK(t2.spans[1] == Interval::ofDay(day(2024, 10, 19)));
}

TEST_CASE("Instant mode: a month event is in any window touching October, and nowhere else", "[core][time]")
{
    const Layer layer = makeLayer({"date", "date_end"}, {
        {"2024-10", nullptr},
        {"2024-10-18", "2024-10-19"},      // end inclusive as written
        {"2024-10-18/2024-10-19", nullptr},  // the same as a range
        {"2024-12-04", "2024-12"},         // ends with December
        {"2024-10-18/2024-10-19", "2024-10-25"},  // the end field wins over the range's end
    });
    Diagnostics diag;
    const FeatureTimes t = compileFeatureTimes(layer, InstantTime{"date", "date_end", 0}, diag);
    INFO(diag.formatAll());
    CHECK(diag.empty());

    const Interval oct = Interval::ofDays(day(2024, 10, 1), day(2024, 11, 1));
    CHECK(t.spans[0] == oct);
    CHECK(t.opacity(0, TimeCursor(day(2024, 10, 1))) == 1.0);
    CHECK(t.opacity(0, TimeCursor(day(2024, 10, 31))) == 1.0);
    CHECK(t.opacity(0, TimeCursor(day(2024, 9, 30), DaysWindow{30})) == 0.0);   // window ends 09-30
    CHECK(t.opacity(0, TimeCursor(day(2024, 10, 1), DaysWindow{30})) == 1.0);   // touches 10-01
    CHECK(t.opacity(0, TimeCursor(day(2024, 11, 1))) == 0.0);                    // starts 11-01
    CHECK(t.opacity(0, TimeCursor(day(2024, 11, 29), DaysWindow{30})) == 1.0);  // [10-31, 11-30)
    CHECK(t.opacity(0, TimeCursor(day(2024, 11, 30), DaysWindow{30})) == 0.0);  // [11-01, 12-01)
    CHECK(t.opacity(0, TimeCursor(day(2024, 9, 30), CumulativeWindow{})) == 0.0);
    CHECK(t.opacity(0, TimeCursor(day(2024, 10, 1), CumulativeWindow{})) == 1.0);

    CHECK(t.spans[1] == Interval::ofDays(day(2024, 10, 18), day(2024, 10, 20)));
    CHECK(visibleOn(t, 1, day(2024, 10, 19)));
    CHECK_FALSE(visibleOn(t, 1, day(2024, 10, 20)));
    CHECK(t.spans[2] == t.spans[1]);
    CHECK(t.spans[3] == Interval::ofDays(day(2024, 12, 4), day(2025, 1, 1)));
    CHECK(t.spans[4] == Interval::ofDays(day(2024, 10, 18), day(2024, 10, 26)));
}

TEST_CASE("Instant mode with fade: events stay visible, fading, for fadeDays after their end", "[core][time]")
{
    const Layer layer = makeLayer({"date"}, {{"2024-12-04"}});
    Diagnostics diag;
    const FeatureTimes t = compileFeatureTimes(layer, InstantTime{"date", std::nullopt, 4}, diag);
    const int32_t d = day(2024, 12, 4);
    CHECK(t.visibility(0) == Interval::ofDays(d, d + 5));
    CHECK(t.opacity(0, TimeCursor(d)) == 1.0);
    CHECK(t.opacity(0, TimeCursor(d + 1)) == Approx(0.8));
    CHECK(t.opacity(0, TimeCursor(d + 2)) == Approx(0.6));
    CHECK(t.opacity(0, TimeCursor(d + 4)) == Approx(0.2));
    CHECK(t.opacity(0, TimeCursor(d + 5)) == 0.0);
    CHECK(t.opacity(0, TimeCursor(d - 1)) == 0.0);
}

TEST_CASE("Snapshot mode: each version holds until the next of its group, the last stays open", "[core][time]")
{
    const Layer layer = makeLayer({"line_id", "as_of"}, {
        {"front:bhamo-east", "2024-12-04"},
        {"front:bhamo-east", "2025-01-15"},
        {"front:bhamo-east", "2025-01-15"},  // a version may have several features
        {"front:bhamo-east", "2025-03"},
        {"front:bhamo-west", "2024-12-10"},
        {"front:bhamo-west", "2025-02-31"},  // unreadable: reported, and defines no version
        {"front:bhamo-west", "2025-04-01"},
        {nullptr, "2025-01-01"},
    });
    Diagnostics diag;
    const FeatureTimes t = compileFeatureTimes(layer, SnapshotTime{"line_id", "as_of", 0}, diag);
    CHECK(messages(diag) == std::vector<std::string>{
        "test.geojson:feature 5: as_of: not a date \"2025-02-31\": day 31 does not exist in February 2025; feature left off the timeline"});

    CHECK(t.spans[0] == Interval::ofDays(day(2024, 12, 4), day(2025, 1, 15)));
    CHECK(visibleOn(t, 0, day(2025, 1, 14)));
    CHECK_FALSE(visibleOn(t, 0, day(2025, 1, 15)));  // stops the day the next starts
    CHECK(visibleOn(t, 1, day(2025, 1, 15)));
    CHECK(t.spans[1] == Interval::ofDays(day(2025, 1, 15), day(2025, 3, 1)));
    CHECK(t.spans[2] == t.spans[1]);
    CHECK(t.spans[3] == Interval::from(day(2025, 3, 1)));  // the latest version stays open
    CHECK(visibleOn(t, 3, day(2030, 1, 1)));
    CHECK_FALSE(visibleOn(t, 3, day(2025, 2, 28)));

    // The other line's versions are independent, and skip the unreadable one.
    CHECK(t.spans[4] == Interval::ofDays(day(2024, 12, 10), day(2025, 4, 1)));
    CHECK(t.excluded[5] == 1);
    CHECK(t.spans[6] == Interval::from(day(2025, 4, 1)));
    CHECK(t.spans[7] == Interval::from(day(2025, 1, 1)));

    // A version is read on the cursor's day, whatever its window: a 30-day window on 2025-01-20
    // shows the version in force that day, not the one it replaced five days before.
    const TimeCursor month(day(2025, 1, 20), DaysWindow{30});
    CHECK(t.windowFor(month) == Interval::ofDay(day(2025, 1, 20)));
    CHECK(t.opacity(0, month) == 0.0);
    CHECK(t.opacity(1, month) == 1.0);
    const TemporalIndex index(t.visibilities());
    CHECK(index.query(t.windowFor(month)) == std::vector<uint32_t>{1, 2, 4, 7});

    // Without a group field the whole layer is one sequence of versions.
    Diagnostics diag2;
    const FeatureTimes one = compileFeatureTimes(layer, SnapshotTime{"", "as_of", 0}, diag2);
    CHECK(one.spans[0] == Interval::ofDays(day(2024, 12, 4), day(2024, 12, 10)));
    CHECK(one.spans[4] == Interval::ofDays(day(2024, 12, 10), day(2025, 1, 1)));
    CHECK(one.spans[6] == Interval::from(day(2025, 4, 1)));

    // With a fade a superseded version lingers, fading, after the next one starts.
    Diagnostics diag3;
    const FeatureTimes faded = compileFeatureTimes(layer, SnapshotTime{"line_id", "as_of", 2}, diag3);
    CHECK(faded.opacity(0, TimeCursor(day(2025, 1, 15))) == Approx(2.0 / 3));
    CHECK(faded.opacity(0, TimeCursor(day(2025, 1, 16))) == Approx(1.0 / 3));
    CHECK(faded.opacity(0, TimeCursor(day(2025, 1, 17))) == 0.0);
}

TEST_CASE("Cumulative mode: everything from its date on, fading to a floor, never out", "[core][time]")
{
    const Layer layer = makeLayer({"date"}, {{"2024-10-18"}, {"2024-11"}, {"not yet"}});
    Diagnostics diag;
    const FeatureTimes t = compileFeatureTimes(layer, CumulativeTime{"date", 0, 0.3}, diag);
    CHECK(diag.errorCount() == 1);
    CHECK_FALSE(t.statesOnDay);
    const int32_t d = day(2024, 10, 18);
    CHECK(t.visibility(0) == Interval::from(d));
    CHECK(t.opacity(0, TimeCursor(d - 1)) == 0.0);
    CHECK(t.opacity(0, TimeCursor(d)) == 1.0);
    CHECK(t.opacity(0, TimeCursor(d + 1000)) == 1.0);
    CHECK(t.visibility(1) == Interval::from(day(2024, 11, 1)));
    CHECK(t.opacity(1, TimeCursor(day(2024, 10, 31))) == 0.0);

    const FeatureTimes f = compileFeatureTimes(layer, CumulativeTime{"date", 3, 0.3}, diag);
    CHECK(f.opacity(0, TimeCursor(d)) == 1.0);
    CHECK(f.opacity(0, TimeCursor(d + 1)) == Approx(0.75));
    CHECK(f.opacity(0, TimeCursor(d + 2)) == Approx(0.5));
    CHECK(f.opacity(0, TimeCursor(d + 3)) == Approx(0.3));   // 0.25 is below the floor
    CHECK(f.opacity(0, TimeCursor(d + 400)) == Approx(0.3));
    CHECK(f.opacity(1, TimeCursor(day(2024, 11, 30))) == 1.0);  // a month-dated feature is new all month
}

TEST_CASE("Static mode: every feature, always", "[core][time]")
{
    const Layer layer = makeLayer({"name"}, {{"Bhamo"}, {"Myitkyina"}});
    Diagnostics diag;
    const FeatureTimes t = compileFeatureTimes(layer, StaticTime{}, diag);
    CHECK(diag.empty());
    CHECK(t.visibility(0) == Interval::unbounded());
    CHECK(t.opacity(1, TimeCursor(day(1900, 1, 1))) == 1.0);
    CHECK(timeModeName(TimeMode{StaticTime{}}) == std::string("static"));
    CHECK(timeModeName(TimeMode{SnapshotTime{}}) == std::string("snapshot"));
}

TEST_CASE("Date, integer and text columns all read as dates", "[core][time]")
{
    Layer layer("typed", "typed.gpkg", "EPSG:4326");
    layer.addColumn("date", FieldType::Date);
    layer.addColumn("year", FieldType::Integer);
    for (int i = 0; i < 2; ++i) {
        layer.mutableGeometry().beginFeature(GeometryKind::None);
        layer.mutableGeometry().endFeature();
        layer.appendFid(100 + i);
    }
    layer.mutableColumns()[0].appendDate(day(2024, 10, 18));
    layer.mutableColumns()[0].appendNull();
    layer.mutableColumns()[1].appendInteger(2023);
    layer.mutableColumns()[1].appendInteger(20231);

    Diagnostics diag;
    const FeatureTimes byDate = compileFeatureTimes(layer, InstantTime{"date", std::nullopt, 0}, diag);
    CHECK(byDate.spans[0] == Interval::ofDay(day(2024, 10, 18)));
    CHECK(byDate.excluded[1] == 1);
    const FeatureTimes byYear = compileFeatureTimes(layer, InstantTime{"year", std::nullopt, 0}, diag);
    CHECK(byYear.spans[0] == Interval::ofDays(day(2023, 1, 1), day(2024, 1, 1)));
    CHECK(byYear.excluded[1] == 1);
    CHECK(messages(diag) == std::vector<std::string>{
        "typed.gpkg:feature 101: date: no date; feature left off the timeline",
        "typed.gpkg:feature 101: year: not a date \"20231\": expected YYYY-MM-DD, YYYY-MM or YYYY; feature left off the timeline"});
}

TEST_CASE("Events from GeoJSON: partial dates stay text, bad rows are reported by FID, good rows load",
          "[core][time]")
{
    const std::string path = std::string(ATLAS_TEST_DATA_DIR) + "/time/events.geojson";
    LoadResult r = loadVectorSource(path);
    INFO(r.diagnostics.formatAll());
    REQUIRE(r.diagnostics.errorCount() == 0);
    REQUIRE(r.layers.size() == 1);
    const Layer& layer = *r.layers[0];
    REQUIRE(layer.featureCount() == 8);
    CHECK(layer.column("date")->type() == FieldType::String);  // "2024-10" next to full dates
    CHECK(layer.column("date_end")->type() == FieldType::Date);

    Diagnostics diag;
    const FeatureTimes t = compileFeatureTimes(layer, InstantTime{"date", "date_end", 0}, diag);
    CHECK(messages(diag) == std::vector<std::string>{
        path + ":feature 3: date: not a date \"2025-02-30\": day 30 does not exist in February 2025; feature left off the timeline",
        path + ":feature 4: date_end: 2024-11-01 is before date 2024-11-05; feature left off the timeline",
        path + ":feature 5: date: no date; feature left off the timeline",
    });
    CHECK(t.excluded == std::vector<uint8_t>{0, 0, 0, 1, 1, 1, 0, 0});
    CHECK(t.spans[0] == Interval::ofDay(iso("2024-12-04")));
    CHECK(t.spans[1] == Interval::ofDays(iso("2024-10-01"), iso("2024-11-01")));
    CHECK(t.spans[2] == Interval::ofDays(iso("2024-10-18"), iso("2024-10-20")));
    CHECK(t.spans[6] == Interval::ofDays(iso("2025-01-10"), iso("2025-01-17")));
    CHECK(t.spans[7] == Interval::ofDays(iso("2025-01-01"), iso("2026-01-01")));

    // What the map shows on 2024-10-19 with a 30-day window, through the index.
    const TemporalIndex index(t.visibilities());
    CHECK(index.size() == 5);
    const auto ids = index.query(TimeCursor(iso("2024-10-19"), DaysWindow{30}).window());
    CHECK(ids == std::vector<uint32_t>{1, 2});
    CHECK(index.query(TimeCursor(iso("2025-01-16")).window()) == std::vector<uint32_t>{6, 7});
    const auto change = index.step(TimeCursor(iso("2025-01-16")).window(), TimeCursor(iso("2025-01-17")).window());
    CHECK(change.entered.empty());
    CHECK(change.left == std::vector<uint32_t>{6});
}

TEST_CASE("Interval mode reads Date columns as it reads the same days written as text", "[core][time]")
{
    // Every combination of present, absent, equal and reversed days, as Date cells and as text.
    const std::vector<std::pair<const char*, const char*>> rows = {
        {"2024-10-18", "2024-12-04"}, {"2024-10-18", nullptr},      {nullptr, "2024-10-18"},
        {nullptr, nullptr},           {"2024-10-18", "2024-10-18"}, {"2024-10-18", "2024-10-01"},
        {"2024-10-19", "2024-10-20"}, {"2025-01-01", "2024-12-31"}, {"1969-12-31", "1970-01-01"},
    };
    std::vector<std::vector<const char*>> textRows;
    for (const auto& [from, to] : rows) textRows.push_back({from, to});
    const Layer text = makeLayer({"valid_from", "valid_to"}, textRows);
    Layer dates("test", "test.geojson", "EPSG:4326");
    dates.addColumn("valid_from", FieldType::Date);
    dates.addColumn("valid_to", FieldType::Date);
    int64_t fid = 0;
    for (const auto& [from, to] : rows) {
        dates.mutableGeometry().beginFeature(GeometryKind::None);
        dates.mutableGeometry().endFeature();
        dates.appendFid(fid++);
        for (const auto& [i, cell] : {std::pair{0, from}, std::pair{1, to}}) {
            Column& c = dates.mutableColumns()[static_cast<std::size_t>(i)];
            if (cell) c.appendDate(iso(cell));
            else c.appendNull();
        }
    }
    for (const IntervalTime& mode : {IntervalTime{}, IntervalTime{"valid_from", "no_such_field", 0}}) {
        Diagnostics fromText, fromDates;
        const FeatureTimes a = compileFeatureTimes(text, mode, fromText);
        const FeatureTimes b = compileFeatureTimes(dates, mode, fromDates);
        CHECK(a.spans == b.spans);
        CHECK(a.excluded == b.excluded);
        CHECK(messages(fromText) == messages(fromDates));
        CHECK(fromDates.errorCount() == (mode.toField == "valid_to" ? 2u : 0u));
    }
}

TEST_CASE("A temporal index over FeatureTimes is the index over its visibilities", "[core][time][index]")
{
    std::mt19937 rng(31);
    std::uniform_int_distribution<int32_t> start(0, 500), length(-3, 40), kind(0, 19), fade(1, 20);
    for (int variant = 0; variant < 4; ++variant) {
        FeatureTimes t;
        t.persists = variant == 3;
        t.fadeDays = variant == 0 ? 0 : variant == 1 ? -2 : fade(rng);
        t.fadedOpacity = 0.3;
        for (int f = 0; f < 4000; ++f) {
            const int32_t b = start(rng), k = kind(rng);
            t.spans.push_back(k == 0   ? Interval::from(b)
                              : k == 1 ? Interval::until(b)
                              : k == 2 ? Interval::unbounded()
                                       : Interval::ofDays(b, b + length(rng)));
            t.excluded.push_back(k == 3 ? 1 : 0);
            if (k == 3) t.spans.back() = Interval::ofDays(0, 0);
        }
        t.excluded[7] = 1;  // excluded with a span left in place: still never indexed
        const TemporalIndex direct(t), viaVector(t.visibilities());
        CHECK(direct.size() == viaVector.size());
        CHECK(direct.memoryBytes() == viaVector.memoryBytes());
        std::vector<uint32_t> a, b;
        TemporalChange x, y;
        for (int32_t d = -10; d < 560; d += 3) {
            const Interval w = Interval::ofDays(d, d + 1 + d % 17), v = Interval::ofDays(d + 2, d + 9);
            a.clear();
            b.clear();
            direct.query(w, a);
            viaVector.query(w, b);
            REQUIRE(a == b);
            direct.step(w, v, x);
            viaVector.step(w, v, y);
            REQUIRE(x.entered == y.entered);
            REQUIRE(x.left == y.left);
        }
    }
}
