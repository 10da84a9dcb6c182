// The checks Dataset::load runs on every row, on tests/data/bad/geodata/: each planted problem
// is reported at its exact file, location and field; the good rows still load.
#include "data_test_support.h"

#include "atlas/data/validator.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace atlas;
using atlas::test::day;

namespace {

const std::string kDir = ATLAS_TEST_DATA_DIR "/bad/geodata";

struct Loaded {
    Diagnostics diagnostics;
    std::shared_ptr<const Dataset> dataset;
};

const Loaded& loaded()
{
    static const Loaded l = [] {
        Loaded out;
        out.dataset = std::make_shared<const Dataset>(Dataset::load(kDir, DatasetOptions{}, out.diagnostics));
        return out;
    }();
    return l;
}

// The one diagnostic at file:location for field (nullptr if none or several).
const Diagnostic* find(const std::string& file, const std::string& location, const std::string& field)
{
    const Diagnostic* found = nullptr;
    for (const Diagnostic& d : loaded().diagnostics.items()) {
        if (d.file == kDir + "/" + file && d.location == location && d.field == field) {
            if (found) return nullptr;
            found = &d;
        }
    }
    return found;
}

struct Planted {
    const char* file;
    const char* location;
    const char* field;
    const char* says;  // a part of the message
};

const Planted kPlanted[] = {
    // required fields, ids
    {"events.geojson", "feature 6 (event:2024-06-01-untitled)", "title", "empty; a value is required"},
    {"places.geojson", "feature 4 (place:alpha)", "id", "already used by places.geojson:feature 0 (place:alpha)"},
    {"exports.csv", "line 6", "id", "\"export:2023-good\" is already used by exports.csv:line 2"},
    // references
    {"events.geojson", "feature 4 (event:2024-04-01-broken-link)", "links", "\"place:atlantis\" does not name"},
    {"crossings.geojson", "feature 1 (crossing:ghost-gate)", "place_id", "\"place:nowhere\" is not a place id"},
    {"controllers.csv", "line 8", "feature_id", "\"place:unknown\" does not resolve"},
    {"mine_figures.csv", "line 3", "feature_id", "\"mine:ghost\" does not resolve"},
    {"mines.geojson", "feature 3 (mine:no-source)", "sources", "S99 is not listed in SOURCES.md"},
    // dates
    {"events.geojson", "feature 1 (event:2025-02-30-bad-day)", "date",
     "\"2025-02-30\": day 30 does not exist in February 2025; expected YYYY-MM-DD, YYYY-MM or YYYY"},
    {"frontlines.geojson", "feature 1 (front:alpha-2025-13-01)", "as_of",
     "\"2025-13-01\": month 13 is out of range; expected YYYY-MM-DD, YYYY-MM or YYYY"},
    {"exports.csv", "line 7", "period", "\"2024-13\": month 13 is out of range"},
    {"events.geojson", "feature 3 (event:2024-03-10-reversed)", "date_end", "2024-03-01 is before date 2024-03-10"},
    {"controllers.csv", "line 7", "to", "2023-12-01 is not after from 2024-01-01"},
    // geometry
    {"mines.geojson", "feature 1 (mine:bowtie)", "geometry", "invalid (GEOS): Self-intersection"},
    {"places.geojson", "feature 2 (place:gamma)", "geometry",
     "coordinate 110.00000, 25.00000 (lon, lat) is outside the region lon 88–106, lat 15–32"},
    {"control.geojson", "feature 3 (control:alpha-kia-2024-06-01)", "geometry",
     "overlaps control:alpha-junta-2024-06-01, another polygon of the same version"},
    // histories
    {"controllers.csv", "line 6", "from", "the previous row of place:beta (line 5) is still open"},
    // vocabularies
    {"mines.geojson", "feature 2 (mine:point-site)", "confidence", "\"certain\" is not one of high | medium | low"},
    {"events.geojson", "feature 5 (event:2024-05-01-bad-kind)", "kind", "\"skirmish\" is not one of battle"},
    {"places.geojson", "feature 3 (place:delta)", "kind", "\"village\" is not one of state capital"},
    {"crossing_status.csv", "line 5", "status", "\"ajar\" is not one of open | closed | restricted"},
    {"controllers.csv", "line 9", "controller", "\"warlord\" is not one of NDA-K/BGF | KIA | junta"},
    {"control.geojson", "feature 2 (control:alpha-bgf-2024-06-01)", "controller", "\"BGF\" is not one of NDA-K/BGF"},
    {"exports.csv", "line 5", "metric", "\"volume\" is not one of quantity | value | change | share"},
    {"exports.csv", "line 4", "unit", "\"kg\" is not one of t | USD | percent"},
    {"mine_figures.csv", "line 4", "qualifier", "\"~\" is not one of (empty) | > | ≥ | < | ≤ | ≈"},
    {"exports.csv", "line 3", "value", "\"12,000\" is not a number"},
};

}  // namespace

TEST_CASE("Every planted problem is reported once at its file, location and field", "[data][validation]")
{
    for (const Planted& p : kPlanted) {
        INFO(p.file << ":" << p.location << ": " << p.field);
        INFO(loaded().diagnostics.formatAll());
        const Diagnostic* d = find(p.file, p.location, p.field);
        REQUIRE(d);
        CHECK(d->severity == Severity::Error);
        CHECK(d->message.find(p.says) != std::string::npos);
        const bool skipped = d->message.find("; feature skipped") != std::string::npos ||
                             d->message.find("; row skipped") != std::string::npos;
        CHECK(skipped);
    }
    // Nothing else: one diagnostic per planted problem.
    CHECK(loaded().diagnostics.size() == std::size(kPlanted));
    CHECK(loaded().diagnostics.errorCount() == std::size(kPlanted));
}

