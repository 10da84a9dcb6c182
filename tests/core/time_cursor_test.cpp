#include "atlas/time/time_cursor.h"

#include "atlas/civil_date.h"

#include <catch2/catch.hpp>

#include <random>

using namespace atlas;

namespace {
int32_t day(int y, unsigned m, unsigned d) { return daysFromCivil(y, m, d); }
}

TEST_CASE("The cursor's window: its day, the n days ending on it, or everything up to it", "[core][time]")
{
    const int32_t d = day(2025, 2, 20);
    CHECK(TimeCursor(d).window() == Interval::ofDays(d, d + 1));
    CHECK(TimeCursor(d, DaysWindow{30}).window() == Interval::ofDays(d - 29, d + 1));
    CHECK(TimeCursor(d, DaysWindow{30}).window().lengthDays() == 30);
    CHECK(TimeCursor(d, DaysWindow{1}).window() == TimeCursor(d).window());
    CHECK(TimeCursor(d, DaysWindow{0}).window() == TimeCursor(d).window());
    CHECK(TimeCursor(d, CumulativeWindow{}).window() == Interval::until(d + 1));
    CHECK(TimeCursor(d, CumulativeWindow{}).window().contains(d));
    CHECK_FALSE(TimeCursor(d, CumulativeWindow{}).window().contains(d + 1));

    TimeCursor c(d, DaysWindow{7});
    CHECK(c.movedBy(1).window() == Interval::ofDays(d - 5, d + 2));
    CHECK(c.movedBy(-1).day() == d - 1);
    c.setDay(d + 10);
    c.setWindowKind(InstantWindow{});
    CHECK(c == TimeCursor(d + 10));
    CHECK(std::holds_alternative<InstantWindow>(c.windowKind()));
}

TEST_CASE("Opacity is 1 in the window, then fades linearly and reaches 0 fadeDays after the end", "[core][time]")
{
    const int32_t d = day(2024, 12, 4);
    const Interval event = Interval::ofDays(d, d + 2);  // last day d + 1
    const auto at = [&](int32_t cursorDay, int32_t fade) { return opacityAt(event, fade, TimeCursor(cursorDay)); };
    CHECK(at(d - 1, 3) == 0.0);
    CHECK(at(d, 3) == 1.0);
    CHECK(at(d + 1, 3) == 1.0);
    CHECK(at(d + 2, 3) == Approx(3.0 / 4));
    CHECK(at(d + 3, 3) == Approx(2.0 / 4));
    CHECK(at(d + 4, 3) == Approx(1.0 / 4));
    CHECK(at(d + 5, 3) == 0.0);
    CHECK(at(d + 500, 3) == 0.0);
    CHECK(at(d + 2, 0) == 0.0);  // no fade: gone on its end day
    CHECK(at(d + 2, 1) == Approx(0.5));
    CHECK(at(d + 3, 1) == 0.0);

    // A days window sees the event while any of its days does; the fade counts from its first day.
    CHECK(opacityAt(event, 3, TimeCursor(d + 7, DaysWindow{7})) == 1.0);              // [d+1, d+8) holds d+1
    CHECK(opacityAt(event, 3, TimeCursor(d + 8, DaysWindow{7})) == Approx(3.0 / 4));  // [d+2, d+9): age 0
    CHECK(opacityAt(event, 3, TimeCursor(d + 10, DaysWindow{7})) == Approx(1.0 / 4)); // [d+4, d+11): age 2
    CHECK(opacityAt(event, 3, TimeCursor(d + 11, DaysWindow{7})) == 0.0);
    // A cumulative window holds everything that began before its end.
    CHECK(opacityAt(event, 0, TimeCursor(d + 900, CumulativeWindow{})) == 1.0);
    CHECK(opacityAt(event, 0, TimeCursor(d - 1, CumulativeWindow{})) == 0.0);
    // Open spans never fade; empty spans are never seen.
    CHECK(opacityAt(Interval::from(d), 3, TimeCursor(d + 900)) == 1.0);
    CHECK(opacityAt(Interval::ofDays(d, d), 3, TimeCursor(d)) == 0.0);
    CHECK(fadedSpan(event, 3) == Interval::ofDays(d, d + 5));
    CHECK(fadedSpan(Interval::from(d), 3) == Interval::from(d));
}

TEST_CASE("Opacity is above 0 exactly when the faded span overlaps the window", "[core][time]")
{
    std::mt19937 rng(7);
    std::uniform_int_distribution<int32_t> days(0, 60), len(0, 8), fade(0, 5), kind(0, 9);
    for (int i = 0; i < 20000; ++i) {
        Interval f = Interval::ofDays(days(rng), 0);
        f.end = *f.begin + len(rng);
        if (kind(rng) == 0) f.end.reset();
        if (kind(rng) == 0) f.begin.reset();
        const int32_t n = fade(rng);
        const int k = kind(rng);
        const TimeCursor c(days(rng), k < 4 ? TimeCursor::Window{InstantWindow{}}
                                      : k < 8 ? TimeCursor::Window{DaysWindow{len(rng)}}
                                              : TimeCursor::Window{CumulativeWindow{}});
        const double o = opacityAt(f, n, c);
        INFO(toString(f) << " fade " << n << " window " << toString(c.window()));
        REQUIRE((o > 0.0) == fadedSpan(f, n).overlaps(c.window()));
        REQUIRE((o == 1.0) == f.overlaps(c.window()));
    }
}
