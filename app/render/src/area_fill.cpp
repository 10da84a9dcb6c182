#include "area_fill.h"

#include "pixel_blend.h"

#include <algorithm>
#include <cmath>

namespace atlas::render::detail {

namespace {

// Each painting thread keeps its cells between fills, bands and frames, as large as the largest
// box it filled (a polygon across a whole frame: 8 MB at 1920×1080): fresh zeroed pages for every
// fill cost more than a small polygon's pixels.
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
    : m_bits(bits), m_stride(stride), m_width(width), m_y0(y0), m_y1(std::max(y0, y1))
{
}

void AreaFill::addRing(const std::vector<QPointF>& ring)
{
    if (ring.size() < 3) return;
    double minX = ring[0].x(), maxX = minX, minY = ring[0].y(), maxY = minY;
    for (const QPointF& p : ring) {
        minX = std::min(minX, p.x()); maxX = std::max(maxX, p.x());
        minY = std::min(minY, p.y()); maxY = std::max(maxY, p.y());
    }
    if (!(minX >= -kMargin && maxX <= m_width + kMargin && std::isfinite(minY) && std::isfinite(maxY))) return;
    if (m_ringEnds.empty()) {
        m_minX = minX; m_maxX = maxX; m_minY = minY; m_maxY = maxY;
    } else {
        m_minX = std::min(m_minX, minX); m_maxX = std::max(m_maxX, maxX);
        m_minY = std::min(m_minY, minY); m_maxY = std::max(m_maxY, maxY);
    }
    m_points.insert(m_points.end(), ring.begin(), ring.end());
    m_ringEnds.push_back(m_points.size());
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
    xa -= m_colBase;
    xb -= m_colBase;
    for (int r = r0; r < r1; ++r) {
        // The part of the edge within row r: from (x0, top) to (x1, bottom), height h.
        const double top = std::max<double>(r, ya), bottom = std::min<double>(r + 1, yb);
        const double h = bottom - top;
        if (h <= 0) continue;
        const double x0 = xa + (top - ya) * dxdy, x1 = xa + (bottom - ya) * dxdy;
        // Clamped to the rings' box: rounding in x0 and x1 must never reach a cell outside it.
        const double lo = std::max(std::min(x0, x1), m_minX - m_colBase);
        const double hi = std::min(std::max(x0, x1), m_maxX - m_colBase);
        const double d = sign * h;
        float* cells = m_cells + static_cast<std::size_t>(r - m_rowBase) * m_cellStride;
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
    if (m_ringEnds.empty()) return;
    const int rowLo = std::max(m_y0, static_cast<int>(std::floor(m_minY)));
    const int rowHi = std::min(m_y1 - 1, static_cast<int>(std::ceil(m_maxY)));
    // An edge within [lo, hi] touches cells floor(lo) … ceil(hi) (an upright one floor(lo) + 1).
    m_colBase = static_cast<int>(std::floor(m_minX));
    m_rowBase = rowLo;
    m_cellStride = static_cast<std::size_t>(static_cast<int>(std::ceil(m_maxX)) - m_colBase + 2);
    if (rowLo <= rowHi) {
        std::vector<float>& cells = threadCells();
        const std::size_t need = m_cellStride * static_cast<std::size_t>(rowHi - rowLo + 1);
        if (cells.size() < need) cells.resize(need, 0.0f);
        m_cells = cells.data();
        std::size_t begin = 0;
        for (const std::size_t end : m_ringEnds) {
            for (std::size_t k = begin; k < end; ++k) {
                const QPointF& a = m_points[k];
                const QPointF& b = m_points[k + 1 < end ? k + 1 : begin];
                edge(a.x(), a.y(), b.x(), b.y());
            }
            begin = end;
        }
        const uint64_t lanes = spreadLanes(colour);
        const int cols = static_cast<int>(m_cellStride);
        for (int y = rowLo; y <= rowHi; ++y) {
            float* row = m_cells + static_cast<std::size_t>(y - rowLo) * m_cellStride;
            uint32_t* pixels = m_bits + static_cast<std::ptrdiff_t>(y) * m_stride;
            double covered = 0;
            for (int c = 0; c < cols; ++c) {
                covered += row[c];
                row[c] = 0.0f;
                const int x = c + m_colBase;
                if (x < 0 || x >= m_width) continue;
                // As Qt's gray raster: area in 1/256ths, folded at 512 by the even–odd rule.
                int coverage = static_cast<int>(std::fabs(covered) * 256.0);
                coverage &= 511;
                if (coverage > 256) coverage = 512 - coverage;
                else if (coverage == 256) coverage = 255;
                if (coverage > 0) blendOver(pixels[x], lanes, static_cast<uint32_t>(coverage));
            }
        }
    }
    m_points.clear();
    m_ringEnds.clear();
}

}  // namespace atlas::render::detail
