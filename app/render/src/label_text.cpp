#include "label_text.h"

#include <QPaintEngine>
#include <QPainterPath>

namespace atlas::render::detail {

bool isRasterDevice(const QPainter& painter)
{
    const QPaintEngine* engine = painter.paintEngine();
    return engine && engine->type() == QPaintEngine::Raster;
}

void drawLabelText(QPainter& painter, QPointF baseline, const QFont& font, const QString& text, const LabelInk& ink)
{
    QPainterPath outline;
    outline.addText(baseline, font, text);
    painter.save();
    if (ink.halo.alpha() > 0) {
        painter.setPen(QPen(ink.halo, ink.haloWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(outline);
    }
    if (isRasterDevice(painter)) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink.color);
        painter.drawPath(outline);
    } else {
        painter.setFont(font);
        painter.setPen(ink.color);
        painter.drawText(baseline, text);
    }
    painter.restore();
}

void drawRotatedLabelText(QPainter& painter, QPointF baseline, double degrees, const QFont& font, const QString& text,
                          const LabelInk& ink)
{
    painter.save();
    painter.translate(baseline);
    painter.rotate(degrees);
    drawLabelText(painter, QPointF(0, 0), font, text, ink);
    painter.restore();
}

}  // namespace atlas::render::detail
