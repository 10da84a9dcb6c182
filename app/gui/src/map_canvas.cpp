#include "atlas/gui/map_canvas.h"

#include "atlas/render/map_overlays.h"
#include "atlas/render/scale_bar.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <cmath>

namespace atlas::app {

MapCanvas::MapCanvas(QWidget* parent) : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(200, 150);
    m_renderTimer.setSingleShot(true);
    // Coalesces bursts of wheel/drag events into one render; short enough to feel immediate.
    m_renderTimer.setInterval(15);
    connect(&m_renderTimer, &QTimer::timeout, this, &MapCanvas::startRender);
    connect(&m_job, &RenderJob::finished, this, &MapCanvas::onFrame);
}

void MapCanvas::setSceneProvider(SceneProvider provider)
{
    m_provider = std::move(provider);
    scheduleRender();
}

Coord MapCanvas::devicePos(QPointF logical) const
{
    const double r = devicePixelRatioF();
    return {logical.x() * r, logical.y() * r};
}

void MapCanvas::zoomToExtent(const Box& extent)
{
    if (extent.isEmpty()) return;
    const double r = devicePixelRatioF();
    const int w = std::max(1, static_cast<int>(std::lround(width() * r)));
    const int h = std::max(1, static_cast<int>(std::lround(height() * r)));
    if (!isVisible() || width() <= 1) m_pendingExtent = extent;
    setViewport(Viewport::fit(extent, w, h, 16 * r));
}

void MapCanvas::setViewport(const Viewport& vp)
{
    m_viewport = vp;
    m_viewportInitialised = true;
    emit viewportChanged(m_viewport);
    update();
    scheduleRender();
}

void MapCanvas::zoomBy(double factor)
{
    setViewport(m_viewport.zoomedAt(factor, {m_viewport.width / 2.0, m_viewport.height / 2.0}));
}

void MapCanvas::panByFraction(double fx, double fy)
{
    setViewport(m_viewport.panned(-fx * m_viewport.width, -fy * m_viewport.height));
}

void MapCanvas::refresh()
{
    scheduleRender();
}

void MapCanvas::setZoomBoxMode(bool on)
{
    m_zoomBoxMode = on;
    setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
}

void MapCanvas::setDateStamp(QString date, QString detail)
{
    m_dateStamp = std::move(date);
    m_dateDetail = std::move(detail);
    update();
}

void MapCanvas::scheduleRender()
{
    if (!m_renderTimer.isActive()) m_renderTimer.start();
}

void MapCanvas::startRender()
{
    if (!m_provider || !m_viewportInitialised) return;
    auto [scene, key] = m_provider(m_viewport, devicePixelRatioF());
    scene.viewport = m_viewport;
    scene.pixelRatio = devicePixelRatioF();
    m_job.start(std::move(scene), key);
}

void MapCanvas::onFrame(const RenderedFrame& frame)
{
    m_frame = frame;
    update();
    emit frameRendered(frame.milliseconds);
}

QImage MapCanvas::grabMap() const
{
    QImage out(m_viewport.width, m_viewport.height, QImage::Format_ARGB32_Premultiplied);
    out.fill(Qt::white);
    QPainter p(&out);
    if (!m_frame.staticLayers.isNull() && m_frame.viewport == m_viewport) {
        p.drawImage(0, 0, m_frame.staticLayers);
        if (!m_frame.timeLayers.isNull()) p.drawImage(0, 0, m_frame.timeLayers);
        if (!m_frame.labels.isNull()) p.drawImage(0, 0, m_frame.labels);
    }
    p.setRenderHint(QPainter::Antialiasing);
    render::drawScaleBarOverlay(p, m_viewport, m_crs, devicePixelRatioF());
    render::drawDateStamp(p, m_viewport, m_dateStamp, m_dateDetail, devicePixelRatioF());
    for (const OverlayPainter& overlay : m_overlays) overlay(p, m_viewport, devicePixelRatioF());
    return out;
}

