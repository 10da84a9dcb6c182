// The bundled dataset as loaded: facts from geodata/ that journalists quote, checked exactly.
#include "data_test_support.h"

#include "atlas/data/csv_table.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace atlas;
using atlas::test::bundled;
using atlas::test::day;

TEST_CASE("The bundled dataset loads without a single diagnostic", "[data]")
{
    const auto& b = bundled();
    INFO(b.diagnostics.formatAll());
    CHECK(b.diagnostics.empty());
    const Dataset& ds = *b.dataset;
    CHECK(ds.layer("places")->layer->featureCount() == 28);
    CHECK(ds.layer("mines")->layer->featureCount() == 14);
    CHECK(ds.layer("crossings")->layer->featureCount() == 8);
    CHECK(ds.layer("control")->layer->featureCount() == 36);
    CHECK(ds.layer("frontlines")->layer->featureCount() == 8);
    CHECK(ds.layer("events")->layer->featureCount() == 78);
    CHECK(ds.layer("river")->layer->featureCount() == 1);
    // The Irrawaddy is named here for links; its line is the basemap's GSHHG river, not a drawing.
    CHECK(ds.layer("river")->layer->geometry().isNull(0));
    CHECK(ds.controllers().size() == 44);
    CHECK(ds.crossingStatus().size() == 20);
    CHECK(ds.exports().size() == 44);
    CHECK(ds.mineFigures().size() == 19);
    CHECK(ds.sources().size() == 85);  // S76: GSHHG, the rivers; S77–S82: Aug 2025–Feb 2026 reports
    for (const FileSummary& f : ds.files()) {
        INFO(f.file);
        CHECK(f.found);
        CHECK(f.rowsLoaded == f.rowsRead);
    }
}

TEST_CASE("Layers carry their time mode", "[data]")
{
    const Dataset& ds = *bundled().dataset;
    CHECK(std::holds_alternative<InstantTime>(ds.layer("events")->mode));
    CHECK(std::get<InstantTime>(ds.layer("events")->mode).fadeDays == 30);
    CHECK(std::get<SnapshotTime>(ds.layer("control")->mode).groupField == "area_id");
    CHECK(std::get<SnapshotTime>(ds.layer("frontlines")->mode).groupField == "line_id");
    for (const char* key : {"places", "mines", "crossings", "river"}) CHECK(ds.layer(key)->isStatic());
    CHECK(ds.layer("control")->times.excludedCount() == 0);
    CHECK(ds.layer("events")->times.excludedCount() == 0);
}

TEST_CASE("Pangwa belt controller history: NDA-K/BGF from 2009, contested from Chipwi's fall, KIA from 18 Oct 2024", "[data]")
{
    const StateHistory& h = bundled().dataset->controllers();
    const auto rows = h.history("mine:pangwa-belt");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].value == "NDA-K/BGF");
    CHECK(rows[0].from->iso() == "2009");  // partial date kept as written
    CHECK(rows[0].span == Interval::ofDays(day("2009-01-01"), day("2024-09-30")));
    // Chipwi, at the belt's western tip, fell to the KIA on 30 Sep 2024 (issue 17's review).
    CHECK(rows[1].value == "contested");
    CHECK(rows[1].span == Interval::ofDays(day("2024-09-30"), day("2024-10-18")));
    CHECK(rows[2].value == "KIA");
    CHECK(rows[2].span == Interval::from(day("2024-10-18")));
    CHECK(rows[2].sources == std::vector<std::string>{"S7", "S9", "S49"});  // S49: cited in its note
    CHECK(rows[2].line == 4);

    CHECK(h.at("mine:pangwa-belt", day("2024-09-29"))->value == "NDA-K/BGF");
    CHECK(h.at("mine:pangwa-belt", day("2024-10-17"))->value == "contested");
    CHECK(h.at("mine:pangwa-belt", day("2024-10-18"))->value == "KIA");  // half-open: the new row holds on its first day
    CHECK(h.at("mine:pangwa-belt", day("2024-10-20"))->value == "KIA");
    CHECK(h.at("mine:pangwa-belt", day("2008-12-31")) == nullptr);     // before the sources: not known
}

