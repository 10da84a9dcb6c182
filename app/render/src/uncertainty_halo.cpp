#include "uncertainty_halo.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace atlas::render::detail {
namespace {

constexpr int kByAttribute = -2;
// Discs up to this many frame diagonals across are drawn as ellipses; larger ones as the
// sector facing the frame (discInFrame).
constexpr double kEllipseLimitDiagonals = 4.0;
constexpr int kArcSegments = 64;

const Symbol& symbolFor(const SceneLayer& item, const Column* categoryColumn, uint32_t f, int category)
{
    const LayerStyle& style = item.style;
    if (category >= 0 && static_cast<std::size_t>(category) < style.categories.size())
        return style.categories[static_cast<std::size_t>(category)].symbol;
    if (category != kByAttribute || !categoryColumn) return style.symbol;
    if (categoryColumn->isNull(f)) return style.symbolFor(std::string());
    return categoryColumn->strings() ? style.symbolFor(categoryColumn->string(f)) : style.symbolFor(categoryColumn->text(f));
}

}  // namespace

bool hasUncertaintyHalos(const SceneLayer& item)
{
    return item.layer && !item.style.uncertainty.field.empty() && item.style.uncertainty.opacity > 0
        && item.layer->column(item.style.uncertainty.field) != nullptr;
}

QPainterPath discInFrame(QPointF centre, double radius, const QRectF& frame)
{
    // Every corner seen from the centre, as an angle relative to the frame's centre: the frame
    // is convex and the centre outside it, so these span less than half a turn.
    const QPointF mid = frame.center();
    const double towards = std::atan2(mid.y() - centre.y(), mid.x() - centre.x());
    double lo = 0, hi = 0;
    for (const QPointF& c : {frame.topLeft(), frame.topRight(), frame.bottomLeft(), frame.bottomRight()}) {
        double a = std::atan2(c.y() - centre.y(), c.x() - centre.x()) - towards;
        a = std::remainder(a, 2 * std::numbers::pi);
        lo = std::min(lo, a);
        hi = std::max(hi, a);
    }
    QPolygonF sector;
    sector << centre;
    for (int k = 0; k <= kArcSegments; ++k) {
        const double a = towards + lo + (hi - lo) * k / kArcSegments;
        sector << QPointF(centre.x() + radius * std::cos(a), centre.y() + radius * std::sin(a));
    }
    QPainterPath path;
    path.addPolygon(sector);
    path.closeSubpath();
    QPainterPath box;
    box.addRect(frame);
    return path.intersected(box);
}

bool drawUncertaintyHalos(const MapScene& scene, const SceneLayer& item, QPainter& painter, const RenderOptions& options)
{
    if (!hasUncertaintyHalos(item)) return true;
    const Layer& layer = *item.layer;
    const GeometryColumn& geom = layer.geometry();
    const LayerStyle& style = item.style;
    const Column* radius = layer.column(style.uncertainty.field);
    const Column* categoryColumn = style.categoryField.empty() ? nullptr : layer.column(style.categoryField);
    const Viewport& vp = scene.viewport;
    const double w = vp.width, h = vp.height;
    const QRectF frame(0, 0, w, h);
    const double ellipseLimit = kEllipseLimitDiagonals * std::hypot(w, h);

    painter.save();
    painter.setPen(Qt::NoPen);
    std::size_t counter = 0;
    bool stopped = false;
    auto drawOne = [&](uint32_t f, double opacity, int category) {
        if ((++counter & 1023) == 0 && options.cancel && options.cancel->load(std::memory_order_relaxed)) {
            stopped = true;
            return;
        }
        if (geom.isNull(f) || geom.kind(f) != GeometryKind::Point || radius->isNull(f)) return;
        const auto metres = radius->number(f);
        if (!metres || !(*metres > 0)) return;
        // Display-CRS units are metres (UTM 47N by default), so the viewport's scale converts.
        const double r = *metres / vp.unitsPerPixel;
        const Symbol& sym = symbolFor(item, categoryColumn, f, category);
        QColor colour = sym.fill.alpha() > 0 ? sym.fill : sym.stroke;
        colour.setAlphaF(static_cast<float>(std::clamp(style.uncertainty.opacity * opacity * style.opacity, 0.0, 1.0)));
        if (colour.alpha() == 0) return;
        painter.setBrush(colour);
        for (const Coord& c : geom.coords(f)) {
            const Coord px = vp.toPixel(c);
            // Nearest and farthest frame points from the centre decide: off the frame, over all
            // of it (one rectangle, however large the disc), or partly on it.
            const double nx = std::max({0.0, -px.x, px.x - w}), ny = std::max({0.0, -px.y, px.y - h});
            if (nx * nx + ny * ny >= r * r) continue;
            const double fx = std::max(std::abs(px.x), std::abs(px.x - w)), fy = std::max(std::abs(px.y), std::abs(px.y - h));
            if (fx * fx + fy * fy <= r * r) painter.drawRect(frame);
            else if (r <= ellipseLimit) painter.drawEllipse(QPointF(px.x, px.y), r, r);
            else painter.drawPath(discInFrame(QPointF(px.x, px.y), r, frame));
        }
    };
    if (item.state) {
        const FeatureState& st = *item.state;
        for (std::size_t i = 0; i < st.visible.size() && !stopped; ++i)
            drawOne(st.visible[i], st.opacity.empty() ? 1.0 : st.opacity[i], st.category.empty() ? kByAttribute : st.category[i]);
    } else {
        for (uint32_t f = 0; f < layer.featureCount() && !stopped; ++f) drawOne(f, 1.0, kByAttribute);
    }
    painter.restore();
    return !stopped;
}

}  // namespace atlas::render::detail
