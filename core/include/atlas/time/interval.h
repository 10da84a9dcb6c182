#pragma once
// A span of days, half-open: [begin, end). Day numbers as in civil_date.h.
//
// Half-open so that consecutive spans tile without overlap or gap: a version in force
// [2024-10-18, 2024-12-04) is present on 10-18, present on 12-03 and gone on 12-04, the day the
// next version [2024-12-04, …) begins. An unbounded side is nullopt — "since always" for begin,
// "still true" for end — never a sentinel day.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace atlas {

struct Interval {
    std::optional<int32_t> begin;  // first day inside; nullopt: unbounded in the past
    std::optional<int32_t> end;    // first day no longer inside; nullopt: still open

    static constexpr Interval unbounded() { return {}; }
    static constexpr Interval from(int32_t day) { return {day, std::nullopt}; }
    static constexpr Interval until(int32_t endExclusive) { return {std::nullopt, endExclusive}; }
    static constexpr Interval ofDays(int32_t begin, int32_t endExclusive) { return {begin, endExclusive}; }
    static constexpr Interval ofDay(int32_t day) { return {day, day + 1}; }

    // Only a bounded interval can be empty: end <= begin (a zero-length or reversed span).
    constexpr bool isEmpty() const { return begin && end && *end <= *begin; }
    constexpr bool contains(int32_t day) const { return (!begin || *begin <= day) && (!end || day < *end); }
    constexpr Interval intersection(const Interval& o) const
    {
        Interval r;
        r.begin = !begin ? o.begin : !o.begin ? begin : std::optional<int32_t>(*begin > *o.begin ? *begin : *o.begin);
        r.end = !end ? o.end : !o.end ? end : std::optional<int32_t>(*end < *o.end ? *end : *o.end);
        return r;
    }
    // Share at least one day. An empty interval overlaps nothing, not even itself.
    constexpr bool overlaps(const Interval& o) const { return !intersection(o).isEmpty(); }
    // Number of days; nullopt when a side is unbounded; 0 for an empty interval.
    constexpr std::optional<int64_t> lengthDays() const
    {
        if (!begin || !end) return std::nullopt;
        const int64_t n = int64_t{*end} - int64_t{*begin};
        return n > 0 ? n : 0;
    }

    constexpr bool operator==(const Interval&) const = default;
};

// "[2024-10-18, 2024-12-04)", "[2024-10-18, open)", "(open, 2024-12-04)" — for logs and tests.
std::string toString(const Interval& interval);
std::ostream& operator<<(std::ostream& os, const Interval& interval);

}  // namespace atlas