TEST_CASE("Empty from means since always, partial boundaries hand over on the first day", "[data]")
{
    const StateHistory& h = bundled().dataset->controllers();
    CHECK(h.at("place:chipwi", day("1900-01-01"))->value == "junta");
    CHECK(h.at("place:chipwi", day("2024-09-29"))->value == "junta");
    CHECK(h.at("place:chipwi", day("2024-09-30"))->value == "KIA");
    // place:sadung from "2024-06": read at 1 June.
    CHECK(h.at("place:sadung", day("2024-05-31")) == nullptr);
    CHECK(h.at("place:sadung", day("2024-06-01"))->value == "KIA");
    CHECK(h.at("place:sadung", day("2024-06-01"))->from->precision() == Date::Precision::Month);
}

TEST_CASE("Kanpaikti crossing is closed on 2024-11-01, by China", "[data]")
{
    const StateHistory& h = bundled().dataset->crossingStatus();
    const StateSpan* s = h.at("crossing:kanpaikti", day("2024-11-01"));
    REQUIRE(s);
    CHECK(s->value == "closed");
    CHECK(s->by == "China");
    CHECK(s->span == Interval::ofDays(day("2024-10-22"), day("2024-12-13")));
    CHECK(h.at("crossing:kanpaikti", day("2024-10-21")) == nullptr);  // no row before the closure
    CHECK(h.at("crossing:kanpaikti", day("2024-12-12"))->value == "closed");
    CHECK(h.at("crossing:kanpaikti", day("2024-12-13"))->value == "restricted");
    CHECK(h.at("crossing:laiza", day("2024-11-12"))->by == "China;KIA");
}

TEST_CASE("The event list holds the 4 Dec 2024 start of the Bhamo offensive linked to place:bhamo", "[data]")
{
    const EventStore& events = bundled().dataset->events();
    const Event* e = events.byId("event:2024-12-04-bhamo-offensive");
    REQUIRE(e);
    CHECK(e->date.iso() == "2024-12-04");
    CHECK(e->date.precision() == Date::Precision::Day);
    CHECK(e->date.label() == "4 Dec 2024");
    CHECK(e->kind == "battle");
    CHECK(e->title == "KIA-led Bhamo offensive begins");
    CHECK(e->links == std::vector<std::string>{"place:bhamo", "front:bhamo"});
    CHECK(e->placeId == "place:bhamo");
    CHECK(e->sources == std::vector<std::string>{"S16", "S17"});
    REQUIRE(e->location);

    const auto linked = events.linkedTo("place:bhamo");
    CHECK(std::find(linked.begin(), linked.end(), e) != linked.end());
    const auto onDay = events.eventsIn(Interval::ofDay(day("2024-12-04")));
    REQUIRE(onDay.size() == 1);
    CHECK(onDay.front() == e);
}

TEST_CASE("Events are sorted, and next and previous step from a day", "[data]")
{
    const EventStore& events = bundled().dataset->events();
    const auto& all = events.all();
    REQUIRE(all.size() == 78);
    CHECK(std::is_sorted(all.begin(), all.end(),
                         [](const Event& a, const Event& b) { return a.date.first() < b.date.first(); }));
    CHECK(all.front().id == "event:1998-08-23-lweje-post-opens");
    CHECK(events.next(day("2024-12-03"))->id == "event:2024-12-04-bhamo-offensive");
    CHECK(events.next(day("2024-12-04"))->id == "event:2024-12-08-nban-la-in-china");
    CHECK(events.previous(day("2024-12-04"))->id == "event:2024-11-20-kanpaikti-captured");
    CHECK(events.previous(day("1998-08-23")) == nullptr);
}

TEST_CASE("A 2024-10 partial date is inside any window touching October", "[data]")
{
    // event:2024-10-bgf-1003-hq-falls ("~21 Oct") is such an event; use a store of our own with a "2024-10" event.
    Event partial;
    partial.id = "event:2024-10-test";
    partial.date = Date::parse("2024-10").value();
    partial.span = partial.date.interval();
    Event dayEvent;
    dayEvent.id = "event:2024-11-02-test";
    dayEvent.date = Date::parse("2024-11-02").value();
    dayEvent.span = dayEvent.date.interval();
    const EventStore store({dayEvent, partial});
    REQUIRE(store.all().front().id == "event:2024-10-test");

    CHECK(store.eventsIn(Interval::ofDays(day("2024-09-25"), day("2024-10-01"))).empty());      // ends on 30 Sep
    CHECK(store.eventsIn(Interval::ofDays(day("2024-09-25"), day("2024-10-02"))).size() == 1);  // touches 1 Oct
    CHECK(store.eventsIn(Interval::ofDay(day("2024-10-31"))).size() == 1);
    CHECK(store.eventsIn(Interval::ofDay(day("2024-11-01"))).empty());
    CHECK(store.eventsIn(TimeCursor(day("2024-11-02"), DaysWindow{7}).window()).size() == 2);  // 27 Oct – 2 Nov

    // The bundled "2025-02" events: a window of 1–3 Feb 2025 holds them.
    const auto feb = bundled().dataset->events().eventsIn(Interval::ofDays(day("2025-02-01"), day("2025-02-04")));
    std::vector<std::string> ids;
    for (const Event* e : feb) ids.push_back(e->id);
    CHECK(std::find(ids.begin(), ids.end(), "event:2025-02-re-imports-collapse") != ids.end());
    CHECK(std::find(ids.begin(), ids.end(), "event:2025-02-pangwa-sites-shut") != ids.end());
}

