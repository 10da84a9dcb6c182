#include "atlas/geometry_column.h"

#include "huge_pages.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace atlas {

namespace {

// Within ±2^30 steps of the origin: a bit of room below int32's limits for rounding.
constexpr double kReach = 1073741824.0;

// v rounded to the nearest integer, ties to even — std::nearbyint's result in the default
// rounding mode — for |v| < 2^51, inline: adding 1.5·2^52 leaves no fraction bits, so the sum
// is rounded there. nearbyint is a call into libm, twice per coordinate stored (every
// coordinate of a load, and again when it is reprojected).
inline int32_t roundToStep(double v)
{
    constexpr double kShift = 6755399441055744.0;  // 1.5 · 2^52
    return static_cast<int32_t>((v + kShift) - kShift);
}

// One pass over a run of coordinates: its box, and whether every coordinate is finite.
struct Run {
    Box box;
    bool finite = true;
};

Run runOf(std::span<const Coord> cs)
{
    Run r;
    double nan = 0;  // x − x is NaN exactly when x is infinite or NaN
    for (const Coord& c : cs) {
        nan += (c.x - c.x) + (c.y - c.y);
        r.box.minX = std::min(r.box.minX, c.x);
        r.box.maxX = std::max(r.box.maxX, c.x);
        r.box.minY = std::min(r.box.minY, c.y);
        r.box.maxY = std::max(r.box.maxY, c.y);
    }
    r.finite = nan == 0;
    return r;
}

}  // namespace

const char* geometryKindName(GeometryKind k)
{
    switch (k) {
    case GeometryKind::None: return "none";
    case GeometryKind::Point: return "point";
    case GeometryKind::Line: return "line";
    case GeometryKind::Polygon: return "polygon";
    }
    return "?";
}

CoordSpan GeometryColumn::coords(std::size_t f) const
{
    const uint32_t firstRing = m_partRings[m_featureParts[f]];
    const uint32_t lastRing = m_partRings[m_featureParts[f + 1]];
    return span(m_ringCoords[firstRing], m_ringCoords[lastRing]);
}

Box GeometryColumn::extent() const
{
    Box b;
    if (m_bounds.empty())
        for (std::size_t f = 0; f < m_kinds.size(); ++f) b.expand(bounds(f));
    else
        for (const Box& fb : m_bounds) b.expand(fb);
    return b;
}

void GeometryColumn::reserve(std::size_t features, std::size_t coords)
{
    m_kinds.reserve(features);
    detail::reserveHuge(m_bounds, features);
    detail::reserveHuge(m_featureParts, features + 1);
    detail::reserveHuge(m_coords, coords);
}

void GeometryColumn::dropPointBounds()
{
    for (std::size_t f = 0; f < m_kinds.size(); ++f)
        if (!(m_kinds[f] == GeometryKind::None || (m_kinds[f] == GeometryKind::Point && coords(f).size() == 1))) return;
    std::vector<Box>().swap(m_bounds);
}

void GeometryColumn::keepBounds()
{
    if (!m_bounds.empty() || m_kinds.empty()) return;
    m_bounds.resize(m_kinds.size());
    for (std::size_t f = 0; f < m_kinds.size(); ++f) m_bounds[f] = bounds(f);
}

void GeometryColumn::beginFeature(GeometryKind kind)
{
    keepBounds();
    m_kinds.push_back(kind);
    m_staged.clear();
}

void GeometryColumn::beginPart()
{
    m_partRings.push_back(m_partRings.back());
}

void GeometryColumn::beginRing()
{
    if (m_partRings.size() < 2) throw std::logic_error("GeometryColumn::beginRing outside a part");
    // m_ringCoords holds ring boundaries: close the previous ring where the coordinates end now,
    // and open the new one (its end is fixed by the next beginRing or by endFeature).
    const auto here = static_cast<uint32_t>(m_coords.size() + m_staged.size());
    m_ringCoords.back() = here;
    m_ringCoords.push_back(here);
    ++m_partRings.back();
}

void GeometryColumn::fit(std::span<const Coord> cs, const Box& box, std::size_t stored, std::size_t features)
{
    if (cs.empty()) return;
    if (m_grid.step == 0) {
        // The first coordinate is the origin; the first step is far below anything a double of
        // that size can tell apart, and coarsens as the layer's extent grows.
        m_grid.originX = cs.front().x;
        m_grid.originY = cs.front().y;
        const double size = std::max({std::abs(m_grid.originX), std::abs(m_grid.originY), 0x1p-20});
        m_grid.step = std::ldexp(1.0, std::ilogb(size) - 40);
    }
    const double reach = std::max({std::abs(box.minX - m_grid.originX), std::abs(box.maxX - m_grid.originX),
                                   std::abs(box.minY - m_grid.originY), std::abs(box.maxY - m_grid.originY)});
    int shift = 0;
    while (reach > kReach * std::ldexp(m_grid.step, shift)) ++shift;
    if (shift == 0) return;
    m_grid.step = std::ldexp(m_grid.step, shift);
    for (std::size_t i = 0; i < stored; ++i) {
        GridCoord& q = m_coords[i];
        q = {roundToStep(std::ldexp(static_cast<double>(q.x), -shift)),
             roundToStep(std::ldexp(static_cast<double>(q.y), -shift))};
    }
    // Their bounds moved with them (each must hold its coordinates as they read now).
    for (std::size_t f = 0; f < features; ++f) {
        if (m_kinds[f] == GeometryKind::None) continue;
        Box b;
        for (const Coord c : coords(f)) b.expand(c.x, c.y);
        m_bounds[f] = b;
    }
}

