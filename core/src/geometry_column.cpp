#include "atlas/geometry_column.h"

#include "huge_pages.h"

#include <stdexcept>

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

void GeometryColumn::reserve(std::size_t features, std::size_t coords)
{
    m_kinds.reserve(features);
    detail::reserveHuge(m_bounds, features);
    detail::reserveHuge(m_featureParts, features + 1);
    detail::reserveHuge(m_coords, coords);
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
        // A cleared feature keeps its coordinates (often the infinities of a failed transform);
        // they must not give it a box again.
        if (m_kinds[f] != GeometryKind::None)
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
