#pragma once
// A user layer's own time and the cache of what it shows for a clock position.
#include "atlas/render/map_scene.h"
#include "atlas/time/temporal_index.h"
#include "atlas/time/time_cursor.h"
#include "atlas/time/time_mode.h"

#include <memory>
#include <mutex>
#include <vector>

namespace atlas::app {

// A user layer's own time (set in its properties): the mode, the spans compiled from it and
// their index. Built once per change, shared read-only with render snapshots.
struct LayerTime {
    TimeMode mode;
    FeatureTimes times;
    TemporalIndex index;
};

// The rows of a layer visible at `cursor`, with their opacity (the temporal query).
render::FeatureState visibleSet(const LayerTime& time, const TimeCursor& cursor);

// The visible set of each user time layer for the last cursor asked, kept while only the view
// changes: panning asks for a snapshot every few milliseconds on the GUI thread, and on a
// million features the temporal query took tens of milliseconds each time
// (kachin-atlas-pan-bench). Render threads ask too (a deferred state), so it is locked. Entries
// hold their layer's time weakly: a layer whose time is replaced or removed drops out on the
// next call, and a new LayerTime is a new key, so a stale set is never returned.
class VisibleSetCache {
public:
    std::shared_ptr<const render::FeatureState> get(const std::shared_ptr<const LayerTime>& time,
                                                    const TimeCursor& cursor);

private:
    struct Entry {
        std::weak_ptr<const LayerTime> time;
        TimeCursor cursor;
        std::shared_ptr<const render::FeatureState> state;
    };
    std::mutex m_mutex;
    std::vector<Entry> m_entries;
};

}  // namespace atlas::app
