#include "atlas/gui/vertex_edit_tool.h"

#include "atlas/crs.h"
#include "atlas/gui/map_canvas.h"
#include "atlas/render/layout_annotations.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QLineF>
#include <QPainter>
#include <QPainterPath>
#include <QPointer>

#include <algorithm>

#include <cmath>
#include <limits>
#include <optional>

namespace atlas::app {
namespace {

double distance(QPointF a, QPointF b) { return std::hypot(a.x() - b.x(), a.y() - b.y()); }

// The foot of the perpendicular from `p` on segment ab, and how far along (0..1) it is.
std::pair<QPointF, double> footOn(QPointF p, QPointF a, QPointF b)
{
    const QPointF d = b - a;
    const double len2 = d.x() * d.x() + d.y() * d.y();
    const double t = len2 > 0 ? std::clamp(((p.x() - a.x()) * d.x() + (p.y() - a.y()) * d.y()) / len2, 0.0, 1.0) : 0.0;
    return {a + d * t, t};
}

}  // namespace

VertexEditTool::VertexEditTool(MapCanvas& canvas, VersionSketch& sketch, const std::string& displayCrs,
                               std::vector<Coord> snapTargets, QObject* parent)
    : QObject(parent), m_canvas(canvas), m_sketch(sketch),
      m_projector(std::make_unique<render::AnnotationProjector>(displayCrs)), m_snapTargets(std::move(snapTargets))
{
    if (auto t = CoordinateTransform::create(displayCrs, kWgs84)) m_toLonLat = std::make_unique<CoordinateTransform>(std::move(*t));
    m_canvas.installEventFilter(this);
    // The canvas keeps its overlay painters for its life; this one draws only while active and
    // is guarded against the tool's end.
    QPointer<VertexEditTool> self(this);
    m_canvas.addOverlayPainter([self](QPainter& p, const Viewport& vp, double ratio) {
        if (self && self->m_active) self->paint(p, vp, ratio);
    });
}

VertexEditTool::~VertexEditTool() = default;

void VertexEditTool::setActive(bool on)
{
    m_active = on;
    m_drag.reset();
    m_snapShown.reset();
    m_canvas.setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
    m_canvas.update();
}

QPointF VertexEditTool::pixelOf(VertexRef v) const
{
    return m_projector->toPixel(m_canvas.viewport(), m_sketch.paths().at(v.path).points.at(v.index));
}

std::optional<VertexRef> VertexEditTool::vertexAt(QPointF device) const
{
    const double reach = kPickPx * m_canvas.devicePixelRatioF();
    std::optional<VertexRef> best;
    double bestD = reach;
    const auto& paths = m_sketch.paths();
    for (std::size_t p = 0; p < paths.size(); ++p)
        for (std::size_t i = 0; i < paths[p].points.size(); ++i)
            if (const double d = distance(pixelOf({p, i}), device); d <= bestD) {
                bestD = d;
                best = VertexRef{p, i};
            }
    return best;
}

std::optional<Coord> VertexEditTool::snapAt(QPointF device) const
{
    const Viewport& vp = m_canvas.viewport();
    const double reach = kSnapPx * m_canvas.devicePixelRatioF();
    const Coord at = vp.toMap({device.x(), device.y()});
    const double reachMap = reach * vp.unitsPerPixel;
    std::optional<Coord> best;
    double bestD = reachMap;
    for (const Coord& c : m_snapTargets) {
        const double d = std::hypot(c.x - at.x, c.y - at.y);
        if (d <= bestD) {
            bestD = d;
            best = c;
        }
    }
    if (!best || !m_toLonLat) return std::nullopt;
    return m_toLonLat->transform(*best);
}

Coord VertexEditTool::lonLatAt(QPointF device) const
{
    if (const auto snapped = snapAt(device)) return *snapped;
    return m_projector->toLonLat(m_canvas.viewport(), device);
}

bool VertexEditTool::insertOnSegment(QPointF device)
{
    const double reach = kPickPx * m_canvas.devicePixelRatioF();
    const auto& paths = m_sketch.paths();
    std::optional<std::pair<std::size_t, std::size_t>> best;  // path, index to insert at
    double bestD = reach;
    for (std::size_t p = 0; p < paths.size(); ++p) {
        const std::size_t n = paths[p].points.size();
        const std::size_t segments = paths[p].closed ? n : n - 1;
        for (std::size_t i = 0; n >= 2 && i < segments; ++i) {
            const auto [foot, t] = footOn(device, pixelOf({p, i}), pixelOf({p, (i + 1) % n}));
            if (const double d = distance(foot, device); d <= bestD) {
                bestD = d;
                best = std::pair{p, i + 1};
            }
        }
    }
    if (!best) return false;
    m_sketch.insert(best->first, best->second, lonLatAt(device));
    m_selected = VertexRef{best->first, best->second};
    return true;
}

bool VertexEditTool::removeVertex(VertexRef v)
{
    if (!m_sketch.remove(v)) return false;
    m_selected.reset();
    return true;
}

bool VertexEditTool::eventFilter(QObject* watched, QEvent* event)
{
    if (!m_active || watched != &m_canvas) return false;
    const double r = m_canvas.devicePixelRatioF();
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto* e = static_cast<QMouseEvent*>(event);
        const auto v = vertexAt(e->position() * r);
        if (e->button() == Qt::RightButton && v) {
            if (removeVertex(*v)) emit changed();
            m_canvas.update();
            return true;
        }
        if (e->button() != Qt::LeftButton || !v) return false;  // the canvas pans
        m_drag = v;
        m_selected = v;
        return true;
    }
    case QEvent::MouseMove: {
        if (!m_drag) return false;
        auto* e = static_cast<QMouseEvent*>(event);
        const QPointF device = e->position() * r;
        m_snapShown = snapAt(device);
        m_sketch.move(*m_drag, lonLatAt(device));
        m_canvas.update();
        return true;
    }
    case QEvent::MouseButtonRelease: {
        if (!m_drag) return false;
        m_drag.reset();
        m_snapShown.reset();
        m_canvas.update();
        emit changed();
        return true;
    }
    case QEvent::MouseButtonDblClick: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->button() != Qt::LeftButton || vertexAt(e->position() * r)) return false;
        if (!insertOnSegment(e->position() * r)) return false;
        m_canvas.update();
        emit changed();
        return true;
    }
    case QEvent::ShortcutOverride: {
        // Delete and Escape belong to the tool while it is on, not to the window's shortcuts.
        auto* k = static_cast<QKeyEvent*>(event);
        if (k->key() == Qt::Key_Escape || ((k->key() == Qt::Key_Delete || k->key() == Qt::Key_Backspace) && m_selected)) {
            event->accept();
            return true;
        }
        return false;
    }
    case QEvent::KeyPress: {
        auto* k = static_cast<QKeyEvent*>(event);
        if ((k->key() == Qt::Key_Delete || k->key() == Qt::Key_Backspace) && m_selected) {
            if (removeVertex(*m_selected)) emit changed();
            m_canvas.update();
            return true;
        }
        if (k->key() == Qt::Key_Escape) {
            emit cancelled();
            return true;
        }
        return false;
    }
    default: return false;
    }
}

