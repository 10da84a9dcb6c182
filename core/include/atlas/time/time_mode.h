#pragma once
// How a layer's features live on the timeline, chosen per layer, and the per-feature spans
// compiled from it. Field values may be Date columns (day numbers) or text parsed with
// Date::parse — GeoJSON partial dates such as "2024-10" load as strings and mean the month.
#include "atlas/diagnostics.h"
#include "atlas/time/interval.h"
#include "atlas/time/time_cursor.h"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace atlas {

class Layer;

// No time: always drawn (basemap, rivers, places).
struct StaticTime {
    bool operator==(const StaticTime&) const = default;
};

// Events. A feature spans its date's interval ("2024-10" is all of October) up to its end
// date when it has one; the end is inclusive as written ("date_end": "2024-10-19" includes the
// 19th). The date field may also hold an ISO range "2024-10-18/2024-10-19"; a non-empty end
// field overrides that range's end. Visible while the span overlaps the window, then fading
// for fadeDays more.
struct InstantTime {
    std::string dateField = "date";
    std::optional<std::string> endField;
    int32_t fadeDays = 0;
    bool operator==(const InstantTime&) const = default;
};

// valid_from / valid_to, half-open as written: valid_to is the first day no longer valid.
// Both are read at their first day, so records written "valid_to 2024-10" and "valid_from
// 2024-10" hand over on 2024-10-01 without gap or overlap. Empty valid_to: still valid; empty
// valid_from: valid since always.
struct IntervalTime {
    std::string fromField = "valid_from";
    std::string toField = "valid_to";
    int32_t fadeDays = 0;
    bool operator==(const IntervalTime&) const = default;
};

// Versions (front lines, control areas): the features sharing a group value (line_id,
// area_id) and an as_of date form one version, in force from its as_of until the next as_of
// of the same group; the latest version stays open. An empty groupField makes the whole layer
// one group. A superseded version fades for fadeDays.
struct SnapshotTime {
    std::string groupField;
    std::string asOfField = "as_of";
    int32_t fadeDays = 0;
    bool operator==(const SnapshotTime&) const = default;
};

// Everything that has happened up to the cursor: a feature appears on its date and stays.
// With fadeDays > 0 it fades after its date's interval, down to fadedOpacity rather than out.
struct CumulativeTime {
    std::string dateField = "date";
    int32_t fadeDays = 0;
    double fadedOpacity = 0.3;
    bool operator==(const CumulativeTime&) const = default;
};

using TimeMode = std::variant<StaticTime, InstantTime, IntervalTime, SnapshotTime, CumulativeTime>;

// "static", "instant", "interval", "snapshot", "cumulative"
const char* timeModeName(const TimeMode& mode);

// Per-feature time of one layer, row for row with the layer's features.
struct FeatureTimes {
    // The span the feature's dates give it: the event's interval, [valid_from, valid_to), the
    // version's [as_of, next as_of), or for cumulative layers the date's own interval.
    std::vector<Interval> spans;
    // 1 for a feature left off the timeline because its dates could not be read (each one is
    // in the Diagnostics); such a feature is never visible.
    std::vector<uint8_t> excluded;
    int32_t fadeDays = 0;
    // Cumulative layers: a feature stays once it has appeared, faded down to fadedOpacity.
    bool persists = false;
    double fadedOpacity = 0.0;
    // Interval and snapshot layers describe states ("who held Bhamo"), which are read on the
    // cursor's day: a 30-day window must not draw three front-line versions at once. Events and
    // cumulative layers are read over the cursor's whole window.
    bool statesOnDay = false;

    std::size_t size() const { return spans.size(); }
    std::size_t excludedCount() const;
    // When the feature is drawn at all: its span lengthened by the fade, or from its first
    // day on for cumulative layers; empty for an excluded feature. Build the TemporalIndex
    // over these.
    Interval visibility(std::size_t f) const;
    std::vector<Interval> visibilities() const;
    // The days this layer is read over for a cursor: its day for states, its window otherwise.
    // Query the TemporalIndex with this.
    Interval windowFor(const TimeCursor& cursor) const
    {
        return statesOnDay ? Interval::ofDay(cursor.day()) : cursor.window();
    }
    // 0..1 (see opacityAt in time_cursor.h); 0 exactly when visibility(f) misses the window.
    double opacity(std::size_t f, const Interval& window) const;
    double opacity(std::size_t f, const TimeCursor& cursor) const { return opacity(f, windowFor(cursor)); }
};

// Reads every feature's time from the layer's columns. Problems are reported, never skipped
// silently, as "file:feature N: field: message" (N is the feature's FID, so Layer::fid must
// be filled, as loaders do): an unreadable or missing date and a reversed span leave the
// feature off the timeline; a field the mode names but the layer lacks leaves every feature
// off and is reported once for the layer.
FeatureTimes compileFeatureTimes(const Layer& layer, const TimeMode& mode, Diagnostics& diagnostics);

}  // namespace atlas
