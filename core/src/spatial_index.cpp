#include "atlas/spatial_index.h"

#include "huge_pages.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>

namespace atlas {
namespace {

// Cell 0…65535 of `v` on a grid of `size` starting at `min`. Clamped, NaN to 0: with
// coordinates near ±1e308 the extent's size overflows to infinity and the ratio can be NaN.
uint32_t gridCell(double v, double min, double size)
{
    const double t = 65535.0 * (v - min) / size;
    return t >= 0 ? static_cast<uint32_t>(std::min(t, 65535.0)) : 0;
}

// Below this many items a comparison sort of the Hilbert keys beats the radix sort.
constexpr std::size_t kRadixSortMinItems = 4096;

// Hilbert index of (x, y) on a 2^16 grid (Fast Hilbert curve, public-domain algorithm by
// rawrunprotected, as used by flatbush).
uint32_t hilbert(uint32_t x, uint32_t y)
{
    uint32_t a = x ^ y;
    uint32_t b = 0xFFFF ^ a;
    uint32_t c = 0xFFFF ^ (x | y);
    uint32_t d = x & (y ^ 0xFFFF);
    uint32_t A = a | (b >> 1);
    uint32_t B = (a >> 1) ^ a;
    uint32_t C = ((c >> 1) ^ (b & (d >> 1))) ^ c;
    uint32_t D = ((a & (c >> 1)) ^ (d >> 1)) ^ d;

    a = A; b = B; c = C; d = D;
    A = (a & (a >> 2)) ^ (b & (b >> 2));
    B = (a & (b >> 2)) ^ (b & ((a ^ b) >> 2));
    C ^= (a & (c >> 2)) ^ (b & (d >> 2));
    D ^= (b & (c >> 2)) ^ ((a ^ b) & (d >> 2));

    a = A; b = B; c = C; d = D;
    A = (a & (a >> 4)) ^ (b & (b >> 4));
    B = (a & (b >> 4)) ^ (b & ((a ^ b) >> 4));
    C ^= (a & (c >> 4)) ^ (b & (d >> 4));
    D ^= (b & (c >> 4)) ^ ((a ^ b) & (d >> 4));

    a = A; b = B; c = C; d = D;
    C ^= (a & (c >> 8)) ^ (b & (d >> 8));
    D ^= (b & (c >> 8)) ^ ((a ^ b) & (d >> 8));

    a = C ^ (C >> 1);
    b = D ^ (D >> 1);
    uint32_t i0 = x ^ y;
    uint32_t i1 = b | (0xFFFF ^ (i0 | a));

    auto interleave = [](uint32_t v) {
        v = (v | (v << 8)) & 0x00FF00FF;
        v = (v | (v << 4)) & 0x0F0F0F0F;
        v = (v | (v << 2)) & 0x33333333;
        v = (v | (v << 1)) & 0x55555555;
        return v;
    };
    return (interleave(i1) << 1) | interleave(i0);
}

}  // namespace

SpatialIndex::SpatialIndex(std::span<const Box> boxes)
{
    std::vector<uint32_t> items;
    items.reserve(boxes.size());
    Box extent;
    for (uint32_t i = 0; i < boxes.size(); ++i) {
        const Box& b = boxes[i];
        // Not indexed: no geometry, or a box that is not finite (it could not be placed on the
        // Hilbert grid; converting its NaN key to an integer is undefined behaviour).
        if (b.isEmpty() || !std::isfinite(b.minX) || !std::isfinite(b.minY) || !std::isfinite(b.maxX) ||
            !std::isfinite(b.maxY))
            continue;
        items.push_back(i);
        extent.expand(boxes[i]);
    }
    m_itemCount = items.size();
    if (items.empty()) return;

    const double w = extent.width() > 0 ? extent.width() : 1.0;
    const double h = extent.height() > 0 ? extent.height() : 1.0;
    // (Hilbert key, item) pairs packed in 64 bits, sorted by an LSD radix sort on the key's two
    // 16-bit halves (stable: equal keys keep ascending item order). A comparison sort through
    // the key array was the largest part of building the index of a million points.
    std::vector<uint64_t> keyed, scratch;
    detail::reserveHuge(keyed, items.size());
    detail::reserveHuge(scratch, items.size());
    keyed.resize(items.size());
    scratch.resize(items.size());
    for (std::size_t k = 0; k < items.size(); ++k) {
        const Box& b = boxes[items[k]];
        const uint32_t hx = gridCell(b.centerX(), extent.minX, w);
        const uint32_t hy = gridCell(b.centerY(), extent.minY, h);
        keyed[k] = (uint64_t{hilbert(hx, hy)} << 32) | items[k];
    }
    if (keyed.size() < kRadixSortMinItems) {
        // Same order as the radix sort (item ids are unique and in the low bits), without its
        // fixed cost of two passes over 65536 buckets, which dominated loading small files.
        std::sort(keyed.begin(), keyed.end());
    } else {
        std::vector<uint32_t> count(65537);
        for (int shift = 32; shift < 64; shift += 16) {
            std::fill(count.begin(), count.end(), 0u);
            for (uint64_t v : keyed) ++count[((v >> shift) & 0xFFFF) + 1];
            for (std::size_t b = 0; b < 65536; ++b) count[b + 1] += count[b];
            for (uint64_t v : keyed) scratch[count[(v >> shift) & 0xFFFF]++] = v;
            keyed.swap(scratch);
        }
    }
    for (std::size_t k = 0; k < items.size(); ++k) items[k] = static_cast<uint32_t>(keyed[k]);
    std::vector<uint64_t>().swap(keyed);
    std::vector<uint64_t>().swap(scratch);

    // Level sizes.
    std::size_t total = items.size();
    std::vector<std::size_t> levelSizes{items.size()};
    for (std::size_t n = items.size(); n > 1;) {
        n = (n + kNodeSize - 1) / kNodeSize;
        levelSizes.push_back(n);
        total += n;
    }
    detail::reserveHuge(m_boxes, total);
    detail::reserveHuge(m_indices, total);
    for (uint32_t i : items) {
        m_boxes.push_back(boxes[i]);
        m_indices.push_back(i);
    }
    m_levelBounds.push_back(m_boxes.size());
    std::size_t levelStart = 0;
    for (std::size_t level = 0; level + 1 < levelSizes.size(); ++level) {
        const std::size_t levelEnd = m_levelBounds.back();
        for (std::size_t i = levelStart; i < levelEnd; i += kNodeSize) {
            Box node;
            const std::size_t end = std::min(i + kNodeSize, levelEnd);
            for (std::size_t j = i; j < end; ++j) node.expand(m_boxes[j]);
            m_boxes.push_back(node);
            m_indices.push_back(static_cast<uint32_t>(i));
        }
        levelStart = levelEnd;
        m_levelBounds.push_back(m_boxes.size());
    }
}

namespace {

bool within(const Box& inner, const Box& outer)
{
    return inner.minX >= outer.minX && inner.maxX <= outer.maxX && inner.minY >= outer.minY && inner.maxY <= outer.maxY;
}

// Ids < `limit`, each once, in ascending order: through a bitmap when they are many for their
// range (a zoomed view's query over a million points returns a quarter of them, and sorting
// those was most of the query), by sorting otherwise.
void sortIds(std::vector<uint32_t>& ids, std::size_t limit)
{
    if (ids.size() < 64 || ids.size() < limit / 64) {
        std::sort(ids.begin(), ids.end());
        return;
    }
    std::vector<uint64_t> bits((limit + 63) / 64, 0);
    for (uint32_t id : ids) bits[id >> 6] |= uint64_t{1} << (id & 63);
    std::size_t k = 0;
    for (std::size_t w = 0; w < bits.size(); ++w)
        for (uint64_t word = bits[w]; word; word &= word - 1)
            ids[k++] = static_cast<uint32_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(word)));
}

}  // namespace

