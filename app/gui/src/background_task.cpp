#include "atlas/gui/background_task.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

#include <mutex>

namespace atlas::app {

QThreadPool* backgroundPool()
{
    static std::mutex mutex;
    static QPointer<QThreadPool> pool;
    std::lock_guard lock(mutex);
    if (!pool) {
        QCoreApplication* app = QCoreApplication::instance();
        // Without an application (never in the window) a pool that lives as long as the process.
        static QThreadPool* orphan = nullptr;
        if (!app && !orphan) orphan = new QThreadPool;
        pool = app ? new QThreadPool(app) : orphan;
        pool->setObjectName("atlas background tasks");
    }
    return pool;
}

}  // namespace atlas::app
