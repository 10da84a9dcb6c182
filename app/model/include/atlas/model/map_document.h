#pragma once
// The layers on the map, bottom first, each with its style and visibility, plus the bundled
// Kachin dataset (with its links) whose layers follow the clock. Loading goes through core,
// once; the document hands out render snapshots for a viewport and a TimeCursor, never draws.
#include "atlas/analysis/links.h"
#include "atlas/diagnostics.h"
#include "atlas/layer.h"
#include "atlas/raster_source.h"
#include "atlas/render/map_scene.h"
#include "atlas/render/style.h"
#include "atlas/model/layer_time.h"
#include "atlas/model/trade_document.h"
#include "atlas/time/temporal_index.h"
#include "atlas/time/time_cursor.h"
#include "atlas/time/time_mode.h"
#include "atlas/model/load_policy.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

namespace atlas::app {

enum class LayerRole { Basemap, Data };

// One feature on the map: the layer data it belongs to and its row (selection, identify).
struct FeatureRef {
    LayerPtr layer;
    uint32_t row = 0;
    bool operator==(const FeatureRef&) const = default;
};

struct LayerEntry {
    LayerPtr layer;
    render::LayerStyle style;
    LayerRole role = LayerRole::Data;
    bool visible = true;
    // Non-empty for a layer of the bundled dataset ("mines", "events"…): its visibility, fade
    // and state (controller, status) on the clock's day come from the dataset's scene query.
    std::string datasetKey;
    // A user layer with a time mode (null: drawn at every date). Dataset layers keep theirs.
    std::shared_ptr<const LayerTime> time;
    // An imagery layer (GeoTIFF, MBTiles…): drawn from this raster at style.opacity; `layer` is
    // then an empty stand-in named after the file, so code that lists layers needs no case for it.
    std::shared_ptr<RasterSource> raster;
};

// An entry for an opened raster, titled `title` (the file's base name when empty).
LayerEntry makeRasterEntry(std::shared_ptr<RasterSource> raster, const std::string& displayCrs, QString title = {});

class MapDocument {
public:
    explicit MapDocument(std::string displayCrs = "EPSG:32647") : m_crs(std::move(displayCrs)) {}

    const std::string& displayCrs() const { return m_crs; }
    // How this document reads files (online sources, polygon repair); see load_policy.h.
    const LoadPolicy& loadPolicy() const { return m_policy; }
    void setLoadPolicy(const LoadPolicy& policy) { m_policy = policy; }
    const std::vector<LayerEntry>& layers() const { return m_layers; }
    bool hasBasemap() const;

    // Loads the Natural Earth basemap (country fills, state outlines with Kachin highlighted,
    // country borders, disputed borders). Returns false (with a diagnostic) if unreadable.
    bool loadBasemap(const QString& gpkgPath, Diagnostics& diagnostics);
    // Loads the bundled Kachin dataset in `geodataDir` (time modes, histories, events, exports,
    // links) and adds its layers in drawing order. Bad rows are reported and skipped.
    void loadBundled(const QString& geodataDir, Diagnostics& diagnostics);
    // Replaces the dataset with the one in `dir` (after an edit): each dataset layer keeps its
    // place, style and visibility and gets the new rows; layers the old one lacked go on top.
    // The selection is cleared, since rows may have moved.
    void reloadDataset(const QString& dir, Diagnostics& diagnostics);
    // Loads each file (every layer it holds) on top, rasters as imagery under the data layers;
    // ACLED and UCDP CSVs become event layers (event_layers.h). Unreadable files are reported
    // and skipped.
    void loadFiles(const QStringList& files, Diagnostics& diagnostics);
    void addLayer(LayerPtr layer, render::LayerStyle style, LayerRole role = LayerRole::Data,
                  std::string datasetKey = {});
    // Adds an imagery layer at rasterInsertIndex().
    void addRaster(std::shared_ptr<RasterSource> raster, QString title = {});
    // Where a new raster goes: above the basemap's country fills (imagery replaces them) and
    // earlier rasters, below the basemap's outlines and every data layer, so vectors stay on top.
    std::size_t rasterInsertIndex() const;
    // The entry's extent in the display CRS (a raster's warped footprint).
    Box extentOf(const LayerEntry& entry) const;

