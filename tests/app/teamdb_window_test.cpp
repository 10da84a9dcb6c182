// The window on the team database (issue 16): two windows (two logins) on one throw-away
// PostgreSQL cluster. A commit in one reaches the other through NOTIFY within 2 s, its notice
// naming the login; the same event updated in both gives the second the conflict dialog (Keep
// mine commits on their version, Keep theirs leaves theirs, the audit keeps both outcomes); an
// unreachable server keeps the edit in the journal, and Retry commits it once the server is back.
#include "atlas/gui/add_event_dialog.h"
#include "atlas/gui/conflict_dialog.h"
#include "atlas/gui/id_picker.h"
#include "atlas/gui/team_history.h"
#include "atlas/gui/team_session.h"
#include "atlas/gui/team_url.h"
#include "atlas/model/edit_journal.h"
#include "atlas/teamdb/connection.h"

#include "browse_test_support.h"
#include "pg_cluster.h"
#include "record_test_support.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QInputDialog>
#include <QLineEdit>
#include <QSettings>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QUndoStack>

#include <filesystem>

using namespace atlas;
using namespace atlas::test;
using Catch::Matchers::Contains;

namespace {

const char* const kEvent = "event:1998-08-23-lweje-post-opens";

// The server binaries are a build dependency (packaging/build-deps.txt); a machine without them
// skips these tests instead of failing on a missing tool.
bool haveServer()
{
    if (std::filesystem::exists("/usr/lib/postgresql/15/bin/initdb")) return true;
    WARN("initdb of PostgreSQL 15 is not installed: the team database window tests are skipped");
    return false;
}

std::string scalar(const std::string& url, const std::string& sql)
{
    const teamdb::Connection c(url);
    const teamdb::Rows r = c.exec(sql);
    return r.size() == 0 ? std::string() : r.value(0, 0).value_or("NULL");
}

struct TeamWindow {
    BrowseWindow w;
    app::TeamSession* team = nullptr;
    app::RecordSession* session = nullptr;

    explicit TeamWindow(const std::string& url = {})
    {
        team = w.window.findChild<app::TeamSession*>();
        session = w.window.recordSession();
        REQUIRE(team);
        if (!url.empty()) connect(url);
    }
    void connect(const std::string& url)
    {
        const auto connected = team->connectTo(QString::fromStdString(url));
        INFO(connected.message());
        REQUIRE(connected.ok());
    }
    std::string title(const std::string& id) const
    {
        const Dataset* ds = w.window.document().dataset();
        if (!ds) return {};
        for (const Event& e : ds->events().all())
            if (e.id == id) return e.title;
        return {};
    }
};

edit::Edit retitle(const std::string& title)
{
    return edit::UpdateFeature{kEvent, {{"title", title}}, std::nullopt, {"S52"}, std::nullopt};
}

edit::Edit resummarise(const std::string& summary)
{
    return edit::UpdateFeature{kEvent, {{"summary", summary}}, std::nullopt, {"S52"}, std::nullopt};
}

// Clicks `button` of the conflict dialog once it is up (it runs modal inside the save), after
// letting `inspect` look at it.
void answerConflict(const char* button, std::function<void(app::ConflictDialog&)> inspect = {})
{
    auto* timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, button, inspect] {
        for (QWidget* top : QApplication::topLevelWidgets()) {
            auto* dialog = qobject_cast<app::ConflictDialog*>(top);
            if (!dialog) dialog = top->findChild<app::ConflictDialog*>("teamConflictDialog");
            if (!dialog || !dialog->isVisible()) continue;
            timer->stop();
            timer->deleteLater();
            if (inspect) inspect(*dialog);
            auto* b = dialog->findChild<QPushButton*>(button);
            REQUIRE(b);
            b->click();
            return;
        }
    });
    timer->start();
}

}  // namespace

