// db init, db push and db pull on a throw-away cluster: the schema is refused twice, and the
// bundled geodata/ comes back from the database byte for byte.
#include "atlas/teamdb/connection.h"
#include "atlas/teamdb/schema_init.h"
#include "atlas/teamdb/transfer.h"
#include "pg_cluster.h"
#include "teamdb_test_support.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace atlas;
using namespace atlas::test;
namespace fs = std::filesystem;

TEST_CASE("push then pull gives every file of geodata/ byte for byte", "[teamdb]")
{
    const std::string db = freshRecord("roundtrip");
    const std::string url = PgCluster::instance().url(db);
    CHECK(scalar(url, "SELECT count(*) FROM atlas.events") == "78");
    CHECK(scalar(url, "SELECT count(*) FROM atlas.controllers") == "44");
    CHECK(scalar(url, "SELECT count(*) FROM atlas.sources") == "85");
    CHECK(scalar(url, "SELECT ST_SRID(geom) FROM atlas.places LIMIT 1") == "4326");

    const std::string out = tempFolder("pull");
    const Diagnostics pulled = teamdb::pullFolder(url, out);
    INFO(pulled.formatAll());
    REQUIRE_FALSE(pulled.hasErrors());
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(ATLAS_GEODATA_DIR)) {
        const std::string name = entry.path().filename().string();
        INFO(name);
        CHECK(readFile((fs::path(out) / name).string()) == readFile(entry.path().string()));
        ++files;
    }
    CHECK(files == 13);
    CHECK(std::distance(fs::directory_iterator(out), fs::directory_iterator()) == 13);
}

TEST_CASE("db init refuses a database that has the schema; push refuses a second load", "[teamdb]")
{
    const std::string db = freshRecord("twice");
    const std::string url = PgCluster::instance().url(db);
    const Diagnostics again = teamdb::initDatabase(url);
    REQUIRE(again.hasErrors());
    CHECK(again.items().front().message == "the database already has the atlas schema; db init needs an empty database");
    const Diagnostics push = teamdb::pushFolder(ATLAS_GEODATA_DIR, url);
    REQUIRE(push.hasErrors());
    CHECK(push.items().front().message == "the database already holds a record; push loads an empty one");
    CHECK(scalar(url, "SELECT count(*) FROM atlas.events") == "78");
}

TEST_CASE("the audit table is append-only, even for its owner", "[teamdb]")
{
    const std::string db = freshRecord("appendonly");
    const std::string url = PgCluster::instance().url(db);
    const std::string before = scalar(url, "SELECT count(*) FROM atlas.audit");
    CHECK(before == scalar(url, "SELECT (SELECT count(*) FROM atlas.file_text) + "
                                "(SELECT sum(n) FROM (SELECT count(*) n FROM atlas.events UNION ALL SELECT count(*) FROM atlas.places "
                                "UNION ALL SELECT count(*) FROM atlas.mines UNION ALL SELECT count(*) FROM atlas.crossings "
                                "UNION ALL SELECT count(*) FROM atlas.control UNION ALL SELECT count(*) FROM atlas.frontlines "
                                "UNION ALL SELECT count(*) FROM atlas.river UNION ALL SELECT count(*) FROM atlas.controllers "
                                "UNION ALL SELECT count(*) FROM atlas.crossing_status UNION ALL SELECT count(*) FROM atlas.mine_figures "
                                "UNION ALL SELECT count(*) FROM atlas.exports UNION ALL SELECT count(*) FROM atlas.sources) t)"));
    CHECK_THROWS_WITH(PgCluster::instance().sql(db, "DELETE FROM atlas.audit"),
                      Catch::Contains("atlas.audit is append-only"));
    CHECK_THROWS_WITH(PgCluster::instance().sql(db, "UPDATE atlas.audit SET login = 'x'"),
                      Catch::Contains("atlas.audit is append-only"));
    CHECK_THROWS_WITH(teamdb::Connection(PgCluster::instance().url(db, "ann")).exec("DELETE FROM atlas.audit"),
                      Catch::Contains("permission denied"));
    CHECK(scalar(url, "SELECT count(*) FROM atlas.audit") == before);
}
