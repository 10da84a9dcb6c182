#include "atlas/geometry_column.h"

#include <cstdint>
#include <stdexcept>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace atlas {

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

std::span<const Coord> GeometryColumn::coords(std::size_t f) const
{
    const uint32_t firstRing = m_partRings[m_featureParts[f]];
    const uint32_t lastRing = m_partRings[m_featureParts[f + 1]];
    return {m_coords.data() + m_ringCoords[firstRing], m_coords.data() + m_ringCoords[lastRing]};
}

Box GeometryColumn::extent() const
{
    Box b;
    for (const Box& fb : m_bounds) b.expand(fb);
    return b;
}

namespace {

// Asks Linux to back a large, still untouched buffer with 2 MB pages: a million-feature layer
// then costs hundreds of page faults instead of a hundred thousand (the kernel's share of
// loading the medium benchmark was ~15%), and drawing walks it with fewer TLB misses. Only
// advice: where transparent huge pages are off, nothing changes.
template <typename T>
void adviseHugePages([[maybe_unused]] const std::vector<T>& v)
{
#ifdef __linux__
    constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
    const auto begin = reinterpret_cast<std::uintptr_t>(v.data() + v.size());
    const auto end = reinterpret_cast<std::uintptr_t>(v.data() + v.capacity());
    const std::uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1), last = end & ~(kHuge - 1);
    if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#endif
}

}  // namespace

void GeometryColumn::reserve(std::size_t features, std::size_t coords)
{
    m_kinds.reserve(features);
    m_bounds.reserve(features);
    m_featureParts.reserve(features + 1);
    m_coords.reserve(coords);
    adviseHugePages(m_bounds);
    adviseHugePages(m_coords);
}

void GeometryColumn::beginFeature(GeometryKind kind)
{
    m_kinds.push_back(kind);
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
    const auto here = static_cast<uint32_t>(m_coords.size());
    m_ringCoords.back() = here;
    m_ringCoords.push_back(here);
    ++m_partRings.back();
}

void GeometryColumn::endFeature()
{
    // Close the ring offsets: the end of every ring is the start of the next; the last ring of
    // this feature ends at the current coordinate count.
    m_ringCoords.back() = static_cast<uint32_t>(m_coords.size());
    m_featureParts.push_back(static_cast<uint32_t>(m_partRings.size() - 1));
    Box b;
    const std::size_t f = m_kinds.size() - 1;
    for (const Coord& c : coords(f)) b.expand(c.x, c.y);
    if (b.isEmpty()) m_kinds[f] = GeometryKind::None;
    m_bounds.push_back(b);
}

void GeometryColumn::dropLastFeature()
{
    if (m_kinds.empty()) throw std::logic_error("GeometryColumn::dropLastFeature on an empty column");
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
    for (std::size_t f = 0; f < m_kinds.size(); ++f) {
        Box b;
        for (const Coord& c : coords(f)) b.expand(c.x, c.y);
        m_bounds[f] = b;
        if (b.isEmpty()) m_kinds[f] = GeometryKind::None;
    }
}

void GeometryColumn::transformFeatures(const std::function<void(std::span<Coord>)>& transform)
{
    for (std::size_t f = 0; f < m_kinds.size(); ++f) {
        const std::span<Coord> c(m_coords.data() + m_ringCoords[m_partRings[m_featureParts[f]]],
                                 m_coords.data() + m_ringCoords[m_partRings[m_featureParts[f + 1]]]);
        transform(c);
        Box b;
        for (const Coord& xy : c) b.expand(xy.x, xy.y);
        m_bounds[f] = b;
        if (b.isEmpty()) m_kinds[f] = GeometryKind::None;
    }
}

void GeometryColumn::clearFeature(std::size_t f)
{
    m_kinds[f] = GeometryKind::None;
    m_bounds[f] = Box{};
}

std::size_t GeometryColumn::memoryBytes() const
{
    return m_kinds.capacity() * sizeof(GeometryKind) + m_bounds.capacity() * sizeof(Box)
         + (m_featureParts.capacity() + m_partRings.capacity() + m_ringCoords.capacity()) * sizeof(uint32_t)
         + m_coords.capacity() * sizeof(Coord);
}

}  // namespace atlas