TEST_CASE("Event ranges: date_end is inclusive, a partial end means its whole period", "[data]")
{
    const EventStore& events = bundled().dataset->events();
    const Event* pangwa = events.byId("event:2024-10-18-pangwa-captured");
    REQUIRE(pangwa);
    CHECK(pangwa->span == Interval::ofDays(day("2024-10-18"), day("2024-10-20")));
    const Event* flares = events.byId("event:2025-12-25-bhamo-fighting-flares");
    REQUIRE(flares);
    CHECK(flares->end->iso() == "2026-01");
    CHECK(flares->span == Interval::ofDays(day("2025-12-25"), day("2026-02-01")));
}

TEST_CASE("The 2023 heavy rare-earth oxide import figure is 41,700 t from S4", "[data]")
{
    const ExportSeries& exports = bundled().dataset->exports();
    const ExportObservation* o = exports.byId("export:2023-hree-oxide-myanmar");
    REQUIRE(o);
    CHECK(o->value == 41700);
    CHECK(o->unit == "t");
    CHECK(o->metric == "quantity");
    CHECK(o->basket == "heavy rare-earth oxides");
    CHECK(o->reporter == "China");
    CHECK(o->partner == "Myanmar");
    CHECK(o->flow == "import");
    CHECK(o->sources == std::vector<std::string>{"S4"});
    CHECK(o->period.precision() == Date::Precision::Year);
    CHECK(o->span == Interval::ofDays(day("2023-01-01"), day("2024-01-01")));
    const Source* s4 = bundled().dataset->sources().find("S4");
    REQUIRE(s4);
    CHECK(s4->outlet.rfind("Global Witness", 0) == 0);
    CHECK(s4->date == "2024-05");
}

TEST_CASE("Export observations covering a day, with spans and conflicting figures side by side", "[data]")
{
    const ExportSeries& exports = bundled().dataset->exports();
    std::vector<std::string> ids;
    for (const ExportObservation* o : exports.covering(day("2025-02-20"))) ids.push_back(o->id);
    CHECK(ids == std::vector<std::string>{
                     "export:2025-01-to-02-unlisted-oxides-all", "export:2025-01-to-02-unlisted-oxides-all-change",
                     "export:2025-01-to-04-myanmar-share", "export:2025-01-to-05-re-oxides-metals-myanmar-change",
                     "export:2025-01-to-05-unlisted-oxides-all", "export:2025-01-to-05-unlisted-oxides-all-change",
                     "export:2025-02-re-oxides-compounds-myanmar", "export:2025-02-re-oxides-compounds-myanmar-change",
                     "export:2025-02-unlisted-oxides-all"});
    const ExportObservation* span = exports.byId("export:2024-01-to-11-re-imports-myanmar-reuters");
    REQUIRE(span);
    CHECK(span->periodIso() == "2024-01/2024-11");
    CHECK(span->span == Interval::ofDays(day("2024-01-01"), day("2024-12-01")));
    CHECK(span->value == -31.6);
}

