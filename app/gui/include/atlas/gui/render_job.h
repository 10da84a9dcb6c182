#pragma once
// One render of the map off the GUI thread, QGIS-style: built from an immutable MapScene,
// cancellable, reporting a finished frame. The static layers' image is kept and reused while
// only time-dependent layers change, so scrubbing never re-draws the basemap.
#include "atlas/render/map_scene.h"

#include "atlas/gui/background_task.h"
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
    bool isRunning() const { return m_task.isRunning(); }
    const RenderedFrame& lastFrame() const { return m_last; }

signals:
    void finished(const atlas::app::RenderedFrame& frame);

private:
    void onFinished(std::shared_ptr<RenderedFrame> frame);

    RenderedFrame m_last;
    BackgroundTask<std::shared_ptr<RenderedFrame>> m_task;  // last: destroyed (and waited for) first
};

}  // namespace atlas::app
