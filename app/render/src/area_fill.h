#pragma once
// Render-internal: solid polygon fills for the raster fast path, written straight into a band of
// a premultiplied ARGB32 frame with the coverage QPainter's antialiased fill gives — Qt's gray
// raster computes each pixel's exact covered area, folds it by the even–odd rule and quantises
// it to 1/256 — and Qt's source-over arithmetic (pixel_blend.h).
//
// Why not QPainter: a zoomed-in polygon is mostly interior pixels, and Qt's fill goes through
// its outline conversion, span lists and (Qt 6.4) a thread-pool hand-off per fill; profiling put
// a zoomed medium frame's 1,800 polygons at a third of the frame, more than the full frame's
// 10,000 took.
//
// Rings are added one by one (a polygon with holes or several parts is one fill), then filled
// together; every edge of a ring adds, to the cells of the rows it crosses, the signed area it
// leaves to its right, and a running sum along each row gives the covered area (the method of
// font rasterisers). Coordinates must be finite and within the band's width plus kMargin.
#include <QPointF>

#include <cstdint>
#include <vector>

namespace atlas::render::detail {

class AreaFill {
public:
    // How far outside the frame's columns a ring may reach (rings are clipped to that).
    static constexpr int kMargin = 8;

    // Rows y0 … y1 − 1 of a frame `width` pixels wide; `bits` is the frame's first row.
    AreaFill(uint32_t* bits, std::ptrdiff_t stride, int width, int y0, int y1);

    // A closed ring (the last point joins the first whether or not it repeats it).
    void addRing(const std::vector<QPointF>& ring);
    // Fills what the rings added so far enclose (even–odd) with `colour` (premultiplied), then
    // forgets them.
    void fill(uint32_t colour);

private:
    void edge(double xa, double ya, double xb, double yb);
    float* row(int y) { return m_cells.data() + static_cast<std::size_t>(y - m_y0) * m_cellStride; }

    uint32_t* m_bits;
    std::ptrdiff_t m_stride;
    int m_width, m_y0, m_y1;
    std::size_t m_cellStride;
    // The band's cells, kMargin more on either side; all zero between fills (the sweep in
    // fill() clears what it reads), so a fill costs what it touches.
    std::vector<float>& m_cells;
    // Columns and rows the added rings touch (cell columns, frame rows), empty when lo > hi.
    int m_colLo, m_colHi, m_rowLo, m_rowHi;
};

}  // namespace atlas::render::detail
