#pragma once
// What a new version of a front line or control area changes against the version in force the
// day before it: the km² each side gained and lost (control areas) or the ground the line
// encloses that moved (front lines). The same computation as `kachin-atlas diff` (territory.h),
// run between the day before the new version and its first day.
#include "atlas/analysis/territory.h"

#include <optional>
#include <string>

namespace atlas::edit {

struct VersionChange {
    std::string group;
    int32_t fromDay = 0;  // the day before the new version
    int32_t toDay = 0;    // its first day
    std::optional<TerritoryChange> area;  // area:…
    std::optional<FrontChange> front;     // front:…
};

VersionChange versionChange(const LinkIndex& links, const std::string& group, int32_t firstDay);
// "area:bhamo 2026-02-03 → 2026-02-04: KIA +12.34 km² −0.56 km²; junta …" (km² as `diff` prints them).
std::string toText(const VersionChange& change);

}  // namespace atlas::edit
