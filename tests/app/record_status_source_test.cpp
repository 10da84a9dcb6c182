// Record Status Change… on a crossing and New Source… under a source picker (issue 15), on a
// temporary copy of the bundled dataset: the status shows in the state and in the inspector's
// history bar from its first day; a new source is written as S83, ticked in the form that asked
// for it and cited by the edit; undo gives the files back byte for byte.
#include "atlas/analysis/reports.h"
#include "atlas/gui/add_event_dialog.h"
#include "atlas/gui/id_picker.h"
#include "atlas/gui/identify.h"
#include "atlas/gui/inspector.h"
#include "atlas/gui/inspector_charts.h"
#include "atlas/gui/record_status_dialog.h"
#include "atlas/gui/source_form.h"

#include "browse_test_support.h"
#include "record_test_support.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QUndoStack>

using namespace atlas;
using namespace atlas::test;
using Catch::Matchers::Contains;

namespace {

std::string statusOn(const app::MainWindow& w, const char* id, const char* iso)
{
    for (const FeatureState& c : buildStateReport(*w.document().links(), TimeCursor(dayOf(iso))).crossings)
        if (c.id == id) return c.status ? c.status->value + (c.status->by.empty() ? "" : " by " + c.status->by) : "unknown";
    return "missing";
}

}  // namespace

TEST_CASE("A crossing's status change recorded in the form shows from that day, in the history bar too",
          "[app][edit]")
{
    EditingWindow editing;
    auto& [w, copy, before, session] = editing;

    const auto ref = app::featureRefOf(w.window.document(), "crossing:lweje");
    REQUIRE(ref);
    w.tools->inspect(*ref);
    QAction* action = w.window.findChild<QAction*>("recordStatus");
    REQUIRE(action);
    CHECK(w.tools->inspector()->actions().contains(action));
    action->trigger();
    QPointer<app::RecordStatusDialog> dialog = w.window.findChild<app::RecordStatusDialog*>();
    REQUIRE(dialog);
    CHECK(field<QComboBox>(dialog, "feature")->currentData().toString() == "crossing:lweje");

    // No source: refused with the store's message, nothing written.
    field<QLineEdit>(dialog, "date")->setText("2026-01-15");
    CHECK(field<QLabel>(dialog, "datePrecision")->text() == "day precision");
    field<QComboBox>(dialog, "status")->setCurrentText("open");
    field<QComboBox>(dialog, "by")->setCurrentIndex(field<QComboBox>(dialog, "by")->findData("China"));
    pressOk(dialog);
    REQUIRE(dialog);
    CHECK(dialog->isVisible());
    CHECK_THAT(dialog->errorText().toStdString(), Contains("source"));
    CHECK(copy.snapshot() == before);

    REQUIRE(dialog->sources()->setChecked("S82"));
    pressOk(dialog);
    QTest::qWait(10);
    CHECK(dialog.isNull());
    CHECK(session->lastWrittenId() == "crossing:lweje");
    CHECK(statusOn(w.window, "crossing:lweje", "2026-01-14") == "restricted by China");
    CHECK(statusOn(w.window, "crossing:lweje", "2026-01-15") == "open by China");

    // The inspector, still on the crossing, shows it at once: a status span from that day.
    REQUIRE(w.tools->inspector()->currentId() == "crossing:lweje");
    w.setDay(2026, 1, 15);
    CHECK_THAT(w.tools->inspector()->nowText().toStdString(), Contains("<b>Open</b> by China since 15 Jan 2026"));
    bool spanFromThatDay = false;
    for (const app::HistoryRow& row : w.tools->inspector()->historyStrip()->rows())
        if (row.label == "Status")
            for (const auto& span : row.spans) spanFromThatDay = spanFromThatDay || span.begin == dayOf("2026-01-15");
    CHECK(spanFromThatDay);

    w.window.undoStack()->undo();
    CHECK(copy.snapshot() == before);
    CHECK(statusOn(w.window, "crossing:lweje", "2026-01-15") == "restricted by China");
}

TEST_CASE("New Source… adds S83 to SOURCES.md, ticks it in the form, and undo removes it", "[app][edit]")
{
    EditingWindow editing;
    auto& [w, copy, before, session] = editing;

    w.window.findChild<QAction*>("addEvent")->trigger();
    auto* dialog = w.window.findChild<app::AddEventDialog*>("addEventDialog");
    REQUIRE(dialog);
    auto* newSource = dialog->sources()->findChild<QPushButton*>("newSource");
    REQUIRE(newSource);
    QTest::mouseClick(newSource, Qt::LeftButton);
    QPointer<app::SourceForm> form = w.window.findChild<app::SourceForm*>();
    REQUIRE(form);
    CHECK(form->isVisible());

    // A grade outside H/M/L cannot be chosen; an empty URL is the store's to refuse.
    field<QLineEdit>(form, "outlet")->setText("Kachin News Group");
    field<QLineEdit>(form, "title")->setText("Bhamo front after the January fighting");
    field<QLineEdit>(form, "date")->setText("2026-01-20");
    field<QComboBox>(form, "grade")->setCurrentIndex(field<QComboBox>(form, "grade")->findData("H"));
    pressOk(form);
    REQUIRE(form);
    CHECK(form->isVisible());
    CHECK_THAT(form->errorText().toStdString(), Contains("url"));
    CHECK(copy.snapshot() == before);

    field<QLineEdit>(form, "url")->setText("kachinnews.com/bhamo-january");
    pressOk(form);
    QTest::qWait(10);
    CHECK(form.isNull());
    CHECK(session->lastWrittenId() == "S83");
    // Exactly one line more in SOURCES.md, after S82, in the table's form.
    const auto after = copy.snapshot();
    for (const auto& [name, bytes] : before)
        if (name != "SOURCES.md") CHECK(after.at(name) == bytes);
    CHECK(after.at("SOURCES.md").contains(
        "| S82 |"));
    const QByteArray row = "| S83 | Kachin News Group (grade H) | Bhamo front after the January fighting | 2026-01-20 | "
                           "kachinnews.com/bhamo-january |\n";
    CHECK(after.at("SOURCES.md").size() == before.at("SOURCES.md").size() + row.size());
    CHECK(after.at("SOURCES.md").contains(row));
    // The form that asked for it now cites it.
    CHECK(dialog->sources()->checkedIds() == std::vector<std::string>{"S83"});

    w.window.undoStack()->undo();
    CHECK(copy.snapshot() == before);
}
