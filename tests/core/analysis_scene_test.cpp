// The scene query on the bundled data: what is visible, with which opacity and state.
#include "data_test_support.h"

#include "atlas/analysis/reports.h"
#include "atlas/analysis/scene_state.h"
#include "atlas/crs.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

using namespace atlas;
using atlas::test::bundled;
using atlas::test::day;

namespace {

std::vector<std::string> idsOf(const LayerScene* l)
{
    std::vector<std::string> out;
    for (const VisibleFeature& v : l->features) out.emplace_back(v.id);
    return out;
}

const VisibleFeature* feature(const LayerScene* l, std::string_view id)
{
    for (const VisibleFeature& v : l->features)
        if (v.id == id) return &v;
    return nullptr;
}

}  // namespace

TEST_CASE("Scene on 2025-02-20 with a 30-day window, whole map", "[analysis][scene]")
{
    const SceneState s = querySceneState(*bundled().links, {std::nullopt, TimeCursor(day("2025-02-20"), DaysWindow{30})});
    CHECK(s.window == Interval::ofDays(day("2025-01-22"), day("2025-02-21")));

    const LayerScene* mines = s.layer("mines");
    REQUIRE(mines);
    CHECK(idsOf(mines) == std::vector<std::string>{"mine:pangwa-belt", "mine:tsawlaw-hub", "mine:kanpaikti-hub",
                                                   "mine:waingmaw-hub", "mine:mong-pawk", "mine:mong-hsat",
                                                   "mine:mong-yawng"});
    CHECK(std::is_sorted(mines->features.begin(), mines->features.end(),
                         [](const VisibleFeature& a, const VisibleFeature& b) { return a.row < b.row; }));
    CHECK(feature(mines, "mine:pangwa-belt")->controller == "KIA");
    CHECK(feature(mines, "mine:kanpaikti-hub")->controller == "KIA");  // from the control layer
    CHECK(feature(mines, "mine:waingmaw-hub")->controller == "");      // not known
    CHECK(feature(mines, "mine:mong-yawng")->controller == "NDAA");

    const LayerScene* crossings = s.layer("crossings");
    REQUIRE(crossings);
    std::map<std::string, std::pair<std::string, std::string>> state;
    for (const VisibleFeature& v : crossings->features)
        state[std::string(v.id)] = {std::string(v.controller), std::string(v.status)};
    CHECK(state.size() == 5);  // Hpimaw, Manweinggyi and Mai Ja Yang have no point
    CHECK(state["crossing:kanpaikti"] == std::pair<std::string, std::string>{"KIA", "restricted"});
    CHECK(state["crossing:lweje"] == std::pair<std::string, std::string>{"KIA", "closed"});
    CHECK(state["crossing:muse"] == std::pair<std::string, std::string>{"junta", ""});

    const LayerScene* control = s.layer("control");
    REQUIRE(control);
    CHECK(control->features.size() == 13);  // area:bhamo's three polygons + ten town areas
    CHECK(feature(control, "control:bhamo-kia-2025-02-20")->controller == "KIA");
    CHECK(feature(control, "control:bhamo-kia-2025-01-26") == nullptr);  // superseded on the day
    CHECK(feature(control, "control:lashio-mndaa-2024-08-03")->controller == "MNDAA");

    REQUIRE(s.fronts.size() == 1);
    REQUIRE(s.fronts[0].inForce);
    CHECK(s.fronts[0].inForce->asOf.iso() == "2025-02-20");
    REQUIRE(s.fronts[0].previous.size() == 3);
    CHECK(s.fronts[0].previous[0]->asOf.iso() == "2025-01-26");
    CHECK(s.fronts[0].previous[2]->asOf.iso() == "2024-12-04");
    CHECK(idsOf(s.layer("frontlines")) == std::vector<std::string>{"front:bhamo-2025-02-20"});

    // Events: those in the window at full opacity; one that ended before it is fading.
    const LayerScene* events = s.layer("events");
    REQUIRE(events);
    CHECK(feature(events, "event:2025-02-20-ib-236")->opacity == 1.0f);
    // (The Kunming ceasefire of 18 Jan has no point since issue 17: it was agreed in Kunming.)
    CHECK(feature(events, "event:2025-01-18-kunming-ceasefire") == nullptr);
    const VisibleFeature* mansi = feature(events, "event:2025-01-08-mansi-captured");  // ended 13 days before
    REQUIRE(mansi);
    CHECK(mansi->opacity == Approx(17.0 / 31.0));
    CHECK(feature(events, "event:2024-10-18-pangwa-captured") == nullptr);  // faded out long ago
    std::vector<std::string> listed;
    for (const Event* e : s.events) listed.push_back(e->id);
    CHECK(listed == std::vector<std::string>{
                        "event:2025-01-25-armored-bn-7006", "event:2025-01-26-bhamo-airport",
                        "event:2025-02-pangwa-sites-shut", "event:2025-02-re-imports-collapse",
                        "event:2025-02-02-arty-bn-366", "event:2025-02-03-kantaw-school-camp",
                        "event:2025-02-07-tank-bn-5014", "event:2025-02-20-ib-236"});
    CHECK(s.exports.size() == 9);
}

