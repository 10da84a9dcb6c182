#pragma once
// The map widget: shows the last finished frame (shifted and scaled while a new one renders),
// turns mouse and keys into viewport changes, and never blocks on rendering.
#include "atlas/viewport.h"
#include "atlas/gui/render_job.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

namespace atlas::app {

class MapCanvas : public QWidget {
    Q_OBJECT
public:
    // Builds the render snapshot for a viewport (device pixels) and pixel ratio; returns the
    // scene and the key of its static content.
    using SceneProvider = std::function<std::pair<render::MapScene, uint64_t>(const Viewport&, double)>;

    explicit MapCanvas(QWidget* parent = nullptr);

    void setSceneProvider(SceneProvider provider);
    void setDisplayCrs(std::string crs) { m_crs = std::move(crs); }
    const Viewport& viewport() const { return m_viewport; }
    // Shows `extent` (display CRS) whole.
    void zoomToExtent(const Box& extent);
    void setViewport(const Viewport& vp);
    void zoomBy(double factor);
    void panByFraction(double fx, double fy);
    // Re-renders (content changed: layers, styles, clock).
    void refresh();
    void setZoomBoxMode(bool on);
    // The clock's date drawn on the map (as exports draw it); empty: none.
    void setDateStamp(QString date, QString detail);
    bool zoomBoxMode() const { return m_zoomBoxMode; }
    // The frame currently shown, composed (for tests and "copy map").
    QImage grabMap() const;
    // A frame of the current view and content is not shown yet: one is being drawn, or one is
    // scheduled (the 15 ms coalescing timer) and not started.
    bool isRendering() const { return m_renderTimer.isActive() || m_job.isRunning(); }
    // Drawing over the map after each frame (annotations, tool feedback), in device pixels of
    // viewport(); called by paintEvent and grabMap in the order added.
    using OverlayPainter = std::function<void(QPainter&, const Viewport&, double ratio)>;
    void addOverlayPainter(OverlayPainter painter) { m_overlays.push_back(std::move(painter)); update(); }
    double lastRenderMs() const { return m_job.lastFrame().milliseconds; }

signals:
    void viewportChanged(const atlas::Viewport& vp);
    void cursorMoved(double mapX, double mapY);
    void cursorLeft();
    void clicked(double mapX, double mapY, Qt::KeyboardModifiers modifiers);
    void frameRendered(double milliseconds);

protected:
    void paintEvent(QPaintEvent*) override;
    void resizeEvent(QResizeEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;
    void wheelEvent(QWheelEvent*) override;
    void keyPressEvent(QKeyEvent*) override;
    void leaveEvent(QEvent*) override;

private:
    void scheduleRender();
    void startRender();
    void onFrame(const RenderedFrame& frame);
    Coord devicePos(QPointF logical) const;

    SceneProvider m_provider;
    std::string m_crs = "EPSG:32647";
    Viewport m_viewport;
    bool m_viewportInitialised = false;
    std::optional<Box> m_pendingExtent;
    RenderJob m_job;
    RenderedFrame m_frame;
    QTimer m_renderTimer;

    // Interaction state.
    std::optional<QPointF> m_pressPos;
    std::optional<QPointF> m_lastDragPos;
    bool m_dragging = false;
    bool m_zoomBoxMode = false;
    std::optional<QRectF> m_zoomBox;
    QString m_dateStamp;
    QString m_dateDetail;
    std::vector<OverlayPainter> m_overlays;
};

}  // namespace atlas::app
