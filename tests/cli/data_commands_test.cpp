// The dataset commands end to end: state, links, diff and validate, run as a user would, on
// the bundled data (next to the binary) and on tests/data/bad/geodata.
#include "cli_support.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>

using namespace atlas::test;
using Json = nlohmann::json;

namespace {

Json parse(const RunResult& r)
{
    INFO(r.err.toStdString());
    return Json::parse(r.out.toStdString());
}

const Json* findById(const Json& array, const std::string& id)
{
    for (const Json& item : array)
        if (item.value("id", "") == id) return &item;
    return nullptr;
}

}  // namespace

TEST_CASE("state --format json on 2025-02-20 gives the map's state", "[cli][data]")
{
    const RunResult r = runAtlas({"state", "--date", "2025-02-20", "--format", "json"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const Json j = parse(r);
    CHECK(j["date"] == "2025-02-20");
    CHECK(j["window"]["kind"] == "30d");
    CHECK(j["window"]["from"] == "2025-01-22");

    REQUIRE(j["mines"].size() == 14);
    CHECK((*findById(j["mines"], "mine:pangwa-belt"))["controller"] == "KIA");
    CHECK((*findById(j["mines"], "mine:kanpaikti-hub"))["controller"] == "KIA");
    CHECK((*findById(j["mines"], "mine:kanpaikti-hub"))["controller_detail"]["origin"] == "control layer");
    CHECK((*findById(j["mines"], "mine:mong-yawng"))["controller"] == "NDAA");
    CHECK((*findById(j["mines"], "mine:waingmaw-hub"))["controller"].is_null());

    REQUIRE(j["crossings"].size() == 8);
    const Json& kanpaikti = *findById(j["crossings"], "crossing:kanpaikti");
    CHECK(kanpaikti["controller"] == "KIA");
    CHECK(kanpaikti["status"] == "restricted");
    CHECK(kanpaikti["status_detail"]["from"] == "2024-12-13");
    CHECK((*findById(j["crossings"], "crossing:lweje"))["status"] == "closed");
    CHECK((*findById(j["crossings"], "crossing:muse"))["controller"] == "junta");
    CHECK((*findById(j["crossings"], "crossing:muse"))["status"].is_null());

    REQUIRE(j["events"].size() == 8);
    CHECK(j["events"][0]["id"] == "event:2025-01-25-armored-bn-7006");
    CHECK(j["events"][7]["id"] == "event:2025-02-20-ib-236");
    CHECK(j["events"][7]["date"] == "2025-02-20");
    CHECK(j["events"][7]["title"] == "KIA takes Infantry Battalion 236");
    CHECK((*findById(j["events"], "event:2025-02-re-imports-collapse"))["date"] == "2025-02");

    REQUIRE(j["front_lines"].size() == 1);
    CHECK(j["front_lines"][0]["line_id"] == "front:bhamo");
    CHECK(j["front_lines"][0]["in_force"]["id"] == "front:bhamo-2025-02-20");
    CHECK(j["front_lines"][0]["previous"].size() == 3);

    REQUIRE(j["exports"].size() == 9);
    const Json& feb = *findById(j["exports"], "export:2025-02-re-oxides-compounds-myanmar");
    CHECK(feb["value"] == 311);
    CHECK(feb["unit"] == "t");
    CHECK(feb["sources"] == Json::array({"S2"}));

    const Json& bhamo = j["control_areas"][0];
    CHECK(bhamo["area_id"] == "area:bhamo");
    CHECK(bhamo["as_of"] == "2025-02-20");
    CHECK(bhamo["km2"]["KIA"] == 566.21);  // of the schematic drawing (issue 17)
    CHECK(bhamo["km2"]["junta"] == 11.43);
    CHECK(bhamo["km2"]["contested"] == 14.66);
}

TEST_CASE("state in text names each controller with its source, and takes other windows", "[cli][data]")
{
    const RunResult r = runAtlas({"state", "--date", "2024-11-01", "--window", "7d"});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains("mine:pangwa-belt                KIA (since 2024-10-18; controllers.csv line 4)"));
    // After its BGF HQ fell (~21 Oct 2024, written as the month) junta troops held Kanpaikti (issue 17).
    CHECK(r.out.contains("crossing:kanpaikti              junta (since 2024-10, until 2024-11-20; "
                         "controllers.csv line 13); closed by China since 2024-10-22, until 2024-12-13"));
    CHECK(r.out.contains("event:2024-10-31-bgf-1001-hq-falls"));
    CHECK(r.out.contains("front:bhamo: no version yet"));

    const RunResult instant = runAtlas({"state", "--date", "2024-12-04", "--window", "instant", "--format", "json"});
    REQUIRE(instant.exitCode == 0);
    const Json j = parse(instant);
    REQUIRE(j["events"].size() == 1);
    CHECK(j["events"][0]["id"] == "event:2024-12-04-bhamo-offensive");
}

TEST_CASE("state explains a bad date, window or format", "[cli][data]")
{
    const RunResult bad = runAtlas({"state", "--date", "2025-02-30"});
    CHECK(bad.exitCode == 2);
    CHECK(bad.err.contains("--date: \"2025-02-30\": day 30 does not exist in February 2025"));
    const RunResult month = runAtlas({"state", "--date", "2025-02"});
    CHECK(month.exitCode == 2);
    CHECK(month.err.contains("is a month, not a day"));
    const RunResult none = runAtlas({"state"});
    CHECK(none.exitCode == 2);
    CHECK(none.err.contains("kachin-atlas state: --date YYYY-MM-DD is required"));
    const RunResult window = runAtlas({"state", "--date", "2025-02-20", "--window", "fortnight"});
    CHECK(window.exitCode == 2);
    CHECK(window.err.contains("--window: expected Nd (e.g. 30d), instant or cumulative, got \"fortnight\""));
    const RunResult format = runAtlas({"state", "--date", "2025-02-20", "--format", "xml"});
    CHECK(format.exitCode == 2);
    CHECK(format.err.contains("--format: expected text or json, got \"xml\""));
}

TEST_CASE("links place:bhamo answers both ways", "[cli][data]")
{
    const RunResult r = runAtlas({"links", "place:bhamo", "--date", "2025-02-20"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains("Events naming it (28)"));
    CHECK(r.out.contains("event:2024-12-04-bhamo-offensive"));
    CHECK(r.out.contains("Events within 25 km (23)"));
    CHECK(r.out.contains("place:bhamo-airport                     2.0 km"));
    CHECK(r.out.contains("junta (start not given; controllers.csv line 23)"));
    CHECK(r.out.contains("inside: control:bhamo-junta-2025-02-20"));

    const RunResult near = runAtlas({"links", "place:bhamo", "--within", "5km", "--format", "json"});
    REQUIRE(near.exitCode == 0);
    const Json j = parse(near);
    CHECK(j["kind"] == "feature");
    CHECK(j["layer"] == "places");
    CHECK(j["within_km"] == 5.0);
    CHECK(j["events_within"].size() == 20);
    CHECK(j["features_within"].size() == 1);
    CHECK(j["features_within"][0]["id"] == "place:bhamo-airport");
    CHECK(j["features_within"][0]["distance_km"] == 2.03);

    const RunResult event = runAtlas({"links", "event:2025-02-re-imports-collapse", "--format", "json"});
    REQUIRE(event.exitCode == 0);
    const Json e = parse(event);
    CHECK(e["names"].size() == 3);
    CHECK(e["exports"].size() == 2);

    const RunResult mine = runAtlas({"links", "mine:tsawlaw-hub", "--format", "json"});
    REQUIRE(mine.exitCode == 0);
    const Json m = parse(mine);
    CHECK(m["nearest_crossing"]["id"] == "crossing:pangwa");
    CHECK(m["controller_history"][0]["origin"] == "control layer");
}

TEST_CASE("links explains an unknown id and suggests a close one", "[cli][data]")
{
    const RunResult r = runAtlas({"links", "place:bhamoo"});
    CHECK(r.exitCode == 2);
    CHECK(r.err.contains("unknown id \"place:bhamoo\""));
    CHECK(r.err.contains("did you mean: place:bhamo"));
    const RunResult far = runAtlas({"links", "place:bhamo", "--within", "far"});
    CHECK(far.exitCode == 2);
    CHECK(far.err.contains("--within: expected a distance such as 25km or 500m, got \"far\""));
}

TEST_CASE("diff between the first and last Bhamo versions reports km² gained and lost per side", "[cli][data]")
{
    const RunResult r = runAtlas({"diff", "--from", "2024-12-04", "--to", "2025-12-25", "--format", "json"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const Json j = parse(r);
    const auto bhamo = std::find_if(j["territory"].begin(), j["territory"].end(),
                                    [](const Json& t) { return t["area_id"] == "area:bhamo"; });
    REQUIRE(bhamo != j["territory"].end());
    CHECK((*bhamo)["from_as_of"] == "2024-12-04");
    CHECK((*bhamo)["to_as_of"] == "2025-12-25");
    const Json& sides = (*bhamo)["sides"];
    REQUIRE(sides.size() == 3);
    CHECK(sides[0]["controller"] == "KIA");
    CHECK(sides[0]["gained_km2"] == 8.38);
    CHECK(sides[0]["lost_km2"] == 0.0);
    CHECK(sides[1]["controller"] == "junta");
    CHECK(sides[1]["lost_km2"] == 35.25);
    CHECK(sides[2]["controller"] == "contested");
    CHECK(sides[2]["gained_km2"] == 26.87);

    REQUIRE(j["front_lines"].size() == 1);
    // The front line is open since issue 17 (not drawn on the river side): it encloses no ground.
    CHECK(j["front_lines"][0]["enclosed_before_km2"].is_null());
    CHECK(j["front_lines"][0]["moved_outside_km2"] == 0.0);

    const auto airport = std::find_if(j["controller_changes"].begin(), j["controller_changes"].end(),
                                      [](const Json& t) { return t["id"] == "place:bhamo-airport"; });
    REQUIRE(airport != j["controller_changes"].end());
    CHECK((*airport)["date"] == "2025-01-26");  // its own history now: DVB 26th (RFA 27th)
    CHECK((*airport)["from"] == "junta");
    CHECK((*airport)["to"] == "KIA");

    const RunResult captures = runAtlas({"diff", "--from", "2024-10-01", "--to", "2024-10-31"});
    REQUIRE(captures.exitCode == 0);
    CHECK(captures.out.contains("2024-10-18  mine:pangwa-belt              contested → KIA"));
    CHECK(captures.out.contains("2024-10-22  crossing:kanpaikti            unknown → closed by China"));

    const RunResult reversed = runAtlas({"diff", "--from", "2025-01-01", "--to", "2024-01-01"});
    CHECK(reversed.exitCode == 2);
    CHECK(reversed.err.contains("--to 2024-01-01 is before --from 2025-01-01"));
    const RunResult half = runAtlas({"diff", "--from", "2025-01-01"});
    CHECK(half.exitCode == 2);
    CHECK(half.err.contains("--from YYYY-MM-DD and --to YYYY-MM-DD are required"));
}

TEST_CASE("validate is clean on the bundled data", "[cli][data]")
{
    const RunResult r = runAtlas({"validate"});
    INFO(r.out.toStdString() << r.err.toStdString());
    CHECK(r.exitCode == 0);
    CHECK(r.out.trimmed().endsWith("12 files, 385 rows, 0 skipped; 0 errors, 0 warnings"));
    CHECK(r.out.trimmed().count('\n') == 0);  // the summary line only
    CHECK(runAtlas({"validate", ATLAS_GEODATA_DIR}).exitCode == 0);
}

TEST_CASE("validate reports every planted problem of the bad fixtures and exits 1", "[cli][data]")
{
    const QString dir = ATLAS_TEST_DATA_DIR "/bad/geodata";
    const RunResult r = runAtlas({"validate", dir});
    CHECK(r.exitCode == 1);
    const QStringList expected = {
        "events.geojson:feature 6 (event:2024-06-01-untitled): title: ",
        "places.geojson:feature 4 (place:alpha): id: ",
        "exports.csv:line 6: id: ",
        "events.geojson:feature 4 (event:2024-04-01-broken-link): links: ",
        "crossings.geojson:feature 1 (crossing:ghost-gate): place_id: ",
        "controllers.csv:line 8: feature_id: ",
        "mine_figures.csv:line 3: feature_id: ",
        "mines.geojson:feature 3 (mine:no-source): sources: ",
        "events.geojson:feature 1 (event:2025-02-30-bad-day): date: \"2025-02-30\": day 30 does not exist in "
        "February 2025; expected YYYY-MM-DD, YYYY-MM or YYYY",
        "frontlines.geojson:feature 1 (front:alpha-2025-13-01): as_of: \"2025-13-01\": month 13 is out of range",
        "exports.csv:line 7: period: ",
        "events.geojson:feature 3 (event:2024-03-10-reversed): date_end: ",
        "controllers.csv:line 7: to: ",
        "mines.geojson:feature 1 (mine:bowtie): geometry: invalid (GEOS): Self-intersection",
        "places.geojson:feature 2 (place:gamma): geometry: coordinate 110.00000, 25.00000",
        "control.geojson:feature 3 (control:alpha-kia-2024-06-01): geometry: overlaps",
        "controllers.csv:line 6: from: ",
        "mines.geojson:feature 2 (mine:point-site): confidence: ",
        "events.geojson:feature 5 (event:2024-05-01-bad-kind): kind: ",
        "places.geojson:feature 3 (place:delta): kind: ",
        "crossing_status.csv:line 5: status: ",
        "controllers.csv:line 9: controller: ",
        "control.geojson:feature 2 (control:alpha-bgf-2024-06-01): controller: ",
        "exports.csv:line 5: metric: ",
        "exports.csv:line 4: unit: ",
        "mine_figures.csv:line 4: qualifier: ",
        "exports.csv:line 3: value: ",
    };
    const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
    for (const QString& e : expected) {
        INFO(e.toStdString());
        const auto hits = std::count_if(lines.begin(), lines.end(),
                                        [&](const QString& l) { return l.startsWith(dir + "/" + e); });
        CHECK(hits == 1);
    }
    CHECK(lines.size() == expected.size() + 1);
    CHECK(lines.last() == dir + ": 12 files, 52 rows, 27 skipped; 27 errors, 0 warnings");

    // One file of the dataset.
    const RunResult one = runAtlas({"validate", dir + "/crossing_status.csv"});
    CHECK(one.exitCode == 1);
    CHECK(one.out.split('\n', Qt::SkipEmptyParts).size() == 2);  // line 4's month is accepted since issue 17
    const RunResult missing = runAtlas({"validate", dir + "/no-such-dir"});
    CHECK(missing.exitCode == 1);
    CHECK(missing.out.startsWith(dir + "/no-such-dir: no such file or directory\n"));
}
