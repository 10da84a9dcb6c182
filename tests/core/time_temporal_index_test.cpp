#include "atlas/time/temporal_index.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <random>
#include <tuple>
#include <utility>

using namespace atlas;

namespace {

std::vector<uint32_t> bruteForce(const std::vector<Interval>& spans, const Interval& window)
{
    std::vector<uint32_t> out;
    for (uint32_t i = 0; i < spans.size(); ++i)
        if (spans[i].overlaps(window)) out.push_back(i);
    return out;
}

std::vector<uint32_t> minus(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b)
{
    std::vector<uint32_t> out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

std::vector<uint32_t> sorted(std::vector<uint32_t> v)
{
    std::sort(v.begin(), v.end());
    return v;
}

// Spans over a short range of days, so that boundaries coincide often, with every kind of
// span: bounded, open at either or both ends, one day, zero-length and reversed (both empty).
std::vector<Interval> randomSpans(std::mt19937& rng, std::size_t n, int32_t days, int32_t maxLength)
{
    std::uniform_int_distribution<int32_t> start(0, days), length(0, maxLength), kind(0, 99);
    std::vector<Interval> spans;
    for (std::size_t i = 0; i < n; ++i) {
        const int32_t b = start(rng);
        const int k = kind(rng);
        if (k < 8) spans.push_back(Interval::from(b));
        else if (k < 13) spans.push_back(Interval::until(b));
        else if (k < 15) spans.push_back(Interval::unbounded());
        else if (k < 20) spans.push_back(Interval::ofDays(b, b));
        else if (k < 22) spans.push_back(Interval::ofDays(b, b - 1 - length(rng)));
        else if (k < 40) spans.push_back(Interval::ofDay(b));
        else spans.push_back(Interval::ofDays(b, b + 1 + length(rng)));
    }
    return spans;
}

Interval randomWindow(std::mt19937& rng, int32_t days)
{
    std::uniform_int_distribution<int32_t> at(-5, days + 5), length(0, 40), kind(0, 99);
    const int32_t a = at(rng);
    const int k = kind(rng);
    if (k < 5) return Interval::from(a);
    if (k < 10) return Interval::until(a);
    if (k < 12) return Interval::unbounded();
    if (k < 15) return Interval::ofDays(a, a - length(rng));  // empty
    if (k < 35) return Interval::ofDay(a);
    return Interval::ofDays(a, a + 1 + length(rng));
}

}  // namespace

TEST_CASE("Temporal index queries equal a brute-force scan", "[core][time][index]")
{
    std::mt19937 rng(2024);
    for (const auto& [n, days, maxLength] : {std::tuple{0, 10, 5}, std::tuple{1, 10, 5}, std::tuple{17, 10, 5},
                                             std::tuple{300, 30, 10}, std::tuple{5000, 200, 30},
                                             std::tuple{20000, 1000, 300}}) {
        const auto spans = randomSpans(rng, static_cast<std::size_t>(n), days, maxLength);
        const TemporalIndex index(spans);
        CHECK(index.size() == static_cast<std::size_t>(std::count_if(spans.begin(), spans.end(),
                                                                      [](const Interval& s) { return !s.isEmpty(); })));
        for (int q = 0; q < 300; ++q) {
            const Interval w = randomWindow(rng, days);
            INFO("n " << n << " window " << w);
            REQUIRE(index.query(w) == bruteForce(spans, w));
        }
    }
}

TEST_CASE("Temporal index at exact boundaries", "[core][time][index]")
{
    const std::vector<Interval> spans = {
        Interval::from(18),      // 0: [18, open)
        Interval::ofDays(10, 18),  // 1: gone on 18
        Interval::ofDay(18),     // 2
        Interval::ofDays(18, 18),  // 3: empty, never returned
        Interval::until(18),     // 4
        Interval::unbounded(),   // 5
    };
    const TemporalIndex index(spans);
    CHECK(index.size() == 5);
    CHECK(index.query(Interval::ofDay(17)) == std::vector<uint32_t>{1, 4, 5});
    CHECK(index.query(Interval::ofDay(18)) == std::vector<uint32_t>{0, 2, 5});
    CHECK(index.query(Interval::ofDay(19)) == std::vector<uint32_t>{0, 5});
    CHECK(index.query(Interval::ofDays(17, 19)) == std::vector<uint32_t>{0, 1, 2, 4, 5});
    CHECK(index.query(Interval::ofDays(18, 18)).empty());
    CHECK(index.query(Interval::unbounded()) == std::vector<uint32_t>{0, 1, 2, 4, 5});

    const auto change = index.step(Interval::ofDay(17), Interval::ofDay(18));
    CHECK(sorted(change.entered) == std::vector<uint32_t>{0, 2});
    CHECK(sorted(change.left) == std::vector<uint32_t>{1, 4});

    CHECK(TemporalIndex().query(Interval::unbounded()).empty());
    CHECK_THROWS_AS(TemporalIndex(std::vector<Interval>{Interval::from(std::numeric_limits<int32_t>::min())}),
                    std::invalid_argument);
    CHECK_THROWS_AS(TemporalIndex(std::vector<Interval>{Interval::until(std::numeric_limits<int32_t>::max())}),
                    std::invalid_argument);
}

TEST_CASE("Temporal index with many equal starts across node boundaries", "[core][time][index]")
{
    std::vector<Interval> spans;
    for (int i = 0; i < 5000; ++i) spans.push_back(Interval::ofDays(100, 101 + i % 7));
    for (int i = 0; i < 300; ++i) spans.push_back(Interval::ofDays(50, 100));
    const TemporalIndex index(spans);
    for (int32_t d = 95; d < 110; ++d) REQUIRE(index.query(Interval::ofDay(d)) == bruteForce(spans, Interval::ofDay(d)));
}

TEST_CASE("Temporal index step equals the difference of two queries", "[core][time][index]")
{
    std::mt19937 rng(1018);
    const int32_t days = 400;
    const auto spans = randomSpans(rng, 8000, days, 60);
    const TemporalIndex index(spans);
    std::uniform_int_distribution<int32_t> move(-3, 3), at(0, days), length(1, 45), kind(0, 9);
    TemporalChange change;
    for (int q = 0; q < 2000; ++q) {
        Interval from, to;
        switch (kind(rng)) {
        case 0:
        case 1:
            from = randomWindow(rng, days);
            to = randomWindow(rng, days);
            break;
        case 2: {  // a cumulative window moving
            const int32_t d = at(rng);
            from = Interval::until(d);
            to = Interval::until(d + move(rng));
            break;
        }
        case 3: {  // the window growing or shrinking around a fixed day
            const int32_t d = at(rng);
            from = Interval::ofDays(d - length(rng), d + 1);
            to = Interval::ofDays(d - length(rng), d + 1);
            break;
        }
        default: {  // the clock playing or scrubbed a little, same window length
            const int32_t d = at(rng), n = length(rng), by = move(rng);
            from = Interval::ofDays(d - n + 1, d + 1);
            to = Interval::ofDays(d + by - n + 1, d + by + 1);
            break;
        }
        }
        INFO("from " << from << " to " << to);
        const auto before = bruteForce(spans, from);
        const auto after = bruteForce(spans, to);
        index.step(from, to, change);
        REQUIRE(sorted(change.entered) == minus(after, before));
        REQUIRE(sorted(change.left) == minus(before, after));
    }
    index.step(Interval::ofDays(10, 40), Interval::ofDays(10, 40), change);
    CHECK(change.entered.empty());
    CHECK(change.left.empty());
}

TEST_CASE("Temporal index stays under 32 bytes a feature", "[core][time][index]")
{
    std::mt19937 rng(5);
    const auto spans = randomSpans(rng, 200000, 1800, 90);
    const TemporalIndex index(spans);
    CHECK(index.memoryBytes() < 32 * spans.size());
}

namespace {

// The index's documented orders, built the plain way (comparison sorts, ties by id), with the
// answers in exactly the order the index gives them: bounded spans by (begin, id), then spans
// open at the end by (begin, id), open at the start by (end, id), open at both in id order;
// step() lists spans beginning in a range by (begin, id), then open-ended ones, then spans
// ending in a range by (end, id), then open-started ones. Construction may sort however it
// likes (counting sorts over the days) but must reproduce these orders exactly, so that the
// answers of query() and step() do not change with it.
struct ReferenceIndex {
    struct Span {
        int32_t begin, end;
        uint32_t id;
    };
    std::vector<Span> byBegin, byEnd;
    std::vector<std::pair<int32_t, uint32_t>> openEnd, openBegin;
    std::vector<uint32_t> always;

