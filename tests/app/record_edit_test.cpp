// Curating the record in the window (issue 15): on a temporary copy of the bundled dataset, an
// event added through Edit → Add Event… (widgets filled as a user would: links and sources
// ticked in their searchable lists, the point picked by a click on the map) writes exactly one
// line, shows in the window's dataset and in the state on its date, and undo gives the files
// back byte for byte; a refused edit changes nothing and says why in the form.
#include "atlas/analysis/reports.h"
#include "atlas/civil_date.h"
#include "atlas/data/dataset.h"
#include "atlas/gui/add_event_dialog.h"
#include "atlas/gui/event_list_dock.h"
#include "atlas/gui/id_picker.h"
#include "atlas/gui/inspector.h"
#include "atlas/gui/record_control_dialog.h"
#include "atlas/gui/record_session.h"
#include "atlas/time/date.h"

#include "browse_test_support.h"
#include "record_test_support.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTemporaryDir>
#include <QUndoStack>

#include <map>
#include <set>

using namespace atlas;
using namespace atlas::test;
using Catch::Matchers::Contains;

namespace {

bool stateLists(const app::MainWindow& w, const std::string& id, const char* iso)
{
    const StateReport state = buildStateReport(*w.document().links(), TimeCursor(dayOf(iso)));
    for (const Event* e : state.events)
        if (e->id == id) return true;
    return false;
}

app::AddEventDialog* openAddEvent(test::BrowseWindow& w)
{
    QAction* action = w.window.findChild<QAction*>("addEvent");
    REQUIRE(action);
    CHECK(action->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    action->trigger();
    auto* dialog = w.window.findChild<app::AddEventDialog*>();
    REQUIRE(dialog);
    REQUIRE(dialog->isVisible());
    return dialog;
}

// The form filled for a capture at Bhamo on 2026-01-14; `source` "" leaves every source unticked.
void fillBhamoCapture(test::BrowseWindow& w, app::AddEventDialog* dialog, const std::string& source)
{
    field<QLineEdit>(dialog, "date")->setText("2026-01-14");
    CHECK(field<QLabel>(dialog, "datePrecision")->text() == "day precision");
    field<QComboBox>(dialog, "kind")->setCurrentText("capture");
    field<QLineEdit>(dialog, "title")->setText("Test capture near Bhamo");
    field<QLineEdit>(dialog, "summary")->setText("A test row written through the form.");
    field<QLineEdit>(dialog, "actors")->setText("KIA; junta");
    // The link is found by its name, not typed as an id.
    dialog->links()->searchBox()->setText("Bhamo");
    const auto shown = dialog->links()->visibleIds();
    REQUIRE(std::find(shown.begin(), shown.end(), "place:bhamo") != shown.end());
    REQUIRE(dialog->links()->setChecked("place:bhamo"));
    // The point: "Pick on Map", then a click on Bhamo.
    QTest::mouseClick(field<QPushButton>(dialog, "pickOnMap"), Qt::LeftButton);
    REQUIRE(dialog->isPicking());
    QTest::mouseClick(w.window.canvas(), Qt::LeftButton, {}, w.widgetPointOf("place:bhamo"));
    CHECK_FALSE(dialog->isPicking());
    const double lon = field<QLineEdit>(dialog, "lon")->text().toDouble();
    const double lat = field<QLineEdit>(dialog, "lat")->text().toDouble();
    CHECK(lon == Approx(97.23).margin(0.05));
    CHECK(lat == Approx(24.27).margin(0.05));
    field<QLineEdit>(dialog, "radius")->setText("2 km");
    if (!source.empty()) {
        dialog->sources()->searchBox()->setText(QString::fromStdString(source));
        REQUIRE(dialog->sources()->setChecked(source));
    }
}

}  // namespace

TEST_CASE("An event added through the form writes one line, shows at once and undo restores the files",
          "[app][edit]")
{
    EditingWindow editing;
    auto& [w, copy, before, session] = editing;
    w.setDay(2026, 1, 14);
    w.settle();

    app::AddEventDialog* dialog = openAddEvent(w);
    fillBhamoCapture(w, dialog, "S33");
    QPointer<app::AddEventDialog> open(dialog);
    pressOk(dialog);
    QTest::qWait(10);
    CHECK(open.isNull());  // accepted and closed
    const std::string id = session->lastWrittenId();
    CHECK(id == "event:2026-01-14-test-capture-near-bhamo");

    // The files: events.geojson gains exactly the new line; every other file is untouched.
    const auto after = copy.snapshot();
    for (const auto& [name, bytes] : before)
        if (name != "events.geojson") CHECK(after.at(name) == bytes);
    auto oldLines = lineSet(before.at("events.geojson"));
    auto newLines = lineSet(after.at("events.geojson"));
    REQUIRE(newLines.size() == oldLines.size() + 1);
    for (const QByteArray& l : oldLines) {
        const auto it = newLines.find(l);
        REQUIRE(it != newLines.end());
        newLines.erase(it);
    }
    REQUIRE(newLines.size() == 1);
    const QByteArray added = *newLines.begin();
    CHECK_THAT(added.toStdString(), Contains("\"id\":\"event:2026-01-14-test-capture-near-bhamo\""));
    CHECK_THAT(added.toStdString(), Contains("place:bhamo"));
    CHECK_THAT(added.toStdString(), Contains("S33"));

    // The window shows it at once, and the state on that day (not the day before) lists it.
    CHECK(hasEvent(w.window, id));
    CHECK(stateLists(w.window, id, "2026-01-14"));
    CHECK_FALSE(stateLists(w.window, id, "2026-01-13"));
    CHECK(w.window.eventListDock()->listedIds().contains(QString::fromStdString(id)));

    // Undo: the files are byte-identical again and the window's dataset lost it; redo puts it back.
    REQUIRE(w.window.undoStack()->canUndo());
    w.window.undoStack()->undo();
    CHECK(copy.snapshot() == before);
    CHECK_FALSE(hasEvent(w.window, id));
    CHECK_FALSE(w.window.eventListDock()->listedIds().contains(QString::fromStdString(id)));
    w.window.undoStack()->redo();
    CHECK(copy.snapshot() == after);
    CHECK(hasEvent(w.window, id));
    w.window.undoStack()->undo();
    CHECK(copy.snapshot() == before);
}

TEST_CASE("An event without a source is refused in the form and nothing is written", "[app][edit]")
{
    EditingWindow editing;
    auto& [w, copy, before, session] = editing;
    const int undoCount = w.window.undoStack()->count();

    app::AddEventDialog* dialog = openAddEvent(w);
    fillBhamoCapture(w, dialog, "");
    pressOk(dialog);
    CHECK(dialog->isVisible());  // kept open, to be corrected
    CHECK_THAT(dialog->errorText().toStdString(), Contains("sources"));
    CHECK(dialog->findChild<QLabel*>("error")->isVisible());
    CHECK(copy.snapshot() == before);
    CHECK(w.window.undoStack()->count() == undoCount);
    CHECK_FALSE(hasEvent(w.window, "event:2026-01-14-test-capture-near-bhamo"));

    // An impossible date is refused before anything reaches the store.
    field<QLineEdit>(dialog, "date")->setText("2026-02-30");
    CHECK_THAT(field<QLabel>(dialog, "datePrecision")->text().toStdString(), Contains("not a date"));
    dialog->sources()->setChecked("S33");
    pressOk(dialog);
    CHECK(dialog->isVisible());
    CHECK_THAT(dialog->errorText().toStdString(), Contains("date"));
    CHECK(copy.snapshot() == before);

    // Corrected, it goes through.
    field<QLineEdit>(dialog, "date")->setText("2026-01");
    CHECK(field<QLabel>(dialog, "datePrecision")->text() == "month precision");
    QPointer<app::AddEventDialog> open(dialog);
    pressOk(dialog);
    QTest::qWait(10);
    CHECK(open.isNull());
    CHECK(w.window.recordSession()->lastWrittenId() == "event:2026-01-test-capture-near-bhamo");
    CHECK(copy.snapshot() != before);
    w.window.undoStack()->undo();
    CHECK(copy.snapshot() == before);
}

TEST_CASE("A change of control recorded in the form changes the controller from that day", "[app][edit]")
{
    EditingWindow editing;
    auto& [w, copy, before, session] = editing;

    // From the inspector: its context menu offers the action, which opens on the feature shown.
    const auto ref = app::featureRefOf(w.window.document(), "mine:pangwa-belt");
    REQUIRE(ref);
    w.tools->inspect(*ref);
    QAction* action = w.window.findChild<QAction*>("recordControl");
    REQUIRE(action);
    CHECK(w.tools->inspector()->actions().contains(action));
    action->trigger();
    QPointer<app::RecordControlDialog> dialog = w.window.findChild<app::RecordControlDialog*>();
    REQUIRE(dialog);
    CHECK(field<QComboBox>(dialog, "feature")->currentData().toString() == "mine:pangwa-belt");
    field<QLineEdit>(dialog, "date")->setText("2026-03");
    field<QComboBox>(dialog, "controller")->setCurrentText("junta");
    REQUIRE(dialog->sources()->setChecked("S74"));
    pressOk(dialog);
    QTest::qWait(10);
    CHECK(dialog.isNull());  // accepted and closed
    CHECK(session->lastWrittenId() == "mine:pangwa-belt");

    auto controllerOn = [&](const char* iso) {
        for (const FeatureState& m : buildStateReport(*w.window.document().links(), TimeCursor(dayOf(iso))).mines)
            if (m.id == "mine:pangwa-belt") return m.controller ? m.controller->value : std::string("unknown");
        return std::string("missing");
    };
    CHECK(controllerOn("2026-02-28") == "KIA");
    CHECK(controllerOn("2026-03-01") == "junta");
    // The inspector, still on the belt, says so on the new controller's first day.
    w.setDay(2026, 3, 1);
    CHECK(w.tools->inspector()->currentId() == "mine:pangwa-belt");
    CHECK_THAT(w.tools->inspector()->nowText().toStdString(), Contains("Junta (SAC)</b> since 1 Mar 2026"));
    w.setDay(2026, 2, 28);
    CHECK_THAT(w.tools->inspector()->nowText().toStdString(), Contains("KIA"));

    w.window.undoStack()->undo();
    CHECK(copy.snapshot() == before);
    CHECK(controllerOn("2026-03-01") == "KIA");
}
