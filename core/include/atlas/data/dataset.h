#pragma once
// The Kachin dataset (geodata/, or any directory with its schema — geodata/README.md) loaded
// once into one value: the layers in the display CRS with their time mode, compiled feature
// times and temporal index; the controller and crossing-status histories; the events; the
// export observations; the mine figures; and the bibliography.
//
// Loading checks every row (required fields, id form and uniqueness across the dataset,
// references, dates and their precision, vocabularies, geometry validity and region, history
// order) and reports each problem as "file:feature N (id)|line N: field: message". A bad row is
// reported and skipped; the rest of its file still loads. `kachin-atlas validate` prints the
// same diagnostics (see validator.h).
//
// Layers stay columnar: per-feature state lives in columns and index arrays, not objects.
// Immutable once loaded; share it as std::shared_ptr<const Dataset> between threads.
#include "atlas/crs.h"
#include "atlas/data/event_store.h"
#include "atlas/data/export_series.h"
#include "atlas/data/mine_figures.h"
#include "atlas/data/source_catalog.h"
#include "atlas/data/state_history.h"
#include "atlas/data/string_map.h"
#include "atlas/diagnostics.h"
#include "atlas/layer.h"
#include "atlas/time/temporal_index.h"
#include "atlas/time/time_mode.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace atlas {

// One version of a snapshot group: the features sharing a group value (area_id, line_id) and
// an as_of, in force from as_of until the group's next as_of.
struct SnapshotVersion {
    Date asOf;                   // as written ("2025-10" keeps its month precision)
    Interval span;               // [asOf.first(), next version's asOf.first()), open for the latest
    std::vector<uint32_t> rows;  // the version's features, ascending
};

struct SnapshotGroup {
    std::string group;                      // "area:bhamo", "front:bhamo"
    std::vector<SnapshotVersion> versions;  // by as_of
    // The version in force on `day`; nullptr before the first version (nothing is known then).
    const SnapshotVersion* at(int32_t day) const;
    // Index of at(day) in versions, or -1.
    int indexAt(int32_t day) const;
};

struct DatasetLayer {
    std::string key;        // "control", "river", "frontlines", "mines", "places", "crossings", "events"
    std::string file;       // path of the file it was read from
    LayerPtr layer;         // display CRS; only rows that passed the checks
    TimeMode mode;
    FeatureTimes times;     // row for row with the layer
    TemporalIndex temporal; // over times.visibilities(); empty (unused) for static layers
    std::vector<SnapshotGroup> groups;  // snapshot layers: one per group value, by group value

    bool isStatic() const { return std::holds_alternative<StaticTime>(mode); }
    // The `id` of a row (a view into the layer's column; "" when the layer has no id column).
    std::string_view id(std::size_t row) const;
    const SnapshotGroup* group(std::string_view groupValue) const;
};

struct DatasetOptions {
    std::string displayCrs = kDefaultDisplayCrs;  // EPSG:32647, UTM 47N
    int32_t eventFadeDays = 30;                   // events fade over this many days after their last day
    int32_t frontFadeDays = 0;                    // superseded front-line versions fade (0: vanish)
};

// What an id names.
struct IdTarget {
    enum class Kind { Feature, Export, Area, Line };
    Kind kind = Kind::Feature;
    std::string layerKey;  // Feature: its layer; Area: "control"; Line: "frontlines"; Export: "exports"
    uint32_t row = 0;      // Feature: layer row; Export: index in ExportSeries::all(); groups: 0
};

// Per file: rows read and rows loaded (the difference was reported and skipped).
struct FileSummary {
    std::string file;
    std::size_t rowsRead = 0;
    std::size_t rowsLoaded = 0;
    bool found = false;
};

class Dataset {
public:
    // The file names of the schema, in drawing order for the layers.
    static const std::vector<std::string>& layerKeys();  // control, river, frontlines, mines, places, crossings, events

    // Loads `dir`. Never throws for bad data: problems go to `diagnostics` (see the file
    // comment); a missing file is a warning and leaves its part empty. Throws CrsError for an
    // unknown display CRS.
    static Dataset load(const std::string& dir, const DatasetOptions& options, Diagnostics& diagnostics);

    const std::string& directory() const { return m_dir; }
    const DatasetOptions& options() const { return m_options; }
    const std::string& displayCrs() const { return m_options.displayCrs; }

    // Layers in drawing order (bottom first); only those whose file was found.
    const std::vector<DatasetLayer>& layers() const { return m_layers; }
    const DatasetLayer* layer(std::string_view key) const;

    const StateHistory& controllers() const { return m_controllers; }     // value = controller
    const StateHistory& crossingStatus() const { return m_crossingStatus; } // value = status, plus `by`
    const EventStore& events() const { return m_events; }
    const ExportSeries& exports() const { return m_exports; }
    const MineFigures& mineFigures() const { return m_mineFigures; }
    const SourceCatalog& sources() const { return m_sources; }
    const std::vector<FileSummary>& files() const { return m_files; }

    // Feature ids, export ids, area_ids and line_ids.
    std::optional<IdTarget> resolve(std::string_view id) const;
    // Every resolvable id, sorted (for "did you mean" hints and listings).
    std::vector<std::string> allIds() const;
    // The feature's name (or an event's title) for labels; "" when it has none.
    std::string nameOf(std::string_view id) const;
    // Extent of every layer (display CRS).
    Box extent() const;

private:
    std::string m_dir;
    DatasetOptions m_options;
    std::vector<DatasetLayer> m_layers;
    StateHistory m_controllers;
    StateHistory m_crossingStatus;
    EventStore m_events;
    ExportSeries m_exports;
    MineFigures m_mineFigures;
    SourceCatalog m_sources;
    std::vector<FileSummary> m_files;
    StringMap<IdTarget> m_ids;

    friend class DatasetLoader;
};

// "feature 3 (event:2024-12-04-bhamo-offensive)" — how GeoJSON rows are named in diagnostics
// (N is the OGR FID: the 0-based position in the file for GeoJSON).
std::string featureLocation(const Layer& layer, std::size_t row, std::string_view id);

}  // namespace atlas