TEST_CASE("Connecting keeps no password, and a password typed is used only in memory", "[teamdb][app]")
{
    CHECK(app::withoutPassword("host=/tmp dbname=atlas user=ann password=s3cret") == "host=/tmp dbname=atlas user=ann");
    CHECK(app::withoutPassword("host=db password='a b\\'c' dbname=atlas") == "host=db dbname=atlas");
    CHECK(app::withoutPassword("postgresql://ann:s3cret@db.example/atlas") == "postgresql://ann@db.example/atlas");
    CHECK(app::withoutPassword("postgresql://ann@db/atlas?password=x&sslmode=require") ==
          "postgresql://ann@db/atlas?sslmode=require");
    CHECK(app::withoutPassword("service=newsroom") == "service=newsroom");
    const QString with = app::withPassword("postgresql://ann@db.example:5433/atlas", "it's");
    CHECK_THAT(with.toStdString(), Contains("host='db.example'") && Contains("port='5433'") &&
                                       Contains("user='ann'") && Contains("password='it\\'s'"));
    CHECK(app::wantsPassword("FATAL:  password authentication failed for user \"ann\""));
    CHECK(app::wantsPassword("fe_sendauth: no password supplied"));
    CHECK_FALSE(app::wantsPassword("could not connect to server"));
}

TEST_CASE("Two windows on one team database: a commit in one shows in the other within 2 s, naming the login",
          "[teamdb][app]")
{
    if (!haveServer()) return;
    useBundledData();
    PgCluster& pg = PgCluster::instance();
    const std::string db = freshRecord("window_live");
    TeamWindow a(pg.url(db, "ann")), b(pg.url(db, "bob"));
    CHECK(a.w.window.windowTitle().contains("Team database: host="));
    CHECK(a.w.window.findChild<QLabel*>("teamStatus")->text().startsWith("Team database: "));
    CHECK(b.title(kEvent) == "Lweje border-trade post opens");
    auto* connectAction = a.w.window.findChild<QAction*>("connectTeamDatabase");
    REQUIRE(connectAction);
    CHECK(a.w.window.menu(app::MainWindow::Menu::File)->actions().contains(connectAction));
    CHECK(a.w.window.menu(app::MainWindow::Menu::Edit)->actions().contains(connectAction));

    const auto applied = a.session->apply(retitle("Lweje post opens (ann)"));
    INFO(applied.message());
    REQUIRE(applied.ok());
    CHECK(a.title(kEvent) == "Lweje post opens (ann)");
    QElapsedTimer clock;
    clock.start();
    REQUIRE(waitUntil([&] { return b.title(kEvent) == "Lweje post opens (ann)"; }, 2000));
    CHECK(clock.elapsed() < 2000);
    CHECK_THAT(b.team->notice().toStdString(), Contains(std::string("ann updated ") + kEvent + " (version 2)"));
    // Its own commit is no news to the window that made it.
    QTest::qWait(100);
    CHECK(a.team->notice().isEmpty());

    // Undo goes through the team store too, and reaches the other window the same way.
    a.w.window.undoStack()->undo();
    CHECK(a.title(kEvent) == "Lweje border-trade post opens");
    REQUIRE(waitUntil([&] { return b.title(kEvent) == "Lweje border-trade post opens"; }, 2000));
    CHECK_THAT(b.team->notice().toStdString(), Contains(std::string("ann updated ") + kEvent + " (version 3)"));
    a.w.window.undoStack()->redo();
    REQUIRE(waitUntil([&] { return b.title(kEvent) == "Lweje post opens (ann)"; }, 2000));

    // A new event, and the history of the changed one in the other window's inspector.
    edit::AddEvent add;
    add.date = "2026-01-10";
    add.kind = "battle";
    add.title = "Test battle near Bhamo";
    add.placeId = "place:bhamo";
    add.sources = {"S52"};
    REQUIRE(a.session->apply(add).ok());
    const std::string added = a.session->lastWrittenId();
    REQUIRE(waitUntil([&] { return hasEvent(b.w.window, added); }, 2000));
    CHECK_THAT(b.team->notice().toStdString(), Contains("ann added " + added));

    const auto ref = app::featureRefOf(b.w.window.document(), kEvent);
    REQUIRE(ref);
    b.w.tools->inspect(*ref);
    auto* history = b.w.window.findChild<app::TeamHistory*>("teamHistory");
    REQUIRE(history);
    REQUIRE(waitUntil([&] { return history->isVisible() && !history->isReading() && !history->text().contains("Reading"); }));
    CHECK_THAT(history->text().toStdString(), Contains("ann UPDATE") && Contains("version 4") && Contains("[S52]") &&
                                                  Contains("title: "));
}

