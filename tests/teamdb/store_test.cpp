// The team store (PgStore): edits land in the database as the folder store would write them,
// a stale edit is a conflict with theirs and mine (never an overwrite), a reader is refused by
// the server, and a server that goes away leaves nothing half-written and the edit to retry.
#include "atlas/edit/dataset_store.h"
#include "atlas/teamdb/pg_store.h"
#include "atlas/teamdb/transfer.h"
#include "pg_cluster.h"
#include "teamdb_test_support.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace atlas;
using namespace atlas::test;
namespace fs = std::filesystem;
using atlas::edit::Json;

namespace {

edit::UpdateFeature retitle(const std::string& title)
{
    return edit::UpdateFeature{kEvent, {{"title", Json(title)}}, std::nullopt, {"S52"}, std::nullopt};
}

std::string titleIn(const std::string& url)
{
    return scalar(url, std::string("SELECT title FROM atlas.events WHERE id = '") + kEvent + "'");
}

std::string versionIn(const std::string& url)
{
    return scalar(url, std::string("SELECT version FROM atlas.events WHERE id = '") + kEvent + "'");
}

// A copy of geodata/ edited with the folder store: what the database must pull to.
std::string folderCopy(const std::string& name)
{
    const std::string dir = tempFolder(name);
    for (const auto& e : fs::directory_iterator(ATLAS_GEODATA_DIR)) fs::copy_file(e.path(), fs::path(dir) / e.path().filename());
    return dir;
}

void requireSameFiles(const std::string& a, const std::string& b)
{
    for (const auto& e : fs::directory_iterator(a)) {
        INFO(e.path().filename().string());
        CHECK(readFile(e.path().string()) == readFile((fs::path(b) / e.path().filename()).string()));
    }
}

}  // namespace

TEST_CASE("edits through the team store pull to the files the folder store writes", "[teamdb]")
{
    const std::string db = freshRecord("sameedits");
    const std::string url = PgCluster::instance().url(db, "ann");
    teamdb::PgStore store(url);
    edit::FolderStore folder(folderCopy("folder"));

    edit::AddEvent add;
    add.date = "2025-06-02";
    add.kind = "battle";
    add.title = "Clash near Bhamo airport";
    add.placeId = "place:bhamo";
    add.sources = {"S16"};
    edit::RecordControl control{"mine:pangwa-belt", "2026-01-05", "junta", {"S3"}, "low", "test"};
    std::vector<edit::Edit> edits = {add, control, retitle("Lweje post opens (edited)")};
    std::optional<edit::Edit> undoAdd;
    for (std::size_t i = 0; i < edits.size(); ++i) {
        const edit::Edit e = edits[i];
        const auto viaFolder = folder.apply(e);
        INFO(viaFolder.message());
        REQUIRE(viaFolder.ok());
        const teamdb::SaveOutcome viaDb = store.save(e);
        if (const auto* r = std::get_if<teamdb::Refused>(&viaDb)) FAIL(r->why.formatAll());
        REQUIRE(std::holds_alternative<edit::Applied>(viaDb));
        CHECK(std::get<edit::Applied>(viaDb).id == viaFolder->id);
        // Then the undo of the new event (a delete) and its redo (an insert between neighbours).
        if (i == 0) undoAdd = std::get<edit::Applied>(viaDb).inverse;
        if (i == 0) edits.push_back(*undoAdd);
    }
    REQUIRE(std::holds_alternative<edit::DeleteFeature>(*undoAdd));
    CHECK(scalar(url, "SELECT count(*) FROM atlas.events") == "78");
    const std::string pulled = tempFolder("samepull");
    REQUIRE_FALSE(teamdb::pullFolder(url, pulled).hasErrors());
    requireSameFiles(folder.location(), pulled);
    // Only the rows the edits touched have new versions.
    CHECK(scalar(url, "SELECT count(*) FROM atlas.events WHERE version > 1") == "1");
    CHECK(scalar(url, "SELECT count(*) FROM atlas.controllers WHERE version > 1") == "1");
    CHECK(versionIn(url) == "2");
    CHECK(store.seenVersion("events", kEvent) == 2);
}

TEST_CASE("two editors change the same event: one wins, the other gets theirs and mine", "[teamdb]")
{
    const std::string db = freshRecord("conflict");
    PgCluster& pg = PgCluster::instance();
    teamdb::PgStore ann(pg.url(db, "ann")), bob(pg.url(db, "bob"));
    REQUIRE_FALSE(ann.refresh().hasErrors());
    REQUIRE_FALSE(bob.refresh().hasErrors());  // both saw version 1

    REQUIRE(std::holds_alternative<edit::Applied>(ann.save(retitle("Ann's title"))));
    const teamdb::SaveOutcome second = bob.save(retitle("Bob's title"));
    REQUIRE(std::holds_alternative<teamdb::Conflict>(second));
    const teamdb::Conflict& c = std::get<teamdb::Conflict>(second);
    REQUIRE(c.rows.size() == 1);
    const teamdb::RowConflict& row = c.rows.front();
    CHECK(row.table == "events");
    CHECK(row.key == kEvent);
    CHECK(row.mineBasedOn == 1);
    CHECK(row.theirsVersion == 2);
    CHECK(row.theirLogin == "ann");
    CHECK(Json::parse(row.theirs)["title"] == "Ann's title");
    CHECK(Json::parse(row.mine)["title"] == "Bob's title");
    CHECK(std::get<edit::UpdateFeature>(c.edit).set.front().second == "Bob's title");  // kept to retry

    const std::string url = pg.url(db);
    CHECK(titleIn(url) == "Ann's title");
    CHECK(versionIn(url) == "2");
    // Both attempts are in the audit table, with their outcome.
    const std::string audit = std::string("SELECT string_agg(login || ' ' || op || ' ' || version || ' ' || outcome, '|' "
                                          "ORDER BY seq) FROM atlas.audit WHERE tbl = 'events' AND row_key = '") +
                              kEvent + "'";
    CHECK(scalar(url, audit) == "atlas INSERT 1 committed|ann UPDATE 2 committed|"
                                "bob UPDATE 1 conflict: based on version 1, the record has version 2");
    CHECK(scalar(url, std::string("SELECT sources FROM atlas.audit WHERE login = 'ann' AND row_key = '") + kEvent + "'") ==
          "S52");

    // Bob reloads, sees Ann's version and saves on top of it: nothing lost.
    REQUIRE_FALSE(bob.refresh().hasErrors());
    CHECK(bob.seenVersion("events", kEvent) == 2);
    REQUIRE(std::holds_alternative<edit::Applied>(bob.save(retitle("Bob's title"))));
    CHECK(titleIn(url) == "Bob's title");
    CHECK(versionIn(url) == "3");
}

