#pragma once
// A QGuiApplication for render tests (fonts and painting need one; no display is used).
#include <QColor>
#include <QGuiApplication>

#include <algorithm>
#include <cstdlib>

namespace atlas::test {

inline QGuiApplication& guiApp()
{
    static int argc = 1;
    static char name[] = "render_tests";
    static char* argv[] = {name, nullptr};
    static QGuiApplication* app = [] {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        return new QGuiApplication(argc, argv);
    }();
    return *app;
}

// Largest per-channel difference between two colours.
inline int colourDistance(QColor a, QColor b)
{
    return std::max({std::abs(a.red() - b.red()), std::abs(a.green() - b.green()), std::abs(a.blue() - b.blue())});
}

}  // namespace atlas::test
