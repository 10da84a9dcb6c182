// Edit Event… and Delete Event… (issue 15) on a temporary copy of the bundled dataset: the form
// opens prefilled from the row as written, OK rewrites only the changed cells of that one line,
// a delete asks for a source and removes the line, and undo gives the files back byte for byte.
// Refusals (an end before the start, no source, an event others link to) say the validator's
// message in the dialog and leave the files as they were.
#include "atlas/gui/add_event_dialog.h"
#include "atlas/gui/delete_event_dialog.h"
#include "atlas/gui/event_list_dock.h"
#include "atlas/gui/event_update.h"
#include "atlas/gui/id_picker.h"
#include "atlas/gui/identify.h"
#include "atlas/gui/inspector.h"

#include "browse_test_support.h"
#include "record_test_support.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QUndoStack>

#include <algorithm>
#include <iterator>

using namespace atlas;
using namespace atlas::test;
using Catch::Matchers::Contains;

namespace {

const char* const kLweje = "event:1998-08-23-lweje-post-opens";
const char* const kLwejeLine =
    R"({"type":"Feature","properties":{"id":"event:1998-08-23-lweje-post-opens","date":"1998-08-23","date_end":"","date_approx":false,"kind":"border","title":"Lweje border-trade post opens","summary":"The official Lweje–Zhangfeng border-trade post opened.","actors":"Myanmar;China","links":"crossing:lweje;place:lweje;place:zhangfeng","place_id":"place:lweje","precision":"town point","confidence":"high","sources":"S52","note":""},"geometry":{"type":"Point","coordinates":[97.72,24.2]}})";

// The lines of `after` not in `before` and the reverse (a trailing comma ignored).
std::pair<std::vector<QByteArray>, std::vector<QByteArray>> changedLines(const QByteArray& before, const QByteArray& after)
{
    auto oldLines = lineSet(before), newLines = lineSet(after);
    std::vector<QByteArray> added, removed;
    std::set_difference(newLines.begin(), newLines.end(), oldLines.begin(), oldLines.end(), std::back_inserter(added));
    std::set_difference(oldLines.begin(), oldLines.end(), newLines.begin(), newLines.end(), std::back_inserter(removed));
    return {added, removed};
}

void inspectEvent(BrowseWindow& w, const char* id)
{
    const auto ref = app::featureRefOf(w.window.document(), id);
    REQUIRE(ref);
    w.tools->inspect(*ref);
    REQUIRE(w.tools->inspector()->currentId() == id);
}

app::AddEventDialog* openEditEvent(BrowseWindow& w)
{
    QAction* action = w.window.findChild<QAction*>("editEvent");
    REQUIRE(action);
    CHECK(action->shortcut() == QKeySequence(Qt::Key_F2));
    CHECK(w.tools->inspector()->actions().contains(action));
    action->trigger();
    auto* dialog = w.window.findChild<app::AddEventDialog*>("editEventDialog");
    REQUIRE(dialog);
    REQUIRE(dialog->isVisible());
    REQUIRE(dialog->isEditing());
    return dialog;
}

}  // namespace

