// New Version as Of… (issue 15) on a temporary copy of the bundled dataset, the tool driven as a
// user drives it (mouse events on the canvas): a vertex of Bhamo's control area dragged by a
// known amount shows the km² gained and lost that version_change.h (`diff`'s computation) finds
// for the saved version; the saved version has the moved vertex; undo gives the files back;
// a vertex dropped a few pixels from Bhamo's town point lands exactly on it (snapping).
#include "atlas/analysis/links.h"
#include "atlas/data/schema.h"
#include "atlas/edit/dataset_store.h"
#include "atlas/edit/version_change.h"
#include "atlas/gui/id_picker.h"
#include "atlas/gui/identify.h"
#include "atlas/gui/inspector.h"
#include "atlas/gui/map_canvas.h"
#include "atlas/gui/version_panel.h"
#include "atlas/gui/vertex_edit_tool.h"
#include "atlas/render/layout_annotations.h"

#include "browse_test_support.h"
#include "record_test_support.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <algorithm>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPointer>
#include <QUndoStack>

using namespace atlas;
using namespace atlas::test;
using Catch::Matchers::Contains;

namespace {

void send(QWidget* w, QEvent::Type type, QPointF device, Qt::MouseButton button, Qt::MouseButtons buttons)
{
    const QPointF logical = device / w->devicePixelRatioF();
    QMouseEvent e(type, logical, w->mapToGlobal(logical), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(w, &e);
}

// Press on `from`, move in a few steps, release on `to` (device pixels).
void drag(QWidget* w, QPointF from, QPointF to)
{
    send(w, QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
    for (int i = 1; i <= 4; ++i) send(w, QEvent::MouseMove, from + (to - from) * (i / 4.0), Qt::NoButton, Qt::LeftButton);
    send(w, QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton);
}

QString finishedPreview(app::VersionPanel* panel)
{
    panel->updatePreview();
    REQUIRE(QTest::qWaitFor([&] { return !panel->previewRunning(); }, 60000));
    QCoreApplication::processEvents();
    return panel->previewText();
}

}  // namespace

TEST_CASE("A control area's vertex moved with the tool previews diff's km² and is saved as a new version",
          "[app][edit]")
{
    EditingWindow editing;
    auto& [w, copy, before, session] = editing;
    w.setDay(2026, 1, 20);
    w.settle();

    app::VersionPanel* panel = openNewVersion(w, "control:bhamo-kia-2025-12-25");
    CHECK(panel->findChild<QLineEdit*>("asOf")->text() == "2026-01-20");
    CHECK(panel->sketch().start().group == "area:bhamo");
    CHECK(panel->sketch().start().asOf == "2025-12-25");
    app::VertexEditTool* tool = panel->tool();
    REQUIRE(tool);
    REQUIRE(tool->isActive());

    // The KIA part's first vertex, moved 0.02° east (about 2 km) where nothing is to snap to.
    std::size_t kiaPath = 0;
    while (panel->sketch().start().parts[panel->sketch().paths().at(kiaPath).part].controller != "KIA") ++kiaPath;
    // Closer in (20 m a pixel, the vertex in the middle), so that nothing but what is aimed at
    // is within the tool's reach.
    Viewport vp = w.window.canvas()->viewport();
    const QPointF first = tool->pixelOf({kiaPath, 0});
    const Coord centre = vp.toMap({first.x(), first.y()});
    vp.centerX = centre.x;
    vp.centerY = centre.y;
    vp.unitsPerPixel = 20;
    w.window.canvas()->setViewport(vp);
    w.settle();
    // The vertex a press there picks (a vertex shared by two parts is picked once).
    const auto hit = tool->vertexAt(tool->pixelOf({kiaPath, 0}));
    REQUIRE(hit);
    const app::VertexRef v = *hit;
    const Coord from = panel->sketch().paths()[v.path].points[v.index];
    const render::AnnotationProjector projector(w.window.document().displayCrs());
    const QPointF fromPx = tool->pixelOf(v);
    const QPointF toPx = projector.toPixel(w.window.canvas()->viewport(), {from.x + 0.02, from.y});
    REQUIRE_FALSE(tool->snapAt(toPx));
    drag(w.window.canvas(), fromPx, toPx);
    const Coord moved = panel->sketch().paths()[v.path].points[v.index];
    CHECK(moved.x == Approx(from.x + 0.02).margin(2e-6));
    CHECK(moved.y == Approx(from.y).margin(2e-6));
    CHECK(panel->sketch().changed());

    REQUIRE(panel->sources()->setChecked("S33"));
    panel->findChild<QLineEdit*>("description")->setText("KIA line pushed east of the Momauk road");
    const QString preview = finishedPreview(panel);
    CHECK_THAT(preview.toStdString(), Contains("area:bhamo: 2026-01-19 → 2026-01-20"));
    CHECK_THAT(preview.toStdString(), Contains("gained"));

    // The same numbers version_change.h gives for the edit, computed here without the window.
    const auto v0 = panel->edit();
    REQUIRE(v0);
    const auto checked = edit::FolderStore(copy.dir.toStdString()).preview(*v0);
    REQUIRE(checked.ok());
    const LinkIndex previewLinks(checked->dataset);
    const auto expected = edit::versionChange(previewLinks, "area:bhamo", dayOf("2026-01-20"));
    REQUIRE(expected.area);
    double kiaGained = 0, kiaLost = 0;
    for (const SideChange& s : expected.area->sides)
        if (s.controller == "KIA") kiaGained = s.gainedKm2, kiaLost = s.lostKm2;
    CHECK(kiaGained + kiaLost > 0.1);  // a 2 km move changes real ground
    CHECK(preview.toStdString() == QString::fromStdString(edit::toText(expected)).trimmed().toStdString());

    // Save: a new as_of version, the moved vertex in it; the window's diff agrees with the preview.
    QPointer<app::VersionPanel> open(panel);
    QTest::mouseClick(panel->findChild<QPushButton*>("save"), Qt::LeftButton);
    if (open && open->isVisible()) FAIL_CHECK("not saved: " << open->errorText().toStdString());
    QTest::qWait(10);
    CHECK(open.isNull());
    const auto after = copy.snapshot();
    for (const auto& [name, bytes] : before)
        if (name != "control.geojson") CHECK(after.at(name) == bytes);
    bool found = false;
    for (const QByteArray& line : after.at("control.geojson").split('\n')) {
        if (!line.contains("\"area_id\":\"area:bhamo\",\"as_of\":\"2026-01-20\"") || !line.contains("\"controller\":\"KIA\""))
            continue;
        const auto feature = edit::Json::parse(line.endsWith(',') ? line.chopped(1).toStdString() : line.toStdString());
        const std::string coords = feature["geometry"]["coordinates"].dump();
        found = coords.find(edit::Json::array({moved.x, moved.y}).dump()) != std::string::npos;
    }
    CHECK(found);
    const auto saved = edit::versionChange(*w.window.document().links(), "area:bhamo", dayOf("2026-01-20"));
    CHECK(edit::toText(saved) == edit::toText(expected));

    w.window.undoStack()->undo();
    CHECK(copy.snapshot() == before);
}

TEST_CASE("A vertex dropped a few pixels from another layer's vertex snaps onto it, and Escape gives up", "[app][edit]")
{
    EditingWindow editing;
    auto& [w, copy, before, session] = editing;
    w.setDay(2026, 1, 20);
    w.settle();
    // Close in on Bhamo (5 m a pixel), so that only its town point is within reach.
    Viewport vp = w.window.canvas()->viewport();
    const auto bhamo = app::featureRefOf(w.window.document(), "place:bhamo");
    REQUIRE(bhamo);
    const Box b = bhamo->layer->geometry().bounds(bhamo->row);
    vp.centerX = b.centerX();
    vp.centerY = b.centerY();
    vp.unitsPerPixel = 5;
    w.window.canvas()->setViewport(vp);
    w.settle();

    app::VersionPanel* panel = openNewVersion(w, "control:bhamo-kia-2025-12-25");
    app::VertexEditTool* tool = panel->tool();
    const auto hit = tool->vertexAt(tool->pixelOf({0, 0}));
    REQUIRE(hit);
    const app::VertexRef v = *hit;
    const Coord bhamoDevice = w.pixelOf("place:bhamo");
    const QPointF bhamoPx(bhamoDevice.x, bhamoDevice.y);
    const QPointF dropPx = bhamoPx + QPointF(4, 3);  // 5 px away: 25 m off without snapping
    const auto snapped = tool->snapAt(dropPx);
    REQUIRE(snapped);
    CHECK(snapped->x == Approx(97.23).margin(1e-9));
    CHECK(snapped->y == Approx(24.27).margin(1e-9));
    drag(w.window.canvas(), tool->pixelOf(v), dropPx);
    const Coord landed = panel->sketch().paths()[v.path].points[v.index];
    CHECK(landed.x == 97.23);
    CHECK(landed.y == 24.27);

    // Escape on the canvas: the panel goes, nothing is written, no undo step.
    const int undoCount = w.window.undoStack()->count();
    QPointer<app::VersionPanel> open(panel);
    QTest::keyClick(w.window.canvas(), Qt::Key_Escape);
    QTest::qWait(10);
    CHECK(open.isNull());
    CHECK(copy.snapshot() == before);
    CHECK(w.window.undoStack()->count() == undoCount);
}

TEST_CASE("Snapping offers only the vertices of what the map shows on the clock's day", "[app][edit]")
{
    EditingWindow editing;
    auto& [w, copy, before, session] = editing;
    w.setDay(2026, 1, 20);
    w.settle();
    const auto inForce = app::featureRefOf(w.window.document(), "front:bhamo-2025-12-25");
    const auto superseded = app::featureRefOf(w.window.document(), "front:bhamo-2025-02-20");
    REQUIRE(inForce);
    REQUIRE(superseded);
    const auto targets = app::snapTargetsOf(w.window.workbench(), schema::kControl);
    auto offered = [&](Coord c) {
        return std::any_of(targets.begin(), targets.end(), [&](Coord t) { return t.x == c.x && t.y == c.y; });
    };
    for (const Coord c : inForce->layer->geometry().coords(inForce->row)) CHECK(offered(c));
    // The February 2025 line starts somewhere the December line never goes: not offered.
    const Coord oldStart = superseded->layer->geometry().coords(superseded->row).front();
    CHECK_FALSE(offered(oldStart));
    // On its own day it is what the map shows, and offered.
    w.setDay(2025, 3, 1);
    w.settle();
    const auto then = app::snapTargetsOf(w.window.workbench(), schema::kControl);
    CHECK(std::any_of(then.begin(), then.end(), [&](Coord t) { return t.x == oldStart.x && t.y == oldStart.y; }));
}
