#include "atlas/time/temporal_index.h"

#include "../huge_pages.h"
#include "atlas/time/time_mode.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace atlas {
namespace {

constexpr int32_t kMinDay = std::numeric_limits<int32_t>::min();
constexpr int32_t kMaxDay = std::numeric_limits<int32_t>::max();
constexpr unsigned kNodeShift = 4;
static_assert(TemporalIndex::kNodeSize == 1u << kNodeShift);

void checkFinite(std::optional<int32_t> day, std::size_t id)
{
    if (day && (*day == kMinDay || *day == kMaxDay))
        throw std::invalid_argument("TemporalIndex: span " + std::to_string(id) +
                                    " uses a day reserved for unbounded sides");
}

// Unbounded sides as the extreme days, which no finite bound may use (checked on build), so
// every comparison below is exact.
int32_t lowOf(const Interval& w) { return w.begin.value_or(kMinDay); }
int32_t highOf(const Interval& w) { return w.end.value_or(kMaxDay); }

template <class T, class Key>
std::size_t firstNotBelow(const std::vector<T>& v, int32_t day, Key key)
{
    return static_cast<std::size_t>(
        std::partition_point(v.begin(), v.end(), [&](const T& x) { return key(x) < day; }) - v.begin());
}

template <class T, class Key>
std::size_t firstAbove(const std::vector<T>& v, int32_t day, Key key)
{
    return static_cast<std::size_t>(
        std::partition_point(v.begin(), v.end(), [&](const T& x) { return key(x) <= day; }) - v.begin());
}

}  // namespace

TemporalIndex::TemporalIndex(std::span<const Interval> spans)
{
    build(spans.size(), [spans](std::size_t i) -> const Interval& { return spans[i]; });
}

TemporalIndex::TemporalIndex(const FeatureTimes& times)
{
    if (!times.persists && times.fadeDays <= 0) {
        // visibility(f) is then the span itself, or empty (never indexed) for an excluded one.
        constexpr Interval never = Interval::ofDays(0, 0);
        build(times.size(), [&times, never](std::size_t i) { return times.excluded[i] ? never : times.spans[i]; });
    } else {
        build(times.size(), [&times](std::size_t i) { return times.visibility(i); });
    }
}

