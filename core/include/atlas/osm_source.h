#pragma once
// OpenStreetMap extracts (.osm XML, .osm.pbf) as a basemap of themed layers. GDAL's OSM driver,
// with the osmconf.ini GDAL ships, turns nodes, ways and relations into its points, lines,
// multilinestrings and multipolygons layers; the driver's documentation asks for one pass over
// the whole dataset (GDALDataset::GetNextFeature) rather than layer by layer, which would parse
// the file once per layer. Each feature worth drawing goes to one theme, keyed by the tag that
// decides how it looks (highway=primary, waterway=river…), so a style picks it by that field.
// Like every vector source: read once, reprojected in one batch into the display CRS, no OGR
// object kept.
#include "atlas/vector_source.h"

#include <string>

namespace atlas::osm {

// The themed layers, in drawing order (bottom first). A layer name is what a project records.
inline constexpr const char* kLanduse = "landuse";      // built-up areas; column "landuse"
inline constexpr const char* kWater = "water";          // lakes, reservoirs, riverbanks; column "water"
inline constexpr const char* kWaterways = "waterways";  // rivers, streams, canals; column "waterway"
inline constexpr const char* kRailways = "railways";    // column "railway"
inline constexpr const char* kRoads = "roads";          // column "highway", minor roads first
inline constexpr const char* kPlaces = "places";        // column "place", "rank" (city 5 … locality 1)

// True for a path GDAL's OSM driver reads (.osm, .pbf, case-insensitive).
bool isOsmPath(const std::string& path);

// Reads an OSM file into the themed layers that hold features (every layer holds "osm_id" and
// "name"). GDAL's parse errors (a truncated file, bad XML) are errors naming the file and the
// place GDAL gives; features read before the error are kept. Called by loadVectorSource for
// OSM paths, after its checks (remote, missing, empty).
LoadResult loadOsmSource(const std::string& path, const LoadOptions& options);

}  // namespace atlas::osm
