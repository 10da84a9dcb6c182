// Edits applied to a copy of geodata/ through the FolderStore: what they write, what the dataset
// says afterwards, what they refuse, and that each inverse gives the files back byte for byte.
#include "atlas/analysis/reports.h"
#include "atlas/edit/dataset_store.h"
#include "atlas/edit/version_change.h"

#include "data_test_support.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace atlas;
using namespace atlas::edit;
using atlas::test::day;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

// A fresh copy of geodata/ per test, removed afterwards.
struct DatasetCopy {
    fs::path dir;
    explicit DatasetCopy(const std::string& name)
    {
        dir = fs::temp_directory_path() / ("atlas-edit-test-" + name + "-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
        for (const auto& e : fs::directory_iterator(ATLAS_GEODATA_DIR))
            if (e.is_regular_file()) fs::copy_file(e.path(), dir / e.path().filename());
    }
    ~DatasetCopy() { fs::remove_all(dir); }
    std::string path() const { return dir.string(); }
};

std::string readBytes(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::map<std::string, std::string> snapshot(const fs::path& dir)
{
    std::map<std::string, std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file()) out[e.path().filename().string()] = readBytes(e.path());
    return out;
}

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

// An event at Bhamo on a date of the record (place:bhamo's point, S33).
AddEvent bhamoEvent()
{
    AddEvent e;
    e.date = "2026-01-14";
    e.kind = "capture";
    e.title = "Test capture near Bhamo";
    e.lonLat = std::pair{97.23, 24.27};
    e.placeId = "place:bhamo";
    e.precision = "~2 km";
    e.links = {"place:bhamo"};
    e.sources = {"S33"};
    return e;
}

}  // namespace

TEST_CASE("add-event writes exactly one new line and state lists the event on its date", "[edit]")
{
    DatasetCopy copy("add-event");
    const auto before = snapshot(copy.dir);
    FolderStore store(copy.path());
    const auto r = store.apply(bhamoEvent());
    REQUIRE(r.ok());
    CHECK(r->id == "event:2026-01-14-test-capture-near-bhamo");

    const auto after = snapshot(copy.dir);
    for (const auto& [name, bytes] : before)
        if (name != "events.geojson") CHECK(after.at(name) == bytes);
    const auto oldLines = lines(before.at("events.geojson")), newLines = lines(after.at("events.geojson"));
    REQUIRE(newLines.size() == oldLines.size() + 1);
    std::size_t added = 0;
    while (added < oldLines.size() && oldLines[added] == newLines[added]) ++added;
    CHECK_THAT(newLines[added], Contains("\"id\":\"event:2026-01-14-test-capture-near-bhamo\""));
    for (std::size_t i = added; i < oldLines.size(); ++i) CHECK(newLines[i + 1] == oldLines[i]);
    // In date order: after the record's own event of that day, before the 2026-01-19 one.
    CHECK_THAT(newLines[added - 1], Contains("event:2026-01-14-lb-933-guard-posts"));

    const auto links = std::make_shared<const LinkIndex>(r->dataset);
    const StateReport state = buildStateReport(*links, TimeCursor(day("2026-01-14")));
    bool listed = false;
    for (const Event* e : state.events) listed = listed || e->id == r->id;
    CHECK(listed);
    const StateReport dayBefore = buildStateReport(*links, TimeCursor(day("2026-01-13")));
    for (const Event* e : dayBefore.events) CHECK(e->id != r->id);

    // Undo: the inverse deletes it, and every file is as it was.
    REQUIRE(std::holds_alternative<DeleteFeature>(r->inverse));
    REQUIRE(store.apply(r->inverse).ok());
    CHECK(snapshot(copy.dir) == before);
}