TEST_CASE("Scene for a small extent around Bhamo", "[analysis][scene]")
{
    const Dataset& ds = *bundled().dataset;
    const CoordinateTransform toDisplay(kWgs84, ds.displayCrs());
    const Coord bhamo = toDisplay.transform(Coord{97.23, 24.27});
    const Box box = Box::of(bhamo.x - 5000, bhamo.y - 5000, bhamo.x + 5000, bhamo.y + 5000);
    const SceneState s = querySceneState(*bundled().links, {box, TimeCursor(day("2024-12-10"))});
    CHECK(idsOf(s.layer("places")) == std::vector<std::string>{"place:bhamo", "place:bhamo-airport"});
    CHECK(idsOf(s.layer("mines")).empty());
    CHECK(idsOf(s.layer("control")) ==
          std::vector<std::string>{"control:bhamo-kia-2024-12-04", "control:bhamo-junta-2024-12-04"});
    // Instant window on 10 Dec: the 4 Dec offensive is 6 days past, fading.
    const VisibleFeature* offensive = feature(s.layer("events"), "event:2024-12-04-bhamo-offensive");
    REQUIRE(offensive);
    CHECK(offensive->opacity == Approx(25.0 / 31.0));
    // On 10 Dec itself: only the KIO chairman's 8–13 Dec visit to China.
    REQUIRE(s.events.size() == 1);
    CHECK(s.events[0]->id == "event:2024-12-08-nban-la-in-china");
}

TEST_CASE("State report for 2025-02-20 in JSON", "[analysis][scene]")
{
    const LinkIndex& links = *bundled().links;
    const auto j = toJson(buildStateReport(links, TimeCursor(day("2025-02-20"), DaysWindow{30})), links);
    CHECK(j["date"] == "2025-02-20");
    CHECK(j["window"]["from"] == "2025-01-22");
    CHECK(j["window"]["to"] == "2025-02-20");
    CHECK(j["mines"].size() == 14);
    CHECK(j["mines"][0]["id"] == "mine:pangwa-belt");
    CHECK(j["mines"][0]["controller"] == "KIA");
    CHECK(j["mines"][0]["controller_detail"]["from"] == "2024-10-18");
    CHECK(j["mines"][0]["controller_detail"]["reference"] == "controllers.csv line 4");
    CHECK(j["crossings"][0]["id"] == "crossing:kanpaikti");
    CHECK(j["crossings"][0]["status"] == "restricted");
    CHECK(j["crossings"][0]["status_detail"]["by"] == "China");
    CHECK(j["front_lines"][0]["in_force"]["id"] == "front:bhamo-2025-02-20");
    CHECK(j["control_areas"][0]["area_id"] == "area:bhamo");
    CHECK(j["control_areas"][0]["km2"]["KIA"] == 566.21);
    CHECK(j["control_areas"][0]["km2"]["junta"] == 11.43);
    CHECK(j["control_areas"][0]["km2"]["contested"] == 14.66);
    // Partial as_of dates are printed as written, not as a day.
    const auto sadung = toJson(buildStateReport(links, TimeCursor(day("2024-07-01"))), links);
    bool found = false;
    for (const auto& a : sadung["control_areas"])
        if (a["area_id"] == "area:sadung") found = a["as_of"] == "2024-06";
    CHECK(found);
}