TEST_CASE("Aggregation by year never splits a year and keeps conflicts and gaps", "[data]")
{
    const ExportSeries& exports = bundled().dataset->exports();
    const auto years = exports.aggregate(Granularity::Year);
    // China's imports of HREO from Myanmar: 2021 and 2023 reported, 2022 a gap.
    const auto hreo = std::find_if(years.begin(), years.end(), [](const AggregatedSeries& s) {
        return s.key.basket == "heavy rare-earth oxides" && s.key.metric == "quantity";
    });
    REQUIRE(hreo != years.end());
    REQUIRE(hreo->periods.size() == 3);
    CHECK(hreo->periods[0].period.iso() == "2021");
    CHECK(hreo->periods[0].figures.at(0).value == 19500);
    CHECK(hreo->periods[1].period.iso() == "2022");
    CHECK(hreo->periods[1].figures.empty());
    CHECK(hreo->periods[2].figures.at(0).value == 41700);
    CHECK(hreo->periods[2].figures.at(0).sources == std::vector<std::string>{"S4"});

    // Monthly compound imports (Jul, Aug 2021) never become a year.
    const auto compoundsYear = std::find_if(years.begin(), years.end(), [](const AggregatedSeries& s) {
        return s.key.basket == "rare-earth compounds";
    });
    CHECK(compoundsYear == years.end());
    const auto months = exports.aggregate(Granularity::Month);
    const auto compounds = std::find_if(months.begin(), months.end(), [](const AggregatedSeries& s) {
        return s.key.basket == "rare-earth compounds";
    });
    REQUIRE(compounds != months.end());
    REQUIRE(compounds->periods.size() == 2);
    CHECK(compounds->periods[0].figures.at(0).value == 270);
    CHECK(compounds->periods[1].figures.at(0).value == 23);

    // Two figures for the same series and period stay side by side.
    ExportObservation a, b;
    a.id = "export:2020-a";
    b.id = "export:2020-b";
    for (ExportObservation* o : {&a, &b}) {
        o->period = Date::parse("2020").value();
        o->span = o->period.interval();
        o->reporter = "China";
        o->flow = "import";
        o->basket = "oxides";
        o->metric = "quantity";
        o->unit = "t";
    }
    a.value = 21519;
    a.sources = {"S37"};
    b.value = 17512;
    b.sources = {"S14"};
    const auto conflict = ExportSeries({a, b}).aggregate(Granularity::Year);
    REQUIRE(conflict.size() == 1);
    REQUIRE(conflict[0].periods.size() == 1);
    REQUIRE(conflict[0].periods[0].figures.size() == 2);
    CHECK(conflict[0].periods[0].figures[0].sources == std::vector<std::string>{"S37"});
    CHECK(conflict[0].periods[0].figures[1].sources == std::vector<std::string>{"S14"});
}

TEST_CASE("Twelve monthly quantities sum to a year, eleven do not", "[data]")
{
    std::vector<ExportObservation> months;
    for (unsigned m = 1; m <= 12; ++m) {
        ExportObservation o;
        o.id = "export:2022-" + std::to_string(m);
        o.period = Date::ofMonth(2022, m);
        o.span = o.period.interval();
        o.metric = "quantity";
        o.unit = "t";
        o.basket = "oxides";
        o.value = m;
        o.sources = {m % 2 ? "S1" : "S2"};
        months.push_back(o);
    }
    const auto full = ExportSeries(months).aggregate(Granularity::Year);
    REQUIRE(full.size() == 1);
    REQUIRE(full[0].periods.size() == 1);
    CHECK(full[0].periods[0].figures.at(0).summed);
    CHECK(full[0].periods[0].figures.at(0).value == 78);
    CHECK(full[0].periods[0].figures.at(0).sources == std::vector<std::string>{"S1", "S2"});
    months.pop_back();
    CHECK(ExportSeries(months).aggregate(Granularity::Year).empty());
}

TEST_CASE("Mine figures and the source catalogue", "[data]")
{
    const Dataset& ds = *bundled().dataset;
    const auto pangwa = ds.mineFigures().forFeature("mine:pangwa-belt");
    REQUIRE(pangwa.size() == 5);
    CHECK(pangwa[0]->metric == "collection pools");
    CHECK(pangwa[0]->qualifier == ">");
    CHECK(pangwa[0]->value == 2700);
    CHECK(pangwa[0]->period.iso() == "2022-03");
    CHECK(ds.sources().contains("S6b"));
    CHECK(ds.sources().contains("NE"));
    CHECK_FALSE(ds.sources().contains("S41"));  // the sheet has no S41
    CHECK(isSourceId("S17b"));
    CHECK_FALSE(isSourceId("S"));
    CHECK_FALSE(isSourceId("X7"));
}