void MapCanvas::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const double r = devicePixelRatioF();
    p.fillRect(rect(), QColor(214, 226, 234));
    if (!m_frame.staticLayers.isNull()) {
        // Place the last frame where its map area lies in the current viewport: panning and
        // zooming show the old picture moved and scaled until the new one arrives.
        const Viewport& fv = m_frame.viewport;
        const double scale = fv.unitsPerPixel / m_viewport.unitsPerPixel;
        const Coord topLeft = m_viewport.toPixel(fv.toMap({0, 0}));
        const QRectF target(topLeft.x / r, topLeft.y / r, fv.width * scale / r, fv.height * scale / r);
        p.setRenderHint(QPainter::SmoothPixmapTransform, scale != 1.0);
        p.drawImage(target, m_frame.staticLayers);
        if (!m_frame.timeLayers.isNull()) p.drawImage(target, m_frame.timeLayers);
        if (!m_frame.labels.isNull()) p.drawImage(target, m_frame.labels);
    }
    // The scale bar is drawn live, in device pixels, so it is right for the current view.
    p.save();
    p.scale(1 / r, 1 / r);
    p.setRenderHint(QPainter::Antialiasing);
    render::drawScaleBarOverlay(p, m_viewport, m_crs, r);
    render::drawDateStamp(p, m_viewport, m_dateStamp, m_dateDetail, r);
    for (const OverlayPainter& overlay : m_overlays) overlay(p, m_viewport, r);
    p.restore();
    if (m_zoomBox) {
        p.setPen(QPen(QColor(0, 90, 170), 1.5, Qt::DashLine));
        p.setBrush(QColor(0, 90, 170, 40));
        p.drawRect(*m_zoomBox);
    }
}

void MapCanvas::resizeEvent(QResizeEvent*)
{
    const double r = devicePixelRatioF();
    const int w = std::max(1, static_cast<int>(std::lround(width() * r)));
    const int h = std::max(1, static_cast<int>(std::lround(height() * r)));
    if (m_pendingExtent) {
        const Box e = *m_pendingExtent;
        m_pendingExtent.reset();
        setViewport(Viewport::fit(e, w, h, 16 * r));
        return;
    }
    setViewport(m_viewport.resized(w, h));
}

void MapCanvas::mousePressEvent(QMouseEvent* e)
{
    if (e->button() != Qt::LeftButton) return;
    m_pressPos = e->position();
    m_lastDragPos = e->position();
    m_dragging = false;
    if (m_zoomBoxMode || (e->modifiers() & Qt::ShiftModifier)) m_zoomBox = QRectF(e->position(), QSizeF());
}

void MapCanvas::mouseMoveEvent(QMouseEvent* e)
{
    const Coord map = m_viewport.toMap(devicePos(e->position()));
    emit cursorMoved(map.x, map.y);
    if (!m_pressPos) return;
    if (m_zoomBox) {
        m_zoomBox = QRectF(*m_pressPos, e->position()).normalized();
        update();
        return;
    }
    if (!m_dragging && (e->position() - *m_pressPos).manhattanLength() < 3) return;
    m_dragging = true;
    const QPointF d = e->position() - *m_lastDragPos;
    m_lastDragPos = e->position();
    const double r = devicePixelRatioF();
    setViewport(m_viewport.panned(d.x() * r, d.y() * r));
}

void MapCanvas::mouseReleaseEvent(QMouseEvent* e)
{
    if (e->button() != Qt::LeftButton || !m_pressPos) return;
    if (m_zoomBox) {
        const QRectF box = *m_zoomBox;
        m_zoomBox.reset();
        if (box.width() > 4 && box.height() > 4) {
            const Coord a = m_viewport.toMap(devicePos(box.topLeft()));
            const Coord b = m_viewport.toMap(devicePos(box.bottomRight()));
            const double r = devicePixelRatioF();
            setViewport(Viewport::fit(Box::of(a.x, a.y, b.x, b.y), m_viewport.width, m_viewport.height, 0 * r));
        }
        update();
    } else if (!m_dragging) {
        const Coord map = m_viewport.toMap(devicePos(e->position()));
        emit clicked(map.x, map.y, e->modifiers());
    }
    m_pressPos.reset();
    m_lastDragPos.reset();
    m_dragging = false;
}

void MapCanvas::wheelEvent(QWheelEvent* e)
{
    const double steps = e->angleDelta().y() / 120.0;
    if (steps == 0) return;
    setViewport(m_viewport.zoomedAt(std::pow(1.25, steps), devicePos(e->position())));
    e->accept();
}

void MapCanvas::keyPressEvent(QKeyEvent* e)
{
    switch (e->key()) {
    case Qt::Key_Left: panByFraction(-0.25, 0); break;
    case Qt::Key_Right: panByFraction(0.25, 0); break;
    case Qt::Key_Up: panByFraction(0, -0.25); break;
    case Qt::Key_Down: panByFraction(0, 0.25); break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomBy(1.5); break;
    case Qt::Key_Minus: zoomBy(1 / 1.5); break;
    case Qt::Key_Escape:
        if (m_zoomBox) { m_zoomBox.reset(); m_pressPos.reset(); update(); }
        else if (m_zoomBoxMode) setZoomBoxMode(false);
        else QWidget::keyPressEvent(e);
        break;
    default: QWidget::keyPressEvent(e);
    }
}

void MapCanvas::leaveEvent(QEvent*)
{
    emit cursorLeft();
}

}  // namespace atlas::app