template <class Leaf, class Subtree>
void SpatialIndex::walk(const Box& q, Leaf&& leaf, Subtree&& subtree) const
{
    if (m_boxes.empty() || !m_boxes.back().intersects(q)) return;
    // Explicit stack of (node position, level), children tested before they are pushed; the
    // root is the last box.
    struct Entry {
        std::size_t pos, level;
    };
    std::vector<Entry> stack;  // never more than kNodeSize entries per level
    stack.reserve(m_levelBounds.size() * kNodeSize);
    stack.push_back({m_boxes.size() - 1, m_levelBounds.size() - 1});
    while (!stack.empty()) {
        const Entry e = stack.back();
        stack.pop_back();
        if (e.level == 0) {
            if (!leaf(m_indices[e.pos])) return;
            continue;
        }
        if (within(m_boxes[e.pos], q)) {
            if (!subtree(leafRange(e.pos, e.level))) return;
            continue;
        }
        const std::size_t first = m_indices[e.pos];
        const std::size_t end = std::min(first + kNodeSize, m_levelBounds[e.level - 1]);
        for (std::size_t c = end; c-- > first;)
            if (m_boxes[c].intersects(q)) stack.push_back({c, e.level - 1});
    }
}

// Positions [first, end) of the leaves under the node at `pos` on `level`: the tree is packed,
// so a node's descendants on each level are contiguous.
std::pair<std::size_t, std::size_t> SpatialIndex::leafRange(std::size_t pos, std::size_t level) const
{
    std::size_t first = pos, last = pos;
    for (std::size_t l = level; l > 0; --l) {
        first = m_indices[first];
        last = std::min<std::size_t>(m_indices[last] + kNodeSize, m_levelBounds[l - 1]) - 1;
    }
    return {first, last + 1};
}

void SpatialIndex::query(const Box& q, const std::function<bool(uint32_t)>& visit) const
{
    walk(q, visit, [&](std::pair<std::size_t, std::size_t> leaves) {
        for (std::size_t p = leaves.first; p < leaves.second; ++p)
            if (!visit(m_indices[p])) return false;
        return true;
    });
}

std::vector<uint32_t> SpatialIndex::query(const Box& q) const
{
    std::vector<uint32_t> out;
    walk(
        q,
        [&](uint32_t i) {
            out.push_back(i);
            return true;
        },
        [&](std::pair<std::size_t, std::size_t> leaves) {
            out.insert(out.end(), m_indices.begin() + static_cast<std::ptrdiff_t>(leaves.first),
                       m_indices.begin() + static_cast<std::ptrdiff_t>(leaves.second));
            return true;
        });
    uint32_t limit = 0;
    for (uint32_t i : out) limit = std::max(limit, i);
    sortIds(out, std::size_t{limit} + 1);
    return out;
}

std::size_t SpatialIndex::memoryBytes() const
{
    return m_boxes.capacity() * sizeof(Box) + m_indices.capacity() * sizeof(uint32_t)
         + m_levelBounds.capacity() * sizeof(std::size_t);
}

}  // namespace atlas