    explicit ReferenceIndex(const std::vector<Interval>& spans)
    {
        for (uint32_t i = 0; i < spans.size(); ++i) {
            const Interval& s = spans[i];
            if (s.isEmpty()) continue;
            if (s.begin && s.end) byBegin.push_back({*s.begin, *s.end, i});
            else if (s.begin) openEnd.emplace_back(*s.begin, i);
            else if (s.end) openBegin.emplace_back(*s.end, i);
            else always.push_back(i);
        }
        byEnd = byBegin;
        std::sort(byBegin.begin(), byBegin.end(),
                  [](const Span& x, const Span& y) { return std::pair(x.begin, x.id) < std::pair(y.begin, y.id); });
        std::sort(byEnd.begin(), byEnd.end(),
                  [](const Span& x, const Span& y) { return std::pair(x.end, x.id) < std::pair(y.end, y.id); });
        std::sort(openEnd.begin(), openEnd.end());
        std::sort(openBegin.begin(), openBegin.end());
    }

    static int64_t low(const Interval& w) { return w.begin ? *w.begin : INT64_MIN; }
    static int64_t high(const Interval& w) { return w.end ? *w.end : INT64_MAX; }

    std::vector<uint32_t> query(const Interval& w) const
    {
        std::vector<uint32_t> out;
        if (w.isEmpty()) return out;
        const int64_t a = low(w), c = high(w);
        for (const Span& s : byBegin)
            if (s.begin < c && s.end > a) out.push_back(s.id);
        for (const auto& [b, id] : openEnd)
            if (b < c) out.push_back(id);
        for (const auto& [e, id] : openBegin)
            if (e > a) out.push_back(id);
        out.insert(out.end(), always.begin(), always.end());
        return out;
    }