Box GeometryColumn::encodeRun(std::span<const Coord> cs, GridCoord* out) const
{
    const double inv = 1.0 / m_grid.step;  // a power of two: exact
    int32_t x0 = INT32_MAX, y0 = INT32_MAX, x1 = INT32_MIN, y1 = INT32_MIN;
    for (const Coord& c : cs) {
        const GridCoord q{roundToStep((c.x - m_grid.originX) * inv), roundToStep((c.y - m_grid.originY) * inv)};
        *out++ = q;
        x0 = std::min(x0, q.x); x1 = std::max(x1, q.x);
        y0 = std::min(y0, q.y); y1 = std::max(y1, q.y);
    }
    if (cs.empty()) return Box{};
    // Decoding is monotonic: the box of the stored coordinates is the decoded box of the steps.
    const Coord lo = m_grid.decode({x0, y0}), hi = m_grid.decode({x1, y1});
    return {lo.x, lo.y, hi.x, hi.y};
}

void GeometryColumn::endFeature(bool keep)
{
    const std::size_t f = m_kinds.size() - 1;
    const Run run = runOf(m_staged);
    if (!keep || !run.finite) {
        // Stored without geometry: its parts and rings are taken back with the coordinates.
        const uint32_t firstPart = m_featureParts.back();
        const uint32_t firstRing = m_partRings[firstPart];
        m_partRings.resize(firstPart + 1);
        m_ringCoords.resize(firstRing + 1);
        m_ringCoords.back() = static_cast<uint32_t>(m_coords.size());
        m_staged.clear();
        m_kinds[f] = GeometryKind::None;
    }
    fit(m_staged, run.box, m_coords.size(), f);
    const std::size_t at = m_coords.size();
    m_coords.resize(at + m_staged.size());
    const Box b = encodeRun(m_staged, m_coords.data() + at);
    m_staged.clear();
    // Close the ring offsets: the end of every ring is the start of the next; the last ring of
    // this feature ends at the current coordinate count.
    m_ringCoords.back() = static_cast<uint32_t>(m_coords.size());
    m_featureParts.push_back(static_cast<uint32_t>(m_partRings.size() - 1));
    if (b.isEmpty()) m_kinds[f] = GeometryKind::None;
    m_bounds.push_back(b);
}

void GeometryColumn::dropLastFeature()
{
    if (m_kinds.empty()) throw std::logic_error("GeometryColumn::dropLastFeature on an empty column");
    keepBounds();
    const std::size_t f = m_kinds.size() - 1;
    const uint32_t firstPart = m_featureParts[f];
    const uint32_t firstRing = m_partRings[firstPart];
    m_coords.resize(m_ringCoords[firstRing]);
    m_ringCoords.resize(firstRing + 1);
    m_partRings.resize(firstPart + 1);
    m_featureParts.resize(f + 1);
    m_kinds.pop_back();
    if (m_bounds.size() > f) m_bounds.pop_back();
}

void GeometryColumn::recomputeBounds()
{
    keepBounds();
    for (std::size_t f = 0; f < m_kinds.size(); ++f) {
        Box b;
        if (m_kinds[f] != GeometryKind::None)
            for (const Coord c : coords(f)) b.expand(c.x, c.y);
        m_bounds[f] = b;
        if (b.isEmpty()) m_kinds[f] = GeometryKind::None;
    }
}

std::vector<std::size_t> GeometryColumn::transformFeatures(const std::function<void(std::span<Coord>)>& transform)
{
    constexpr std::size_t kBatch = 1 << 16;
    keepBounds();
    std::vector<std::size_t> lost;
    std::vector<Coord> batch;
    const CoordGrid from = m_grid;
    m_grid = CoordGrid{};  // the transformed coordinates get their own origin and step
    auto begin = [this](std::size_t f) -> std::size_t { return m_ringCoords[m_partRings[m_featureParts[f]]]; };
    std::size_t f = 0;
    while (f < m_kinds.size()) {
        // A batch of whole features: decoded, transformed together, stored back in place.
        const std::size_t first = f, at = begin(f);
        while (f < m_kinds.size() && (f == first || begin(f + 1) - at <= kBatch)) ++f;
        const std::size_t end = begin(f);
        batch.resize(end - at);
        for (std::size_t i = at; i < end; ++i) batch[i - at] = from.decode(m_coords[i]);
        transform(batch);
        for (std::size_t g = first; g < f; ++g) {
            const std::size_t b0 = begin(g) - at, b1 = begin(g + 1) - at;
            const std::span<Coord> cs(batch.data() + b0, batch.data() + b1);
            const Run run = runOf(cs);
            if (!run.finite) {
                if (!cs.empty() && m_kinds[g] != GeometryKind::None) lost.push_back(g);
                m_kinds[g] = GeometryKind::None;
            }
            if (m_kinds[g] == GeometryKind::None) {
                m_bounds[g] = Box{};
                for (std::size_t i = b0; i < b1; ++i) m_coords[at + i] = GridCoord{0, 0};
                continue;
            }
            fit(cs, run.box, at + b0, g);
            const Box box = encodeRun(cs, m_coords.data() + at + b0);
            m_bounds[g] = box;
            if (box.isEmpty()) m_kinds[g] = GeometryKind::None;
        }
    }
    return lost;
}

void GeometryColumn::clearFeature(std::size_t f)
{
    keepBounds();
    m_kinds[f] = GeometryKind::None;
    m_bounds[f] = Box{};
}

std::size_t GeometryColumn::memoryBytes() const
{
    return m_kinds.capacity() * sizeof(GeometryKind) + m_bounds.capacity() * sizeof(Box)
         + (m_featureParts.capacity() + m_partRings.capacity() + m_ringCoords.capacity()) * sizeof(uint32_t)
         + m_coords.capacity() * sizeof(GridCoord);
}

}  // namespace atlas
