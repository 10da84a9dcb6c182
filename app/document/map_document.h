#pragma once
// The layers on the map, bottom first, each with its style and visibility, plus the bundled
// Kachin dataset (with its links) whose layers follow the clock. Loading goes through core,
// once; the document hands out render snapshots for a viewport and a TimeCursor, never draws.
#include "atlas/analysis/links.h"
#include "atlas/diagnostics.h"
#include "atlas/layer.h"
#include "atlas/render/map_scene.h"
#include "atlas/render/style.h"
#include "atlas/time/time_cursor.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

namespace atlas::app {

enum class LayerRole { Basemap, Data };

struct LayerEntry {
    LayerPtr layer;
    render::LayerStyle style;
    LayerRole role = LayerRole::Data;
    bool visible = true;
    // Non-empty for a layer of the bundled dataset ("mines", "events"…): its visibility, fade
    // and state (controller, status) on the clock's day come from the dataset's scene query.
    std::string datasetKey;
};

class MapDocument {
public:
    explicit MapDocument(std::string displayCrs = "EPSG:32647") : m_crs(std::move(displayCrs)) {}

    const std::string& displayCrs() const { return m_crs; }
    const std::vector<LayerEntry>& layers() const { return m_layers; }
    bool hasBasemap() const;

    // Loads the Natural Earth basemap (country fills, state outlines with Kachin highlighted,
    // country borders, disputed borders). Returns false (with a diagnostic) if unreadable.
    bool loadBasemap(const QString& gpkgPath, Diagnostics& diagnostics);
    // Loads the bundled Kachin dataset in `geodataDir` (time modes, histories, events, exports,
    // links) and adds its layers in drawing order. Bad rows are reported and skipped.
    void loadBundled(const QString& geodataDir, Diagnostics& diagnostics);
    // Loads each file (every layer it holds) on top; unreadable files are reported and skipped.
    void loadFiles(const QStringList& files, Diagnostics& diagnostics);
    void addLayer(LayerPtr layer, render::LayerStyle style, LayerRole role = LayerRole::Data,
                  std::string datasetKey = {});

    // The bundled dataset and its link index (null when none is loaded).
    const LinkIndex* links() const { return m_links.get(); }
    const Dataset* dataset() const { return m_links ? &m_links->dataset() : nullptr; }
    // The days the clock can take: from the first dated item to a month after the last.
    std::optional<std::pair<int32_t, int32_t>> timeRange() const;

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
    render::MapScene scene(const Viewport& vp, double pixelRatio, const TimeCursor& cursor) const;
    // Bumped whenever what the static layers draw changes (load, style, visibility).
    uint64_t revision() const { return m_revision; }

private:
    std::string m_crs;
    std::vector<LayerEntry> m_layers;
    std::shared_ptr<const LinkIndex> m_links;
    std::vector<std::string> m_highlight;
    bool m_showEarlierFronts = true;
    uint64_t m_revision = 0;
};

}  // namespace atlas::app
