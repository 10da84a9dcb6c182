// kachin-atlas db init / push / pull / log, state --db and edit --db --expect-version, run as a
// script would run them, against the throw-away cluster.
#include "pg_cluster.h"
#include "teamdb_test_support.h"

#include <catch2/catch.hpp>

using namespace atlas::test;

namespace {

std::string quoted(const std::string& s) { return "'" + s + "'"; }

}  // namespace

TEST_CASE("kachin-atlas db and edit --db from the command line", "[teamdb][cli]")
{
    PgCluster& pg = PgCluster::instance();
    const std::string db = pg.createDatabase("clidb");
    const std::string admin = quoted(pg.url(db));

    const CliRun init = runCli("db init " + admin);
    INFO(init.output);
    REQUIRE(init.status == 0);
    CHECK(init.output.find("created the atlas schema") != std::string::npos);
    const CliRun again = runCli("db init " + admin);
    CHECK(again.status == 3);
    CHECK(again.output.find("the database already has the atlas schema") != std::string::npos);

    const CliRun push = runCli("db push " + quoted(ATLAS_GEODATA_DIR) + " " + admin);
    INFO(push.output);
    REQUIRE(push.status == 0);
    freshRecord("clidb_roles");  // the logins ann, bob, rea (roles are the cluster's, not one database's)

    const std::string out = tempFolder("clipull");
    REQUIRE(runCli("db pull " + admin + " " + out).status == 0);
    for (const char* f : {"events.geojson", "controllers.csv", "SOURCES.md", "README.md", "places.geojson"})
        CHECK(readFile(out + "/" + f) == readFile(std::string(ATLAS_GEODATA_DIR) + "/" + f));

    const std::string ann = quoted(pg.url(db, "ann")), bob = quoted(pg.url(db, "bob"));
    const std::string update = std::string("edit update --id ") + kEvent + " --source S52 --expect-version 1 ";
    const CliRun first = runCli(update + "--set 'title=Title by Ann' --db " + ann);
    INFO(first.output);
    REQUIRE(first.status == 0);
    CHECK(first.output == std::string(kEvent) + "\n");

    const CliRun stale = runCli(update + "--set 'title=Title by Bob' --db " + bob);
    INFO(stale.output);
    CHECK(stale.status == 4);
    CHECK(stale.output.find(std::string("conflict: events ") + kEvent +
                            ": your edit was based on version 1; the record has version 2, changed by ann at ") !=
          std::string::npos);
    CHECK(stale.output.find("  theirs: {\"id\":\"" + std::string(kEvent)) != std::string::npos);
    CHECK(stale.output.find("\"title\":\"Title by Ann\"") != std::string::npos);
    CHECK(stale.output.find("  mine:   {\"id\":\"" + std::string(kEvent)) != std::string::npos);
    CHECK(stale.output.find("\"title\":\"Title by Bob\"") != std::string::npos);

    const CliRun state = runCli("state --date 2025-01-01 --db " + bob);
    INFO(state.output);
    CHECK(state.status == 0);
    CHECK(state.output.find("  " + std::string(kEvent) + "  2\n") != std::string::npos);

    const CliRun log = runCli("db log " + bob + " --feature " + kEvent);
    INFO(log.output);
    CHECK(log.status == 0);
    CHECK(log.output.find("  ann  UPDATE events " + std::string(kEvent) + "  version 2  sources S52\n"
                          "    title: Lweje border-trade post opens → Title by Ann\n") != std::string::npos);
    CHECK(log.output.find("  bob  UPDATE events " + std::string(kEvent) +
                          "  version 1  sources S52  REFUSED (conflict: based on version 1, the record has version 2)") !=
          std::string::npos);

    const CliRun reader = runCli(update.substr(0, update.find("--expect")) + "--set 'title=x' --db " +
                                 quoted(pg.url(db, "rea")));
    CHECK(reader.status == 3);
    CHECK(reader.output.find("permission denied for table events") != std::string::npos);
}

TEST_CASE("a password in the URL is never printed", "[teamdb][cli]")
{
    const CliRun r = runCli("db init 'postgresql://ann:s3cret@/nosuchdb?host=/nonexistent-socket-dir'");
    INFO(r.output);
    CHECK(r.status == 3);
    CHECK(r.output.find("postgresql://ann:***@/nosuchdb") != std::string::npos);
    CHECK(r.output.find("s3cret") == std::string::npos);
}
