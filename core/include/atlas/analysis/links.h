#pragma once
// Links between the dataset's features, events and export observations (DESIGN.md, "Links"):
//
//  * explicit — an event's `links` and `place_id`, a crossing's `place_id`, export ids named by
//    events; answered both ways (what an event concerns; which events concern a feature);
//  * spatial — through GEOS in metres: events within a distance of a feature, features near
//    an event, the nearest crossing to a mine, and the control area containing a feature on a
//    day, from which every place, mine and crossing gets a controller timeline: its own rows in
//    controllers.csv first, and in the gaps (or without rows) the controller of the control-layer
//    version in force whose polygon contains it.
//
// Analysis CRS: a Lambert azimuthal equal-area projection (WGS 84) centred on the dataset's
// lon/lat bounds (≈ 24.3°N 98.6°E for geodata/). Equal-area, so polygon areas in km² are exact
// on the ellipsoid wherever the data lies (UTM 47N, the display CRS, is conformal: its areas
// are off by its scale factor squared, up to ~0.1 % at the zone's edge); distances within
// ~600 km of the centre are off by less than 0.1 %, and point-to-point distances are geodesic.
//
// Built once from a Dataset; immutable and safe to query from several threads (GEOS geometries
// are only read; each thread uses its own GEOS context).
#include "atlas/analysis/geos.h"
#include "atlas/data/dataset.h"
#include "atlas/spatial_index.h"

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace atlas {

enum class StateOrigin {
    History,       // a row of controllers.csv
    ControlLayer,  // the control-layer version in force whose polygon contains the feature
};

// "history", "control layer"
const char* stateOriginName(StateOrigin o);

// One span of a feature's resolved controller timeline.
struct ResolvedSpan {
    Interval span;                   // half-open; open sides nullopt
    std::string value;               // controller, spelt as in the data
    StateOrigin origin = StateOrigin::History;
    const StateSpan* row = nullptr;  // History: the controllers.csv row
    std::string controlId;           // ControlLayer: the control feature, e.g. control:kanpaikti-kia-2024-11-20
    std::string areaId;              // ControlLayer: its area_id
};

struct NearbyEvent {
    const Event* event = nullptr;
    double metres = 0;
};

struct NearbyFeature {
    std::string id;
    std::string layerKey;
    double metres = 0;
};

struct LinkedEvent {
    const Event* event = nullptr;
    std::string via;  // "" when the event names the id itself; else the id it names (area_id / line_id)
};

struct LinkedExport {
    const ExportObservation* observation = nullptr;
    std::string via;  // the event linking both ("" when the id itself is the event)
};

class LinkIndex {
public:
    explicit LinkIndex(std::shared_ptr<const Dataset> dataset);
    ~LinkIndex();
    LinkIndex(LinkIndex&&) noexcept;
    LinkIndex& operator=(LinkIndex&&) noexcept;

    const Dataset& dataset() const { return *m_dataset; }
    const std::shared_ptr<const Dataset>& datasetPtr() const { return m_dataset; }
    // The PROJ definition of the analysis CRS (see the file comment).
    const std::string& analysisCrs() const { return m_analysisCrs; }

    // --- explicit ---------------------------------------------------------------------------
    // Events naming `id` (links or place_id), in date order. For a version of a snapshot
    // layer (control:…, front:…) also the events naming its group (area_id / line_id); for a
    // group also those naming any of its versions.
    std::vector<LinkedEvent> eventsLinkedTo(std::string_view id) const;
    // The ids an event names: its links, then its place_id if not among them.
    std::vector<std::string> idsOfEvent(std::string_view eventId) const;
    // Crossings whose place_id is `placeId`; the place of a crossing.
    std::vector<std::string> crossingsAt(std::string_view placeId) const;
    std::optional<std::string> placeOf(std::string_view crossingId) const;
    // Export observations named by an event that also names `id` (or by `id` itself when it is
    // an event), in period order.
    std::vector<LinkedExport> exportsLinkedTo(std::string_view id) const;
    // The versions (feature ids, by as_of) of an area_id / line_id.
    std::vector<std::string> versionsOf(std::string_view groupId) const;

    // --- spatial (metres) -------------------------------------------------------------------
    // Events whose point lies within `metres` of the feature `id` (an event's own point for an
    // event id), optionally only those overlapping `window`; in date order. Events without a
    // point never qualify. Empty when the id has no geometry.
    std::vector<NearbyEvent> eventsWithin(std::string_view id, double metres,
                                          const std::optional<Interval>& window = std::nullopt) const;
    // Places, mines and crossings within `metres` of `id`'s geometry (itself excluded), nearest first.
    std::vector<NearbyFeature> featuresWithin(std::string_view id, double metres) const;
    // The nearest crossing (with a point) to a feature; nullopt when either has no geometry.
    std::optional<NearbyFeature> nearestCrossing(std::string_view featureId) const;
    // Distance in metres between two features' geometries (geodesic for two points).
    std::optional<double> distance(std::string_view a, std::string_view b) const;

    // --- state on a day ---------------------------------------------------------------------
    // Places, mines and crossings: own history first, the control layer in its gaps.
    std::span<const ResolvedSpan> controllerTimeline(std::string_view featureId) const;
    const ResolvedSpan* controllerAt(std::string_view featureId, int32_t day) const;
    // Crossing status from crossing_status.csv (nullptr: not known on that day).
    const StateSpan* statusAt(std::string_view crossingId, int32_t day) const;
    // Rows of the control layer in force on `day` whose polygon contains the feature's point
    // (its point-on-surface for a polygon), ascending.
    std::vector<uint32_t> controlRowsContaining(std::string_view featureId, int32_t day) const;

    // --- geometry in the analysis CRS -------------------------------------------------------
    // nullptr for an unknown id or a feature without geometry.
    const GEOSGeom_t* geometry(std::string_view id) const;
    const GEOSGeom_t* geometry(std::string_view layerKey, std::size_t row) const;
    // The feature's coordinates in the analysis CRS (same layout as the layer's GeometryColumn).
    std::span<const Coord> analysisCoords(std::string_view layerKey, std::size_t row) const;

private:
    struct LayerGeometry;
    const LayerGeometry* layerGeometry(std::string_view key) const;
    std::optional<Coord> representativePoint(std::string_view layerKey, std::size_t row) const;
    std::optional<Coord> lonLatPoint(std::string_view layerKey, std::size_t row) const;
    void buildTimelines();

    std::shared_ptr<const Dataset> m_dataset;
    std::string m_analysisCrs;
    std::vector<LayerGeometry> m_layers;
    // Event points (index = position in EventStore::all()), in the analysis CRS and lon/lat.
    std::vector<std::optional<Coord>> m_eventPoints;
    std::vector<std::optional<Coord>> m_eventLonLat;
    SpatialIndex m_eventIndex;
    StringMap<std::vector<ResolvedSpan>> m_timelines;
};

}  // namespace atlas