TEST_CASE("The same event updated in two windows: the second gets the conflict dialog", "[teamdb][app]")
{
    if (!haveServer()) return;
    useBundledData();
    PgCluster& pg = PgCluster::instance();
    const std::string db = freshRecord("window_conflict");
    const std::string admin = pg.url(db);
    TeamWindow a(pg.url(db, "ann")), b(pg.url(db, "bob"));
    const std::string titleSql = std::string("SELECT title FROM atlas.events WHERE id = '") + kEvent + "'";
    const std::string versionSql = std::string("SELECT version FROM atlas.events WHERE id = '") + kEvent + "'";

    SECTION("Keep mine makes my edit again on their version")
    {
        // No events processed between the two saves: B still believes version 1.
        REQUIRE(a.team->store()->save(retitle("Lweje post opens (ann)")).index() == 0);
        QString header, geometryNote;
        bool titleHighlighted = false;
        answerConflict("keepMine", [&](app::ConflictDialog& d) {
            header = d.findChild<QLabel*>("conflictHeader")->text();
            geometryNote = d.geometryNote();
            for (int r = 0; r < d.fields()->rowCount(); ++r)
                if (d.fields()->item(r, 0)->text() == "title")
                    titleHighlighted = d.fields()->item(r, 1)->background().color() != Qt::transparent &&
                                       d.fields()->item(r, 1)->text() == "Lweje post opens (ann)";
            CHECK(d.canMerge());
        });
        const auto applied = b.session->apply(resummarise("Opened by both governments (bob)"));
        INFO(applied.message());
        REQUIRE(applied.ok());
        CHECK_THAT(header.toStdString(), Contains("changed by <b>ann</b>") && Contains("version 2") &&
                                             Contains("based on version 1"));
        CHECK(titleHighlighted);
        CHECK(geometryNote.isEmpty());  // neither moved the point
        CHECK(scalar(admin, versionSql) == "3");
        CHECK(scalar(admin, titleSql) == "Lweje post opens (ann)");
        CHECK(scalar(admin, std::string("SELECT summary FROM atlas.events WHERE id = '") + kEvent + "'") ==
              "Opened by both governments (bob)");
        CHECK(b.title(kEvent) == "Lweje post opens (ann)");
        const std::string outcomes = scalar(admin, std::string("SELECT string_agg(login || ' ' || split_part(outcome, ':', 1), ', ' ORDER BY seq) "
                                                               "FROM atlas.audit WHERE row_key = '") + kEvent + "'");
        // atlas: the superuser's db push that made the record.
        CHECK(outcomes == "atlas committed, ann committed, bob conflict, bob committed");
    }

    SECTION("Keep theirs leaves theirs and drops my edit")
    {
        REQUIRE(a.team->store()->save(retitle("Lweje post opens (ann)")).index() == 0);
        answerConflict("keepTheirs");
        const auto applied = b.session->apply(retitle("Lweje post opens (bob)"));
        REQUIRE_FALSE(applied.ok());
        CHECK_THAT(applied.message(), Contains("You kept ann's version"));
        CHECK(scalar(admin, titleSql) == "Lweje post opens (ann)");
        CHECK(scalar(admin, versionSql) == "2");
        CHECK(b.title(kEvent) == "Lweje post opens (ann)");
    }

    SECTION("An undo that meets their change gets the dialog too, and keep mine undoes on their version")
    {
        REQUIRE(b.session->apply(retitle("Lweje post opens (bob)")).ok());  // version 2
        // Ann, having read bob's, changes another field; B has not heard of it when it undoes
        // (version 3 on the server).
        REQUIRE_FALSE(a.team->store()->refresh().hasErrors());
        REQUIRE(a.team->store()->save(resummarise("Opened (ann)")).index() == 0);
        bool asked = false;
        answerConflict("keepMine", [&](app::ConflictDialog& d) {
            asked = true;
            CHECK_THAT(d.findChild<QLabel*>("conflictHeader")->text().toStdString(), Contains("changed by <b>ann</b>"));
        });
        b.w.window.undoStack()->undo();
        CHECK(asked);
        CHECK(scalar(admin, titleSql) == "Lweje border-trade post opens");
        CHECK(scalar(admin, std::string("SELECT summary FROM atlas.events WHERE id = '") + kEvent + "'") == "Opened (ann)");
        CHECK(scalar(admin, versionSql) == "4");
        CHECK(b.title(kEvent) == "Lweje border-trade post opens");
        // The undo's own inverse is of what the server now holds: redo brings bob's title back.
        b.w.window.undoStack()->redo();
        CHECK(scalar(admin, titleSql) == "Lweje post opens (bob)");
        CHECK(scalar(admin, versionSql) == "5");
    }

    SECTION("Merge takes the fields marked mine and theirs for the others")
    {
        REQUIRE(a.team->store()->save(edit::UpdateFeature{kEvent, {{"title", "T (ann)"}, {"note", "N (ann)"}},
                                                          std::nullopt, {"S52"}, std::nullopt}).index() == 0);
        // Bob changed the title and the point; he keeps his point and ann's title.
        answerConflict("merge", [](app::ConflictDialog& d) {
            QTableWidget* t = d.fields();
            for (int r = 0; r < t->rowCount(); ++r) {
                if (!t->item(r, 3)) continue;
                const QString f = t->item(r, 0)->text();
                t->item(r, 3)->setCheckState(f == "geometry" ? Qt::Checked : Qt::Unchecked);
            }
            CHECK_THAT(d.geometryNote().toStdString(), Contains("Geometry differs: theirs Point 97.72, 24.2; mine Point 97.8, 24.25"));
        });
        const auto applied = b.session->apply(edit::UpdateFeature{
            kEvent, {{"title", "T (bob)"}}, edit::Json{{"type", "Point"}, {"coordinates", {97.8, 24.25}}}, {"S52"}, std::nullopt});
        INFO(applied.message());
        REQUIRE(applied.ok());
        CHECK(scalar(admin, titleSql) == "T (ann)");
        CHECK(scalar(admin, std::string("SELECT note FROM atlas.events WHERE id = '") + kEvent + "'") == "N (ann)");
        CHECK(scalar(admin, std::string("SELECT ST_AsText(geom) FROM atlas.events WHERE id = '") + kEvent + "'") ==
              "POINT(97.8 24.25)");
    }
}

