// Links on the bundled data: controllers on a day (own history, then the control layer),
// statuses, events within a distance, explicit links both ways.
#include "data_test_support.h"

#include "atlas/analysis/reports.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace atlas;
using atlas::test::bundled;
using atlas::test::day;

namespace {

std::string controllerOn(const char* id, const char* iso)
{
    const ResolvedSpan* s = bundled().links->controllerAt(id, day(iso));
    return s ? s->value : "(unknown)";
}

}  // namespace

TEST_CASE("Pangwa belt: NDA-K/BGF to 2024-09-29, contested from Chipwi's fall, KIA on 2024-10-18 exactly", "[analysis][links]")
{
    CHECK(controllerOn("mine:pangwa-belt", "2024-09-29") == "NDA-K/BGF");
    CHECK(controllerOn("mine:pangwa-belt", "2024-09-30") == "contested");
    CHECK(controllerOn("mine:pangwa-belt", "2024-10-17") == "contested");
    CHECK(controllerOn("mine:pangwa-belt", "2024-10-18") == "KIA");
    CHECK(controllerOn("mine:pangwa-belt", "2024-10-20") == "KIA");
    const ResolvedSpan* s = bundled().links->controllerAt("mine:pangwa-belt", day("2024-10-18"));
    REQUIRE(s);
    CHECK(s->origin == StateOrigin::History);
    CHECK(s->row->line == 4);
    CHECK(referenceOf(*s) == "controllers.csv line 4");
}

TEST_CASE("A feature without its own history takes its controller from the control layer", "[analysis][links]")
{
    const LinkIndex& links = *bundled().links;
    // mine:kanpaikti-hub (the Kanpaikti town point) has no row in controllers.csv.
    CHECK(bundled().dataset->controllers().history("mine:kanpaikti-hub").empty());
    CHECK(controllerOn("mine:kanpaikti-hub", "2008-12-31") == "(unknown)");  // before the first version
    CHECK(controllerOn("mine:kanpaikti-hub", "2024-09-30") == "NDA-K/BGF");
    // The BGF HQ fell "~21 Oct 2024" (the month is used); junta troops held the town until 20 Nov.
    CHECK(controllerOn("mine:kanpaikti-hub", "2024-10-01") == "junta");
    CHECK(controllerOn("mine:kanpaikti-hub", "2024-11-19") == "junta");
    CHECK(controllerOn("mine:kanpaikti-hub", "2024-11-20") == "KIA");
    const ResolvedSpan* s = links.controllerAt("mine:kanpaikti-hub", day("2024-11-20"));
    REQUIRE(s);
    CHECK(s->origin == StateOrigin::ControlLayer);
    CHECK(s->controlId == "control:kanpaikti-kia-2024-11-20");
    CHECK(s->areaId == "area:kanpaikti");
    CHECK(s->span == Interval::from(day("2024-11-20")));

    // The airport has its own history (issue 17: events recorded it changing hands, controllers did
    // not): junta, KIA from 26 Jan 2025 (DVB; RFA says 27th), split at the runway from 10 Aug 2025.
    CHECK(controllerOn("place:bhamo-airport", "2025-01-25") == "junta");
    CHECK(controllerOn("place:bhamo-airport", "2025-01-26") == "KIA");
    CHECK(controllerOn("place:bhamo-airport", "2025-08-09") == "KIA");
    CHECK(controllerOn("place:bhamo-airport", "2025-08-10") == "contested");
    std::vector<std::string> rows;
    for (uint32_t r : links.controlRowsContaining("place:bhamo-airport", day("2025-02-20")))
        rows.emplace_back(bundled().dataset->layer("control")->id(r));
    CHECK(rows == std::vector<std::string>{"control:bhamo-kia-2025-02-20"});

    // Own history first: place:bhamo's own row (junta) wins over nothing else; Waingmaw has neither.
    CHECK(controllerOn("place:bhamo", "2025-02-20") == "junta");
    CHECK(links.controllerTimeline("mine:waingmaw-hub").empty());
}

TEST_CASE("A history with a gap is filled from the control layer only in the gap", "[analysis][links]")
{
    // crossing:hpimaw: NDA-K/BGF until 2024-10-31, nothing after (the sources stop) and no point.
    CHECK(controllerOn("crossing:hpimaw", "2024-10-30") == "NDA-K/BGF");
    CHECK(controllerOn("crossing:hpimaw", "2024-10-31") == "(unknown)");
    // crossing:pangwa: its own rows cover 2009 onwards; before 2009 the control layer knows nothing either.
    CHECK(controllerOn("crossing:pangwa", "2008-06-01") == "(unknown)");
    const auto timeline = bundled().links->controllerTimeline("crossing:pangwa");
    REQUIRE(timeline.size() == 2);
    for (const ResolvedSpan& s : timeline) CHECK(s.origin == StateOrigin::History);
}

TEST_CASE("Crossing status on a day", "[analysis][links]")
{
    const LinkIndex& links = *bundled().links;
    CHECK(links.statusAt("crossing:kanpaikti", day("2024-11-01"))->value == "closed");
    CHECK(links.statusAt("crossing:kanpaikti", day("2025-02-20"))->value == "restricted");
    CHECK(links.statusAt("crossing:muse", day("2025-02-20")) == nullptr);
}