TEST_CASE("record-control on the Pangwa belt changes its controller from that day on", "[edit]")
{
    DatasetCopy copy("record-control");
    const auto before = snapshot(copy.dir);
    FolderStore store(copy.path());
    RecordControl rc{"mine:pangwa-belt", "2026-03", "junta", {"S74"}, "medium", ""};
    const auto r = store.apply(rc);
    REQUIRE(r.ok());
    const StateHistory& h = r->dataset->controllers();
    // Half-open spans: the KIA span ends on 2026-03-01, the first day of the junta span.
    REQUIRE(h.at("mine:pangwa-belt", day("2026-02-28")));
    CHECK(h.at("mine:pangwa-belt", day("2026-02-28"))->value == "KIA");
    REQUIRE(h.at("mine:pangwa-belt", day("2026-03-01")));
    CHECK(h.at("mine:pangwa-belt", day("2026-03-01"))->value == "junta");
    CHECK(h.at("mine:pangwa-belt", day("2026-03-01"))->to == std::nullopt);

    const auto links = std::make_shared<const LinkIndex>(r->dataset);
    auto controllerOn = [&](const char* iso) {
        for (const FeatureState& m : buildStateReport(*links, TimeCursor(day(iso))).mines)
            if (m.id == "mine:pangwa-belt") return m.controller ? m.controller->value : std::string("unknown");
        return std::string("missing");
    };
    CHECK(controllerOn("2026-02-28") == "KIA");
    CHECK(controllerOn("2026-03-01") == "junta");

    // Exactly the edit: the open KIA row now ends on 2026-03 and the junta row follows it.
    const auto diff = r->diff;
    CHECK_THAT(diff, Contains("-mine:pangwa-belt,2024-10-18,,KIA,"));
    CHECK_THAT(diff, Contains("+mine:pangwa-belt,2024-10-18,2026-03,KIA,"));
    CHECK_THAT(diff, Contains("+mine:pangwa-belt,2026-03,,junta,S74,medium,"));

    REQUIRE(store.apply(r->inverse).ok());
    CHECK(snapshot(copy.dir) == before);
}

TEST_CASE("add-version saves a new as_of version and reports the km² diff reports", "[edit]")
{
    DatasetCopy copy("add-version");
    const auto before = snapshot(copy.dir);
    FolderStore store(copy.path());
    // The shapes of area:bhamo as of 2025-10, given again as of 2026-02-04 (a date of the record).
    const auto& bundled = *atlas::test::bundled().dataset;
    auto start = store.versionInForce("area:bhamo", day("2025-11-30"));
    REQUIRE(start.ok());
    CHECK(start->asOf == "2025-10");
    AddVersion v = *start;
    v.asOf = "2026-02-04";
    v.sources = {"S75"};
    v.confidence = "low";
    v.note = "";
    REQUIRE(v.parts.size() == 3);
    CHECK(v.parts[0].controller == "KIA");
    (void)bundled;
    CHECK_FALSE(store.versionInForce("area:bhamo", day("2024-12-03")).ok());
    const auto r = store.apply(v);
    REQUIRE(r.ok());
    CHECK(r->id == "area:bhamo");

    const DatasetLayer* control = r->dataset->layer("control");
    REQUIRE(control);
    const SnapshotGroup* g = control->group("area:bhamo");
    REQUIRE(g);
    CHECK(g->versions.back().asOf.iso() == "2026-02-04");
    CHECK(g->versions.back().rows.size() == 3);

    const auto links = std::make_shared<const LinkIndex>(r->dataset);
    const VersionChange change = versionChange(*links, "area:bhamo", day("2026-02-04"));
    REQUIRE(change.area);
    const DiffReport diff = buildDiffReport(*links, day("2026-02-03"), day("2026-02-04"));
    const TerritoryChange* same = nullptr;
    for (const TerritoryChange& t : diff.areas)
        if (t.areaId == "area:bhamo") same = &t;
    REQUIRE(same);
    REQUIRE(change.area->sides.size() == same->sides.size());
    double moved = 0;
    for (std::size_t i = 0; i < same->sides.size(); ++i) {
        CHECK(change.area->sides[i].gainedKm2 == same->sides[i].gainedKm2);
        CHECK(change.area->sides[i].lostKm2 == same->sides[i].lostKm2);
        moved += same->sides[i].gainedKm2 + same->sides[i].lostKm2;
    }
    CHECK(moved > 1.0);  // 2025-12-25 → the 2025-10 shapes: ground changed hands

    REQUIRE(std::holds_alternative<RemoveVersion>(r->inverse));
    REQUIRE(store.apply(r->inverse).ok());
    CHECK(snapshot(copy.dir) == before);
}

