#pragma once
// Packed, build-once, query-only index over per-feature Intervals: which features overlap a
// window of days, and — for the small moves of a playing or scrubbed clock — which entered and
// which left between two windows, at a cost that follows the changes rather than the layer.
//
// Layout (~24 bytes per bounded feature, 8 per half-open one):
//  * bounded spans sorted by begin, with a packed max-end tree over them (fan-out kNodeSize,
//    levels stored bottom-up in one array, children found by arithmetic — like GEOS's
//    TemplateSTRtree in one dimension). A window [a, c) overlaps a span [b, e) iff b < c and
//    e > a: the b < c side is a prefix found by binary search, and the tree descends only into
//    nodes whose max end exceeds a. Apart from the one path along the prefix's edge, each such
//    node holds an answer, so a query visits O(log n + k) nodes (times the fan-out at worst);
//  * the same spans sorted by end, for the "left at the window's start" side of step();
//  * spans open at one end in their own sorted arrays (open end: answers are a prefix by begin;
//    open begin: a suffix by end), and spans open at both ends in a plain list, so a layer of
//    features that are "still true" never bloats the tree's max-ends.
// Empty spans (end <= begin) are never returned, so they are not stored.
#include "atlas/time/interval.h"

#include <cstdint>
#include <span>
#include <vector>

namespace atlas {

struct TemporalChange {
    std::vector<uint32_t> entered;  // overlap the new window, not the old
    std::vector<uint32_t> left;     // overlapped the old window, not the new
    void clear()
    {
        entered.clear();
        left.clear();
    }
};

struct FeatureTimes;  // time_mode.h

class TemporalIndex {
public:
    static constexpr uint32_t kNodeSize = 16;

    TemporalIndex() = default;
    // Feature ids are positions in `spans`. The days INT32_MIN and INT32_MAX are reserved for
    // the unbounded sides and throw std::invalid_argument as finite bounds.
    explicit TemporalIndex(std::span<const Interval> spans);
    // The index over times.visibilities(), without making that vector (a layer's worth of
    // spans, written only to be read once).
    explicit TemporalIndex(const FeatureTimes& times);

    // Number of indexed (non-empty) spans.
    std::size_t size() const;

    // Ids of the spans overlapping `window`, appended to `out` in no particular order.
    void query(const Interval& window, std::vector<uint32_t>& out) const;
    // The same, ascending.
    std::vector<uint32_t> query(const Interval& window) const;

    // What changes between query(from) and query(to), without computing either: the work is
    // proportional to the spans beginning or ending between the two windows' edges. `out` is
    // cleared first; ids in no particular order.
    void step(const Interval& from, const Interval& to, TemporalChange& out) const;
    TemporalChange step(const Interval& from, const Interval& to) const;

    std::size_t memoryBytes() const;

private:
    struct Span {
        int32_t begin;
        int32_t end;
        uint32_t id;
    };
    struct Edge {
        int32_t day;
        uint32_t id;
    };

    // The constructors' work over spanOf(i), i < total.
    template <class SpanOf>
    void build(std::size_t total, SpanOf spanOf);
    void queryBounded(int32_t a, int32_t c, std::vector<uint32_t>& out) const;
    void visitNode(std::size_t level, std::size_t node, std::size_t prefix, int32_t a,
                   std::vector<uint32_t>& out) const;
    // Bounded spans with begin in [lo, hi) and end > minEnd.
    void beginsIn(int32_t lo, int32_t hi, int32_t minEnd, std::vector<uint32_t>& out) const;
    // Bounded spans with end in (lo, hi] and begin < maxBegin.
    void endsIn(int32_t lo, int32_t hi, int32_t maxBegin, std::vector<uint32_t>& out) const;

    std::vector<Span> m_byBegin;            // bounded spans by (begin, id)
    std::vector<Span> m_byEnd;              // the same by (end, id)
    std::vector<int32_t> m_maxEnd;          // tree levels, lowest (over m_byBegin) first
    std::vector<std::size_t> m_levelStart;  // offset of each level in m_maxEnd, plus the end
    std::vector<Edge> m_openEnd;            // [begin, ∞) by (begin, id)
    std::vector<Edge> m_openBegin;          // (−∞, end) by (end, id)
    std::vector<uint32_t> m_always;         // (−∞, ∞)
};

}  // namespace atlas
