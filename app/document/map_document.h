#pragma once
// The layers on the map, bottom first, each with its style and visibility. Loading goes through
// core (once); the document hands render snapshots out and never draws.
#include "atlas/diagnostics.h"
#include "atlas/layer.h"
#include "atlas/render/map_scene.h"
#include "atlas/render/style.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace atlas::app {

enum class LayerRole { Basemap, Data };

struct LayerEntry {
    LayerPtr layer;
    render::LayerStyle style;
    LayerRole role = LayerRole::Data;
    bool visible = true;
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
    // Loads the bundled Kachin layers that exist in `geodataDir`, in drawing order.
    void loadBundled(const QString& geodataDir, Diagnostics& diagnostics);
    // Loads each file (every layer it holds) on top; unreadable files are reported and skipped.
    void loadFiles(const QStringList& files, Diagnostics& diagnostics);
    void addLayer(LayerPtr layer, render::LayerStyle style, LayerRole role = LayerRole::Data);

    // Extent of Kachin State from the basemap (display CRS), or of all data layers if no basemap.
    Box homeExtent() const;
    // Extent of every data layer (basemap excluded; falls back to the home extent).
    Box dataExtent() const;

    // A snapshot of the visible layers for a render job.
    render::MapScene scene(const Viewport& vp, double pixelRatio) const;
    // Bumped whenever what the static layers draw changes (load, style, visibility).
    uint64_t revision() const { return m_revision; }

private:
    std::string m_crs;
    std::vector<LayerEntry> m_layers;
    uint64_t m_revision = 0;
};

// The bundled layers in drawing order (bottom first).
const std::vector<std::string>& bundledLayerNames();

}  // namespace atlas::app
