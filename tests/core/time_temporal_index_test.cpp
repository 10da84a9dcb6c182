#include "atlas/time/temporal_index.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <random>

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
