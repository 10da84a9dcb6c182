#pragma once
// The GEOS C API (reentrant `_r` functions), wrapped: one context per thread (created on first
// use, destroyed when the thread ends), RAII owners for geometries, and GEOS geometries built
// straight from a GeometryColumn's arrays — no OGR at query time.
//
// Geometries are plain values once built: read-only operations on one geometry from several
// threads are safe as long as each thread uses its own context, which context() guarantees.
// GEOS failures (e.g. a ring that is not closed) throw GeosError with GEOS's message.
#include "atlas/geometry_column.h"

#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

struct GEOSContextHandle_HS;
struct GEOSGeom_t;

namespace atlas {
class CoordinateTransform;
}

namespace atlas::geos {

class GeosError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// This thread's context handle.
GEOSContextHandle_HS* context();

struct GeometryDeleter {
    void operator()(GEOSGeom_t* g) const noexcept;
};
using Geometry = std::unique_ptr<GEOSGeom_t, GeometryDeleter>;

// Feature f of `column` as a GEOS geometry: Point / MultiPoint, LineString / MultiLineString,
// Polygon / MultiPolygon (exterior ring first in each part). When `transform` is given, the
// coordinates are transformed (in one batch) first. nullptr for a feature without geometry.
Geometry fromFeature(const GeometryColumn& column, std::size_t f, const CoordinateTransform* transform = nullptr);
// Feature f with its coordinates taken from `coords`, an array laid out like
// column.allCoords() (e.g. the same coordinates already transformed to another CRS).
Geometry fromFeature(const GeometryColumn& column, std::size_t f, std::span<const Coord> coords);
// The same from explicit coordinates: parts → rings → coords, as in GeometryColumn.
Geometry fromParts(GeometryKind kind, const std::vector<std::vector<std::vector<Coord>>>& parts);
Geometry point(Coord c);
// A polygon whose exterior is a closed ring (e.g. a closed front line).
Geometry polygon(std::span<const Coord> ring);
Geometry clone(const GEOSGeom_t* g);

// nullopt for a valid geometry, else GEOS's reason, e.g. "Self-intersection[97.2 24.3]".
std::optional<std::string> invalidReason(const GEOSGeom_t* g);
bool isEmpty(const GEOSGeom_t* g);

double area(const GEOSGeom_t* g);
double length(const GEOSGeom_t* g);
double distance(const GEOSGeom_t* a, const GEOSGeom_t* b);
bool contains(const GEOSGeom_t* a, const GEOSGeom_t* b);
bool intersects(const GEOSGeom_t* a, const GEOSGeom_t* b);
// True when the interiors share an area (polygons overlapping, not just touching).
bool interiorsOverlap(const GEOSGeom_t* a, const GEOSGeom_t* b);

Geometry difference(const GEOSGeom_t* a, const GEOSGeom_t* b);
Geometry intersection(const GEOSGeom_t* a, const GEOSGeom_t* b);
Geometry symDifference(const GEOSGeom_t* a, const GEOSGeom_t* b);
// Union of all (an empty collection for none).
Geometry unionAll(std::span<const GEOSGeom_t* const> parts);
Geometry pointOnSurface(const GEOSGeom_t* g);
// Coordinates of a Point geometry.
Coord pointCoord(const GEOSGeom_t* g);
// Coordinates of the exterior ring of a Polygon / every polygon of a MultiPolygon (for tests
// and output); empty for other kinds.
std::vector<std::vector<Coord>> exteriorRings(const GEOSGeom_t* g);

}  // namespace atlas::geos