TEST_CASE("an explicit expected version that is stale is a conflict", "[teamdb]")
{
    const std::string db = freshRecord("expect");
    PgCluster& pg = PgCluster::instance();
    teamdb::PgStore ann(pg.url(db, "ann"));
    REQUIRE(std::holds_alternative<edit::Applied>(ann.save(retitle("First"))));
    auto stale = retitle("Second");
    stale.expectVersion = 1;  // the store itself saw version 2 after its save
    const auto outcome = ann.save(stale);
    REQUIRE(std::holds_alternative<teamdb::Conflict>(outcome));
    CHECK(std::get<teamdb::Conflict>(outcome).rows.front().mineBasedOn == 1);
    CHECK(std::get<teamdb::Conflict>(outcome).rows.front().theirsVersion == 2);
    auto current = retitle("Second");
    current.expectVersion = 2;
    REQUIRE(std::holds_alternative<edit::Applied>(ann.save(current)));
    CHECK(titleIn(pg.url(db)) == "Second");
}

TEST_CASE("a reader's edit is refused by the server and writes nothing", "[teamdb]")
{
    const std::string db = freshRecord("reader");
    PgCluster& pg = PgCluster::instance();
    const std::string auditBefore = scalar(pg.url(db), "SELECT count(*) FROM atlas.audit");
    teamdb::PgStore reader(pg.url(db, "rea"));
    const auto outcome = reader.save(retitle("Reader's title"));
    REQUIRE(std::holds_alternative<teamdb::Refused>(outcome));
    const auto& refused = std::get<teamdb::Refused>(outcome);
    CHECK_FALSE(refused.unreachable);
    CHECK_THAT(refused.why.formatAll(), Catch::Contains("permission denied for table events"));
    CHECK_THAT(refused.why.formatAll(), Catch::Contains("this login may only read the record"));
    CHECK(titleIn(pg.url(db)) == "Lweje border-trade post opens");
    CHECK(versionIn(pg.url(db)) == "1");
    CHECK(scalar(pg.url(db), "SELECT count(*) FROM atlas.audit") == auditBefore);
}

TEST_CASE("the server stopped before or during a save: nothing partial, the edit kept for retry", "[teamdb]")
{
    const std::string db = freshRecord("crash");
    PgCluster& pg = PgCluster::instance();
    const std::string url = pg.url(db);
    teamdb::PgStore ann(pg.url(db, "ann"));
    REQUIRE_FALSE(ann.refresh().hasErrors());
    const std::string auditBefore = scalar(url, "SELECT count(*) FROM atlas.audit");

    SECTION("stopped just before the save")
    {
        pg.stopImmediately();
        const auto outcome = ann.save(retitle("Never written"));
        pg.start();
        REQUIRE(std::holds_alternative<teamdb::Refused>(outcome));
        CHECK(std::get<teamdb::Refused>(outcome).unreachable);
        CHECK_THAT(std::get<teamdb::Refused>(outcome).why.formatAll(), Catch::Contains("unreachable"));
    }
    SECTION("stopped inside the transaction, after the row was written, before COMMIT")
    {
        ann.setBeforeCommit([&] { pg.stopImmediately(); });
        const auto outcome = ann.save(retitle("Never written"));
        ann.setBeforeCommit({});
        pg.start();
        REQUIRE(std::holds_alternative<teamdb::Refused>(outcome));
        const auto& refused = std::get<teamdb::Refused>(outcome);
        CHECK(refused.unreachable);
        CHECK_THAT(refused.why.formatAll(), Catch::Contains("the database is unreachable"));
        // The edit comes back whole, and saves once the server is back.
        REQUIRE(std::get<edit::UpdateFeature>(refused.edit).set.front().second == "Never written");
        CHECK(titleIn(url) == "Lweje border-trade post opens");
        CHECK(versionIn(url) == "1");
        CHECK(scalar(url, "SELECT count(*) FROM atlas.audit") == auditBefore);
        REQUIRE(std::holds_alternative<edit::Applied>(ann.save(refused.edit)));
        CHECK(titleIn(url) == "Never written");
        CHECK(versionIn(url) == "2");
        return;
    }
    CHECK(titleIn(url) == "Lweje border-trade post opens");
    CHECK(versionIn(url) == "1");
    CHECK(scalar(url, "SELECT count(*) FROM atlas.audit") == auditBefore);
}
