#pragma once
// What `kachin-atlas state`, `links` and `diff` report, built in core so the command line, the
// app's panels and tests share one implementation. Each report is a plain struct, with a JSON
// form (stable key order, ISO dates at their own precision, km² to 0.01) and a text form for
// people.
#include "atlas/analysis/links.h"
#include "atlas/analysis/scene_state.h"
#include "atlas/analysis/territory.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace atlas {

// --- state on a day ------------------------------------------------------------------------

struct FeatureState {
    std::string id;
    std::string name;
    const ResolvedSpan* controller = nullptr;  // nullptr: not known on that day
    const StateSpan* status = nullptr;         // crossings; nullptr: not known
};

struct StateReport {
    TimeCursor cursor;
    Interval window;
    std::vector<FeatureState> mines;      // every mine, in file order
    std::vector<FeatureState> crossings;  // every crossing, in file order
    std::vector<const Event*> events;     // overlapping the window, date order
    std::vector<FrontScene> fronts;
    std::vector<const ExportObservation*> exports;  // covering the day
    std::vector<AreaHeld> areas;          // every control area with a version in force
};

StateReport buildStateReport(const LinkIndex& links, const TimeCursor& cursor);
nlohmann::ordered_json toJson(const StateReport& report, const LinkIndex& links);
std::string toText(const StateReport& report, const LinkIndex& links);

// --- links of one id -----------------------------------------------------------------------

struct LinksReport {
    std::string id;
    IdTarget target;
    std::string name;
    double withinMetres = 25000;
    std::optional<int32_t> day;

    // What the id names (an event's links and place; a crossing's place; a version's group;
    // a group's versions).
    std::vector<std::string> names;
    std::optional<std::string> place;
    std::vector<std::string> crossings;  // a place's crossings
    std::string group;
    std::vector<std::string> versions;
    // Who names it.
    std::vector<LinkedEvent> events;
    // Within the distance (events for a feature; places, mines and crossings for any geometry).
    std::vector<NearbyEvent> eventsNearby;
    std::vector<NearbyFeature> featuresNearby;
    std::optional<NearbyFeature> nearestCrossing;  // mines
    std::vector<LinkedExport> exports;
    const ExportObservation* observation = nullptr;  // when the id is an export
    std::span<const ResolvedSpan> controllerHistory;
    std::span<const StateSpan> statusHistory;
    std::vector<const MineFigure*> figures;
    // On `day`, when given.
    const ResolvedSpan* controllerOnDay = nullptr;
    const StateSpan* statusOnDay = nullptr;
    std::vector<std::string> controlAreasOnDay;  // control features containing it on that day
};

// nullopt when `id` names nothing in the dataset.
std::optional<LinksReport> buildLinksReport(const LinkIndex& links, const std::string& id, double withinMetres,
                                            std::optional<int32_t> day);
nlohmann::ordered_json toJson(const LinksReport& report, const LinkIndex& links);
std::string toText(const LinksReport& report, const LinkIndex& links);

// --- what changed between two days ---------------------------------------------------------

struct Transition {
    int32_t day = 0;         // first day of the new state
    std::string id;
    std::string name;
    std::string from;        // "" = not known
    std::string to;          // "" = not known
    std::string by;          // status changes: who closed / restricted
    std::string reference;   // "controllers.csv line 3", "control:bhamo-kia-2025-01-27"
};

struct DiffReport {
    int32_t fromDay = 0;
    int32_t toDay = 0;
    std::vector<Transition> controllerChanges;  // places, mines and crossings; on days in (from, to]
    std::vector<Transition> statusChanges;      // crossings
    std::vector<FrontChange> fronts;            // lines whose version changed
    std::vector<TerritoryChange> areas;         // control areas whose version changed
};

// Changes on the days after `fromDay` up to and including `toDay` (toDay >= fromDay).
DiffReport buildDiffReport(const LinkIndex& links, int32_t fromDay, int32_t toDay);
nlohmann::ordered_json toJson(const DiffReport& report, const LinkIndex& links);
std::string toText(const DiffReport& report, const LinkIndex& links);

// "controllers.csv line 3" for a history row; the control feature id for the control layer.
std::string referenceOf(const ResolvedSpan& span);
// km² rounded to 0.01 (JSON) — exposed so tests compare with what is printed.
double roundKm2(double km2);

}  // namespace atlas
