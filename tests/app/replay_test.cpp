// Replay in the real window, offscreen: the map, the event list and the keyboard all follow
// the one clock.
#include "app_test_support.h"
#include "atlas/civil_date.h"
#include "atlas/render/palette.h"
#include "atlas/gui/event_list_dock.h"
#include "atlas/gui/main_window.h"
#include "atlas/gui/map_canvas.h"
#include "atlas/model/time_controller.h"

#include <catch2/catch.hpp>

#include <QTest>

using namespace atlas;
using namespace atlas::app;

namespace {

int distance(QColor a, QColor b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
}

struct Window {
    MainWindow window{{}};
    Window()
    {
        window.resize(1200, 900);
        window.show();
        REQUIRE(QTest::qWaitForWindowExposed(&window));
        settle();
    }
    // Waits until the canvas shows a frame of the current clock and view.
    void settle()
    {
        QTest::qWait(40);
        REQUIRE(test::waitUntil([&] { return !window.canvas()->isRendering(); }));
        QTest::qWait(20);
        REQUIRE(test::waitUntil([&] { return !window.canvas()->isRendering(); }));
    }
    QColor pixelAtFeature(const char* layerKey, const char* id)
    {
        const Dataset* ds = window.document().dataset();
        REQUIRE(ds);
        const DatasetLayer* dl = ds->layer(layerKey);
        REQUIRE(dl);
        const auto row = dl->layer->findById(id);
        REQUIRE(row);
        const Box b = dl->layer->geometry().bounds(*row);
        const Coord px = window.canvas()->viewport().toPixel({b.centerX(), b.centerY()});
        const QImage img = window.canvas()->grabMap();
        return img.pixelColor(static_cast<int>(px.x), static_cast<int>(px.y));
    }
};

}  // namespace

TEST_CASE("Moving the clock recolours the Pangwa belt from BGF to KIA", "[app][replay]")
{
    test::widgetApp();
    qputenv("KACHIN_ATLAS_DATA", ATLAS_APP_DATA_DIR);
    Window w;
    TimeController* clock = w.window.clock();

    // 29 Sep 2024: still BGF (from Chipwi's fall on 30 Sep the belt is contested, issue 17).
    clock->setDay(daysFromCivil(2024, 9, 29));
    w.settle();
    const QColor before = w.pixelAtFeature("mines", "mine:pangwa-belt");
    clock->setDay(daysFromCivil(2024, 10, 20));
    w.settle();
    const QColor after = w.pixelAtFeature("mines", "mine:pangwa-belt");

    const QColor bgf = render::palette::controllerColor("NDA-K/BGF");
    const QColor kia = render::palette::controllerColor("KIA");
    INFO("before " << before.name().toStdString() << " after " << after.name().toStdString());
    CHECK(distance(before, bgf) < distance(before, kia));
    CHECK(distance(after, kia) < distance(after, bgf));
    CHECK(distance(before, bgf) < 120);  // translucent over the basemap, still plainly BGF orange
    CHECK(distance(after, kia) < 120);
}

TEST_CASE("Keyboard: Ctrl+Right steps exactly one day and the next-event key lands on the next event", "[app][replay]")
{
    test::widgetApp();
    qputenv("KACHIN_ATLAS_DATA", ATLAS_APP_DATA_DIR);
    Window w;
    TimeController* clock = w.window.clock();
    clock->setDay(daysFromCivil(2024, 10, 16));
    w.window.canvas()->setFocus();

    QTest::keyClick(&w.window, Qt::Key_Right, Qt::ControlModifier);
    CHECK(clock->day() == daysFromCivil(2024, 10, 17));
    QTest::keyClick(&w.window, Qt::Key_Left, Qt::ControlModifier);
    CHECK(clock->day() == daysFromCivil(2024, 10, 16));

    // Events on 17 Oct (KIA attacks Pangwa, Deng Xijun meets the KIA), then 18 Oct (capture).
    QTest::keyClick(&w.window, Qt::Key_BracketRight);
    CHECK(clock->day() == daysFromCivil(2024, 10, 17));
    QTest::keyClick(&w.window, Qt::Key_BracketRight);
    CHECK(clock->day() == daysFromCivil(2024, 10, 18));
    QTest::keyClick(&w.window, Qt::Key_BracketLeft);
    CHECK(clock->day() == daysFromCivil(2024, 10, 17));
}

TEST_CASE("The event list on 2025-01-27 with a 7-day window holds the Bhamo airport capture", "[app][replay]")
{
    test::widgetApp();
    qputenv("KACHIN_ATLAS_DATA", ATLAS_APP_DATA_DIR);
    Window w;
    w.window.clock()->setWindow(DaysWindow{7});
    w.window.clock()->setDay(daysFromCivil(2025, 1, 27));
    const QStringList ids = w.window.eventListDock()->listedIds();
    CHECK(ids.contains("event:2025-01-26-bhamo-airport"));
    // Nothing outside the window: the 4 Dec 2024 offensive start is not listed.
    CHECK_FALSE(ids.contains("event:2024-12-04-bhamo-offensive"));

    // Selecting it highlights its links on the map.
    w.window.eventListDock()->selectEvent("event:2025-01-26-bhamo-airport");
    const auto& hl = w.window.document().highlight();
    CHECK(std::find(hl.begin(), hl.end(), "event:2025-01-26-bhamo-airport") != hl.end());
}
