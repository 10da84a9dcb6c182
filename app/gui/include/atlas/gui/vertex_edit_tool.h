#pragma once
// The map tool of "New version as of…" (issue 15): the sketch's vertices drawn over the canvas,
// dragged to move them, a double-click on a segment adds one there, a right-click or Delete
// removes one, Escape gives up. A dragged or added vertex within kSnapPx logical pixels of a
// vertex of another visible layer lands exactly on it (the front line meets the river bank the
// map already has). Positions are in the canvas's device pixels, as the viewport is, so the
// drawing and the picking stay right on a HiDPI screen.
#include "atlas/gui/version_sketch.h"

#include <QObject>
#include <QPointF>

#include <memory>
#include <optional>
#include <string>
#include <vector>

class QPainter;

namespace atlas {
struct Viewport;
class CoordinateTransform;
namespace render {
class AnnotationProjector;
}
}  // namespace atlas

namespace atlas::app {

class MapCanvas;

class VertexEditTool : public QObject {
    Q_OBJECT
public:
    static constexpr double kPickPx = 8;  // logical pixels
    static constexpr double kSnapPx = 8;

    // `snapTargets`: vertices of the other visible layers, in the display CRS.
    VertexEditTool(MapCanvas& canvas, VersionSketch& sketch, const std::string& displayCrs,
                   std::vector<Coord> snapTargets, QObject* parent = nullptr);
    ~VertexEditTool() override;

    void setActive(bool on);
    bool isActive() const { return m_active; }

    // Device pixel of a vertex; the vertex under a device pixel; the snap target near one.
    QPointF pixelOf(VertexRef v) const;
    std::optional<VertexRef> vertexAt(QPointF device) const;
    std::optional<Coord> snapAt(QPointF device) const;  // lon/lat
    std::optional<VertexRef> selected() const { return m_selected; }

signals:
    void changed();    // a vertex moved, was added or removed
    void cancelled();  // Escape

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void paint(QPainter& p, const Viewport& vp, double ratio) const;
    Coord lonLatAt(QPointF device) const;  // snapped when a target is near
    bool insertOnSegment(QPointF device);
    bool removeVertex(VertexRef v);

    MapCanvas& m_canvas;
    VersionSketch& m_sketch;
    std::unique_ptr<render::AnnotationProjector> m_projector;
    std::unique_ptr<CoordinateTransform> m_toLonLat;
    std::vector<Coord> m_snapTargets;
    bool m_active = false;
    std::optional<VertexRef> m_drag;
    std::optional<VertexRef> m_selected;
    std::optional<Coord> m_snapShown;  // lon/lat of the target the drag is snapped to
};

}  // namespace atlas::app
