#include "atlas/time/date.h"

#include <catch2/catch.hpp>

using namespace atlas;

namespace {
int32_t day(int y, unsigned m, unsigned d) { return daysFromCivil(y, m, d); }
std::string errorOf(std::string_view text)
{
    const auto r = Date::parse(text);
    REQUIRE_FALSE(r.ok());
    return r.reason();
}
}  // namespace

TEST_CASE("Full, month and year dates parse with their precision and mean their interval", "[core][time]")
{
    const auto d = Date::parse("2024-12-04");
    REQUIRE(d.ok());
    CHECK(d->precision() == Date::Precision::Day);
    CHECK(d->first() == day(2024, 12, 4));
    CHECK(d->endExclusive() == day(2024, 12, 5));

    const auto m = Date::parse("2024-10");
    REQUIRE(m.ok());
    CHECK(m->precision() == Date::Precision::Month);
    CHECK(m->interval() == Interval::ofDays(day(2024, 10, 1), day(2024, 11, 1)));
    CHECK(Date::parse("2024-12")->endExclusive() == day(2025, 1, 1));
    CHECK(Date::parse("2024-02")->endExclusive() == day(2024, 3, 1));

    const auto y = Date::parse("2025");
    REQUIRE(y.ok());
    CHECK(y->precision() == Date::Precision::Year);
    CHECK(y->interval() == Interval::ofDays(day(2025, 1, 1), day(2026, 1, 1)));
    CHECK(*y == Date::ofYear(2025));
    CHECK(*m == Date::ofMonth(2024, 10));
    CHECK(*d == Date::ofCivil(2024, 12, 4));
    // Same first day, different meaning.
    CHECK(Date::ofMonth(2024, 10) != Date::ofCivil(2024, 10, 1));
}

TEST_CASE("Impossible dates are refused with a message saying what is wrong", "[core][time]")
{
    CHECK(errorOf("2025-02-30") == "day 30 does not exist in February 2025");
    CHECK(errorOf("2025-13-01") == "month 13 is out of range");
    CHECK(errorOf("2025-13") == "month 13 is out of range");
    CHECK(errorOf("2025-00") == "month 0 is out of range");
    CHECK(errorOf("2025-01-00") == "day 0 is out of range");
    CHECK(errorOf("2025-01-32") == "day 32 is out of range");
    CHECK(errorOf("2024-04-31") == "day 31 does not exist in April 2024");

    const auto r = Date::parse("2025-02-30");
    CHECK(r.diagnostics().errorCount() == 1);
    CHECK(r.reason() == "day 30 does not exist in February 2025");
    CHECK_THROWS_AS(r.value(), std::logic_error);
    CHECK_THROWS_AS(Date::ofCivil(2025, 2, 30), std::invalid_argument);
    CHECK_THROWS_AS(Date::ofMonth(2025, 13), std::invalid_argument);
}

TEST_CASE("Leap days follow the Gregorian rules", "[core][time]")
{
    CHECK(Date::parse("2024-02-29").ok());
    CHECK(Date::parse("2000-02-29").ok());
    CHECK(errorOf("2023-02-29") == "day 29 does not exist in February 2023");
    CHECK(errorOf("1900-02-29") == "day 29 does not exist in February 1900");
    CHECK(Date::parse("2024-02")->endExclusive() - Date::parse("2024-02")->first() == 29);
    CHECK(Date::parse("2024")->interval().lengthDays() == 366);
    CHECK(Date::parse("2025")->interval().lengthDays() == 365);
}

TEST_CASE("Text that is not a date says which forms are expected", "[core][time]")
{
    for (const char* text : {"Oct 2024", "2024/10/18", "24-10-18", "20241018", "2024-1-5", "2024-10-1",
                             "2024-10-18x", "2024-10X", "2024-10-", "2024-10-18T", "2024-10T12:00", "-2024", "abcd"}) {
        INFO(text);
        const auto r = Date::parse(text);
        REQUIRE_FALSE(r.ok());
        CHECK(r.reason() == "expected YYYY-MM-DD, YYYY-MM or YYYY");
    }
    CHECK(errorOf("") == "empty; expected YYYY-MM-DD, YYYY-MM or YYYY");
    CHECK(errorOf("   ") == "empty; expected YYYY-MM-DD, YYYY-MM or YYYY");
}

