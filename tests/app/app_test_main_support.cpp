#include "app_test_support.h"

#include "atlas/gui/background_task.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QThread>
#include <QThreadPool>

namespace atlas::test {

namespace {
QApplication* g_app = nullptr;
}

QApplication& widgetApp()
{
    static int argc = 1;
    static char name[] = "app_tests";
    static char* argv[] = {name, nullptr};
    if (!g_app) g_app = [] {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        // Each test process keeps its own app data (autosaves, recovery locks): a window one test
        // leaves modified must not offer its recovery to a test running beside it.
        static QTemporaryDir dataHome;
        qputenv("XDG_DATA_HOME", dataHome.path().toUtf8());
        auto* a = new QApplication(argc, argv);
        QCoreApplication::setOrganizationName("KachinAtlasTests");
        QCoreApplication::setApplicationName("app_tests");
        return a;
    }();
    return *g_app;
}

void shutdownWidgetApp()
{
    if (!g_app) return;
    app::backgroundPool()->waitForDone();
    QThreadPool::globalInstance()->waitForDone();
    delete g_app;
    g_app = nullptr;
}

bool waitUntil(const std::function<bool()>& pred, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!pred() && t.elapsed() < ms) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(2);
    }
    return pred();
}

}  // namespace atlas::test
