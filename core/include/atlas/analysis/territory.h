#pragma once
// Territory held and changing hands, from the snapshot layers, in km² computed with GEOS in the
// LinkIndex's equal-area analysis CRS (see links.h):
//
//  * per side of a control area (area_id) in the version in force on a day: area of the union
//    of that controller's polygons;
//  * between two versions of an area, per side: gained = area(new − old), lost = area(old − new)
//    (so gained + lost = area of the symmetric difference of the side's two unions);
//  * between two versions of a closed front line (line_id): the ground the line encloses,
//    and what moved inside (gained by the enclosed side) or outside it.
#include "atlas/analysis/links.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atlas {

struct SideArea {
    std::string controller;
    double km2 = 0;
};

struct AreaHeld {
    std::string areaId;
    const SnapshotVersion* version = nullptr;  // nullptr: no version in force (nothing known)
    std::vector<SideArea> sides;               // controllers of the version, in vocabulary order
    double totalKm2 = 0;
};

// Every area_id with a version in force on `day`, by area_id.
std::vector<AreaHeld> areasHeld(const LinkIndex& links, int32_t day);
AreaHeld areaHeld(const LinkIndex& links, std::string_view areaId, int32_t day);

struct SideChange {
    std::string controller;
    double beforeKm2 = 0;
    double afterKm2 = 0;
    double gainedKm2 = 0;  // area(after − before)
    double lostKm2 = 0;    // area(before − after)
};

struct TerritoryChange {
    std::string areaId;
    const SnapshotVersion* from = nullptr;  // versions in force on the two days (nullptr: none)
    const SnapshotVersion* to = nullptr;
    // Every controller present in either version, in vocabulary order; empty unless both
    // versions exist (before an area's first version nothing is known).
    std::vector<SideChange> sides;
    bool changed() const { return from != to; }
};

TerritoryChange territoryChange(const LinkIndex& links, std::string_view areaId, int32_t fromDay, int32_t toDay);
// Every area_id with a version on either day, by area_id.
std::vector<TerritoryChange> territoryChanges(const LinkIndex& links, int32_t fromDay, int32_t toDay);

struct FrontChange {
    std::string lineId;
    const SnapshotVersion* from = nullptr;
    const SnapshotVersion* to = nullptr;
    std::string fromId;  // feature id of each version (its first feature)
    std::string toId;
    // Ground enclosed by the version's closed line(s); nullopt when a line is not closed.
    std::optional<double> enclosedBeforeKm2;
    std::optional<double> enclosedAfterKm2;
    double movedInsideKm2 = 0;   // enclosed by the new line, not by the old
    double movedOutsideKm2 = 0;  // enclosed by the old line, not by the new
    bool changed() const { return from != to; }
};

FrontChange frontChange(const LinkIndex& links, std::string_view lineId, int32_t fromDay, int32_t toDay);
std::vector<FrontChange> frontChanges(const LinkIndex& links, int32_t fromDay, int32_t toDay);

// Union of the polygons of one controller in a version of a control area (analysis CRS);
// nullptr when the version has none. Exposed for tests and the renderer's hatching.
geos::Geometry sideUnion(const LinkIndex& links, const SnapshotVersion& version, std::string_view controller);

}  // namespace atlas
