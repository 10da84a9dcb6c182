#pragma once
// One render of the map off the GUI thread, QGIS-style: built from an immutable MapScene,
// cancellable, reporting a finished frame. The static layers' image is kept and reused while
// only time-dependent layers change, so scrubbing never re-draws the basemap.
#include "atlas/render/map_scene.h"

#include <QFutureWatcher>
#include <QImage>
#include <QObject>

#include <atomic>
#include <memory>

namespace atlas::app {

struct RenderedFrame {
    Viewport viewport;
    double pixelRatio = 1;
    QImage staticLayers;   // opaque: background + layers without time
    QImage timeLayers;     // transparent: time-dependent layers
    QImage labels;         // transparent: the label pass over all layers
    uint64_t staticKey = 0;
    double milliseconds = 0;
};

class RenderJob : public QObject {
    Q_OBJECT
public:
    explicit RenderJob(QObject* parent = nullptr);
    ~RenderJob() override;

    // Starts rendering `scene`; a job still running is cancelled and its result dropped.
    // `staticKey` identifies what the static layers draw: equal keys and viewports reuse the
    // last static image.
    void start(render::MapScene scene, uint64_t staticKey);
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }
    const RenderedFrame& lastFrame() const { return m_last; }

signals:
    void finished(const atlas::app::RenderedFrame& frame);

private:
    void onFinished();

    QFutureWatcher<std::shared_ptr<RenderedFrame>> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    RenderedFrame m_last;
};

}  // namespace atlas::app
