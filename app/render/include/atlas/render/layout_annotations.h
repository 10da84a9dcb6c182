#pragma once
// Annotations as the canvas and every export draw them: text labels, callouts with a leader
// line, arrows, ellipse highlights and markers. Positions are longitude/latitude (WGS84), so an
// annotation stays on the same ground whatever the view or the display CRS; an optional date
// range limits the days it is shown. Plain values — the app's model, undo commands and project
// file hold these; drawing and hit-testing share one geometry (annotationGeometry).
#include "atlas/geometry_column.h"
#include "atlas/viewport.h"

#include <QColor>
#include <QFont>
#include <QPainter>
#include <QPainterPath>
#include <QString>

#include <QStringList>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atlas::render {

enum class AnnotationKind { Text, Callout, Arrow, Ellipse, Marker };

// "text", "callout", "arrow", "ellipse", "marker" (the project file's spelling).
const char* annotationKindName(AnnotationKind kind);
std::optional<AnnotationKind> annotationKindFromName(std::string_view name);
// How many points a kind has: 1 (text, marker) or 2 (callout: target then label; arrow: tail
// then head; ellipse: two opposite corners of its bounding box).
int annotationPointCount(AnnotationKind kind);

struct MapAnnotation {
    uint64_t id = 0;                  // unique within a project; 0 = not yet assigned
    AnnotationKind kind = AnnotationKind::Text;
    std::vector<Coord> points;        // lon/lat, annotationPointCount(kind) of them
    QString text;                     // text, callout and (optional) marker label
    QColor color{20, 20, 20};
    double size = 14;                 // text/callout: font px; marker: diameter px; arrow, ellipse: line width px
    std::optional<int32_t> fromDay;   // shown on days in [fromDay, toDay); an open end is unbounded
    std::optional<int32_t> toDay;

    bool visibleOn(std::optional<int32_t> day) const;
    bool operator==(const MapAnnotation& o) const;
};

// A new annotation of `kind` with the kind's default look (colour, size, placeholder text).
MapAnnotation defaultAnnotation(AnnotationKind kind);

// Converts annotation positions between lon/lat and a viewport's device pixels in a display
// CRS. Holds one PROJ transform each way; create one per paint, not per annotation.
class AnnotationProjector {
public:
    explicit AnnotationProjector(const std::string& displayCrs);
    ~AnnotationProjector();
    AnnotationProjector(const AnnotationProjector&) = delete;
    AnnotationProjector& operator=(const AnnotationProjector&) = delete;

    bool valid() const;
    QPointF toPixel(const Viewport& vp, Coord lonLat) const;
    Coord toLonLat(const Viewport& vp, QPointF pixel) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// One annotation laid out in device pixels: what is stroked, what is filled, where its text
// goes and the area that picks it.
struct AnnotationGeometry {
    QPainterPath stroke;      // leader lines, arrow shafts, ellipse outlines
    QPainterPath fill;        // arrow heads, marker body
    QRectF textBox;           // callout box / text label box (empty: no text)
    QStringList lines;        // the text, one entry per line
    std::vector<QPointF> lineOrigins;  // baseline origin of each line
    QFont font;
    QPainterPath hitArea;     // where a click selects it
    std::vector<QPointF> handles;  // one per point, for dragging a single point
};

AnnotationGeometry annotationGeometry(const MapAnnotation& a, const std::vector<QPointF>& pixels, double ratio,
                                      const QFont& baseFont);

// Draws the annotations visible on `day` (every one when nullopt) over a map drawn for `vp`
// in `displayCrs`. Text is drawn as text (it stays text in SVG and PDF), with a halo as a
// path beneath. `selected` (an id) gets its handles drawn.
void drawAnnotations(QPainter& p, const Viewport& vp, const std::string& displayCrs, double ratio,
                     const std::vector<MapAnnotation>& annotations, std::optional<int32_t> day,
                     uint64_t selected = 0);
// The same with a projector made once (the canvas paints often).
void drawAnnotations(QPainter& p, const Viewport& vp, const AnnotationProjector& projector, double ratio,
                     const std::vector<MapAnnotation>& annotations, std::optional<int32_t> day,
                     uint64_t selected = 0);

}  // namespace atlas::render
