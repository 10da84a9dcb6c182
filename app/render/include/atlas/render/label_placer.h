#pragma once
// Greedy label placement without overlaps: candidates are tried around their anchor in a
// fixed order; a placed label and every point symbol block the space they cover. Symbols that
// carry no name of their own (events) are soft obstacles: the story's labels may cover them,
// other labels may not. Labels never cover each other.
#include <QRectF>
#include <QString>

#include <optional>
#include <vector>

namespace atlas::render {

class LabelPlacer {
public:
    // unit: device pixels per logical pixel, so the rings around a symbol keep their size on
    // a 300 dpi page.
    explicit LabelPlacer(QRectF bounds, double cellSize = 48.0, double unit = 1.0);

    // Reserves space that labels must avoid (e.g. a point symbol).
    void addObstacle(const QRectF& r, bool soft = false);
    // Tries positions for a text box of `size` around `anchor` (a symbol of radius
    // `anchorRadius`); returns the chosen top-left, or nullopt when every position collides.
    // overSoft: soft obstacles do not block (the story's labels); wide: also tries rings
    // further out before giving up.
    std::optional<QPointF> place(QPointF anchor, double anchorRadius, QSizeF size, bool overSoft = false,
                                 bool wide = false);
    // Takes every box of `boxes` (the glyphs of a label along a line, a label inside an area)
    // when all are free and inside the bounds; false, and nothing taken, otherwise.
    bool placeBoxes(const std::vector<QRectF>& boxes, bool overSoft = false);
    // True when no label or obstacle covers r.
    bool isFree(const QRectF& r, bool overSoft = false) const;

private:
    struct Box {
        QRectF rect;
        bool soft;
    };
    void occupy(const QRectF& r, bool soft = false);
    std::vector<int> cellsOf(const QRectF& r) const;

    QRectF m_bounds;
    double m_cell;
    double m_unit;
    int m_cols, m_rows;
    std::vector<std::vector<Box>> m_grid;
};

}  // namespace atlas::render