TEST_CASE("An ISO datetime is read as its date at day precision, blanks are ignored", "[core][time]")
{
    for (const char* text : {"2024-10-18T06:30:00+06:30", "2024-10-18T23:59:59Z", "2024-10-18 06:30", " 2024-10-18\n"}) {
        INFO(text);
        const auto r = Date::parse(text);
        REQUIRE(r.ok());
        CHECK(*r == Date::ofCivil(2024, 10, 18));
    }
    CHECK(*Date::parse("  2024-10 ") == Date::ofMonth(2024, 10));
}

TEST_CASE("Dates format for labels and as ISO at their own precision", "[core][time]")
{
    CHECK(Date::ofCivil(2024, 12, 4).label() == "4 Dec 2024");
    CHECK(Date::ofCivil(2025, 5, 31).label() == "31 May 2025");
    CHECK(Date::ofMonth(2024, 10).label() == "Oct 2024");
    CHECK(Date::ofYear(2025).label() == "2025");
    CHECK(Date::ofCivil(2024, 12, 4).iso() == "2024-12-04");
    CHECK(Date::ofMonth(2024, 10).iso() == "2024-10");
    CHECK(Date::ofYear(2025).iso() == "2025");
    CHECK(isoDay(day(1970, 1, 1)) == "1970-01-01");
    CHECK(precisionName(Date::Precision::Month) == std::string("month"));

    // Every day of a few decades survives iso() → parse().
    for (int32_t d = day(1999, 1, 1); d < day(2031, 1, 1); ++d) {
        const auto r = Date::parse(Date::ofDay(d).iso());
        REQUIRE(r.ok());
        REQUIRE(r->first() == d);
    }
}

TEST_CASE("ISO ranges include their written end and keep each end's precision", "[core][time]")
{
    const auto r = parseRange("2024-10-18/2024-10-19");
    REQUIRE(r.ok());
    CHECK(r->interval() == Interval::ofDays(day(2024, 10, 18), day(2024, 10, 20)));
    CHECK(r->iso() == "2024-10-18/2024-10-19");
    CHECK(r->label() == "18–19 Oct 2024");

    CHECK(parseRange("2024-10/2024-11")->interval() == Interval::ofDays(day(2024, 10, 1), day(2024, 12, 1)));
    CHECK(parseRange("2024-10/2025-01")->label() == "Oct 2024 – Jan 2025");
    CHECK(parseRange("2024-10-18/2024-11-02")->label() == "18 Oct – 2 Nov 2024");
    CHECK(parseRange("2024-12-30/2025-01-02")->label() == "30 Dec 2024 – 2 Jan 2025");
    CHECK(parseRange("2024-10-18/2024-10-18")->interval() == Interval::ofDay(day(2024, 10, 18)));
    CHECK(parseRange("2024-10-18")->interval() == Interval::ofDay(day(2024, 10, 18)));

    for (const char* open : {"2024-10-18/", "2024-10-18/.."}) {
        const auto o = parseRange(open);
        REQUIRE(o.ok());
        CHECK(o->interval() == Interval::from(day(2024, 10, 18)));
        CHECK(o->label() == "since 18 Oct 2024");
    }
    CHECK(parseRange("../2024-10-19")->interval() == Interval::until(day(2024, 10, 20)));
    CHECK(parseRange("/2024-10-19")->label() == "until 19 Oct 2024");

    const auto reversed = parseRange("2024-10-19/2024-10-18");
    REQUIRE_FALSE(reversed.ok());
    CHECK(reversed.reason() == "range ends (2024-10-18) before it begins (2024-10-19)");
    CHECK_FALSE(parseRange("2024-10/2024-09").ok());
    CHECK(parseRange("2024-10-18/2024-10").ok());  // ends with October, which holds its start

    const auto bad = parseRange("2024-10-18/2025-02-30");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.reason() == "2025-02-30: day 30 does not exist in February 2025");
    CHECK_FALSE(parseRange("/").ok());
    CHECK_FALSE(parseRange("../..").ok());
}