TEST_CASE("Events within N km of Bhamo, geodesic for points", "[analysis][links]")
{
    const LinkIndex& links = *bundled().links;
    auto within = [&](double km) {
        std::vector<std::string> ids;
        for (const NearbyEvent& e : links.eventsWithin("place:bhamo", km * 1000)) ids.push_back(e.event->id);
        return ids;
    };
    const auto at2km = within(2);
    const auto at5km = within(5);
    const auto at15km = within(15);
    CHECK(at2km.size() == 18);   // the events placed on Bhamo itself
    CHECK(at5km.size() == 20);   // + the two at Bhamo airport, 2.03 km east
    CHECK(at15km.size() == 22);  // + the two at Momauk, 12.4 km away
    CHECK(std::find(at2km.begin(), at2km.end(), "event:2024-12-04-bhamo-offensive") != at2km.end());
    CHECK(std::find(at2km.begin(), at2km.end(), "event:2025-01-26-bhamo-airport") == at2km.end());
    CHECK(std::find(at5km.begin(), at5km.end(), "event:2025-01-26-bhamo-airport") != at5km.end());
    CHECK(std::find(at15km.begin(), at15km.end(), "event:2024-05-08-momauk-entered") != at15km.end());

    const auto airport = links.eventsWithin("place:bhamo", 5000);
    const auto it = std::find_if(airport.begin(), airport.end(),
                                 [](const NearbyEvent& e) { return e.event->id == "event:2025-01-26-bhamo-airport"; });
    REQUIRE(it != airport.end());
    // Bhamo (97.23, 24.27) to the airport (97.25, 24.27): 2.03 km on the ellipsoid.
    // Within a tenth of a millimetre: each layer stores its coordinates on its own grid.
    CHECK(it->metres == Approx(geodesicDistance(97.23, 24.27, 97.25, 24.27)).margin(1e-4));
    CHECK(it->metres == Approx(2031).margin(1));

    // With a window: only those overlapping it.
    const auto dec2024 = links.eventsWithin("place:bhamo", 2000, Interval::ofDays(day("2024-12-01"), day("2025-01-01")));
    REQUIRE(dec2024.size() == 3);
    CHECK(dec2024[0].event->id == "event:2024-12-04-bhamo-offensive");
    CHECK(dec2024[1].event->id == "event:2024-12-25-bhamo-university-captured");
    CHECK(dec2024[2].event->id == "event:2024-12-31-ib-47-and-moc-21-clashes");
}

TEST_CASE("Explicit links answer both ways", "[analysis][links]")
{
    const LinkIndex& links = *bundled().links;
    // event → ids
    CHECK(links.idsOfEvent("event:2024-12-04-bhamo-offensive") == std::vector<std::string>{"place:bhamo", "front:bhamo"});
    // id → events
    const auto events = links.eventsLinkedTo("place:bhamo");
    CHECK(std::any_of(events.begin(), events.end(),
                      [](const LinkedEvent& e) { return e.event->id == "event:2024-12-04-bhamo-offensive" && e.via.empty(); }));
    // A front version is reached through its line_id.
    const auto versionEvents = links.eventsLinkedTo("front:bhamo-2025-02-20");
    REQUIRE_FALSE(versionEvents.empty());
    CHECK(versionEvents.front().via == "front:bhamo");
    CHECK(links.versionsOf("front:bhamo").size() == 8);
    // crossings ↔ places
    CHECK(links.crossingsAt("place:kanpaikti") == std::vector<std::string>{"crossing:kanpaikti"});
    CHECK(links.placeOf("crossing:kanpaikti") == std::optional<std::string>("place:kanpaikti"));
    CHECK_FALSE(links.placeOf("crossing:hpimaw"));
    // export observations ↔ ids, through the events naming both
    const auto exports = links.exportsLinkedTo("mine:pangwa-belt");
    REQUIRE(exports.size() == 2);
    CHECK(exports[0].observation->id == "export:2025-02-re-oxides-compounds-myanmar");
    CHECK(exports[0].via == "event:2025-02-re-imports-collapse");
    const auto tengchong = links.exportsLinkedTo("event:2021-07-tengchong-crossing-shut");
    REQUIRE(tengchong.size() == 1);
    CHECK(tengchong[0].observation->id == "export:2021-08-re-compounds-myanmar");
}

TEST_CASE("Nearest crossing to a mine and features near a place", "[analysis][links]")
{
    const LinkIndex& links = *bundled().links;
    const auto belt = links.nearestCrossing("mine:pangwa-belt");
    REQUIRE(belt);
    CHECK(belt->id == "crossing:pangwa");
    // The belt's tip is the Pangwa point: the same coordinate, read back from two layers' grids
    // (each within half its step, a fraction of a millimetre).
    CHECK(belt->metres < 1e-3);
    const auto tsawlaw = links.nearestCrossing("mine:tsawlaw-hub");
    REQUIRE(tsawlaw);
    CHECK(tsawlaw->id == "crossing:pangwa");
    CHECK(tsawlaw->metres == Approx(61922).margin(5));
    CHECK_FALSE(links.nearestCrossing("mine:ngilot"));  // no geometry

    const auto near = links.featuresWithin("place:bhamo", 25000);
    REQUIRE(near.size() == 3);
    CHECK(near[0].id == "place:bhamo-airport");
    CHECK(near[1].id == "place:momauk");
    CHECK(near[2].id == "place:mansi");
}
