#pragma once
// A calendar date as the data states it: a day number plus how precise it is. A partial date
// ("2024-10", "2025") is not rounded to a day — it means its whole month or year, and every
// time computation uses that interval, so uncertainty is kept rather than hidden.
#include "atlas/civil_date.h"
#include "atlas/result.h"
#include "atlas/time/interval.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace atlas {

class Date {
public:
    enum class Precision : uint8_t { Day, Month, Year };

    // 1970-01-01, day precision.
    constexpr Date() = default;
    static constexpr Date ofDay(int32_t day) { return Date(day, Precision::Day); }
    // These throw std::invalid_argument for an impossible month or day (a bug in the caller;
    // text from data goes through parse()).
    static Date ofCivil(int year, unsigned month, unsigned day);
    static Date ofMonth(int year, unsigned month);
    static Date ofYear(int year);

    // "YYYY-MM-DD", "YYYY-MM" or "YYYY", surrounding blanks ignored. A full date may carry an
    // ISO time part ("2024-10-18T06:30:00+06:30" or "2024-10-18 06:30"); it is dropped and the
    // date is taken as written (no time-zone shift), at day precision. A text that is not a date
    // is an expected failure: its reason() says why ("day 30 does not exist in February 2025");
    // the caller names the text and where it came from.
    static Result<Date> parse(std::string_view text);

    Precision precision() const { return m_precision; }
    CivilDate civil() const { return civilFromDays(m_first); }
    // First day of the interval the date means (the day itself at day precision).
    int32_t first() const { return m_first; }
    // The day after its last day: "2024-10" → 2024-11-01, "2024-12-04" → 2024-12-05.
    int32_t endExclusive() const;
    // [first(), endExclusive())
    Interval interval() const { return Interval::ofDays(first(), endExclusive()); }

    // ISO text at its own precision: "2024-12-04", "2024-10", "2025".
    std::string iso() const;
    // Label for people: "4 Dec 2024", "Oct 2024", "2025".
    std::string label() const;

    bool operator==(const Date&) const = default;

private:
    constexpr Date(int32_t first, Precision p) : m_first(first), m_precision(p) {}

    int32_t m_first = 0;
    Precision m_precision = Precision::Day;
};

// "day", "month", "year"
const char* precisionName(Date::Precision p);

// An ISO 8601 interval as written in data, "2024-10-18/2024-10-19": both ends inclusive as
// written (the 19th is part of it) and each end keeps its precision, so "2024-10/2024-11" is
// the two whole months. A missing end ("2024-10-18/" or "2024-10-18/..") is open.
struct DateRange {
    std::optional<Date> from;  // nullopt: open in the past
    std::optional<Date> to;    // nullopt: open (still going)

    // Half-open: [from.first(), to.endExclusive()).
    Interval interval() const;
    // "2024-10-18/2024-10-19", "2024-10-18/.."
    std::string iso() const;
    // "18–19 Oct 2024", "18 Oct – 2 Nov 2024", "Oct 2024 – Jan 2025", "since 18 Oct 2024"
    std::string label() const;

    bool operator==(const DateRange&) const = default;
};

// "A/B", "A/", "A/..", "/B", "../B", or a single date A (from and to both A). Reports a range
// that ends before it begins.
Result<DateRange> parseRange(std::string_view text);

// ISO text of a day number, "2024-12-04".
std::string isoDay(int32_t day);

}  // namespace atlas
