#pragma once
// One job off the GUI thread, done the same way for every job the window runs (opening files,
// building overviews, drawing frames, export previews, animations): the work reads a cancel
// flag and writes its progress; the result comes back on the GUI thread. Starting again
// cancels the run in progress and drops its result, so only the latest run ever reports.
#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>

class QThreadPool;

namespace atlas::app {

// The pool every background task runs on — not Qt's global pool, which Qt's raster engine
// needs free: Qt 6.4 splits a large fill into tasks on the global pool and waits for them
// (qdrawhelper's parallel fills). The renderer's band threads fill polygons, so render jobs on
// the global pool deadlocked the window once every global thread held one (a stale frame still
// finishing beside the new one, on two cores): each waited for its band threads, which waited
// for fill tasks no thread was left to run. Owned by the application object, so it is drained
// when the application ends, before static destruction.
QThreadPool* backgroundPool();

// What the work sees of its task: whether to stop, and where its progress goes.
class TaskControl {
public:
    TaskControl() = default;
    bool cancelled() const { return m_cancel->load(); }
    // 0..1 of the work done.
    void setProgress(double fraction) const
    {
        m_permille->store(static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 1000));
    }
    // For the APIs that take a plain flag (render options, page and animation export).
    const std::atomic<bool>* cancelFlag() const { return m_cancel.get(); }

private:
    template <class T>
    friend class BackgroundTask;
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    std::shared_ptr<std::atomic<int>> m_permille = std::make_shared<std::atomic<int>>(0);
};

template <class T>
class BackgroundTask {
public:
    // `done` runs on `context`'s thread with the result of each run that was not superseded.
    BackgroundTask(QObject* context, std::function<void(T)> done) : m_done(std::move(done))
    {
        QObject::connect(&m_watcher, &QFutureWatcher<T>::finished, context, [this] { m_done(m_watcher.result()); });
    }
    ~BackgroundTask()
    {
        cancel();
        m_watcher.waitForFinished();
    }
    BackgroundTask(const BackgroundTask&) = delete;
    BackgroundTask& operator=(const BackgroundTask&) = delete;

    // Runs `work` on backgroundPool(); a run in progress is cancelled and its result dropped
    // (setFuture() on a running watcher forgets the old future).
    void start(std::function<T(const TaskControl&)> work)
    {
        cancel();
        m_control = TaskControl{};
        m_watcher.setFuture(QtConcurrent::run(backgroundPool(), [work = std::move(work), control = m_control] { return work(control); }));
    }
    void cancel() const { m_control.m_cancel->store(true); }
    bool isRunning() const { return m_watcher.isRunning(); }
    // Whether the latest run was asked to stop (a finished run keeps its answer).
    bool wasCancelled() const { return m_control.cancelled(); }
    int permille() const { return m_control.m_permille->load(); }
    void waitForFinished() { m_watcher.waitForFinished(); }

private:
    std::function<void(T)> m_done;
    QFutureWatcher<T> m_watcher;
    TaskControl m_control;
};

}  // namespace atlas::app
