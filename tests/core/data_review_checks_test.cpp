// The checks issue 17's data review asked `validate` to learn, on tests/data/review/geodata/:
// an id that reads as a date names the row's date; a source id cited in a note is in `sources`;
// an approximate date is not a full day; control areas in force on one day do not overlap. Each
// planted problem is one warning at its file, row and field; the rows still load; the look-alikes
// planted next to them (a month id, an edge-only touch, an overlap of versions that are never in
// force together, 'S2xy') are not reported.
#include "data_test_support.h"

#include "atlas/data/validator.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace atlas;

namespace {

const std::string kDir = ATLAS_TEST_DATA_DIR "/review/geodata";

struct Expected {
    const char* file;
    const char* location;
    const char* field;
    const char* says;
};

const Expected kExpected[] = {
    // overlapping control areas of one date
    {"control.geojson", "feature 0 (control:alpha-kia-2024-01-01)", "geometry",
     "overlaps control:beta-kia-2023-06-01 of area:beta while both are in force (from 2024-01-01)"},
    // ids that read as dates
    {"frontlines.geojson", "feature 0 (front:alpha-2024-02-01)", "id",
     "reads as the date 2024-02-01, but as_of is 2024-03-01"},
    {"events.geojson", "feature 2 (event:2024-05-02-wrong-day)", "id", "reads as the date 2024-05-02, but date is 2024-05-03"},
    {"exports.csv", "line 2", "id", "\"export:2024-01-11-span\" reads as the date 2024-01-11, but period is 2024-01"},
    {"exports.csv", "line 4", "id", "\"export:2025-07-share\" reads as the date 2025-07, but period is 2025-07-08"},
    // date precision against date_approx
    {"events.geojson", "feature 0 (event:2024-10-21-approx-day)", "date_approx",
     "true, but date 2024-10-21 is a full day"},
    // a note's source ids
    {"events.geojson", "feature 3 (event:2024-05-04-note-cites)", "note", "cites S2, not listed in sources (S1)"},
    {"controllers.csv", "line 2", "note", "cites S3, not listed in sources (S1)"},
    {"exports.csv", "line 3", "note", "cites S1, not listed in sources (S2)"},
    {"mine_figures.csv", "line 2", "note", "cites S3, not listed in sources (S1)"},
};

}  // namespace

TEST_CASE("The review checks report each planted problem once, as a warning naming file, row and field",
          "[data][validation][review]")
{
    const ValidationReport r = validateDataset(kDir);
    std::string all;
    for (const Diagnostic& d : r.problems) all += d.format() + "\n";
    INFO(all);
    for (const Expected& e : kExpected) {
        INFO(e.file << ":" << e.location << ": " << e.field);
        const auto n = std::count_if(r.problems.begin(), r.problems.end(), [&](const Diagnostic& d) {
            return d.file == kDir + "/" + e.file && d.location == e.location && d.field == e.field;
        });
        REQUIRE(n == 1);
        const Diagnostic& d = *std::find_if(r.problems.begin(), r.problems.end(), [&](const Diagnostic& x) {
            return x.file == kDir + "/" + e.file && x.location == e.location && x.field == e.field;
        });
        CHECK(d.severity == Severity::Warning);
        CHECK(d.message.find(e.says) != std::string::npos);
        CHECK(d.format().find(e.file) != std::string::npos);
    }
    // Nothing else: the look-alikes are quiet, and warnings skip no row.
    CHECK(r.problems.size() == std::size(kExpected));
    CHECK(r.errorCount() == 0);
    CHECK(r.rowsSkipped() == 0);
}

TEST_CASE("Partial dates in crossing_status.csv keep their month", "[data][validation][review]")
{
    Diagnostics d;
    const Dataset ds = Dataset::load(kDir, DatasetOptions{}, d);
    const StateSpan* s = ds.crossingStatus().at("crossing:alpha-gate", atlas::test::day("2024-10-15"));
    REQUIRE(s);
    CHECK(s->from->iso() == "2024-10");
    CHECK(s->to->iso() == "2024-11");
    CHECK(ds.crossingStatus().at("crossing:alpha-gate", atlas::test::day("2024-11-01")) == nullptr);
}
