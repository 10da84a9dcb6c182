#include "document/map_document.h"

#include "atlas/crs.h"
#include "atlas/render/default_styles.h"
#include "atlas/vector_source.h"

#include <QDir>
#include <QFileInfo>

namespace atlas::app {

const std::vector<std::string>& bundledLayerNames()
{
    static const std::vector<std::string> names = {"control", "river", "frontlines", "mines",
                                                   "crossings", "events", "places"};
    return names;
}

bool MapDocument::hasBasemap() const
{
    for (const LayerEntry& e : m_layers)
        if (e.role == LayerRole::Basemap) return true;
    return false;
}

void MapDocument::addLayer(LayerPtr layer, render::LayerStyle style, LayerRole role)
{
    LayerEntry e;
    e.layer = std::move(layer);
    e.style = std::move(style);
    e.role = role;
    // Basemap layers stay below every data layer.
    if (role == LayerRole::Basemap) {
        auto it = m_layers.begin();
        while (it != m_layers.end() && it->role == LayerRole::Basemap) ++it;
        m_layers.insert(it, std::move(e));
    } else {
        m_layers.push_back(std::move(e));
    }
    ++m_revision;
}

bool MapDocument::loadBasemap(const QString& gpkgPath, Diagnostics& diagnostics)
{
    if (gpkgPath.isEmpty()) return false;
    LoadOptions opts;
    opts.targetCrs = m_crs;
    LoadResult r = loadVectorSource(gpkgPath.toStdString(), opts);
    diagnostics.append(r.diagnostics);
    LayerPtr countries, states, disputed;
    for (auto& l : r.layers) {
        if (l->name() == "countries") countries = l;
        else if (l->name() == "states_provinces") states = l;
        else if (l->name() == "disputed_borders") disputed = l;
    }
    if (!countries) return false;
    addLayer(countries, render::basemapCountryFillStyle(), LayerRole::Basemap);
    if (states) addLayer(states, render::basemapStateStyle(), LayerRole::Basemap);
    addLayer(countries, render::basemapCountryBorderStyle(), LayerRole::Basemap);
    if (disputed) addLayer(disputed, render::basemapDisputedStyle(), LayerRole::Basemap);
    return true;
}

void MapDocument::loadBundled(const QString& geodataDir, Diagnostics& diagnostics)
{
    const QDir dir(geodataDir);
    for (const std::string& name : bundledLayerNames()) {
        const QString path = dir.filePath(QString::fromStdString(name) + ".geojson");
        if (!QFileInfo::exists(path)) continue;
        LoadOptions opts;
        opts.targetCrs = m_crs;
        LoadResult r = loadVectorSource(path.toStdString(), opts);
        diagnostics.append(r.diagnostics);
        for (auto& l : r.layers) {
            // GeoJSON layers take their file's name; keep the bundled name for styling.
            auto styled = render::defaultStyleFor(*l);
            addLayer(l, std::move(styled));
        }
    }
}

void MapDocument::loadFiles(const QStringList& files, Diagnostics& diagnostics)
{
    int ordinal = 0;
    for (const QString& file : files) {
        LoadOptions opts;
        opts.targetCrs = m_crs;
        LoadResult r = loadVectorSource(file.toStdString(), opts);
        diagnostics.append(r.diagnostics);
        for (auto& l : r.layers) addLayer(l, render::defaultStyleFor(*l, ordinal++));
    }
}

Box MapDocument::homeExtent() const
{
    for (const LayerEntry& e : m_layers) {
        if (e.role != LayerRole::Basemap || e.layer->name() != "states_provinces") continue;
        const Column* name = e.layer->column("name");
        if (!name) break;
        for (std::size_t f = 0; f < e.layer->featureCount(); ++f)
            if (!name->isNull(f) && name->string(f) == "Kachin") return e.layer->geometry().bounds(f);
    }
    // Without a basemap: Kachin State's bounds from Natural Earth (95.84–98.76°E, 23.65–28.54°N).
    try {
        CoordinateTransform t(kWgs84, m_crs);
        return t.transformBox(Box::of(95.84, 23.65, 98.76, 28.54));
    } catch (const CrsError&) {
        return dataExtent();
    }
}

Box MapDocument::dataExtent() const
{
    Box b;
    for (const LayerEntry& e : m_layers)
        if (e.role == LayerRole::Data) b.expand(e.layer->extent());
    return b;
}

render::MapScene MapDocument::scene(const Viewport& vp, double pixelRatio) const
{
    render::MapScene s;
    s.viewport = vp;
    s.pixelRatio = pixelRatio;
    for (const LayerEntry& e : m_layers) {
        if (!e.visible) continue;
        render::SceneLayer item;
        item.layer = e.layer;
        item.style = e.style;
        s.layers.push_back(std::move(item));
    }
    return s;
}

}  // namespace atlas::app
