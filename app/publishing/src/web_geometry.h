#pragma once
// Geometries for the web page: a feature in lon/lat as parts → rings → coordinates, thinned
// with GEOS where the page cannot see the difference, and written as GeoJSON with the
// precision the view needs.
#include "atlas/box.h"
#include "atlas/geometry_column.h"

#include <nlohmann/json.hpp>

#include <utility>
#include <vector>

namespace atlas {
class CoordinateTransform;
}

namespace atlas::app::web {

using Parts = std::vector<std::vector<std::vector<Coord>>>;

// Feature f in lon/lat; empty for a feature without geometry.
Parts lonLatParts(const GeometryColumn& g, std::size_t f, const CoordinateTransform& toLonLat);

// GEOS's topology-preserving simplification in Web Mercator (the page's projection), with a
// tolerance of `pixels` screen pixels at Leaflet zoom `zoom`: drawn at that zoom or any lower
// one, the result stays within that many pixels of the original. Points are returned as given;
// when GEOS fails on a feature (an invalid input ring) the feature is returned unchanged.
Parts simplifyForZoom(GeometryKind kind, const Parts& lonLat, double zoom, double pixels);

// Lines cut at the edges of `box` (lon/lat): the pieces inside, and those outside. Drawn
// together with round caps they are the same lines. On a GEOS failure: all inside.
std::pair<Parts, Parts> splitLines(const Parts& lonLat, const Box& box);

// The bounds of the parts (lon/lat).
Box partsBounds(const Parts& parts);

// GeoJSON geometry; coordinates rounded to 1/scale degrees, repeated vertices (after rounding)
// dropped; null for no geometry.
nlohmann::ordered_json geometryJson(GeometryKind kind, const Parts& parts, double scale);

}  // namespace atlas::app::web
