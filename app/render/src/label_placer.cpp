#include "atlas/render/label_placer.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace atlas::render {

LabelPlacer::LabelPlacer(QRectF bounds, double cellSize, double unit)
    : m_bounds(bounds), m_cell(cellSize), m_unit(unit),
      m_cols(std::max(1, static_cast<int>(std::ceil(bounds.width() / cellSize)))),
      m_rows(std::max(1, static_cast<int>(std::ceil(bounds.height() / cellSize)))),
      m_grid(static_cast<std::size_t>(m_cols * m_rows))
{
}

std::vector<int> LabelPlacer::cellsOf(const QRectF& r) const
{
    const int c0 = std::clamp(static_cast<int>((r.left() - m_bounds.left()) / m_cell), 0, m_cols - 1);
    const int c1 = std::clamp(static_cast<int>((r.right() - m_bounds.left()) / m_cell), 0, m_cols - 1);
    const int r0 = std::clamp(static_cast<int>((r.top() - m_bounds.top()) / m_cell), 0, m_rows - 1);
    const int r1 = std::clamp(static_cast<int>((r.bottom() - m_bounds.top()) / m_cell), 0, m_rows - 1);
    std::vector<int> cells;
    for (int y = r0; y <= r1; ++y)
        for (int x = c0; x <= c1; ++x) cells.push_back(y * m_cols + x);
    return cells;
}

bool LabelPlacer::isFree(const QRectF& r, bool overSoft) const
{
    if (!m_bounds.contains(r)) return false;
    for (int c : cellsOf(r))
        for (const Box& o : m_grid[static_cast<std::size_t>(c)])
            if (!(overSoft && o.soft) && o.rect.intersects(r)) return false;
    return true;
}

void LabelPlacer::occupy(const QRectF& r, bool soft)
{
    for (int c : cellsOf(r)) m_grid[static_cast<std::size_t>(c)].push_back({r, soft});
}

void LabelPlacer::addObstacle(const QRectF& r, bool soft)
{
    occupy(r, soft);
}

bool LabelPlacer::placeBoxes(const std::vector<QRectF>& boxes, bool overSoft)
{
    for (const QRectF& r : boxes)
        if (!isFree(r, overSoft)) return false;
    for (const QRectF& r : boxes) occupy(r);
    return true;
}

std::optional<QPointF> LabelPlacer::place(QPointF a, double rad, QSizeF s, bool overSoft, bool wide)
{
    // Right, left, above, below, then the four diagonals — cartographic preference order —
    // first hugging the symbol, then further out (other symbols often share a town's point).
    static const std::vector<double> nearRings = {2.0, 6.0, 11.0};
    static const std::vector<double> wideRings = {2.0, 6.0, 11.0, 18.0, 26.0};
    for (const double extra : wide ? wideRings : nearRings) {
        const double gap = rad + extra * m_unit;
        const QPointF candidates[] = {
            {a.x() + gap, a.y() - s.height() / 2},
            {a.x() - gap - s.width(), a.y() - s.height() / 2},
            {a.x() - s.width() / 2, a.y() - gap - s.height()},
            {a.x() - s.width() / 2, a.y() + gap},
            {a.x() + gap * 0.7, a.y() - gap * 0.7 - s.height()},
            {a.x() - gap * 0.7 - s.width(), a.y() - gap * 0.7 - s.height()},
            {a.x() + gap * 0.7, a.y() + gap * 0.7},
            {a.x() - gap * 0.7 - s.width(), a.y() + gap * 0.7},
        };
        for (const QPointF& tl : candidates) {
            const QRectF r(tl, s);
            if (isFree(r, overSoft)) {
                occupy(r);
                return tl;
            }
        }
    }
    return std::nullopt;
}

}  // namespace atlas::render