TEST_CASE("refused edits leave every file byte-identical and say why as the validator does", "[edit]")
{
    DatasetCopy copy("refusals");
    const auto before = snapshot(copy.dir);
    FolderStore store(copy.path());

    SECTION("no source")
    {
        AddEvent e = bhamoEvent();
        e.sources.clear();
        const auto r = store.apply(e);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.message(), Contains("events.geojson:event:2026-01-14-test-capture-near-bhamo: sources: empty"));
        RecordControl rc{"mine:pangwa-belt", "2026-03", "junta", {}, "medium", ""};
        CHECK_THAT(store.apply(rc).message(), Contains("controllers.csv:mine:pangwa-belt: sources: empty"));
    }
    SECTION("an impossible date")
    {
        AddEvent e = bhamoEvent();
        e.date = "2025-02-30";
        const auto r = store.apply(e);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.message(), Contains("events.geojson:feature "));
        CHECK_THAT(r.message(), Contains("(event:2025-02-30-test-capture-near-bhamo): date: \"2025-02-30\""));
        RecordControl rc{"mine:pangwa-belt", "2025-02-30", "junta", {"S74"}, "medium", ""};
        CHECK_THAT(store.apply(rc).message(), Contains("controllers.csv:line "));
    }
    SECTION("a link to a missing id")
    {
        AddEvent e = bhamoEvent();
        e.links = {"place:bhamo", "place:atlantis"};
        const auto r = store.apply(e);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.message(), Contains("links: \"place:atlantis\" does not name a feature"));
    }
    SECTION("a geometry outside the region")
    {
        AddEvent e = bhamoEvent();
        e.lonLat = std::pair{120.0, 24.27};
        const auto r = store.apply(e);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.message(), Contains("geometry: coordinate 120.00000, 24.27000 (lon, lat) is outside the region"));
    }
    SECTION("deleting a feature others refer to")
    {
        const auto r = store.apply(DeleteFeature{"place:bhamo", {"S75"}});
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.message(), Contains("place:bhamo"));
    }
    SECTION("a source that SOURCES.md does not list")
    {
        AddEvent e = bhamoEvent();
        e.sources = {"S999"};
        CHECK_THAT(store.apply(e).message(), Contains("sources: S999 is not listed in SOURCES.md"));
    }
    CHECK(snapshot(copy.dir) == before);
}

TEST_CASE("update, delete and add-source are undone byte for byte by their inverses", "[edit]")
{
    DatasetCopy copy("inverses");
    const auto before = snapshot(copy.dir);
    FolderStore store(copy.path());

    UpdateFeature u{"event:2026-01-14-lb-933-guard-posts", {{"title", "Retitled"}, {"confidence", "low"}}, std::nullopt, {"S75"}};
    const auto ur = store.apply(u);
    REQUIRE(ur.ok());
    CHECK_THAT(ur->diff, Contains("\"title\":\"Retitled\""));
    CHECK(ur->dataset->nameOf("event:2026-01-14-lb-933-guard-posts") == "Retitled");
    REQUIRE(store.apply(ur->inverse).ok());
    CHECK(snapshot(copy.dir) == before);

    const auto dr = store.apply(DeleteFeature{"event:2026-01-14-lb-933-guard-posts", {"S75"}});
    REQUIRE(dr.ok());
    CHECK_FALSE(dr->dataset->resolve("event:2026-01-14-lb-933-guard-posts"));
    const auto back = store.apply(dr->inverse);
    REQUIRE(back.ok());
    CHECK(snapshot(copy.dir) == before);
    // The inverse of the inverse deletes it again.
    CHECK(std::holds_alternative<DeleteFeature>(back->inverse));

    AddSource s{"The Irrawaddy", "A title", "2026-01-15", "irrawaddy.com", "M", ""};
    const auto sr = store.apply(s);
    REQUIRE(sr.ok());
    CHECK(sr->id == "S83");
    CHECK_THAT(sr->diff, Contains("+| S83 | The Irrawaddy (grade M) | A title | 2026-01-15 | irrawaddy.com |"));
    CHECK(sr->dataset->sources().contains("S83"));
    const auto sback = store.apply(sr->inverse);
    REQUIRE(sback.ok());
    CHECK(snapshot(copy.dir) == before);
    const auto* redo = std::get_if<AddSource>(&sback->inverse);
    REQUIRE(redo);
    CHECK(redo->grade == "M");
    CHECK(redo->outlet == "The Irrawaddy");

    // A status recorded inside the span in force splits it: the new status until that span's old end.
    RecordStatus st{"crossing:kanpaikti", "2025-01-10", "closed", "China", {"S11"}, "low", ""};
    const auto str = store.apply(st);
    REQUIRE(str.ok());
    const StateHistory& status = str->dataset->crossingStatus();
    CHECK(status.at("crossing:kanpaikti", day("2025-01-09"))->value == "restricted");
    CHECK(status.at("crossing:kanpaikti", day("2025-01-10"))->value == "closed");
    CHECK(status.at("crossing:kanpaikti", day("2025-10-23"))->value == "closed");
    CHECK(status.at("crossing:kanpaikti", day("2025-10-23"))->by == "China");
    REQUIRE(store.apply(str->inverse).ok());
    CHECK(snapshot(copy.dir) == before);
}

