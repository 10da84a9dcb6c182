#pragma once
// Where a name fits along a line or inside an area, in device pixels. Pure geometry: the
// caller checks the result against the other labels and draws it.
#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <optional>
#include <vector>

namespace atlas::render::detail {

// A label along a line: its baseline start, its angle and the boxes it covers.
struct LinePlacement {
    QPointF baseline;
    double degrees;
    std::vector<QRectF> boxes;
};

// Positions along `line` where a straight stretch is long enough for a text of `size` (width
// along the line, height across) — from the middle outwards, each reading left to right and
// sitting just above the line. `gap`: pixels between the line and the text.
std::vector<LinePlacement> linePlacements(const std::vector<QPointF>& line, QSizeF size, double gap);

// Top-left corners where a box of `size` lies wholly inside the area (odd-even rings), the
// deepest inside first (then nearest the centroid); `view` bounds the search.
std::vector<QPointF> areaPlacements(const std::vector<std::vector<QPointF>>& rings, QSizeF size, const QRectF& view);

}  // namespace atlas::render::detail