TEST_CASE("Ids resolve to features, exports and logical groups", "[data]")
{
    const Dataset& ds = *bundled().dataset;
    const auto bhamo = ds.resolve("place:bhamo");
    REQUIRE(bhamo);
    CHECK(bhamo->kind == IdTarget::Kind::Feature);
    CHECK(bhamo->layerKey == "places");
    CHECK(ds.layer("places")->id(bhamo->row) == "place:bhamo");
    CHECK(ds.resolve("area:bhamo")->kind == IdTarget::Kind::Area);
    CHECK(ds.resolve("front:bhamo")->kind == IdTarget::Kind::Line);
    CHECK(ds.resolve("export:2023-hree-oxide-myanmar")->kind == IdTarget::Kind::Export);
    CHECK_FALSE(ds.resolve("place:atlantis"));
    CHECK(ds.nameOf("place:bhamo") == "Bhamo");
    CHECK(ds.nameOf("event:2024-12-04-bhamo-offensive") == "KIA-led Bhamo offensive begins");

    const SnapshotGroup* g = ds.layer("frontlines")->group("front:bhamo");
    REQUIRE(g);
    REQUIRE(g->versions.size() == 8);
    CHECK(g->at(day("2024-12-03")) == nullptr);
    CHECK(g->at(day("2025-02-19"))->asOf.iso() == "2025-01-26");
    CHECK(g->at(day("2025-02-20"))->asOf.iso() == "2025-02-20");  // a version stops on the day the next starts
    CHECK(g->at(day("2025-10-01"))->asOf.iso() == "2025-10");
    CHECK(g->at(day("2030-01-01"))->asOf.iso() == "2025-12-25");
}

TEST_CASE("CSV rows keep their line in the file across quoted line breaks", "[data]")
{
    Diagnostics d;
    const auto table = CsvTable::read(ATLAS_TEST_DATA_DIR "/bad/geodata/controllers.csv", d);
    REQUIRE(table);
    CHECK(d.empty());
    REQUIRE(table->rows().size() == 8);
    CHECK(table->rows()[0].line == 2);
    CHECK(table->rows()[1].line == 3);
    CHECK(table->cell(table->rows()[1], "note") == "A note over\ntwo lines, with a comma.");
    CHECK(table->rows()[2].line == 5);  // after the two-line record
    CHECK(table->cell(table->rows()[2], "to").empty());
    CHECK(splitList("S7;S9;") == std::vector<std::string>{"S7", "S9"});
}

TEST_CASE("An EventStore builds from any layer with a date field, e.g. ACLED columns", "[data]")
{
    // ACLED-like: its own column names, a typed Date column, no date_end, links or sources.
    Layer layer("acled", "acled.csv", "EPSG:4326");
    layer.addColumn("event_id_cnty", FieldType::String);
    layer.addColumn("event_date", FieldType::Date);
    layer.addColumn("event_type", FieldType::String);
    layer.addColumn("notes", FieldType::String);
    const struct {
        const char* id;
        int32_t date;
        const char* type;
        double lon, lat;
    } rows[] = {{"MMR1002", day("2025-02-07"), "Battles", 97.23, 24.27},
                {"MMR1001", day("2024-12-04"), "Battles", 97.23, 24.27},
                {"MMR1003", day("2025-02-20"), "Strategic developments", 97.25, 24.27}};
    for (const auto& r : rows) {
        GeometryColumn& g = layer.mutableGeometry();
        g.beginFeature(GeometryKind::Point);
        g.beginPart();
        g.beginRing();
        g.addCoord(r.lon, r.lat);
        g.endFeature();
        layer.appendFid(static_cast<int64_t>(g.featureCount()));
        auto& c = layer.mutableColumns();
        c[0].appendString(r.id);
        c[1].appendDate(r.date);
        c[2].appendString(r.type);
        c[3].appendNull();
    }
    layer.buildIndex();
    EventFields fields;
    fields.id = "event_id_cnty";
    fields.date = "event_date";
    fields.kind = "event_type";
    fields.summary = "notes";
    Diagnostics d;
    const EventStore store = EventStore::fromLayer(layer, fields, d);
    CHECK(d.empty());
    REQUIRE(store.size() == 3);
    CHECK(store.all()[0].id == "MMR1001");
    CHECK(store.all()[0].date.iso() == "2024-12-04");
    CHECK(store.all()[0].kind == "Battles");
    CHECK(store.all()[0].location->x == 97.23);
    CHECK(store.eventsIn(Interval::ofDays(day("2025-02-01"), day("2025-02-21"))).size() == 2);
    CHECK(store.byId("MMR1003")->kind == "Strategic developments");

    // Without a date column nothing loads, and the reason is given once.
    fields.date = "date";
    Diagnostics missing;
    CHECK(EventStore::fromLayer(layer, fields, missing).size() == 0);
    REQUIRE(missing.size() == 1);
    CHECK(missing.items()[0].format() == "acled.csv:layer acled: date: no such field; events need a date (no event loaded)");
}
