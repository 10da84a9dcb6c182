#include "atlas/render/layout_annotations.h"

#include "atlas/crs.h"

#include <QFontMetricsF>
#include <QLineF>
#include <QPolygonF>
#include <QPainterPathStroker>

#include <algorithm>
#include <cmath>

namespace atlas::render {
namespace {

constexpr const char* kKindNames[] = {"text", "callout", "arrow", "ellipse", "marker"};

// Where the segment from the centre of `box` towards `target` leaves the box.
QPointF boxExit(const QRectF& box, QPointF target)
{
    const QPointF c = box.center();
    const double dx = target.x() - c.x(), dy = target.y() - c.y();
    if (std::abs(dx) < 1e-9 && std::abs(dy) < 1e-9) return c;
    const double sx = dx != 0 ? (box.width() / 2) / std::abs(dx) : 1e300;
    const double sy = dy != 0 ? (box.height() / 2) / std::abs(dy) : 1e300;
    const double s = std::min({sx, sy, 1.0});
    return {c.x() + dx * s, c.y() + dy * s};
}

// Lays out the text lines centred on `centre`; returns the box around them (with `pad`).
QRectF layoutLines(AnnotationGeometry& g, QPointF centre, double pad)
{
    const QFontMetricsF fm(g.font);
    double w = 0;
    for (const QString& l : g.lines) w = std::max(w, fm.horizontalAdvance(l));
    const double h = fm.height() * static_cast<double>(g.lines.size());
    const QRectF inner(centre.x() - w / 2, centre.y() - h / 2, w, h);
    g.lineOrigins.clear();
    for (qsizetype i = 0; i < g.lines.size(); ++i) {
        const double lw = fm.horizontalAdvance(g.lines[i]);
        g.lineOrigins.emplace_back(centre.x() - lw / 2, inner.top() + fm.height() * static_cast<double>(i) + fm.ascent());
    }
    return inner.adjusted(-pad, -pad * 0.6, pad, pad * 0.6);
}

QPainterPath thick(const QPainterPath& path, double width)
{
    QPainterPathStroker s;
    s.setWidth(width);
    s.setCapStyle(Qt::RoundCap);
    s.setJoinStyle(Qt::RoundJoin);
    return s.createStroke(path);
}

}  // namespace

const char* annotationKindName(AnnotationKind kind)
{
    return kKindNames[static_cast<int>(kind)];
}

std::optional<AnnotationKind> annotationKindFromName(std::string_view name)
{
    for (int i = 0; i < 5; ++i)
        if (name == kKindNames[i]) return static_cast<AnnotationKind>(i);
    return std::nullopt;
}

int annotationPointCount(AnnotationKind kind)
{
    switch (kind) {
    case AnnotationKind::Callout:
    case AnnotationKind::Arrow:
    case AnnotationKind::Ellipse: return 2;
    case AnnotationKind::Text:
    case AnnotationKind::Marker: return 1;
    }
    return 1;
}

bool MapAnnotation::visibleOn(std::optional<int32_t> day) const
{
    if (!day) return true;
    if (fromDay && *day < *fromDay) return false;
    if (toDay && *day >= *toDay) return false;
    return true;
}

bool MapAnnotation::operator==(const MapAnnotation& o) const
{
    if (points.size() != o.points.size()) return false;
    for (std::size_t i = 0; i < points.size(); ++i)
        if (points[i].x != o.points[i].x || points[i].y != o.points[i].y) return false;
    return id == o.id && kind == o.kind && text == o.text && color == o.color && size == o.size
           && fromDay == o.fromDay && toDay == o.toDay;
}

MapAnnotation defaultAnnotation(AnnotationKind kind)
{
    MapAnnotation a;
    a.kind = kind;
    a.points.assign(static_cast<std::size_t>(annotationPointCount(kind)), Coord{0, 0});
    switch (kind) {
    case AnnotationKind::Text:
        a.text = "Label";
        a.color = QColor(20, 20, 20);
        a.size = 15;
        break;
    case AnnotationKind::Callout:
        a.text = "Callout";
        a.color = QColor(40, 40, 40);
        a.size = 12;
        break;
    case AnnotationKind::Arrow:
        a.color = QColor(200, 20, 60);
        a.size = 3;
        break;
    case AnnotationKind::Ellipse:
        a.color = QColor(200, 20, 60);
        a.size = 2.5;
        break;
    case AnnotationKind::Marker:
        a.color = QColor(200, 20, 60);
        a.size = 12;
        break;
    }
    return a;
}

struct AnnotationProjector::Impl {
    std::unique_ptr<CoordinateTransform> toDisplay;
    std::unique_ptr<CoordinateTransform> toWgs84;
};

AnnotationProjector::AnnotationProjector(const std::string& displayCrs) : m_impl(std::make_unique<Impl>())
{
    auto toDisplay = CoordinateTransform::create(kWgs84, displayCrs);
    auto toWgs84 = CoordinateTransform::create(displayCrs, kWgs84);
    if (!toDisplay || !toWgs84) return;  // both or neither: annotations are not placed
    m_impl->toDisplay = std::make_unique<CoordinateTransform>(std::move(toDisplay).value());
    m_impl->toWgs84 = std::make_unique<CoordinateTransform>(std::move(toWgs84).value());
}

AnnotationProjector::~AnnotationProjector() = default;

bool AnnotationProjector::valid() const
{
    return m_impl->toDisplay && m_impl->toWgs84;
}

QPointF AnnotationProjector::toPixel(const Viewport& vp, Coord lonLat) const
{
    if (!valid()) return {std::nan(""), std::nan("")};
    const Coord px = vp.toPixel(m_impl->toDisplay->transform(lonLat));
    return {px.x, px.y};
}

Coord AnnotationProjector::toLonLat(const Viewport& vp, QPointF pixel) const
{
    if (!valid()) return {std::nan(""), std::nan("")};
    return m_impl->toWgs84->transform(vp.toMap({pixel.x(), pixel.y()}));
}

AnnotationGeometry annotationGeometry(const MapAnnotation& a, const std::vector<QPointF>& px, double ratio,
                                      const QFont& baseFont)
{
    AnnotationGeometry g;
    g.handles = px;
    if (px.empty()) return g;
    g.font = baseFont;
    g.font.setPixelSize(std::max(1, static_cast<int>(std::lround(a.size * ratio))));
    if (!a.text.isEmpty()) g.lines = a.text.split('\n');
    const QPointF p0 = px[0];
    const QPointF p1 = px.size() > 1 ? px[1] : p0;
    const double pick = 6 * ratio;  // how far off a line still picks it

    switch (a.kind) {
    case AnnotationKind::Text: {
        g.font.setBold(true);
        if (g.lines.isEmpty()) g.lines << QString();
        g.textBox = layoutLines(g, p0, 2 * ratio);
        g.hitArea.addRect(g.textBox.adjusted(-pick / 2, -pick / 2, pick / 2, pick / 2));
        break;
    }
    case AnnotationKind::Callout: {
        if (g.lines.isEmpty()) g.lines << QString();
        g.textBox = layoutLines(g, p1, 6 * ratio);
        const QPointF exit = boxExit(g.textBox, p0);
        if (!g.textBox.contains(p0)) {
            g.stroke.moveTo(exit);
            g.stroke.lineTo(p0);
        }
        const double r = 2.6 * ratio;
        g.fill.addEllipse(p0, r, r);
        g.hitArea.addRect(g.textBox);
        g.hitArea = g.hitArea.united(thick(g.stroke, 2 * pick));
        QPainterPath dot;
        dot.addEllipse(p0, pick, pick);
        g.hitArea = g.hitArea.united(dot);
        break;
    }
    case AnnotationKind::Arrow: {
        const QLineF line(p0, p1);
        const double width = a.size * ratio;
        const double headLength = std::max(10.0 * ratio, 4.2 * width);
        const double headHalf = headLength * 0.45;
        if (line.length() > 1e-6) {
            const QPointF dir = (p1 - p0) / line.length();
            const QPointF normal(-dir.y(), dir.x());
            const double shaftLength = std::max(0.0, line.length() - headLength * 0.8);
            g.stroke.moveTo(p0);
            g.stroke.lineTo(p0 + dir * shaftLength);
            const QPointF base = p1 - dir * headLength;
            QPolygonF head{p1, base + normal * headHalf, base - normal * headHalf};
            g.fill.addPolygon(head);
            g.fill.closeSubpath();
        }
        QPainterPath whole;
        whole.moveTo(p0);
        whole.lineTo(p1);
        g.hitArea = thick(whole, 2 * pick + width);
        break;
    }
    case AnnotationKind::Ellipse: {
        const QRectF r = QRectF(p0, p1).normalized();
        g.stroke.addEllipse(r);
        g.hitArea.addEllipse(r.adjusted(-pick, -pick, pick, pick));
        break;
    }
    case AnnotationKind::Marker: {
        const double d = a.size * ratio;
        g.fill.addEllipse(p0, d / 2, d / 2);
        g.hitArea.addEllipse(p0, d / 2 + pick, d / 2 + pick);
        if (!g.lines.isEmpty()) {
            g.font.setBold(true);
            g.font.setPixelSize(std::max(1, static_cast<int>(std::lround(std::max(11.0, a.size) * ratio))));
            const QFontMetricsF fm(g.font);
            double w = 0;
            for (const QString& l : g.lines) w = std::max(w, fm.horizontalAdvance(l));
            const QPointF centre(p0.x() + d / 2 + 5 * ratio + w / 2, p0.y());
            g.textBox = layoutLines(g, centre, 2 * ratio);
            QPainterPath box;
            box.addRect(g.textBox);
            g.hitArea = g.hitArea.united(box);
        }
        break;
    }
    }
    return g;
}

void drawAnnotations(QPainter& p, const Viewport& vp, const std::string& displayCrs, double ratio,
                     const std::vector<MapAnnotation>& annotations, std::optional<int32_t> day, uint64_t selected)
{
    if (annotations.empty()) return;
    const AnnotationProjector projector(displayCrs);
    drawAnnotations(p, vp, projector, ratio, annotations, day, selected);
}

void drawAnnotations(QPainter& p, const Viewport& vp, const AnnotationProjector& projector, double ratio,
                     const std::vector<MapAnnotation>& annotations, std::optional<int32_t> day, uint64_t selected)
{
    if (annotations.empty() || !projector.valid()) return;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    const QFont base = p.font();
    for (const MapAnnotation& a : annotations) {
        if (!a.visibleOn(day) || a.points.size() < static_cast<std::size_t>(annotationPointCount(a.kind))) continue;
        std::vector<QPointF> px;
        bool finite = true;
        for (const Coord& c : a.points) {
            px.push_back(projector.toPixel(vp, c));
            finite = finite && std::isfinite(px.back().x()) && std::isfinite(px.back().y());
        }
        if (!finite) continue;
        const AnnotationGeometry g = annotationGeometry(a, px, ratio, base);
        const QColor halo(255, 255, 255, 230);

        switch (a.kind) {
        case AnnotationKind::Arrow:
        case AnnotationKind::Ellipse: {
            const double w = a.size * ratio;
            // A white casing under the line keeps it readable over any fill.
            // (Empty paths are skipped: the PDF engine writes a stray closepath for them.)
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(halo, w + 2.5 * ratio, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            if (!g.stroke.isEmpty()) p.drawPath(g.stroke);
            p.setPen(QPen(halo, 2 * ratio, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            if (!g.fill.isEmpty()) p.drawPath(g.fill);
            p.setPen(QPen(a.color, w, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            if (!g.stroke.isEmpty()) p.drawPath(g.stroke);
            p.setPen(Qt::NoPen);
            p.setBrush(a.color);
            if (!g.fill.isEmpty()) p.drawPath(g.fill);
            break;
        }
        case AnnotationKind::Callout: {
            p.setBrush(Qt::NoBrush);
            if (!g.stroke.isEmpty()) {
                p.setPen(QPen(halo, 3.5 * ratio, Qt::SolidLine, Qt::RoundCap));
                p.drawPath(g.stroke);
                p.setPen(QPen(a.color, 1.4 * ratio, Qt::SolidLine, Qt::RoundCap));
                p.drawPath(g.stroke);
            }
            p.setPen(QPen(Qt::white, 1.0 * ratio));
            p.setBrush(a.color);
            p.drawPath(g.fill);
            p.setPen(QPen(a.color, 1.2 * ratio));
            p.setBrush(QColor(255, 255, 255, 240));
            p.drawRoundedRect(g.textBox, 3 * ratio, 3 * ratio);
            break;
        }
        case AnnotationKind::Marker: {
            p.setPen(QPen(Qt::white, 2 * ratio));
            p.setBrush(a.color);
            p.drawPath(g.fill);
            break;
        }
        case AnnotationKind::Text: break;
        }

        if (!g.lines.isEmpty() && !(g.lines.size() == 1 && g.lines.front().isEmpty())) {
            p.setFont(g.font);
            if (a.kind != AnnotationKind::Callout) {
                QPainterPath outline;
                for (qsizetype i = 0; i < g.lines.size(); ++i)
                    outline.addText(g.lineOrigins[static_cast<std::size_t>(i)], g.font, g.lines[i]);
                p.setBrush(Qt::NoBrush);
                p.setPen(QPen(halo, 3.2 * ratio, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
                p.drawPath(outline);
            }
            p.setPen(a.kind == AnnotationKind::Callout ? QColor(20, 20, 20) : a.color);
            for (qsizetype i = 0; i < g.lines.size(); ++i)
                p.drawText(g.lineOrigins[static_cast<std::size_t>(i)], g.lines[i]);
        }

        if (selected != 0 && a.id == selected) {
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(QColor(0, 110, 220), 1.2 * ratio, Qt::DashLine));
            p.drawRect(g.hitArea.boundingRect());
            p.setPen(QPen(QColor(0, 110, 220), 1.2 * ratio));
            p.setBrush(Qt::white);
            const double h = 4 * ratio;
            for (const QPointF& c : g.handles) p.drawRect(QRectF(c.x() - h, c.y() - h, 2 * h, 2 * h));
        }
    }
    p.restore();
}

}  // namespace atlas::render