TEST_CASE("a new front-line version after the last line of its file is removed byte for byte", "[edit]")
{
    DatasetCopy copy("front-version");
    const auto before = snapshot(copy.dir);
    FolderStore store(copy.path());
    AddVersion v;
    v.group = "front:bhamo";
    v.asOf = "2026-01-15";
    v.sources = {"S75"};
    v.description = "The 2025-10 line again";
    for (const auto& line : lines(before.at("frontlines.geojson")))
        if (line.find("\"as_of\":\"2025-10\"") != std::string::npos)
            v.parts.push_back({Json::parse(line.substr(0, line.size() - (line.back() == ',' ? 1 : 0)))["geometry"], ""});
    REQUIRE(v.parts.size() == 1);
    const auto r = store.apply(v);
    REQUIRE(r.ok());
    const auto text = snapshot(copy.dir).at("frontlines.geojson");
    CHECK(text.find("{\"type\":\"Feature\",\"properties\":{\"id\":\"front:bhamo-2026-01-15\",\"line_id\":\"front:bhamo\","
                    "\"as_of\":\"2026-01-15\",\"description\":\"The 2025-10 line again\"") != std::string::npos);
    const SnapshotGroup* g = r->dataset->layer("frontlines")->group("front:bhamo");
    REQUIRE(g);
    CHECK(g->at(day("2026-01-14"))->asOf.iso() == "2025-12-25");
    CHECK(g->at(day("2026-01-15"))->asOf.iso() == "2026-01-15");
    // An open line encloses no ground: nothing to count, as `diff` says.
    const auto links = std::make_shared<const LinkIndex>(r->dataset);
    const VersionChange change = versionChange(*links, "front:bhamo", day("2026-01-15"));
    REQUIRE(change.front);
    CHECK_FALSE(change.front->enclosedAfterKm2);
    REQUIRE(store.apply(r->inverse).ok());
    CHECK(snapshot(copy.dir) == before);
}

TEST_CASE("a hand-broken feature line refuses the edit instead of throwing", "[edit]")
{
    DatasetCopy copy("broken-line");
    {
        std::string text = readBytes(copy.dir / "events.geojson");
        const auto at = text.find("{\"type\":\"Feature\"", text.find('\n'));
        text.insert(at + 1, "oops");
        std::ofstream(copy.dir / "events.geojson", std::ios::binary | std::ios::trunc) << text;
    }
    const auto before = snapshot(copy.dir);
    FolderStore store(copy.path());
    const auto r = store.apply(bhamoEvent());
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.message(), Contains("a feature line is not valid JSON (run validate)"));
    CHECK(snapshot(copy.dir) == before);
}
