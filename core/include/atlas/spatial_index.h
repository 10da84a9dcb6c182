#pragma once
// Packed Hilbert R-tree over feature boxes: built once after loading, then query-only.
// Nodes are stored level by level in one array, so a query touches contiguous memory and the
// tree costs ~ (n + n/16 + …) boxes.
#include "atlas/box.h"

#include <cstdint>
#include <functional>
#include <span>
#include <utility>
#include <vector>

namespace atlas {

namespace detail { struct LayerCacheAccess; }

class SpatialIndex {
public:
    static constexpr uint32_t kNodeSize = 16;

    SpatialIndex() = default;
    // Items with empty boxes (features without geometry) are not indexed.
    explicit SpatialIndex(std::span<const Box> boxes);
    explicit SpatialIndex(const std::vector<Box>& boxes) : SpatialIndex(std::span<const Box>(boxes)) {}

    std::size_t size() const { return m_itemCount; }
    // The box around every indexed item (the root's box; empty when nothing is indexed).
    Box bounds() const { return m_boxes.empty() ? Box{} : m_boxes.back(); }
    // Calls visit(item) for every item whose box intersects `query`; visit returns false to stop.
    void query(const Box& query, const std::function<bool(uint32_t)>& visit) const;
    // Convenience: all items intersecting `query`, ascending.
    std::vector<uint32_t> query(const Box& query) const;
    std::size_t memoryBytes() const;

private:
    friend struct detail::LayerCacheAccess;  // the columnar cache file (layer_cache.h)

    // Calls leaf(item) for each leaf whose box meets q and subtree({first, end}) for each node
    // whose box lies inside q (its leaves' positions); either returns false to stop.
    template <class Leaf, class Subtree>
    void walk(const Box& q, Leaf&& leaf, Subtree&& subtree) const;
    std::pair<std::size_t, std::size_t> leafRange(std::size_t pos, std::size_t level) const;

    std::vector<Box> m_boxes;          // leaves first (Hilbert order), then each upper level
    std::vector<uint32_t> m_indices;   // leaves: item id; inner nodes: index of first child box
    std::vector<std::size_t> m_levelBounds;  // end offset of each level in m_boxes
    std::size_t m_itemCount = 0;
};

}  // namespace atlas
