#include "area_fill.h"

#include "pixel_blend.h"

#include <algorithm>
#include <cmath>

namespace atlas::render::detail {

namespace {

// Each painting thread keeps its cells between bands and frames: a band's worth is a couple of
// megabytes, and fresh pages every band cost page faults a frame does not need.
std::vector<float>& threadCells()
{
    thread_local std::vector<float> cells;
    return cells;
}

// (hi − lo) times the mean over x in [lo, hi] of clamp(c − x, 0, 1): how much of the column
// ending at c lies right of an edge running from lo to hi across a row (lo < hi).
double rightOf(double c, double lo, double hi)
{
    const double a = std::clamp(c - 1, lo, hi), b = std::clamp(c, lo, hi);
    const double full = a - lo;                                      // x ≤ c − 1: all of it
    const double part = ((c - a) * (c - a) - (c - b) * (c - b)) / 2;  // c − 1 < x < c: c − x
    return full + part;
}

}  // namespace

AreaFill::AreaFill(uint32_t* bits, std::ptrdiff_t stride, int width, int y0, int y1)
    : m_bits(bits), m_stride(stride), m_width(width), m_y0(y0), m_y1(std::max(y0, y1)),
      m_cellStride(static_cast<std::size_t>(width) + 2 * kMargin + 4), m_cells(threadCells()),
      m_colLo(1), m_colHi(0), m_rowLo(1), m_rowHi(0)
{
    const std::size_t need = m_cellStride * static_cast<std::size_t>(m_y1 - m_y0);
    if (m_cells.size() < need) m_cells.resize(need, 0.0f);
}

void AreaFill::addRing(const std::vector<QPointF>& ring)
{
    const std::size_t n = ring.size();
    if (n < 3) return;
    double minX = ring[0].x(), maxX = minX, minY = ring[0].y(), maxY = minY;
    for (const QPointF& p : ring) {
        minX = std::min(minX, p.x()); maxX = std::max(maxX, p.x());
        minY = std::min(minY, p.y()); maxY = std::max(maxY, p.y());
    }
    if (!(minX >= -kMargin && maxX <= m_width + kMargin && std::isfinite(minY) && std::isfinite(maxY))) return;
    const int rowLo = std::max(m_y0, static_cast<int>(std::floor(minY)));
    const int rowHi = std::min(m_y1 - 1, static_cast<int>(std::ceil(maxY)));
    if (rowLo > rowHi) return;
    // Cell column of pixel x is x + kMargin; an edge touches up to ceil(its right end).
    const int colLo = static_cast<int>(std::floor(minX)) + kMargin;
    const int colHi = static_cast<int>(std::ceil(maxX)) + kMargin + 1;
    if (m_colLo > m_colHi) {
        m_colLo = colLo; m_colHi = colHi; m_rowLo = rowLo; m_rowHi = rowHi;
    } else {
        m_colLo = std::min(m_colLo, colLo); m_colHi = std::max(m_colHi, colHi);
        m_rowLo = std::min(m_rowLo, rowLo); m_rowHi = std::max(m_rowHi, rowHi);
    }
    for (std::size_t k = 0; k < n; ++k) {
        const QPointF& a = ring[k];
        const QPointF& b = ring[k + 1 < n ? k + 1 : 0];
        edge(a.x() + kMargin, a.y(), b.x() + kMargin, b.y());
    }
}

void AreaFill::edge(double xa, double ya, double xb, double yb)
{
    if (ya == yb) return;
    double sign = 1;
    if (ya > yb) {
        std::swap(xa, xb);
        std::swap(ya, yb);
        sign = -1;
    }
    const double dxdy = (xb - xa) / (yb - ya);
    const int r0 = std::max(m_y0, static_cast<int>(std::floor(ya)));
    const int r1 = std::min(m_y1, static_cast<int>(std::ceil(yb)));
    for (int r = r0; r < r1; ++r) {
        // The part of the edge within row r: from (x0, top) to (x1, bottom), height h.
        const double top = std::max<double>(r, ya), bottom = std::min<double>(r + 1, yb);
        const double h = bottom - top;
        if (h <= 0) continue;
        const double x0 = xa + (top - ya) * dxdy, x1 = xa + (bottom - ya) * dxdy;
        const double lo = std::min(x0, x1), hi = std::max(x0, x1);
        const double d = sign * h;
        float* cells = row(r);
        const int j0 = static_cast<int>(std::floor(lo)), j1 = static_cast<int>(std::ceil(hi));
        if (j1 <= j0 + 1) {
            // Within one cell (most edges of a ring drawn to half a pixel): right of the edge lies
            // the cell's right side minus the edge's mean x; the next cell gets the rest.
            const double f = (lo + hi) * 0.5 - j0;
            cells[j0] += static_cast<float>(d * (1 - f));
            cells[j0 + 1] += static_cast<float>(d * f);
            continue;
        }
        // Cell j gets the change in "covered right of the edge" from column j − 1 to column j;
        // past ceil(hi) that is 1 (the whole height) and nothing changes.
        const double scale = d / (hi - lo);
        double before = 0;
        for (int j = j0; j <= j1; ++j) {
            const double now = rightOf(j + 1, lo, hi);
            cells[j] += static_cast<float>(scale * (now - before));
            before = now;
        }
    }
}

void AreaFill::fill(uint32_t colour)
{
    if (m_colLo > m_colHi) return;
    const uint64_t lanes = spreadLanes(colour);
    const int firstPixel = std::max(0, m_colLo - kMargin), endPixel = std::min(m_width, m_colHi - kMargin + 1);
    for (int y = m_rowLo; y <= m_rowHi; ++y) {
        float* cells = row(y);
        uint32_t* pixels = m_bits + static_cast<std::ptrdiff_t>(y) * m_stride;
        double covered = 0;
        for (int c = m_colLo; c <= m_colHi; ++c) {
            covered += cells[c];
            cells[c] = 0.0f;
            const int x = c - kMargin;
            if (x < firstPixel || x >= endPixel) continue;
            // As Qt's gray raster: area in 1/256ths, folded at 512 by the even–odd rule.
            int coverage = static_cast<int>(std::fabs(covered) * 256.0);
            coverage &= 511;
            if (coverage > 256) coverage = 512 - coverage;
            else if (coverage == 256) coverage = 255;
            if (coverage > 0) blendOver(pixels[x], lanes, static_cast<uint32_t>(coverage));
        }
    }
    m_colLo = m_rowLo = 1;
    m_colHi = m_rowHi = 0;
}

}  // namespace atlas::render::detail
