#include "atlas/render/scale_bar.h"

#include <QFontMetricsF>
#include <QPainterPath>

#include <cmath>

namespace atlas::render {

ScaleBarSpec computeScaleBar(const Viewport& vp, const CoordinateTransform& toWgs84, double rowY, double maxWidthPx)
{
    ScaleBarSpec spec;
    if (maxWidthPx < 10) return spec;
    const double cx = vp.width / 2.0;
    const Coord a = toWgs84.transform(vp.toMap({cx - maxWidthPx / 2, rowY}));
    const Coord b = toWgs84.transform(vp.toMap({cx + maxWidthPx / 2, rowY}));
    if (!std::isfinite(a.x) || !std::isfinite(b.x)) return spec;
    const double metresPerPx = geodesicDistance(a.x, a.y, b.x, b.y) / maxWidthPx;
    if (!(metresPerPx > 0)) return spec;

    const double maxMetres = metresPerPx * maxWidthPx;
    const double magnitude = std::pow(10.0, std::floor(std::log10(maxMetres)));
    double nice = magnitude;
    for (double m : {5.0, 2.0, 1.0})
        if (m * magnitude <= maxMetres) { nice = m * magnitude; break; }
    spec.lengthMetres = nice;
    spec.widthPx = nice / metresPerPx;
    spec.label = nice >= 1000 ? QString("%1 km").arg(nice / 1000.0, 0, 'g', 6) : QString("%1 m").arg(nice, 0, 'g', 6);
    spec.valid = true;
    return spec;
}

void drawScaleBar(QPainter& p, const ScaleBarSpec& spec, QPointF origin, double ratio)
{
    if (!spec.valid) return;
    p.save();
    const double h = 5 * ratio;
    const double half = spec.widthPx / 2;
    // Alternating black/white halves, the usual cartographic bar.
    p.setPen(QPen(QColor(30, 30, 30), 1.0 * ratio));
    p.setBrush(QColor(30, 30, 30));
    p.drawRect(QRectF(origin.x(), origin.y() - h, half, h));
    p.setBrush(Qt::white);
    p.drawRect(QRectF(origin.x() + half, origin.y() - h, half, h));

    QFont font = p.font();
    font.setPixelSize(std::max(1, static_cast<int>(std::lround(11 * ratio))));
    const QFontMetricsF fm(font);
    auto text = [&](const QString& s, double x) {
        QPainterPath path;
        path.addText(x - fm.horizontalAdvance(s) / 2, origin.y() - h - 3 * ratio, font, s);
        p.setPen(QPen(QColor(255, 255, 255, 220), 2.6 * ratio, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(30, 30, 30));
        p.drawPath(path);
    };
    text("0", origin.x());
    text(spec.label, origin.x() + spec.widthPx);
    p.restore();
}

}  // namespace atlas::render

namespace atlas::render {

void drawScaleBarOverlay(QPainter& p, const Viewport& vp, const std::string& displayCrs, double ratio)
{
    // A CRS PROJ cannot invert has no geodesic scale: draw none rather than a wrong one.
    const auto toWgs84 = CoordinateTransform::create(displayCrs, kWgs84);
    if (!toWgs84) return;
    const double margin = 14 * ratio;
    const double rowY = vp.height - margin;
    const ScaleBarSpec spec = computeScaleBar(vp, *toWgs84, rowY, std::min(vp.width / 5.0, 220.0 * ratio));
    drawScaleBar(p, spec, QPointF(margin, rowY), ratio);
}

}  // namespace atlas::render