TEST_CASE("The good rows of a file with bad rows still load", "[data][validation]")
{
    const Dataset& ds = *loaded().dataset;
    auto ids = [&](const char* key) {
        std::vector<std::string> out;
        const DatasetLayer* l = ds.layer(key);
        for (std::size_t f = 0; l && f < l->layer->featureCount(); ++f) out.emplace_back(l->id(f));
        return out;
    };
    CHECK(ids("places") == std::vector<std::string>{"place:alpha", "place:beta"});
    CHECK(ids("mines") == std::vector<std::string>{"mine:good-belt", "mine:unlocated"});
    CHECK(ids("crossings") == std::vector<std::string>{"crossing:alpha-gate", "crossing:beta-gate"});
    CHECK(ids("control") == std::vector<std::string>{"control:alpha-kia-2024-01-01", "control:alpha-junta-2024-06-01"});
    CHECK(ids("frontlines") == std::vector<std::string>{"front:alpha-2024-01-01"});
    CHECK(ids("events") == std::vector<std::string>{"event:2024-01-05-good", "event:2024-10-partial"});
    CHECK(ids("river") == std::vector<std::string>{"river:test"});
    // The kept place keeps the first (good) row's name, not the duplicate's.
    CHECK(ds.nameOf("place:alpha") == "Alpha");

    CHECK(ds.controllers().size() == 4);
    CHECK(ds.controllers().at("place:alpha", day("2024-05-31"))->value == "KIA");
    CHECK(ds.controllers().at("place:alpha", day("2024-06-01"))->value == "junta");
    CHECK(ds.controllers().at("place:beta", day("2024-06-01"))->value == "KIA");  // the overlapping row was dropped
    CHECK(ds.controllers().at("crossing:beta-gate", day("2024-02-01"))->value == "KIA");
    CHECK(ds.crossingStatus().size() == 3);
    // A partial date is allowed in crossing_status.csv too (issue 17: "late Oct 2024" is the month,
    // not an invented day); it is read from the first day of its month.
    CHECK(ds.crossingStatus().at("crossing:beta-gate", day("2024-02-01"))->from->iso() == "2024-02");
    CHECK(ds.crossingStatus().at("crossing:beta-gate", day("2024-01-31")) == nullptr);
    CHECK(ds.crossingStatus().at("crossing:alpha-gate", day("2024-02-01"))->value == "closed");
    CHECK(ds.crossingStatus().at("crossing:alpha-gate", day("2024-03-01"))->value == "open");
    REQUIRE(ds.exports().size() == 2);
    CHECK(ds.exports().byId("export:2023-good")->value == 41700);
    CHECK(ds.exports().byId("export:2024-01-to-03-span")->qualifier == "≈");
    CHECK(ds.mineFigures().size() == 1);
    CHECK(ds.events().byId("event:2024-10-partial")->links ==
          std::vector<std::string>{"area:alpha", "front:alpha", "export:2023-good"});
    for (const FileSummary& f : ds.files()) CHECK(f.found);
}

TEST_CASE("validateDataset sorts problems by file and position and summarises", "[data][validation]")
{
    const ValidationReport r = validateDataset(kDir);
    CHECK(r.errorCount() == std::size(kPlanted));
    CHECK(r.warningCount() == 0);
    CHECK_FALSE(r.ok());
    CHECK(r.rowsRead() == 52);
    CHECK(r.rowsSkipped() == 27);
    CHECK(r.summary() == kDir + ": 12 files, 52 rows, 27 skipped; 27 errors, 0 warnings");
    // control.geojson comes first (layer order), by feature number.
    REQUIRE(r.problems.size() >= 2);
    CHECK(r.problems[0].location == "feature 2 (control:alpha-bgf-2024-06-01)");
    CHECK(r.problems[1].location == "feature 3 (control:alpha-kia-2024-06-01)");

    // One file of the dataset: only its problems, references still resolved against the rest.
    const ValidationReport one = validateDataset(kDir + "/exports.csv");
    CHECK(one.errorCount() == 5);
    CHECK(one.files.size() == 1);
    for (const Diagnostic& d : one.problems) CHECK(d.file == kDir + "/exports.csv");

    CHECK(validateDataset(ATLAS_GEODATA_DIR).ok());
    CHECK(validateDataset(ATLAS_GEODATA_DIR).problems.empty());
    CHECK_FALSE(validateDataset(kDir + "/no-such-dir").ok());
}

TEST_CASE("A file without a required column is reported once and its rows are skipped", "[data][validation]")
{
    // A copy of the fixture dataset with a broken events file.
    const std::string dir = std::string(std::filesystem::temp_directory_path()) + "/atlas-missing-column";
    std::filesystem::remove_all(dir);
    std::filesystem::copy(kDir, dir);
    {
        std::ofstream events(dir + "/events.geojson", std::ios::trunc);
        events << R"({"type":"FeatureCollection","features":[)"
               << R"({"type":"Feature","properties":{"id":"event:2024-01-01-x","kind":"battle","title":"x","confidence":"high","sources":"S1"},"geometry":null}]})";
    }
    Diagnostics d;
    const Dataset ds = Dataset::load(dir, DatasetOptions{}, d);
    bool reported = false;
    for (const Diagnostic& item : d.items())
        if (item.file == dir + "/events.geojson" && item.field == "date" && item.location.empty())
            reported = item.message == "missing required field; all 1 features skipped";
    CHECK(reported);
    CHECK(ds.layer("events")->layer->featureCount() == 0);
    CHECK(ds.events().size() == 0);
    std::filesystem::remove_all(dir);
}
