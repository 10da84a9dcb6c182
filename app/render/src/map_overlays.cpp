#include "atlas/render/map_overlays.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

namespace atlas::render {

void drawDateStamp(QPainter& p, const Viewport& vp, const QString& date, const QString& detail, double ratio)
{
    if (date.isEmpty()) return;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    QFont big = p.font();
    big.setBold(true);
    big.setPixelSize(std::max(1, static_cast<int>(std::lround(17 * ratio))));
    QFont small = p.font();
    small.setPixelSize(std::max(1, static_cast<int>(std::lround(10.5 * ratio))));
    const QFontMetricsF fb(big), fs(small);
    const double pad = 7 * ratio;
    const double w = std::max(fb.horizontalAdvance(date), detail.isEmpty() ? 0.0 : fs.horizontalAdvance(detail)) + 2 * pad;
    const double h = fb.height() + (detail.isEmpty() ? 0.0 : fs.height()) + 1.4 * pad;
    const QRectF box(12 * ratio, 12 * ratio, w, h);
    p.setPen(QPen(QColor(60, 60, 60, 160), 1 * ratio));
    p.setBrush(QColor(255, 255, 255, 225));
    p.drawRoundedRect(box, 4 * ratio, 4 * ratio);
    p.setPen(QColor(20, 20, 20));
    p.setFont(big);
    p.drawText(QPointF(box.left() + pad, box.top() + 0.7 * pad + fb.ascent()), date);
    if (!detail.isEmpty()) {
        p.setFont(small);
        p.setPen(QColor(80, 80, 80));
        p.drawText(QPointF(box.left() + pad, box.top() + 0.7 * pad + fb.height() + fs.ascent()), detail);
    }
    p.restore();
    (void)vp;
}

}  // namespace atlas::render
