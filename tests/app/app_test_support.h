#pragma once
// One QApplication (offscreen) for every window-level test.
#include <QApplication>

#include <functional>

namespace atlas::test {
QApplication& widgetApp();
// Processes events until `pred` holds or `ms` pass; returns pred().
bool waitUntil(const std::function<bool()>& pred, int ms = 10000);
}  // namespace atlas::test
