// Killed mid-work: a save interrupted by SIGKILL leaves the old or the new project, never a torn
// one; annotations autosaved before a kill come back in the next window. The process killed is
// crash_helper (tests/app/crash_helper.cpp).
#include "app_test_support.h"
#include "atlas/model/project_file.h"
#include "atlas/gui/main_window.h"
#include "atlas/gui/add_event_dialog.h"
#include "atlas/gui/id_picker.h"
#include "atlas/gui/publish_tools.h"
#include "atlas/gui/record_session.h"

#include "browse_test_support.h"
#include "record_test_support.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <random>

#include <signal.h>

using namespace atlas;
using namespace atlas::app;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Starts crash_helper with `args` and waits for its "ready".
void startReady(QProcess& p, const QStringList& args)
{
    p.setProgram(ATLAS_CRASH_HELPER);
    p.setArguments(args);
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start();
    REQUIRE(p.waitForStarted(10000));
    REQUIRE(test::waitUntil([&] { return p.canReadLine() || p.state() == QProcess::NotRunning; }, 30000));
    REQUIRE(p.readLine().trimmed() == "ready");
}

void killHard(QProcess& p)
{
    ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
    REQUIRE(p.waitForFinished(10000));
    CHECK(p.exitStatus() == QProcess::CrashExit);
}

}  // namespace

TEST_CASE("A save killed at 100 random moments leaves the old or the new project, whole", "[app][crash]")
{
    test::widgetApp();
    QTemporaryDir dir;
    const QString file = dir.filePath("killed.katlas");
    std::mt19937 random(20241018);  // fixed: a failure can be replayed
    std::uniform_int_distribution<int> delayUs(0, 40000);
    int sawA = 0, sawB = 0;
    for (int round = 0; round < 100; ++round) {
        QProcess p;
        startReady(p, {"save-loop", file});
        QThread::usleep(static_cast<unsigned long>(delayUs(random)));
        killHard(p);
        const QByteArray now = readAll(file);
        const QByteArray a = readAll(file + ".A"), b = readAll(file + ".B");
        REQUIRE(!a.isEmpty());
        REQUIRE(a.size() < b.size());
        INFO("round " << round << ": " << now.size() << " bytes on disk");
        REQUIRE((now == a || now == b));
        sawA += now == a;
        sawB += now == b;
        REQUIRE(readProjectFile(file));
    }
    // Both versions were caught on disk: the kills did land while saving was going on.
    CHECK(sawA > 0);
    CHECK(sawB > 0);
}

TEST_CASE("Annotations autosaved before a SIGKILL are offered back and restored in the next window", "[app][crash]")
{
    test::widgetApp();
    qputenv("KACHIN_ATLAS_DATA", ATLAS_APP_DATA_DIR);
    QProcess p;
    startReady(p, {"annotate", "3"});
    const qint64 pid = p.processId();
    killHard(p);

    MainWindow window{{}};
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    auto* tools = window.findChild<PublishTools*>();
    REQUIRE(tools);
    const QStringList offered = tools->recoverableAutosaves();
    REQUIRE(offered.size() == 1);
    CHECK(offered[0].contains(QString("session-%1-").arg(pid)));
    REQUIRE_FALSE(tools->recoverAutosave(offered[0]).hasErrors());
    const auto& restored = tools->annotations()->annotations();
    REQUIRE(restored.size() == 3);
    CHECK(restored[0].text == "note 0 — written before the kill");
    CHECK(restored[2].text == "note 2 — written before the kill");
    tools->annotations()->markSaved();
}

TEST_CASE("An event typed into Add Event but not applied before a SIGKILL reopens in its form and applies",
          "[app][crash][edit]")
{
    test::useBundledData();
    test::DatasetCopy copy;
    const auto before = copy.snapshot();
    QProcess p;
    startReady(p, {"draft-event", copy.dir});
    const qint64 pid = p.processId();
    killHard(p);
    CHECK(copy.snapshot() == before);  // nothing was applied

    test::BrowseWindow w;
    RecordSession* session = w.window.recordSession();
    // Only the killed helper's (tests run together in one process leave their own windows' too).
    const QStringList offered = session->recoverableJournals().filter(QString("journal-%1-").arg(pid));
    REQUIRE(offered.size() == 1);
    // The window asks on its own, naming the edit.
    QPointer<QMessageBox> box;
    REQUIRE(test::waitUntil([&] { return (box = w.window.findChild<QMessageBox*>("recoverEditsBox")) != nullptr; }, 5000));
    CHECK_THAT(box->text().toStdString(), Catch::Matchers::Contains("add event \"Typed before the kill\""));
    REQUIRE_FALSE(session->recoverJournal(offered[0]).hasErrors());
    box->close();
    CHECK(session->folder() == copy.dir);  // the dataset it was typed for, opened again
    QPointer<AddEventDialog> dialog = w.window.findChild<AddEventDialog*>();
    REQUIRE(dialog);
    REQUIRE(dialog->isVisible());
    CHECK(test::field<QLineEdit>(dialog, "title")->text() == "Typed before the kill");
    CHECK(test::field<QLineEdit>(dialog, "date")->text() == "2026-02-03");
    CHECK(dialog->links()->checkedIds() == std::vector<std::string>{"place:bhamo"});
    CHECK(dialog->sources()->checkedIds() == std::vector<std::string>{"S33"});

    test::pressOk(dialog);
    CHECK(dialog.isNull());
    CHECK(session->lastWrittenId() == "event:2026-02-03-typed-before-the-kill");
    CHECK(session->journal().entries().empty());
    CHECK(session->recoverableJournals().filter(QString("journal-%1-").arg(pid)).isEmpty());
    const auto after = copy.snapshot();
    for (const auto& [name, bytes] : before)
        if (name != "events.geojson") CHECK(after.at(name) == bytes);
    CHECK(test::lineSet(after.at("events.geojson")).size() == test::lineSet(before.at("events.geojson")).size() + 1);
}
