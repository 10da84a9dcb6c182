// Re-importing a newer ACLED export: exactly which events were added, changed and deleted.
#include "atlas/io/reimport_diff.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

using namespace atlas;
using namespace atlas::io;

namespace {

const std::string kOld = std::string(ATLAS_TEST_DATA_DIR) + "/acled/acled_kachin_sample.csv";
const std::string kNew = std::string(ATLAS_TEST_DATA_DIR) + "/acled/acled_kachin_sample_v2.csv";

std::vector<std::string> ids(const std::vector<EventRef>& refs)
{
    std::vector<std::string> out;
    for (const EventRef& r : refs) out.push_back(r.id);
    return out;
}

std::vector<std::string> fields(const ChangedEvent& c)
{
    std::vector<std::string> out;
    for (const FieldChange& f : c.changes) out.push_back(f.field);
    return out;
}

}  // namespace

TEST_CASE("a newer ACLED export reports added, changed and deleted events exactly", "[io][reimport]")
{
    Diagnostics diags;
    const auto report = compareEventExports(kOld, kNew, diags);
    INFO(diags.formatAll());
    REQUIRE(report);
    CHECK(diags.empty());
    CHECK(report->format == EventFormat::Acled);
    CHECK(report->oldCount == 10);
    CHECK(report->newCount == 11);

    CHECK(ids(report->added) == std::vector<std::string>{"MMRX0011", "MMRX0012"});
    CHECK(ids(report->deleted) == std::vector<std::string>{"MMRX0003"});
    REQUIRE(report->changed.size() == 2);
    CHECK(report->changed[0].id == "MMRX0001");
    CHECK(fields(report->changed[0]) == std::vector<std::string>{"fatalities"});
    CHECK(report->changed[0].changes[0].before == "3");
    CHECK(report->changed[0].changes[0].after == "5");
    CHECK(report->changed[1].id == "MMRX0006");
    CHECK(fields(report->changed[1]) == std::vector<std::string>{"longitude", "geo_precision", "notes"});

    // Same values written differently (25.60 / 25.6000; "05 December 2024" / 2024-12-05) are
    // not changes; a new timestamp alone is a retouch.
    CHECK(report->unchanged == 7);
    CHECK(report->retouched == 1);
    CHECK(report->fieldsAdded.empty());
    CHECK(report->fieldsRemoved.empty());

    // Lines point into each file.
    CHECK(report->added[0].line == 5);
    CHECK(report->added[0].date == "2024-11-20");
    CHECK(report->added[0].location == "Shwegu");
    CHECK(report->deleted[0].line == 4);
    CHECK(report->changed[1].oldLine == 7);
    CHECK(report->changed[1].newLine == 7);
}

TEST_CASE("the re-import report reads as text and as JSON", "[io][reimport]")
{
    Diagnostics diags;
    const auto report = compareEventExports(kOld, kNew, diags);
    REQUIRE(report);
    const std::string text = formatReimportReport(*report);
    CHECK(text.find("2 added, 2 changed, 1 deleted, 7 unchanged (1 with only a new timestamp)") != std::string::npos);
    CHECK(text.find("  + MMRX0011  2024-11-20  Shwegu") != std::string::npos);
    CHECK(text.find("  - MMRX0003  2024-10-15  Myitkyina") != std::string::npos);
    CHECK(text.find("      fatalities: 3 → 5") != std::string::npos);
    CHECK(text.find("      geo_precision: 1 → 2") != std::string::npos);

    const nlohmann::json j = reimportReportJson(*report);
    CHECK(j["format"] == "ACLED");
    CHECK(j["counts"]["added"] == 2);
    CHECK(j["counts"]["changed"] == 2);
    CHECK(j["counts"]["deleted"] == 1);
    CHECK(j["counts"]["unchanged"] == 7);
    CHECK(j["changed"][1]["fields"][0]["field"] == "longitude");
    CHECK(j["changed"][1]["fields"][0]["before"] == "97.2300");
    CHECK(j["changed"][1]["fields"][0]["after"] == "97.2500");
    CHECK(j["deleted"][0]["id"] == "MMRX0003");
}

TEST_CASE("comparing a file with itself finds nothing and other layouts are refused", "[io][reimport]")
{
    Diagnostics diags;
    const auto same = compareEventExports(kOld, kOld, diags);
    REQUIRE(same);
    CHECK(same->identical());
    CHECK(same->unchanged == 10);

    const std::string ucdp = std::string(ATLAS_TEST_DATA_DIR) + "/ucdp/ucdp_ged_kachin_sample.csv";
    Diagnostics mixed;
    CHECK_FALSE(compareEventExports(kOld, ucdp, mixed));
    CHECK(mixed.hasErrors());

    const auto ged = compareEventExports(ucdp, ucdp, diags);
    REQUIRE(ged);
    CHECK(ged->format == EventFormat::UcdpGed);
    CHECK(ged->unchanged == 6);
}