TEST_CASE("Edit Event… opens prefilled and rewrites only the changed cells, and undo restores the files",
          "[app][edit]")
{
    EditingWindow editing;
    auto& [w, copy, before, session] = editing;
    REQUIRE(before.at("events.geojson").contains(kLwejeLine));
    inspectEvent(w, kLweje);

    app::AddEventDialog* dialog = openEditEvent(w);
    // Every field as the row has it.
    CHECK(field<QLineEdit>(dialog, "date")->text() == "1998-08-23");
    CHECK(field<QLabel>(dialog, "datePrecision")->text() == "day precision");
    CHECK(field<QLineEdit>(dialog, "dateEnd")->text() == "");
    CHECK_FALSE(field<QCheckBox>(dialog, "approx")->isChecked());
    CHECK(field<QComboBox>(dialog, "kind")->currentText() == "border");
    CHECK(field<QLineEdit>(dialog, "title")->text() == "Lweje border-trade post opens");
    CHECK(field<QLineEdit>(dialog, "summary")->text() == QString::fromUtf8("The official Lweje–Zhangfeng border-trade post opened."));
    CHECK(field<QLineEdit>(dialog, "actors")->text() == "Myanmar; China");
    const auto links = dialog->links()->checkedIds();
    CHECK(links.size() == 3);
    CHECK(std::set<std::string>(links.begin(), links.end()) ==
          std::set<std::string>{"crossing:lweje", "place:lweje", "place:zhangfeng"});
    CHECK(field<QComboBox>(dialog, "place")->currentData().toString() == "place:lweje");
    CHECK(field<QLineEdit>(dialog, "lon")->text() == "97.72000");
    CHECK(field<QLineEdit>(dialog, "lat")->text() == "24.20000");
    CHECK(field<QLineEdit>(dialog, "radius")->text() == "town point");
    CHECK(dialog->sources()->checkedIds() == std::vector<std::string>{"S52"});
    CHECK(field<QComboBox>(dialog, "confidence")->currentText() == "high");

    // OK with nothing changed writes nothing.
    pressOk(dialog);
    CHECK(dialog->isVisible());
    CHECK_THAT(dialog->errorText().toStdString(), Contains("nothing changed"));
    CHECK(copy.snapshot() == before);

    // An end before the start is the validator's to refuse: its message, files untouched.
    field<QLineEdit>(dialog, "dateEnd")->setText("1998-08-01");
    pressOk(dialog);
    CHECK(dialog->isVisible());
    CHECK_THAT(dialog->errorText().toStdString(), Contains("events.geojson"));
    CHECK_THAT(dialog->errorText().toStdString(), Contains("date_end"));
    CHECK(copy.snapshot() == before);
    field<QLineEdit>(dialog, "dateEnd")->clear();

    // A corrected title, with the source that gives it.
    field<QLineEdit>(dialog, "title")->setText("Lweje–Zhangfeng border-trade post opens");
    REQUIRE(dialog->sources()->setChecked("S33"));
    QPointer<app::AddEventDialog> open(dialog);
    pressOk(dialog);
    QTest::qWait(10);
    CHECK(open.isNull());
    CHECK(session->lastWrittenId() == kLweje);

    // Exactly one line changed, and in it only the title and the sources.
    const auto after = copy.snapshot();
    for (const auto& [name, bytes] : before)
        if (name != "events.geojson") CHECK(after.at(name) == bytes);
    const auto [added, removed] = changedLines(before.at("events.geojson"), after.at("events.geojson"));
    REQUIRE(removed.size() == 1);
    REQUIRE(added.size() == 1);
    CHECK(removed[0] == kLwejeLine);
    QByteArray expected(kLwejeLine);
    expected.replace("\"title\":\"Lweje border-trade post opens\"", "\"title\":\"Lweje–Zhangfeng border-trade post opens\"");
    expected.replace("\"sources\":\"S52\"", "\"sources\":\"S52;S33\"");
    CHECK(added[0].toStdString() == expected.toStdString());
    // The window shows the corrected title at once.
    CHECK(w.window.document().dataset()->events().byId(kLweje)->title == "Lweje–Zhangfeng border-trade post opens");

    w.window.undoStack()->undo();
    CHECK(copy.snapshot() == before);
    CHECK(w.window.document().dataset()->events().byId(kLweje)->title == "Lweje border-trade post opens");
    w.window.undoStack()->redo();
    CHECK(copy.snapshot() == after);
    w.window.undoStack()->undo();
    CHECK(copy.snapshot() == before);
}

TEST_CASE("eventUpdate sets only what differs, moves a point and removes a source the form unticked", "[app][edit]")
{
    auto row = edit::Json::parse(kLwejeLine);
    edit::AddEvent form;
    form.date = "1998-08-23";
    form.kind = "border";
    form.title = "Lweje border-trade post opens";
    form.summary = "The official Lweje–Zhangfeng border-trade post opened.";
    form.actors = {"Myanmar", "China"};
    form.links = {"place:lweje", "place:zhangfeng", "crossing:lweje"};  // another order, the same set
    form.placeId = "place:lweje";
    form.lonLat = std::pair{97.720001, 24.2};                            // the same point at 5 decimals
    form.precision = "town point";
    form.confidence = "high";
    form.sources = {"S52"};
    CHECK_FALSE(app::eventUpdate(row, form));

    form.lonLat = std::pair{97.73, 24.21};
    form.precision = "~2 km";
    form.sources = {"S33"};
    const auto u = app::eventUpdate(row, form);
    REQUIRE(u);
    CHECK(u->id == kLweje);
    REQUIRE(u->geometry);
    CHECK(u->geometry->dump() == R"({"type":"Point","coordinates":[97.73,24.21]})");
    REQUIRE(u->set.size() == 2);
    CHECK(u->set[0].first == "precision");
    CHECK(u->set[0].second == "~2 km");
    CHECK(u->set[1].first == "sources");
    CHECK(u->set[1].second == "S33");
    CHECK(u->sources == std::vector<std::string>{"S33"});
}

