#include "atlas/time/time_cursor.h"

#include <algorithm>

namespace atlas {

Interval TimeCursor::window() const
{
    struct Visitor {
        int32_t day;
        Interval operator()(const InstantWindow&) const { return Interval::ofDay(day); }
        Interval operator()(const DaysWindow& w) const
        {
            return Interval::ofDays(day - std::max(w.days, int32_t{1}) + 1, day + 1);
        }
        Interval operator()(const CumulativeWindow&) const { return Interval::until(day + 1); }
    };
    return std::visit(Visitor{m_day}, m_window);
}

Interval fadedSpan(const Interval& feature, int32_t fadeDays)
{
    Interval r = feature;
    if (r.end && fadeDays > 0 && !feature.isEmpty()) r.end = *r.end + fadeDays;
    return r;
}

double opacityAt(const Interval& feature, int32_t fadeDays, const Interval& window)
{
    if (feature.isEmpty() || window.isEmpty()) return 0.0;
    if (feature.overlaps(window)) return 1.0;
    // No overlap, both non-empty: the feature lies wholly before or wholly after the window.
    if (!feature.end || !window.begin || *feature.end > *window.begin) return 0.0;  // not begun yet
    if (fadeDays <= 0) return 0.0;
    const double n = fadeDays;
    const double age = static_cast<double>(int64_t{*window.begin} - int64_t{*feature.end});  // 0 on day e
    return std::clamp((n - age) / (n + 1.0), 0.0, 1.0);
}

double opacityAt(const Interval& feature, int32_t fadeDays, const TimeCursor& cursor)
{
    return opacityAt(feature, fadeDays, cursor.window());
}

}  // namespace atlas