    TemporalChange step(const Interval& from, const Interval& to) const
    {
        TemporalChange out;
        if (from.isEmpty()) {
            out.entered = query(to);
            return out;
        }
        if (to.isEmpty()) {
            out.left = query(from);
            return out;
        }
        const int64_t a1 = low(from), c1 = high(from), a2 = low(to), c2 = high(to);
        const int64_t bothEnds = std::min(c1, c2);
        const auto beginsIn = [&](int64_t lo, int64_t hi, int64_t minEnd, std::vector<uint32_t>& ids) {
            for (const Span& s : byBegin)
                if (s.begin >= lo && s.begin < hi && s.end > minEnd) ids.push_back(s.id);
            for (const auto& [b, id] : openEnd)
                if (b >= lo && b < hi) ids.push_back(id);
        };
        const auto endsIn = [&](int64_t lo, int64_t hi, std::vector<uint32_t>& ids) {
            for (const Span& s : byEnd)
                if (s.end > lo && s.end <= hi && s.begin < bothEnds) ids.push_back(s.id);
            for (const auto& [e, id] : openBegin)
                if (e > lo && e <= hi) ids.push_back(id);
        };
        if (c1 < c2) beginsIn(c1, c2, a2, out.entered);
        else if (c2 < c1) beginsIn(c2, c1, a1, out.left);
        if (a2 < a1) endsIn(a2, a1, out.entered);
        else if (a1 < a2) endsIn(a1, a2, out.left);
        return out;
    }
};

}  // namespace

TEST_CASE("Temporal index answers in the order of its sorted arrays, however they are built", "[core][time][index]")
{
    std::mt19937 rng(77);
    // Day ranges narrow and wide relative to the count (counting sorts and comparison sorts),
    // with many equal days, and spans far out on either side of a narrow cluster.
    for (const auto& [n, days, maxLength, farOut] :
         {std::tuple{0, 10, 5, false}, std::tuple{1, 10, 5, false}, std::tuple{40, 10, 5, false},
          std::tuple{3000, 50, 20, false}, std::tuple{20000, 2000, 120, false}, std::tuple{5000, 3000, 90, true},
          std::tuple{300, 100000, 5000, false}, std::tuple{20000, 1'000'000'000, 1'000'000, false}}) {
        auto spans = randomSpans(rng, static_cast<std::size_t>(n), days, maxLength);
        if (farOut && !spans.empty()) {
            spans[spans.size() / 3] = Interval::ofDays(-2'000'000'000, -1'999'999'000);
            spans[spans.size() / 2] = Interval::ofDays(2'000'000'000, 2'000'000'001);
            spans[spans.size() / 4] = Interval::from(-2'100'000'000);
            spans[spans.size() / 5] = Interval::until(2'100'000'000);
        }
        const TemporalIndex index(spans);
        const ReferenceIndex reference(spans);
        std::vector<uint32_t> got;
        TemporalChange change;
        // Windows around the spans' own edges, as long as the spans, so that wide ranges of
        // days are exercised as well as narrow ones; empty and unbounded ones now and then.
        std::uniform_int_distribution<std::size_t> pick(0, spans.empty() ? 0 : spans.size() - 1);
        std::uniform_int_distribution<int32_t> shift(-2 * maxLength, 2 * maxLength), kind(0, 19);
        // days by init-capture: clang 14 cannot capture a structured binding.
        const auto window = [&, days = days] {
            const int k = kind(rng);
            if (k == 0 || spans.empty()) return randomWindow(rng, days);
            const Interval& s = spans[pick(rng)];
            const int32_t at = (s.begin ? *s.begin : s.end ? *s.end : 0) + shift(rng);
            if (k == 1) return Interval::from(at);
            if (k == 2) return Interval::until(at);
            if (k == 3) return Interval::ofDays(at, at);
            return Interval::ofDays(at, at + 1 + std::abs(shift(rng)));
        };
        for (int q = 0; q < 400; ++q) {
            const Interval w = q % 16 == 0 ? Interval::unbounded() : window();
            const Interval v = q % 2 || !w.begin || !w.end ? window() : Interval::ofDays(*w.begin + 1, *w.end + 1);
            INFO("n " << n << " days " << days << " window " << w << " then " << v);
            got.clear();
            index.query(w, got);
            REQUIRE(got == reference.query(w));
            index.step(w, v, change);
            const TemporalChange expected = reference.step(w, v);
            REQUIRE(change.entered == expected.entered);
            REQUIRE(change.left == expected.left);
        }
    }
}