TEST_CASE("Delete Event… asks for a source, removes the line, and undo puts it back byte for byte", "[app][edit]")
{
    EditingWindow editing;
    auto& [w, copy, before, session] = editing;
    const int undoCount = w.window.undoStack()->count();

    // Chosen in the event list this time (the inspector shows no event).
    w.tools->inspector()->clear();
    w.setDay(2021, 2, 1);
    w.settle();
    app::EventListDock* list = w.window.eventListDock();
    REQUIRE(list->listedIds().contains("event:2021-02-01-coup"));
    list->selectEvent("event:2021-02-01-coup");
    CHECK(session->currentEventId() == "event:2021-02-01-coup");
    QAction* action = w.window.findChild<QAction*>("deleteEvent");
    REQUIRE(action);
    CHECK(list->actions().contains(action));
    action->trigger();
    QPointer<app::DeleteEventDialog> dialog = w.window.findChild<app::DeleteEventDialog*>();
    REQUIRE(dialog);
    CHECK_THAT(field<QLabel>(dialog, "question")->text().toStdString(), Contains("Military coup"));

    // Without a source: refused with the store's reason, nothing written.
    pressOk(dialog);
    REQUIRE(dialog);
    CHECK(dialog->isVisible());
    CHECK_THAT(dialog->errorText().toStdString(), Contains("source"));
    CHECK(copy.snapshot() == before);
    CHECK(w.window.undoStack()->count() == undoCount);

    REQUIRE(dialog->sources()->setChecked("S50"));
    pressOk(dialog);
    QTest::qWait(10);
    CHECK(dialog.isNull());
    const auto after = copy.snapshot();
    const auto [added, removed] = changedLines(before.at("events.geojson"), after.at("events.geojson"));
    CHECK(added.empty());
    REQUIRE(removed.size() == 1);
    CHECK_THAT(removed[0].toStdString(), Contains("\"id\":\"event:2021-02-01-coup\""));
    CHECK_FALSE(hasEvent(w.window, "event:2021-02-01-coup"));
    CHECK_FALSE(list->listedIds().contains("event:2021-02-01-coup"));

    w.window.undoStack()->undo();
    CHECK(copy.snapshot() == before);
    CHECK(hasEvent(w.window, "event:2021-02-01-coup"));
}

TEST_CASE("Delete Event… of an event others link to is refused with the validator's message", "[app][edit]")
{
    EditingWindow editing;
    auto& [w, copy, before, session] = editing;
    inspectEvent(w, "event:2025-05-china-ultimatum");
    w.window.findChild<QAction*>("deleteEvent")->trigger();
    auto* dialog = w.window.findChild<app::DeleteEventDialog*>();
    REQUIRE(dialog);
    REQUIRE(dialog->sources()->setChecked("S50"));
    pressOk(dialog);
    CHECK(dialog->isVisible());
    CHECK_THAT(dialog->errorText().toStdString(), Contains("event:2025-05-china-ultimatum"));
    CHECK(copy.snapshot() == before);
    CHECK(hasEvent(w.window, "event:2025-05-china-ultimatum"));
}

TEST_CASE("The event's place is chosen by name: Edit Event rewrites place_id alone, Add Event takes its point",
          "[app][edit]")
{
    EditingWindow editing;
    auto& [w, copy, before, session] = editing;
    inspectEvent(w, kLweje);
    app::AddEventDialog* dialog = openEditEvent(w);
    auto* place = field<QComboBox>(dialog, "place");
    const int zhangfeng = place->findData("place:zhangfeng");
    REQUIRE(zhangfeng > 0);
    CHECK_THAT(place->itemText(zhangfeng).toStdString(), Contains("Zhangfeng"));
    place->setCurrentIndex(zhangfeng);
    REQUIRE(dialog->sources()->setChecked("S33"));
    pressOk(dialog);
    QTest::qWait(10);
    const auto [added, removed] = changedLines(before.at("events.geojson"), copy.snapshot().at("events.geojson"));
    REQUIRE(added.size() == 1);
    REQUIRE(removed.size() == 1);
    QByteArray expected = QByteArray(kLwejeLine)
                              .replace("\"place_id\":\"place:lweje\"", "\"place_id\":\"place:zhangfeng\"")
                              .replace("\"sources\":\"S52\"", "\"sources\":\"S52;S33\"");
    CHECK(added[0] == expected);  // the point stays as it was: only the cell changed

    // A new event at a place chosen from the list, no point given: the place's point is taken.
    w.window.findChild<QAction*>("addEvent")->trigger();
    auto* add = w.window.findChild<app::AddEventDialog*>("addEventDialog");
    REQUIRE(add);
    auto* addPlace = field<QComboBox>(add, "place");
    CHECK(addPlace->currentData().toString().isEmpty());  // (none) to start with
    addPlace->setCurrentIndex(addPlace->findData("place:bhamo"));
    emit addPlace->activated(addPlace->currentIndex());
    CHECK(field<QLineEdit>(add, "lon")->text() == "97.23000");
    CHECK(field<QLineEdit>(add, "lat")->text() == "24.27000");
    CHECK(add->draft().placeId == "place:bhamo");
}
