// LISTEN/NOTIFY reaching a second client, and the history from the audit table (db log).
#include "atlas/teamdb/audit_log.h"
#include "atlas/teamdb/listener.h"
#include "atlas/teamdb/pg_store.h"
#include "pg_cluster.h"
#include "teamdb_test_support.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

using namespace atlas;
using namespace atlas::test;
using atlas::edit::Json;

TEST_CASE("a commit reaches another client's listener, naming the login", "[teamdb]")
{
    const std::string db = freshRecord("notify");
    PgCluster& pg = PgCluster::instance();
    teamdb::Listener bob(pg.url(db, "bob"));
    CHECK(bob.take().empty());
    teamdb::PgStore ann(pg.url(db, "ann"));
    REQUIRE(std::holds_alternative<edit::Applied>(
        ann.save(edit::UpdateFeature{kEvent, {{"summary", Json("Changed.")}}, std::nullopt, {"S52"}, std::nullopt})));
    // Waits on the connection's socket (poll), not a loop of queries.
    const auto changes = bob.wait(std::chrono::seconds(5));
    REQUIRE(changes.size() == 1);
    CHECK(changes.front().table == "events");
    CHECK(changes.front().key == kEvent);
    CHECK(changes.front().op == "UPDATE");
    CHECK(changes.front().version == 2);
    CHECK(changes.front().login == "ann");
    CHECK(bob.wait(std::chrono::milliseconds(200)).empty());
}

TEST_CASE("db log: who, when, what changed, sources and version of a feature", "[teamdb]")
{
    const std::string db = freshRecord("log");
    PgCluster& pg = PgCluster::instance();
    teamdb::PgStore ann(pg.url(db, "ann"));
    REQUIRE(std::holds_alternative<edit::Applied>(
        ann.save(edit::UpdateFeature{kEvent, {{"title", Json("New title")}}, std::nullopt, {"S52"}, std::nullopt})));
    const auto log = teamdb::readLog(pg.url(db, "rea"), {kEvent, ""});
    REQUIRE(log.ok());
    REQUIRE(log->size() == 2);
    const teamdb::LogEntry& push = log->at(0);
    CHECK(push.login == "atlas");
    CHECK(push.op == "INSERT");
    CHECK(push.sources == "db push");
    const teamdb::LogEntry& update = log->at(1);
    CHECK(update.login == "ann");
    CHECK(update.op == "UPDATE");
    CHECK(update.version == 2);
    CHECK(update.sources == "S52");
    CHECK(update.outcome == "committed");
    CHECK(update.changes == std::vector<std::string>{"title: Lweje border-trade post opens → New title"});
    const std::string text = teamdb::formatLog(*log);
    CHECK_THAT(text, Catch::Contains(std::string("  ann  UPDATE events ") + kEvent + "  version 2  sources S52\n"
                                     "    title: Lweje border-trade post opens → New title\n"));
    CHECK(teamdb::readLog(pg.url(db), {kEvent, "2999-01-01"})->empty());
    CHECK(teamdb::readLog(pg.url(db), {kEvent, "2000-01-01"})->size() == 2);
}

TEST_CASE("a libpq service name and a postgresql:// URI reach the record like a connection string", "[teamdb]")
{
    const std::string db = freshRecord("service");
    PgCluster& pg = PgCluster::instance();
    // pg_service.conf takes the connection string's keywords, one per line.
    const std::string conninfo = pg.url(db, "ann");
    std::string section = "[newsroom]\n";
    for (std::size_t at = 0; at < conninfo.size();) {
        const std::size_t space = conninfo.find(' ', at);
        section += conninfo.substr(at, space - at) + "\n";
        at = space == std::string::npos ? conninfo.size() : space + 1;
    }
    const std::string file = std::filesystem::temp_directory_path() / ("atlas_pg_service_" + std::to_string(::getpid()) + ".conf");
    { std::ofstream(file) << section; }
    ::setenv("PGSERVICEFILE", file.c_str(), 1);

    teamdb::PgStore viaService("service=newsroom");
    CHECK_FALSE(viaService.refresh().hasErrors());
    CHECK(viaService.seenVersion("events", kEvent) == 1);
    const auto log = teamdb::readLog("service=newsroom", {kEvent, ""});
    REQUIRE(log);
    CHECK_FALSE(log->empty());

    const std::string host = conninfo.substr(5, conninfo.find(' ') - 5);  // "host=DIR …"
    teamdb::PgStore viaUri("postgresql:///" + db + "?host=" + host + "&user=bob");
    CHECK_FALSE(viaUri.refresh().hasErrors());
    CHECK(viaUri.location().find("postgresql://") == 0);
    ::unsetenv("PGSERVICEFILE");
    std::filesystem::remove(file);
}