TEST_CASE("The server stopped before a save: the edit is kept in the journal and Retry commits it", "[teamdb][app]")
{
    if (!haveServer()) return;
    useBundledData();
    PgCluster& pg = PgCluster::instance();
    const std::string db = freshRecord("window_unreachable");
    const std::string admin = pg.url(db);
    TeamWindow a(pg.url(db, "ann"));
    const std::string titleSql = std::string("SELECT title FROM atlas.events WHERE id = '") + kEvent + "'";

    pg.stopImmediately();
    const auto applied = a.session->apply(retitle("Written while the server was down"));
    // OK pressed again in the dialog that stayed open: still one kept edit.
    CHECK_FALSE(a.session->apply(retitle("Written while the server was down")).ok());
    pg.start();
    REQUIRE_FALSE(applied.ok());
    CHECK_THAT(applied.message(), Contains("The team database is unreachable; your edit is kept"));
    CHECK_THAT(a.team->notice().toStdString(), Contains("unreachable; your edit is kept"));
    REQUIRE(a.team->journal().entries().size() == 1);
    const app::JournalEntry& kept = a.team->journal().entries().front();
    CHECK(kept.kind == app::JournalEntry::Kind::Pending);
    CHECK(kept.store == a.team->displayUrl().toStdString());
    CHECK(std::holds_alternative<edit::UpdateFeature>(kept.edit));
    CHECK(scalar(admin, titleSql) == "Lweje border-trade post opens");  // nothing written
    CHECK(a.title(kEvent) == "Lweje border-trade post opens");          // the map still reads the mirror

    QAction* retry = a.w.window.findChild<QAction*>("retryTeamEdits");
    REQUIRE(retry);
    REQUIRE(retry->isEnabled());
    retry->trigger();
    CHECK(a.team->journal().entries().empty());
    CHECK_FALSE(retry->isEnabled());
    CHECK(scalar(admin, titleSql) == "Written while the server was down");
    CHECK(a.title(kEvent) == "Written while the server was down");
}

