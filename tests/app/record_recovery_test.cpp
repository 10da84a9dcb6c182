// Unsaved edits of the record survive the window (issue 15): a form being filled and a line
// being reshaped are journalled as drafts while open; a journal left behind by a window that
// did not close normally reopens each draft in its form, with what was typed. (The same after a
// real SIGKILL: crash_test.cpp.)
#include "atlas/edit/edit.h"
#include "atlas/gui/id_picker.h"
#include "atlas/gui/identify.h"
#include "atlas/gui/record_control_dialog.h"
#include "atlas/gui/record_session.h"
#include "atlas/gui/version_panel.h"
#include "atlas/model/edit_journal.h"

#include "browse_test_support.h"
#include "record_test_support.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTemporaryDir>

using namespace atlas;
using namespace atlas::test;

namespace {

// What a killed window leaves: its journal file, its lock gone. Copied under another name so
// this window's own journal stays its own.
QString leaveOrphan(app::RecordSession& session)
{
    const QString orphan = QFileInfo(session.journal().path()).dir().filePath("journal-999999-1.json");
    QFile::remove(orphan);
    REQUIRE(QFile::copy(session.journal().path(), orphan));
    return orphan;
}

}  // namespace

TEST_CASE("A change of control typed but not applied is journalled and reopens in its form", "[app][edit][crash]")
{
    EditingWindow editing;
    auto& [w, copy, before, session] = editing;
    CHECK(session->journal().entries().empty());

    w.window.findChild<QAction*>("recordControl")->trigger();
    QPointer<app::RecordControlDialog> dialog = w.window.findChild<app::RecordControlDialog*>();
    REQUIRE(dialog);
    auto* feature = field<QComboBox>(dialog, "feature");
    feature->setCurrentIndex(feature->findData("mine:pangwa-belt"));
    field<QLineEdit>(dialog, "date")->setText("2026-03");
    field<QComboBox>(dialog, "controller")->setCurrentText("junta");
    REQUIRE(dialog->sources()->setChecked("S74"));
    field<QLineEdit>(dialog, "note")->setText("typed, not applied");
    REQUIRE(QTest::qWaitFor([session = session] { return session->journal().entries().size() == 1; }, 5000));
    QTest::qWait(600);  // the last keystroke's pause
    const auto& kept = session->journal().entries().front();
    CHECK(kept.kind == app::JournalEntry::Kind::Draft);
    CHECK(kept.store == copy.dir.toStdString());
    const auto* r = std::get_if<edit::RecordControl>(&kept.edit);
    REQUIRE(r);
    CHECK(r->featureId == "mine:pangwa-belt");
    CHECK(r->date == "2026-03");
    CHECK(r->controller == "junta");
    CHECK(r->sources == std::vector<std::string>{"S74"});
    CHECK(r->note == "typed, not applied");
    CHECK(copy.snapshot() == before);  // a draft is not a write

    const QString orphan = leaveOrphan(*session);
    REQUIRE(session->recoverableJournals() == QStringList{orphan});
    dialog->reject();  // given up here: its draft leaves this window's journal
    CHECK(session->journal().entries().empty());
    REQUIRE(QTest::qWaitFor([&] { return dialog.isNull(); }, 5000));

    REQUIRE_FALSE(session->recoverJournal(orphan).hasErrors());
    CHECK_FALSE(QFile::exists(orphan));
    QPointer<app::RecordControlDialog> back = w.window.findChild<app::RecordControlDialog*>();
    REQUIRE(back);
    REQUIRE(back->isVisible());
    CHECK(field<QComboBox>(back, "feature")->currentData().toString() == "mine:pangwa-belt");
    CHECK(field<QLineEdit>(back, "date")->text() == "2026-03");
    CHECK(field<QComboBox>(back, "controller")->currentText() == "junta");
    CHECK(back->sources()->checkedIds() == std::vector<std::string>{"S74"});
    CHECK(session->journal().entries().size() == 1);  // kept until applied or given up

    pressOk(back);
    CHECK(back.isNull());
    CHECK(session->journal().entries().empty());
    CHECK(copy.snapshot() != before);
}

TEST_CASE("A reshaped control area is journalled as it changes and reopens as drawn", "[app][edit][crash]")
{
    EditingWindow editing;
    auto& [w, copy, before, session] = editing;
    w.setDay(2026, 1, 20);
    w.settle();
    QPointer<app::VersionPanel> panel = openNewVersion(w, "control:bhamo-kia-2025-12-25");
    const Coord from = panel->sketch().paths()[0].points[0];
    panel->sketch().move({0, 0}, {from.x + 0.02, from.y});
    panel->findChild<QLineEdit*>("description")->setText("pushed east");
    REQUIRE(QTest::qWaitFor([session = session] { return session->journal().entries().size() == 1; }, 5000));
    const auto* v = std::get_if<edit::AddVersion>(&session->journal().entries().front().edit);
    REQUIRE(v);
    CHECK(v->group == "area:bhamo");
    CHECK(v->asOf == "2026-01-20");

    const QString orphan = leaveOrphan(*session);
    panel->cancel();
    QCoreApplication::processEvents();
    CHECK(session->journal().entries().empty());

    REQUIRE_FALSE(session->recoverJournal(orphan).hasErrors());
    QPointer<app::VersionPanel> back = session->versionPanel();
    REQUIRE(back);
    CHECK(back->findChild<QLineEdit*>("asOf")->text() == "2026-01-20");
    CHECK(back->findChild<QLineEdit*>("description")->text() == "pushed east");
    const Coord moved = back->sketch().paths()[0].points[0];
    CHECK(moved.x == Approx(from.x + 0.02).margin(2e-6));
    CHECK(moved.y == Approx(from.y).margin(2e-6));
    back->cancel();
}
