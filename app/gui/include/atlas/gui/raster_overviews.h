#pragma once
// Layer → Build Overviews…: reduced-resolution copies of a large raster (an external .ovr
// beside the file), so zoomed-out views of a satellite scene read a few pixels instead of
// all of them. Built off the GUI thread with a progress dialog that can cancel; the map is
// redrawn from the overviews when they are done.
#include "atlas/gui/workbench.h"
#include "atlas/diagnostics.h"
#include "atlas/raster_source.h"

#include "atlas/gui/background_task.h"
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <atomic>
#include <memory>

class QProgressDialog;

namespace atlas::app {


class OverviewBuilder : public QObject {
    Q_OBJECT
public:
    explicit OverviewBuilder(const Workbench& wb);
    ~OverviewBuilder() override;

    // Starts building for the raster layer at document index `at`; ignored for a vector layer
    // or while a build runs.
    void build(std::size_t at);
    bool isBusy() const { return m_task.isRunning(); }
    void cancel();

signals:
    // ok: overviews built; otherwise `message` says why (cancelled, read-only folder…).
    void finished(bool ok, const QString& message);

private:
    struct Built {
        bool ok = false;
        Diagnostics diagnostics;
    };
    void onFinished(Built built);

    Workbench m_wb;
    std::shared_ptr<RasterSource> m_raster;
    QPointer<QProgressDialog> m_progress;
    QTimer m_poll;
    BackgroundTask<Built> m_task;  // last: destroyed (and waited for) first
};

}  // namespace atlas::app
