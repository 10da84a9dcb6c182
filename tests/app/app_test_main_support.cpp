#include "app_test_support.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QThread>

namespace atlas::test {

QApplication& widgetApp()
{
    static int argc = 1;
    static char name[] = "app_tests";
    static char* argv[] = {name, nullptr};
    static QApplication* app = [] {
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
    return *app;
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
