#pragma once
// One QApplication (offscreen) for every window-level test.
#include <QApplication>

#include <functional>

namespace atlas::test {
QApplication& widgetApp();
// Ends the application made by widgetApp(), as the real program's main() does when its event loop
// returns: Qt's thread pool is drained and stopped before static destruction, so no worker thread
// outlives the libraries (GDAL, PROJ, GEOS) it uses.
void shutdownWidgetApp();
// Processes events until `pred` holds or `ms` pass; returns pred().
bool waitUntil(const std::function<bool()>& pred, int ms = 10000);
}  // namespace atlas::test