TEST_CASE("A reader's edit is refused by the server and said in a message box", "[teamdb][app]")
{
    if (!haveServer()) return;
    useBundledData();
    PgCluster& pg = PgCluster::instance();
    const std::string db = freshRecord("window_reader");
    TeamWindow r(pg.url(db, "rea"));
    const auto applied = r.session->apply(retitle("A reader tries"));
    REQUIRE_FALSE(applied.ok());
    CHECK_THAT(applied.message(), Contains("permission denied"));
    auto* box = r.w.window.findChild<QMessageBox*>("teamRefusedBox");
    REQUIRE(box);
    CHECK(box->isVisible());
    CHECK_THAT(box->text().toStdString(), Contains("refused the edit") && Contains("permission denied"));
    box->close();
    CHECK(r.team->journal().entries().empty());  // not kept for a retry: refused for good
}

TEST_CASE("Edits a killed window kept for the team database are retried by the next window on it", "[teamdb][app]")
{
    if (!haveServer()) return;
    useBundledData();
    PgCluster& pg = PgCluster::instance();
    const std::string db = freshRecord("window_adopt");
    const std::string url = pg.url(db, "ann");
    {
        // What a window killed while the server was down leaves behind: its journal, unlocked.
        app::EditJournal earlier(app::EditJournal::journalDir());
        REQUIRE_FALSE(earlier.put({app::JournalEntry::Kind::Pending, "pending:1", url, retitle("Kept across a crash"), {}})
                          .hasErrors());
    }
    TeamWindow a;
    // The window's recovery box (record_session.cpp) takes the kept edit into its journal.
    QMessageBox* box = nullptr;
    REQUIRE(waitUntil([&] { return (box = a.w.window.findChild<QMessageBox*>("recoverEditsBox")) != nullptr; }, 3000));
    QPushButton* reopen = nullptr;
    for (QAbstractButton* b : box->buttons())
        if (b->text() == "Reopen") reopen = qobject_cast<QPushButton*>(b);
    REQUIRE(reopen);
    reopen->click();
    QCoreApplication::processEvents();
    REQUIRE(a.team->journal().entries().size() == 1);

    a.connect(url);
    CHECK_THAT(a.team->notice().toStdString(), Contains("kept while the team database was unreachable"));
    QAction* retry = a.w.window.findChild<QAction*>("retryTeamEdits");
    REQUIRE(retry->isEnabled());
    retry->trigger();
    CHECK(a.team->journal().entries().empty());
    CHECK(scalar(pg.url(db), std::string("SELECT title FROM atlas.events WHERE id = '") + kEvent + "'") ==
          "Kept across a crash");
}

