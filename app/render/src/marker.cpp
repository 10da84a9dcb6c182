#include "atlas/render/marker.h"

#include <QtMath>

namespace atlas::render {

QPainterPath markerPath(MarkerShape shape, double d)
{
    QPainterPath p;
    const double r = d / 2;
    switch (shape) {
    case MarkerShape::Circle: p.addEllipse(QPointF(0, 0), r, r); break;
    case MarkerShape::Square: p.addRect(QRectF(-r * 0.9, -r * 0.9, r * 1.8, r * 1.8)); break;
    case MarkerShape::Triangle: {
        const double h = r * 1.1;
        p.moveTo(0, -h);
        p.lineTo(h * 0.95, h * 0.75);
        p.lineTo(-h * 0.95, h * 0.75);
        p.closeSubpath();
        break;
    }
    case MarkerShape::Diamond:
        p.moveTo(0, -r * 1.15);
        p.lineTo(r * 1.15, 0);
        p.lineTo(0, r * 1.15);
        p.lineTo(-r * 1.15, 0);
        p.closeSubpath();
        break;
    case MarkerShape::Star: {
        const double outer = r * 1.25, inner = r * 0.5;
        for (int i = 0; i < 10; ++i) {
            const double a = -M_PI / 2 + i * M_PI / 5;
            const double rr = (i % 2 == 0) ? outer : inner;
            const QPointF pt(rr * std::cos(a), rr * std::sin(a));
            if (i == 0) p.moveTo(pt); else p.lineTo(pt);
        }
        p.closeSubpath();
        break;
    }
    case MarkerShape::Cross: {
        const double w = r * 0.45;
        p.addRect(QRectF(-r, -w, 2 * r, 2 * w));
        p.addRect(QRectF(-w, -r, 2 * w, 2 * r));
        p.setFillRule(Qt::WindingFill);
        p = p.simplified();
        break;
    }
    }
    return p;
}

}  // namespace atlas::render
