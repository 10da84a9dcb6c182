#pragma once
// The one clock every time-aware view reads: a day and the window of days around it that
// counts as "now". A plain value — the app wraps it in a QObject that emits changes; render
// jobs copy it into their snapshot.
#include "atlas/time/interval.h"

#include <cstdint>
#include <variant>

namespace atlas {

// Only the cursor's own day.
struct InstantWindow {
    bool operator==(const InstantWindow&) const = default;
};
// The n days ending on the cursor's day, both included: [day − n + 1, day + 1). n < 1 counts as 1.
struct DaysWindow {
    int32_t days = 30;
    bool operator==(const DaysWindow&) const = default;
};
// Everything up to and including the cursor's day: (−∞, day + 1).
struct CumulativeWindow {
    bool operator==(const CumulativeWindow&) const = default;
};

class TimeCursor {
public:
    using Window = std::variant<InstantWindow, DaysWindow, CumulativeWindow>;

    TimeCursor() = default;
    explicit TimeCursor(int32_t day, Window window = InstantWindow{}) : m_day(day), m_window(window) {}

    int32_t day() const { return m_day; }
    const Window& windowKind() const { return m_window; }
    void setDay(int32_t day) { m_day = day; }
    void setWindowKind(Window window) { m_window = window; }
    // The same window moved by `days` (negative: back in time).
    TimeCursor movedBy(int32_t days) const { return TimeCursor(m_day + days, m_window); }

    // The days that count as "now" for this cursor; never empty.
    Interval window() const;

    bool operator==(const TimeCursor&) const = default;

private:
    int32_t m_day = 0;
    Window m_window = InstantWindow{};
};

// How visible a feature whose own span is `feature` is in `window`, 0..1:
//
//   1                              if the feature overlaps the window;
//   0                              if it begins at or after the window's end (not yet);
//   clamp((e + N − w) / (N + 1))   if it ended before the window, where e = feature.end,
//                                  N = fadeDays and w = the window's first day.
//
// So with N fade days a feature whose last day is e − 1 fades over days e … e + N − 1 as
// N/(N+1), (N−1)/(N+1), …, 1/(N+1) and is gone (0) from day e + N — exactly the days on which
// Interval{feature.begin, e + N} still overlaps the window, so a temporal index built over the
// faded spans returns precisely the features with opacity > 0. N ≤ 0 means no fade.
// A window unbounded in the past (cumulative) holds every feature that began before its end.
double opacityAt(const Interval& feature, int32_t fadeDays, const Interval& window);
double opacityAt(const Interval& feature, int32_t fadeDays, const TimeCursor& cursor);

// `feature` lengthened by the fade: the span during which opacityAt() is above 0.
Interval fadedSpan(const Interval& feature, int32_t fadeDays);

}  // namespace atlas
