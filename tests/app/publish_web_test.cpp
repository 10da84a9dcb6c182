// File → Export Web Map… writes the page of the window's view and clock day.
#include "app_test_support.h"
#include "atlas/civil_date.h"
#include "atlas/gui/export_web_dialog.h"
#include "atlas/gui/main_window.h"
#include "atlas/model/time_controller.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QFile>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTest>

using namespace atlas;
using namespace atlas::app;

TEST_CASE("Export Web Map writes the window's view and day as a web page", "[app][publish][web]")
{
    test::widgetApp();
    qputenv("KACHIN_ATLAS_DATA", ATLAS_APP_DATA_DIR);
    MainWindow window{{}};
    window.resize(1000, 700);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));

    bool inMenu = false;
    for (QAction* a : window.findChildren<QAction*>()) inMenu = inMenu || a->text() == "Export &Web Map…";
    CHECK(inMenu);

    const int32_t day = daysFromCivil(2024, 10, 20);
    window.workbench().clock.setDay(day);
    QTemporaryDir tmp;
    ExportWebDialog dialog(window.workbench(), &window);
    dialog.setOutput(tmp.filePath("web"));
    dialog.setOpenWhenDone(false);
    QMetaObject::invokeMethod(&dialog, "accept");
    REQUIRE(test::waitUntil([&] { return dialog.lastResult().ok; }, 30000));

    QFile data(tmp.filePath("web/data/atlas-data.js"));
    REQUIRE(data.open(QIODevice::ReadOnly));
    const QByteArray text = data.readAll();
    CHECK(text.startsWith("window.ATLAS_DATA = "));
    CHECK(text.contains(QByteArray("\"day\":") + QByteArray::number(day) + ","));
    CHECK(QFile::exists(tmp.filePath("web/index.html")));
    CHECK(QFile::exists(tmp.filePath("web/leaflet/leaflet.js")));
}