void VertexEditTool::paint(QPainter& p, const Viewport& vp, double ratio) const
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    // Sizes in logical pixels times the ratio: the same look on a HiDPI screen.
    QPen line(QColor(0, 90, 200), 2 * ratio);
    p.setPen(line);
    p.setBrush(Qt::NoBrush);
    for (const SketchPath& path : m_sketch.paths()) {
        QPainterPath pp;
        for (std::size_t i = 0; i < path.points.size(); ++i) {
            const QPointF px = m_projector->toPixel(vp, path.points[i]);
            if (i == 0) pp.moveTo(px);
            else pp.lineTo(px);
        }
        if (path.closed) pp.closeSubpath();
        p.drawPath(pp);
    }
    const double half = 3.5 * ratio;
    // A round area drawn from many close vertices would be a solid band of squares: a vertex
    // closer than two squares' width to the last square drawn is shown as a dot (still
    // draggable, picked as before), and the selected one always as a square.
    const double spacing = 4 * half;
    const QPen square(QColor(0, 60, 150), 1 * ratio);
    for (std::size_t pi = 0; pi < m_sketch.paths().size(); ++pi) {
        std::optional<QPointF> lastSquare;
        for (std::size_t i = 0; i < m_sketch.paths()[pi].points.size(); ++i) {
            const bool sel = m_selected && *m_selected == VertexRef{pi, i};
            const QPointF px = m_projector->toPixel(vp, m_sketch.paths()[pi].points[i]);
            if (!sel && lastSquare && QLineF(*lastSquare, px).length() < spacing) {
                p.setPen(Qt::NoPen);
                p.setBrush(QColor(0, 60, 150));
                p.drawEllipse(px, 1.5 * ratio, 1.5 * ratio);
                continue;
            }
            p.setPen(square);
            p.setBrush(sel ? QColor(220, 40, 40) : QColor(255, 255, 255));
            p.drawRect(QRectF(px.x() - half, px.y() - half, 2 * half, 2 * half));
            lastSquare = px;
        }
    }
    if (m_snapShown) {
        p.setPen(QPen(QColor(230, 120, 0), 2 * ratio));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(m_projector->toPixel(vp, *m_snapShown), 6 * ratio, 6 * ratio);
    }
    p.restore();
}

}  // namespace atlas::app
