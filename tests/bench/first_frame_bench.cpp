// kachin-atlas-first-frame: how long a person waits for the map. The real window (MainWindow on
// the bundled data, or on the files given, as `kachin-atlas FILE…` opens them), from the start
// of main() to the first finished frame on its canvas. Printed, as `key value` lines:
//
//   window_constructed_ms   main() to the window built (data loaded, layers styled)
//   window_first_frame_ms   main() to its canvas's first finished frame
//   layers, features        what that frame was drawn from
//
//   kachin-atlas-first-frame [FILE…] [--size WxH]
//
// Figures only: it never fails on time. `export`'s own start-to-file time is printed by
// tests/bench/compare_qgis.sh.
#include "atlas/gui/main_window.h"
#include "atlas/gui/map_canvas.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <cstdio>

using namespace atlas::app;

int main(int argc, char** argv)
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    QApplication app(argc, argv);
    QApplication::setOrganizationName("KachinAtlasBench");  // never the user's settings
    QStringList files;
    int width = 1600, height = 1000;
    const QStringList args = QApplication::arguments().mid(1);
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == "--size" && i + 1 < args.size()) {
            if (std::sscanf(args[++i].toUtf8().constData(), "%dx%d", &width, &height) != 2 || width < 200 || height < 150) {
                std::fprintf(stderr, "usage: kachin-atlas-first-frame [FILE…] [--size WxH]\n");
                return 2;
            }
        } else {
            files << args[i];
        }
    }

    MainWindow window(files);
    const double constructed = static_cast<double>(sinceMain.nsecsElapsed()) / 1e6;
    bool drawn = false;
    QEventLoop loop;
    QObject::connect(window.canvas(), &MapCanvas::frameRendered, &loop, [&] {
        drawn = true;
        loop.quit();
    });
    QTimer::singleShot(120'000, &loop, &QEventLoop::quit);
    window.resize(width, height);
    window.show();
    loop.exec();
    if (!drawn) {
        std::fprintf(stderr, "kachin-atlas-first-frame: no frame in 120 s\n");
        return 3;
    }
    const double firstFrame = static_cast<double>(sinceMain.nsecsElapsed()) / 1e6;
    std::size_t features = 0;
    for (const LayerEntry& e : window.document().layers())
        if (e.layer) features += e.layer->featureCount();
    std::printf("window_constructed_ms %.1f\n", constructed);
    std::printf("window_first_frame_ms %.1f\n", firstFrame);
    std::printf("layers %zu\n", window.document().layers().size());
    std::printf("features %zu\n", features);
    return 0;
}
