#pragma once
// The real window on the bundled data, offscreen, for the browse tests; and how to reach its
// browse tools and the pixel of a feature.
#include "app_test_support.h"
#include "atlas/civil_date.h"
#include "atlas/gui/browse_tools.h"
#include "atlas/gui/identify.h"
#include "atlas/gui/main_window.h"
#include "atlas/gui/map_canvas.h"
#include "atlas/model/time_controller.h"

#include <catch2/catch.hpp>

#include <QTest>

namespace atlas::test {

inline QString browseData(const char* name)
{
    return QString(ATLAS_TEST_DATA_DIR) + "/browse/" + name;
}

struct BrowseWindow {
    app::MainWindow window{{}};
    app::BrowseTools* tools = nullptr;

    BrowseWindow()
    {
        window.resize(1200, 900);
        window.show();
        REQUIRE(QTest::qWaitForWindowExposed(&window));
        // Active, for the keyboard shortcut tests: a report box an earlier test showed and
        // closed can leave no window active on the offscreen platform.
        window.activateWindow();
        (void)QTest::qWaitForWindowActive(&window);
        tools = window.findChild<app::BrowseTools*>();
        REQUIRE(tools);
        settle();
    }
    // Waits until the canvas shows a frame of the current clock and view.
    void settle()
    {
        QTest::qWait(40);
        REQUIRE(waitUntil([&] { return !window.canvas()->isRendering(); }));
        QTest::qWait(20);
        REQUIRE(waitUntil([&] { return !window.canvas()->isRendering(); }));
    }
    void setDay(int y, int m, int d)
    {
        window.clock()->setDay(daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
        QCoreApplication::processEvents();
    }
    // The device pixel of a dataset feature's centre in the current view.
    Coord pixelOf(const char* id)
    {
        const auto ref = app::featureRefOf(window.document(), id);
        REQUIRE(ref);
        const Box b = ref->layer->geometry().bounds(ref->row);
        return window.canvas()->viewport().toPixel({b.centerX(), b.centerY()});
    }
    // The same in the canvas widget's logical coordinates (for QTest mouse events).
    QPoint widgetPointOf(const char* id)
    {
        const Coord px = pixelOf(id);
        const double r = window.canvas()->devicePixelRatioF();
        return QPoint(static_cast<int>(std::lround(px.x / r)), static_cast<int>(std::lround(px.y / r)));
    }
    std::optional<std::size_t> entryOf(const char* datasetKey) const
    {
        const auto& layers = window.document().layers();
        for (std::size_t i = 0; i < layers.size(); ++i)
            if (layers[i].datasetKey == datasetKey) return i;
        return std::nullopt;
    }
};

inline void useBundledData()
{
    widgetApp();
    qputenv("KACHIN_ATLAS_DATA", ATLAS_APP_DATA_DIR);
}

}  // namespace atlas::test
