#include "atlas/model/layer_placement.h"

#include "atlas/osm_source.h"

namespace atlas::app {

bool isOsmEntry(const LayerEntry& entry)
{
    return !entry.raster && entry.layer && entry.datasetKey.empty() && entry.role == LayerRole::Data
           && osm::isOsmPath(entry.layer->sourcePath());
}

std::size_t insertIndexFor(const MapDocument& doc, const LayerEntry& entry)
{
    if (entry.raster) return doc.rasterInsertIndex();
    const auto& layers = doc.layers();
    if (!isOsmEntry(entry)) return layers.size();
    // Above the bottom block of basemap layers, rasters and earlier OSM layers.
    std::size_t at = 0;
    for (std::size_t k = 0; k < layers.size(); ++k) {
        const LayerEntry& e = layers[k];
        if (e.role != LayerRole::Basemap && !e.raster && !isOsmEntry(e)) break;
        at = k + 1;
    }
    return at;
}

}  // namespace atlas::app