    // Layer management (layer panel, properties, undo). Indices into layers(), bottom first;
    // every change to what static layers draw bumps revision().
    void insertLayer(std::size_t at, LayerEntry entry);
    LayerEntry removeLayer(std::size_t at);
    void moveLayer(std::size_t from, std::size_t to);
    void setLayerVisible(std::size_t at, bool visible);
    void setLayerOpacity(std::size_t at, double opacity);
    void setLayerStyle(std::size_t at, render::LayerStyle style);
    // Swaps an entry's data for the same features with other columns (e.g. a label column
    // added): rows must match one for one, so dataset state and selections stay valid.
    void setLayerData(std::size_t at, LayerPtr layer);
    // Gives a user layer a time mode; nullopt or StaticTime draws it at every date. Features
    // whose dates cannot be read go to `diagnostics` and are never drawn.
    void setLayerTime(std::size_t at, const std::optional<TimeMode>& mode, Diagnostics& diagnostics);
    // The per-feature times of an entry (dataset layer or user layer with a time mode);
    // nullptr for a layer drawn at every date.
    const FeatureTimes* featureTimes(std::size_t at) const;
    // Rows of entry `at` the map draws for `cursor` (faded ones included), ascending; every
    // row for a layer without time. Ignores the entry's visibility flag.
    std::vector<uint32_t> drawnRows(std::size_t at, const TimeCursor& cursor) const;

    // Selected features (attribute table, identify), drawn in the highlight style on top.
    void setSelection(std::vector<FeatureRef> features);
    const std::vector<FeatureRef>& selection() const { return m_selection; }

    // The bundled dataset and its link index (null when none is loaded).
    const LinkIndex* links() const { return m_links.get(); }
    const Dataset* dataset() const { return m_links ? &m_links->dataset() : nullptr; }
    // The days the clock can take: from the first dated item (bundled events and versions,
    // dated user layers) to a month after the last.
    std::optional<std::pair<int32_t, int32_t>> timeRange() const;

    // The imported trade series (empty when none) with its settings and links.
    const TradeDocument& trade() const { return m_trade; }
    void setTrade(TradeDocument trade) { m_trade = std::move(trade); }

    // Extent of Kachin State from the basemap (display CRS); Natural Earth's bounds without it.
    Box homeExtent() const;
    // Extent of every data layer (basemap excluded); empty when there is none.
    Box dataExtent() const;

    // Features drawn highlighted on top (event links, selection): ids of the dataset.
    void setHighlight(std::vector<std::string> ids);
    const std::vector<std::string>& highlight() const { return m_highlight; }
    // Draws superseded front-line versions faintly under the one in force.
    void setShowEarlierFrontLines(bool show);
    bool showEarlierFrontLines() const { return m_showEarlierFronts; }

    // A snapshot of the visible layers on the cursor's day for a render job.
    // `deferTimeStates`: the visible sets of user time layers are left for the renderer's thread
    // (SceneLayer::deferredState) — the window's canvas asks for that, so a clock step costs
    // the GUI thread nothing on a million features.
    render::MapScene scene(const Viewport& vp, double pixelRatio, const TimeCursor& cursor,
                           bool deferTimeStates = false) const;
    // Bumped whenever what the static layers draw changes (load, style, visibility).
    uint64_t revision() const { return m_revision; }

private:
    std::string m_crs;
    LoadPolicy m_policy;
    std::vector<LayerEntry> m_layers;
    std::shared_ptr<const LinkIndex> m_links;
    std::vector<std::string> m_highlight;
    std::vector<FeatureRef> m_selection;
    bool m_showEarlierFronts = true;
    TradeDocument m_trade;
    uint64_t m_revision = 0;

    // Shared with copies of the document and with deferred states on render threads.
    std::shared_ptr<VisibleSetCache> m_visibleSets = std::make_shared<VisibleSetCache>();
};

}  // namespace atlas::app