template <class SpanOf>
void TemporalIndex::build(std::size_t total, SpanOf spanOf)
{
    // One pass to check the bounds, count each kind of span and find the bounded spans' range
    // of days, so every array is allocated once at its final size.
    std::size_t bounded = 0, openEnd = 0, openBegin = 0, always = 0;
    int32_t minBegin = kMaxDay, maxBegin = kMinDay, minEnd = kMaxDay, maxEnd = kMinDay;
    for (std::size_t i = 0; i < total; ++i) {
        const Interval s = spanOf(i);
        checkFinite(s.begin, i);
        checkFinite(s.end, i);
        if (s.begin && s.end) {
            if (*s.end <= *s.begin) continue;  // empty
            ++bounded;
            minBegin = std::min(minBegin, *s.begin);
            maxBegin = std::max(maxBegin, *s.begin);
            minEnd = std::min(minEnd, *s.end);
            maxEnd = std::max(maxEnd, *s.end);
        } else if (s.begin) {
            ++openEnd;
        } else if (s.end) {
            ++openBegin;
        } else {
            ++always;
        }
    }
    detail::reserveHuge(m_byBegin, bounded);  // one page fault per 2 MB while they are filled
    detail::reserveHuge(m_byEnd, bounded);
    m_byBegin.resize(bounded);
    m_byEnd.resize(bounded);
    m_openEnd.reserve(openEnd);
    m_openBegin.reserve(openBegin);
    m_always.reserve(always);

    // Every array is sorted by its day with ties by id. The spans come in id order, so a stable
    // counting sort (a histogram of the days, then one scatter) gives exactly that order in
    // O(n + days) — when the days span no more than 65,536 days (179 years) or the spans'
    // count, so the histogram is never larger than the arrays; dated data spans a few thousand.
    // Otherwise a comparison sort, as before.
    const auto countingSortFits = [](int32_t lo, int32_t hi, std::size_t n) {
        const int64_t days = int64_t{hi} - int64_t{lo};
        return n > 0 && (days < int64_t{1} << 16 || days < static_cast<int64_t>(n));
    };
    const bool countBegins = countingSortFits(minBegin, maxBegin, bounded);
    const bool countEnds = countingSortFits(minEnd, maxEnd, bounded);
    std::vector<uint32_t> beginAt, endAt;  // bucket offsets, by day − min
    if (countBegins) beginAt.assign(static_cast<std::size_t>(int64_t{maxBegin} - minBegin) + 2, 0);
    if (countEnds) endAt.assign(static_cast<std::size_t>(int64_t{maxEnd} - minEnd) + 2, 0);
    if (countBegins || countEnds) {
        for (std::size_t i = 0; i < total; ++i) {
            const Interval s = spanOf(i);
            if (!s.begin || !s.end || *s.end <= *s.begin) continue;
            if (countBegins) ++beginAt[static_cast<std::size_t>(*s.begin - minBegin) + 1];
            if (countEnds) ++endAt[static_cast<std::size_t>(*s.end - minEnd) + 1];
        }
        for (std::size_t k = 1; k < beginAt.size(); ++k) beginAt[k] += beginAt[k - 1];
        for (std::size_t k = 1; k < endAt.size(); ++k) endAt[k] += endAt[k - 1];
    }
    std::size_t next = 0;  // bounded spans placed so far, in id order
    for (std::size_t i = 0; i < total; ++i) {
        const Interval s = spanOf(i);
        const auto id = static_cast<uint32_t>(i);
        if (s.begin && s.end) {
            if (*s.end <= *s.begin) continue;
            const Span span{*s.begin, *s.end, id};
            m_byBegin[countBegins ? beginAt[static_cast<std::size_t>(span.begin - minBegin)]++ : next] = span;
            m_byEnd[countEnds ? endAt[static_cast<std::size_t>(span.end - minEnd)]++ : next] = span;
            ++next;
        } else if (s.begin) {
            m_openEnd.push_back({*s.begin, id});
        } else if (s.end) {
            m_openBegin.push_back({*s.end, id});
        } else {
            m_always.push_back(id);
        }
    }
    beginAt = {};
    endAt = {};
    if (!countBegins)
        std::sort(m_byBegin.begin(), m_byBegin.end(), [](const Span& x, const Span& y) {
            return x.begin < y.begin || (x.begin == y.begin && x.id < y.id);
        });
    if (!countEnds)
        std::sort(m_byEnd.begin(), m_byEnd.end(), [](const Span& x, const Span& y) {
            return x.end < y.end || (x.end == y.end && x.id < y.id);
        });
    // Open spans are few: a stable sort by day keeps their id order within a day.
    const auto byDay = [](const Edge& x, const Edge& y) { return x.day < y.day; };
    std::stable_sort(m_openEnd.begin(), m_openEnd.end(), byDay);
    std::stable_sort(m_openBegin.begin(), m_openBegin.end(), byDay);

    // Max-end tree, bottom-up. Node j of level L covers spans [j·B^(L+1), (j+1)·B^(L+1)).
    if (m_byBegin.empty()) return;
    std::size_t nodes = 0;
    for (std::size_t below = m_byBegin.size();;) {
        below = (below + kNodeSize - 1) / kNodeSize;
        nodes += below;
        if (below == 1) break;
    }
    m_maxEnd.resize(nodes);
    m_levelStart.push_back(0);
    const std::size_t leaves = (m_byBegin.size() + kNodeSize - 1) / kNodeSize;
    for (std::size_t j = 0; j < leaves; ++j) {
        int32_t max = kMinDay;
        const std::size_t end = std::min((j + 1) * kNodeSize, m_byBegin.size());
        for (std::size_t k = j * kNodeSize; k < end; ++k) max = std::max(max, m_byBegin[k].end);
        m_maxEnd[j] = max;
    }
    m_levelStart.push_back(leaves);
    for (std::size_t below = leaves; below > 1;) {
        const std::size_t belowStart = m_levelStart[m_levelStart.size() - 2];
        const std::size_t start = m_levelStart.back();
        const std::size_t count = (below + kNodeSize - 1) / kNodeSize;
        for (std::size_t j = 0; j < count; ++j) {
            int32_t max = kMinDay;
            const std::size_t end = std::min((j + 1) * kNodeSize, below);
            for (std::size_t k = j * kNodeSize; k < end; ++k) max = std::max(max, m_maxEnd[belowStart + k]);
            m_maxEnd[start + j] = max;
        }
        m_levelStart.push_back(start + count);
        below = count;
    }
}

std::size_t TemporalIndex::size() const
{
    return m_byBegin.size() + m_openEnd.size() + m_openBegin.size() + m_always.size();
}

void TemporalIndex::visitNode(std::size_t level, std::size_t node, std::size_t prefix, int32_t a,
                              std::vector<uint32_t>& out) const
{
    if (m_maxEnd[m_levelStart[level] + node] <= a) return;
    const std::size_t first = node * kNodeSize;
    if (level == 0) {
        // Branch-free: about half the spans of a boundary leaf are answers, which a branch
        // would mispredict.
        const std::size_t end = std::min(first + kNodeSize, prefix);
        const std::size_t size = out.size();
        out.resize(size + (end - first));
        uint32_t* write = out.data() + size;
        for (std::size_t i = first; i < end; ++i) {
            *write = m_byBegin[i].id;
            write += m_byBegin[i].end > a;
        }
        out.resize(static_cast<std::size_t>(write - out.data()));
        return;
    }
    const std::size_t childCount = m_levelStart[level] - m_levelStart[level - 1];
    const std::size_t end = std::min(first + kNodeSize, childCount);
    const unsigned childShift = kNodeShift * static_cast<unsigned>(level);  // spans per child = B^level
    for (std::size_t child = first; child < end && (child << childShift) < prefix; ++child)
        visitNode(level - 1, child, prefix, a, out);
}

