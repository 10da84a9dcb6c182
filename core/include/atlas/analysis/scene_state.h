#pragma once
// What the map shows for an extent and a TimeCursor — the one query the window, the renderer,
// exports and `kachin-atlas state` share:
//
//  * per layer, the visible rows (ascending) with their opacity (events fade after their last
//    day) and a state where it applies: mines and crossings carry their controller on the
//    cursor's day (LinkIndex::controllerAt), crossings also their status; control areas their
//    controller. Values are spelt as in the data — controllers `KIA`, `junta`, `NDA-K/BGF`,
//    `UWSA`, `NDAA`, `MNDAA`, `contested`; statuses `open`, `closed`, `restricted`; "" = not known;
//  * the events overlapping the cursor's window, in date order;
//  * per front line (line_id), the version in force on the cursor's day and the earlier ones;
//  * the export observations whose period covers the cursor's day.
//
// Event layers are matched against the cursor's window; static and snapshot layers against the
// cursor's day (a 30-day window shows the control areas of that day, not of the whole month).
// Each layer is answered from its TemporalIndex and its R-tree, so the cost follows what is
// visible, not the number of features.
//
// The string_views and pointers point into the LinkIndex and its Dataset, which must outlive
// the SceneState (a render snapshot keeps the shared_ptr<const Dataset>).
#include "atlas/analysis/links.h"
#include "atlas/box.h"
#include "atlas/time/time_cursor.h"

#include <optional>
#include <string_view>
#include <vector>

namespace atlas {

struct SceneQuery {
    std::optional<Box> extent;  // display CRS; nullopt = everywhere
    TimeCursor cursor;
};

struct VisibleFeature {
    uint32_t row = 0;
    std::string_view id;
    float opacity = 1;
    std::string_view controller;  // mines, crossings, control; "" elsewhere or when not known
    std::string_view status;      // crossings; "" when not known
};

struct LayerScene {
    std::string_view key;                  // "control", "mines", …
    std::vector<VisibleFeature> features;  // ascending by row
};

struct FrontScene {
    std::string_view lineId;
    const SnapshotVersion* inForce = nullptr;      // nullptr before the first version
    std::vector<const SnapshotVersion*> previous;  // the earlier versions, newest first
};

struct SceneState {
    TimeCursor cursor;
    Interval window;                                // cursor.window()
    std::vector<LayerScene> layers;                 // drawing order
    std::vector<const Event*> events;               // overlapping the window, date order
    std::vector<FrontScene> fronts;                 // by line_id
    std::vector<const ExportObservation*> exports;  // covering the cursor's day, period order

    const LayerScene* layer(std::string_view key) const;
};

SceneState querySceneState(const LinkIndex& links, const SceneQuery& query);

}  // namespace atlas
