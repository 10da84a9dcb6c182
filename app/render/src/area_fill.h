#pragma once
// Render-internal: solid polygon fills for the raster fast path, written straight into a band of
// a premultiplied ARGB32 frame with the coverage QPainter's antialiased fill gives — Qt's gray
// raster computes each pixel's exact covered area, folds it by the even–odd rule and quantises
// it to 1/256 — and Qt's source-over arithmetic (pixel_blend.h).
//
// Why not QPainter: a zoomed-in polygon is mostly interior pixels, and Qt's fill goes through
// its outline conversion, span lists and (Qt 6.4) its thread-pool machinery per fill; timed per
// layer, a zoomed medium frame's 1,800 polygons took a quarter of the frame (33 ms, most of it
// those fills), 70% of what the full frame's 10,000 took.
//
// Rings are added one by one (a polygon with holes or several parts is one fill), then filled
// together; every edge of a ring adds, to the cells of the rows it crosses, the signed area it
// leaves to its right, and a running sum along each row gives the covered area (the method of
// font rasterisers). Coordinates must be finite, x within the frame's width plus kMargin (a
// ring reaching further is left out) and y within int range (the renderer clips every ring to
// its band plus a margin first; rows outside the band are skipped).
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

    uint32_t* m_bits;
    std::ptrdiff_t m_stride;
    int m_width, m_y0, m_y1;
    std::vector<QPointF> m_points;       // the rings added, one after the other
    std::vector<std::size_t> m_ringEnds;  // where each ends in m_points
    double m_minX = 0, m_maxX = -1, m_minY = 0, m_maxY = -1;
    // The cells of the rings' box (in the band), kept by the painting thread between fills and
    // all zero between them: the sweep in fill() clears what it reads.
    float* m_cells = nullptr;
    std::size_t m_cellStride = 0;
    int m_colBase = 0, m_rowBase = 0;
};

}  // namespace atlas::render::detail