TEST_CASE("A server that wants a password: the window asks for it and remembers the address without it", "[teamdb][app]")
{
    if (!haveServer()) return;
    useBundledData();
    PgCluster& pg = PgCluster::instance();
    const std::string db = freshRecord("window_password");
    pg.sql(db, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pat') THEN "
               "CREATE ROLE pat LOGIN IN ROLE atlas_editor; END IF; END $$");
    pg.requirePassword("pat", "s3cret");
    const QString url = QString::fromStdString(pg.url(db, "pat"));
    BrowseWindow w;
    auto* team = w.window.findChild<app::TeamSession*>();
    REQUIRE(team);

    // Answers the input dialogs as a person would: the address as offered (or `typed`), then the
    // password when one is asked for.
    QStringList asked;
    auto answer = [&](QString typed) {
        auto* timer = new QTimer(&w.window);
        timer->setInterval(20);
        QObject::connect(timer, &QTimer::timeout, timer, [&asked, timer, typed] {
            auto* d = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
            if (!d) return;
            asked << d->labelText();
            if (d->textEchoMode() == QLineEdit::Password) d->setTextValue("s3cret");
            else if (!typed.isEmpty()) d->setTextValue(typed);
            d->accept();
        });
        timer->start();
        return timer;
    };

    SECTION("No password in the address: asked for, used in memory, not remembered")
    {
        QSettings().setValue("teamDatabase/url", url);
        QTimer* timer = answer({});
        team->chooseAndConnect();
        delete timer;
        REQUIRE(team->isConnected());
        REQUIRE(asked.size() == 2);
        CHECK(asked[1].contains("The server wants a password"));
        CHECK_THAT(team->url(), Contains("password='s3cret'"));
        CHECK_FALSE(team->displayUrl().contains("s3cret"));
        CHECK_FALSE(w.window.windowTitle().contains("s3cret"));
        CHECK(QSettings().value("teamDatabase/url").toString() == url);
    }

    SECTION("A password typed in the address is stripped before it is remembered or shown")
    {
        QTimer* timer = answer(url + " password=s3cret");
        team->chooseAndConnect();
        delete timer;
        REQUIRE(team->isConnected());
        CHECK(asked.size() == 1);
        CHECK(team->displayUrl() == url);
        CHECK(QSettings().value("teamDatabase/url").toString() == url);
        CHECK_FALSE(w.window.findChild<QLabel*>("teamStatus")->text().contains("s3cret"));
    }
    QSettings().remove("teamDatabase/url");
}

TEST_CASE("A form a killed window left for the team database reopens when the next window connects", "[teamdb][app]")
{
    if (!haveServer()) return;
    useBundledData();
    PgCluster& pg = PgCluster::instance();
    const std::string db = freshRecord("window_draft");
    const std::string url = pg.url(db, "ann");
    QString left;
    {
        app::EditJournal earlier(app::EditJournal::journalDir());
        edit::AddEvent draft;
        draft.date = "2026-02-03";
        draft.title = "Drafted on the team record";
        draft.sources = {"S33"};
        REQUIRE_FALSE(earlier.put({app::JournalEntry::Kind::Draft, "add-event:1", url, draft, {}}).hasErrors());
        left = earlier.path();
    }
    TeamWindow a;
    // Not connected yet: kept, with the reason, and no form opens on some other dataset.
    const Diagnostics said = a.session->recoverJournal(left);
    CHECK_FALSE(said.hasErrors());
    CHECK_THAT(said.formatAll(), Contains("when you connect"));
    CHECK(a.w.window.findChild<app::AddEventDialog*>() == nullptr);
    REQUIRE(a.session->journal().entries().size() == 1);

    a.connect(url);
    auto* dialog = a.w.window.findChild<app::AddEventDialog*>();
    REQUIRE(dialog);
    CHECK(dialog->isVisible());
    CHECK(dialog->draft().title == "Drafted on the team record");
    CHECK(dialog->sources()->checkedIds() == std::vector<std::string>{"S33"});
    dialog->reject();
    CHECK(a.session->journal().entries().empty());
}

TEST_CASE("Live updates come back by themselves after the server restarts, with what was missed", "[teamdb][app]")
{
    if (!haveServer()) return;
    useBundledData();
    PgCluster& pg = PgCluster::instance();
    const std::string db = freshRecord("window_relisten");
    TeamWindow a(pg.url(db, "ann"));
    REQUIRE(a.team->isListening());

    pg.stopImmediately();
    REQUIRE(waitUntil([&] { return !a.team->isListening(); }, 10000));
    pg.start();
    // A commit while the window was not listening: no NOTIFY reaches it.
    scalar(pg.url(db, "bob"), std::string("UPDATE atlas.events SET title = 'Retitled while ann was away' WHERE id = '") +
                                  kEvent + "'");
    REQUIRE(waitUntil([&] { return a.team->isListening(); }, 20000));
    CHECK(a.title(kEvent) == "Retitled while ann was away");
    // And the next commit is heard as usual.
    scalar(pg.url(db, "bob"),
           std::string("UPDATE atlas.events SET title = 'Heard live again' WHERE id = '") + kEvent + "'");
    REQUIRE(waitUntil([&] { return a.title(kEvent) == "Heard live again"; }, 3000));
    CHECK_THAT(a.team->notice().toStdString(), Contains("bob"));
}
