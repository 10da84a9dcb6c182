#pragma once
// Greedy label placement without overlaps: candidates are tried around their anchor in a
// fixed order; a placed label and every point symbol block the space they cover.
#include <QRectF>
#include <QString>

#include <vector>

namespace atlas::render {

class LabelPlacer {
public:
    explicit LabelPlacer(QRectF bounds, double cellSize = 48.0);

    // Reserves space that labels must avoid (e.g. a point symbol).
    void addObstacle(const QRectF& r);
    // Tries positions for a text box of `size` around `anchor` (a symbol of radius
    // `anchorRadius`); returns the chosen top-left, or nullopt when every position collides.
    std::optional<QPointF> place(QPointF anchor, double anchorRadius, QSizeF size);

private:
    bool isFree(const QRectF& r) const;
    void occupy(const QRectF& r);
    std::vector<int> cellsOf(const QRectF& r) const;

    QRectF m_bounds;
    double m_cell;
    int m_cols, m_rows;
    std::vector<std::vector<QRectF>> m_grid;
};

}  // namespace atlas::render
