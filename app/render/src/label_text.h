#pragma once
// Drawing one label: a halo, then the text. On raster devices (screen, PNG) both are the glyph
// outlines, filled and stroked, as they always were; on vector devices (SVG, PDF) the text is
// drawn with QPainter::drawText so it stays text — <text> in SVG, an embedded font in PDF,
// selectable and editable — and only the halo under it is an outline.
#include <QColor>
#include <QFont>
#include <QPainter>
#include <QPointF>
#include <QString>

namespace atlas::render::detail {

struct LabelInk {
    QColor color;
    QColor halo;           // alpha 0: no halo
    double haloWidth = 2.6;  // device pixels
};

// True when the painter draws on a raster image (glyphs are rasterised anyway, so outlines
// cost nothing there); false for SVG, PDF and other vector engines.
bool isRasterDevice(const QPainter& painter);

// Draws `text` with its baseline starting at `baseline`.
void drawLabelText(QPainter& painter, QPointF baseline, const QFont& font, const QString& text, const LabelInk& ink);

// Draws `text` rotated by `degrees` around its baseline start (line and area labels).
void drawRotatedLabelText(QPainter& painter, QPointF baseline, double degrees, const QFont& font, const QString& text,
                          const LabelInk& ink);

}  // namespace atlas::render::detail
