#include "atlas/time/interval.h"

#include "atlas/civil_date.h"

#include <catch2/catch.hpp>

using namespace atlas;

namespace {
int32_t day(int y, unsigned m, unsigned d) { return daysFromCivil(y, m, d); }
}

TEST_CASE("A span open at its end is absent the day before it begins and present from that day on", "[core][time]")
{
    const Interval valid = Interval::from(day(2024, 10, 18));
    CHECK_FALSE(valid.contains(day(2024, 10, 17)));
    CHECK(valid.contains(day(2024, 10, 18)));
    CHECK(valid.contains(day(2099, 1, 1)));
    CHECK_FALSE(valid.end.has_value());
    CHECK_FALSE(valid.isEmpty());
    CHECK(valid.lengthDays() == std::nullopt);
}

TEST_CASE("A span ending on day d is gone on day d", "[core][time]")
{
    const Interval v = Interval::ofDays(day(2024, 10, 18), day(2024, 12, 4));
    CHECK(v.contains(day(2024, 12, 3)));
    CHECK_FALSE(v.contains(day(2024, 12, 4)));
    CHECK(v.lengthDays() == 47);
    // The next version begins exactly there: no gap, no overlap.
    const Interval next = Interval::from(day(2024, 12, 4));
    CHECK_FALSE(v.overlaps(next));
    CHECK(next.contains(day(2024, 12, 4)));
    CHECK(v.intersection(next).isEmpty());
}

TEST_CASE("Overlap, intersection and emptiness at the boundaries", "[core][time]")
{
    const Interval a = Interval::ofDays(10, 20);
    CHECK(a.overlaps(Interval::ofDays(19, 30)));  // share day 19
    CHECK_FALSE(a.overlaps(Interval::ofDays(20, 30)));
    CHECK_FALSE(a.overlaps(Interval::ofDays(0, 10)));
    CHECK(a.overlaps(Interval::ofDay(10)));
    CHECK_FALSE(a.overlaps(Interval::ofDay(20)));
    CHECK(a.overlaps(Interval::unbounded()));
    CHECK(a.overlaps(Interval::until(11)));
    CHECK_FALSE(a.overlaps(Interval::until(10)));
    CHECK(a.overlaps(Interval::from(19)));
    CHECK_FALSE(a.overlaps(Interval::from(20)));
    CHECK(Interval::unbounded().overlaps(Interval::unbounded()));
    CHECK(Interval::until(5).overlaps(Interval::from(4)));
    CHECK_FALSE(Interval::until(5).overlaps(Interval::from(5)));

    // Zero-length and reversed spans are empty: they contain and overlap nothing, not even themselves.
    for (const Interval e : {Interval::ofDays(15, 15), Interval::ofDays(15, 12)}) {
        CHECK(e.isEmpty());
        CHECK_FALSE(e.contains(15));
        CHECK_FALSE(e.overlaps(e));
        CHECK_FALSE(e.overlaps(Interval::unbounded()));
        CHECK(e.lengthDays() == 0);
    }
    CHECK_FALSE(Interval::unbounded().isEmpty());
    CHECK_FALSE(Interval::until(-5).isEmpty());

    CHECK(a.intersection(Interval::ofDays(15, 40)) == Interval::ofDays(15, 20));
    CHECK(a.intersection(Interval::unbounded()) == a);
    CHECK(Interval::from(3).intersection(Interval::until(9)) == Interval::ofDays(3, 9));
    CHECK(Interval::unbounded().intersection(Interval::from(3)) == Interval::from(3));
    CHECK(Interval::until(8).intersection(Interval::until(3)) == Interval::until(3));
}

TEST_CASE("Intervals print with their open sides spelt out", "[core][time]")
{
    CHECK(toString(Interval::ofDays(day(2024, 10, 18), day(2024, 12, 4))) == "[2024-10-18, 2024-12-04)");
    CHECK(toString(Interval::from(day(2024, 10, 18))) == "[2024-10-18, open)");
    CHECK(toString(Interval::until(day(2024, 12, 4))) == "(open, 2024-12-04)");
    CHECK(toString(Interval::unbounded()) == "(open, open)");
}
