#pragma once
// Opening any vector source OGR can read (GeoJSON, GeoPackage, Shapefile, KML, CSV with
// coordinate columns, FlatGeobuf…) into Layers in the display CRS. Reading is done once:
// features are copied into columns, all coordinates are reprojected in one PROJ batch, the
// spatial index is built, and no OGR object outlives the call.
#include "atlas/diagnostics.h"
#include "atlas/layer.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace atlas {

struct LoadOptions {
    std::string targetCrs = "EPSG:32647";
    // Load only this layer of a multi-layer source (empty: every vector layer).
    std::string layerName;
    // Remote sources (/vsicurl/, http(s)://, /vsis3/…) are refused unless this is set.
    bool allowRemote = false;
    // Polygons are checked (closed rings, GEOS validity) and invalid ones reported; they are
    // repaired with GEOS MakeValid only when this is set (see geometry_check.h).
    bool repairInvalid = false;
    // Off only for callers that run their own geometry checks (the dataset loader).
    bool checkPolygons = true;
    // Called with 0..1 while reading; return false to cancel (result.cancelled is then set).
    std::function<bool(double)> progress;
    // The columnar cache (layer_cache.h): when set, a local file of at least cacheMinBytes is
    // read back from this folder if it has not changed since it was cached, and a load of it
    // that ends without any diagnostic is cached there. Empty: no cache.
    std::string cacheDir;
    std::uint64_t cacheMinBytes = 16u << 20;
};

struct LoadResult {
    std::vector<std::shared_ptr<Layer>> layers;
    Diagnostics diagnostics;
    bool cancelled = false;
    std::size_t invalidPolygons = 0;   // polygon features reported invalid
    std::size_t repairedPolygons = 0;  // of them, repaired (LoadOptions::repairInvalid)
    // Layers read through GDAL's Arrow stream instead of the feature loop (GeoPackage points):
    // the same result, told apart only so tests can prove which path ran.
    std::size_t arrowLayers = 0;
    // The layers were read from the columnar cache (LoadOptions::cacheDir), not from the source.
    bool fromCache = false;
};

LoadResult loadVectorSource(const std::string& path, const LoadOptions& options = {});

// True for paths GDAL would fetch over the network.
bool isRemotePath(const std::string& path);

// Names of the vector layers in a source (empty on failure; diagnostics say why).
std::vector<std::string> listVectorLayers(const std::string& path, Diagnostics& diagnostics);

}  // namespace atlas
