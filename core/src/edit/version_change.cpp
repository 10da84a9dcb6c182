#include "atlas/edit/version_change.h"

#include "atlas/time/date.h"

#include <cstdio>

namespace atlas::edit {
namespace {

// As `diff` prints km² (reports.cpp): one decimal.
std::string km2(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string padded(std::string s, std::size_t width)
{
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s;
}

}  // namespace

VersionChange versionChange(const LinkIndex& links, const std::string& group, int32_t firstDay)
{
    VersionChange c;
    c.group = group;
    c.fromDay = firstDay - 1;
    c.toDay = firstDay;
    if (group.rfind("area:", 0) == 0) c.area = territoryChange(links, group, c.fromDay, c.toDay);
    else c.front = frontChange(links, group, c.fromDay, c.toDay);
    return c;
}

std::string toText(const VersionChange& c)
{
    std::string out = c.group + ": " + isoDay(c.fromDay) + " → " + isoDay(c.toDay) + "\n";
    if (c.area) {
        const TerritoryChange& t = *c.area;
        out += "  " + (t.from ? "as of " + t.from->asOf.iso() : std::string("no version")) + " → " +
               (t.to ? "as of " + t.to->asOf.iso() : std::string("no version")) + "\n";
        for (const SideChange& s : t.sides)
            out += "    " + padded(s.controller, 11) + km2(s.beforeKm2) + " → " + km2(s.afterKm2) + "   gained " +
                   km2(s.gainedKm2) + "   lost " + km2(s.lostKm2) + "\n";
        if (t.sides.empty()) out += "    (no comparison: nothing is known before an area's first version)\n";
    }
    if (c.front) {
        const FrontChange& f = *c.front;
        out += "  " + (f.fromId.empty() ? "no version" : f.fromId) + " → " + (f.toId.empty() ? "no version" : f.toId);
        if (f.enclosedBeforeKm2 && f.enclosedAfterKm2)
            out += "; enclosed " + km2(*f.enclosedBeforeKm2) + " → " + km2(*f.enclosedAfterKm2) + " km² (" +
                   km2(f.movedInsideKm2) + " km² moved inside the line, " + km2(f.movedOutsideKm2) + " km² outside)";
        else
            out += "; an open line encloses no ground: gained 0.0 km², lost 0.0 km²";
        out += "\n";
    }
    return out;
}

}  // namespace atlas::edit