void TemporalIndex::queryBounded(int32_t a, int32_t c, std::vector<uint32_t>& out) const
{
    if (m_byBegin.empty()) return;
    const std::size_t prefix = firstNotBelow(m_byBegin, c, [](const Span& s) { return s.begin; });
    if (prefix == 0) return;
    visitNode(m_levelStart.size() - 2, 0, prefix, a, out);
}

void TemporalIndex::query(const Interval& window, std::vector<uint32_t>& out) const
{
    if (window.isEmpty()) return;
    const int32_t a = lowOf(window), c = highOf(window);
    queryBounded(a, c, out);
    const std::size_t openEnds = firstNotBelow(m_openEnd, c, [](const Edge& e) { return e.day; });
    for (std::size_t i = 0; i < openEnds; ++i) out.push_back(m_openEnd[i].id);
    for (std::size_t i = firstAbove(m_openBegin, a, [](const Edge& e) { return e.day; }); i < m_openBegin.size(); ++i)
        out.push_back(m_openBegin[i].id);
    out.insert(out.end(), m_always.begin(), m_always.end());
}

std::vector<uint32_t> TemporalIndex::query(const Interval& window) const
{
    std::vector<uint32_t> out;
    query(window, out);
    std::sort(out.begin(), out.end());
    return out;
}

void TemporalIndex::beginsIn(int32_t lo, int32_t hi, int32_t minEnd, std::vector<uint32_t>& out) const
{
    const auto key = [](const Span& s) { return s.begin; };
    const std::size_t end = firstNotBelow(m_byBegin, hi, key);
    for (std::size_t i = firstNotBelow(m_byBegin, lo, key); i < end; ++i)
        if (m_byBegin[i].end > minEnd) out.push_back(m_byBegin[i].id);
}

void TemporalIndex::endsIn(int32_t lo, int32_t hi, int32_t maxBegin, std::vector<uint32_t>& out) const
{
    const auto key = [](const Span& s) { return s.end; };
    const std::size_t end = firstAbove(m_byEnd, hi, key);
    for (std::size_t i = firstAbove(m_byEnd, lo, key); i < end; ++i)
        if (m_byEnd[i].begin < maxBegin) out.push_back(m_byEnd[i].id);
}

void TemporalIndex::step(const Interval& from, const Interval& to, TemporalChange& out) const
{
    out.clear();
    if (from.isEmpty()) {
        query(to, out.entered);
        return;
    }
    if (to.isEmpty()) {
        query(from, out.left);
        return;
    }
    // A span [b, e) is in a window [a, c) iff b < c and e > a. Entering [a2, c2) from [a1, c1)
    // means b < c2, e > a2 and (b >= c1 or e <= a1): either it begins in [c1, c2), or it began
    // before both ends and ends in (a2, a1]. The two cases are disjoint; leaving is the mirror.
    const int32_t a1 = lowOf(from), c1 = highOf(from), a2 = lowOf(to), c2 = highOf(to);
    const int32_t bothEnds = std::min(c1, c2);
    const auto beginKey = [](const Edge& e) { return e.day; };
    const auto openEndsIn = [&](int32_t lo, int32_t hi, std::vector<uint32_t>& ids) {
        const std::size_t end = firstNotBelow(m_openEnd, hi, beginKey);
        for (std::size_t i = firstNotBelow(m_openEnd, lo, beginKey); i < end; ++i) ids.push_back(m_openEnd[i].id);
    };
    const auto openBeginsIn = [&](int32_t lo, int32_t hi, std::vector<uint32_t>& ids) {
        const std::size_t end = firstAbove(m_openBegin, hi, beginKey);
        for (std::size_t i = firstAbove(m_openBegin, lo, beginKey); i < end; ++i) ids.push_back(m_openBegin[i].id);
    };

    if (c1 < c2) {
        beginsIn(c1, c2, a2, out.entered);
        openEndsIn(c1, c2, out.entered);
    } else if (c2 < c1) {
        beginsIn(c2, c1, a1, out.left);
        openEndsIn(c2, c1, out.left);
    }
    if (a2 < a1) {
        endsIn(a2, a1, bothEnds, out.entered);
        openBeginsIn(a2, a1, out.entered);
    } else if (a1 < a2) {
        endsIn(a1, a2, bothEnds, out.left);
        openBeginsIn(a1, a2, out.left);
    }
}

TemporalChange TemporalIndex::step(const Interval& from, const Interval& to) const
{
    TemporalChange out;
    step(from, to, out);
    return out;
}

std::size_t TemporalIndex::memoryBytes() const
{
    return (m_byBegin.capacity() + m_byEnd.capacity()) * sizeof(Span) + m_maxEnd.capacity() * sizeof(int32_t) +
           m_levelStart.capacity() * sizeof(std::size_t) +
           (m_openEnd.capacity() + m_openBegin.capacity()) * sizeof(Edge) + m_always.capacity() * sizeof(uint32_t);
}

}  // namespace atlas
