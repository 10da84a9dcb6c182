#pragma once
// Identify: which drawn features lie under a click. Works in device pixels of a viewport, so a
// tolerance of "4 px" means the same on screen at every zoom; geometry stays in map units.
//
// Order of the hits, best first — what the click was most likely aimed at:
//  1. points whose symbol the click is on, the smallest symbol first (a town's dot drawn under
//     an event's translucent disc is still what was aimed at), then the nearest, then the
//     topmost layer;
//  2. points only within the tolerance of their symbol, nearest edge first, then topmost;
//  3. lines within the tolerance, nearest first, then topmost;
//  4. polygons containing the click (or with an edge within the tolerance), topmost layer
//     first, then the smaller area.
// Repeated clicks on one spot cycle through this list (the app keeps the cycle).
#include "atlas/geometry_column.h"
#include "atlas/layer.h"
#include "atlas/viewport.h"

#include <cstdint>
#include <span>
#include <vector>

namespace atlas {

struct PickLayer {
    const Layer* layer = nullptr;
    // The rows drawn (ascending); ignored when allRows is set.
    std::span<const uint32_t> rows;
    bool allRows = false;
    double markerRadiusPx = 3;  // half the point symbol's size, device pixels
    double strokeHalfWidthPx = 0.5;
};

struct PickHit {
    std::size_t layerIndex = 0;  // index into the layers given (bottom first)
    uint32_t row = 0;
    GeometryKind kind = GeometryKind::None;
    double distancePx = 0;       // from the click to the geometry (0 inside a polygon)
    bool operator==(const PickHit&) const = default;
};

// Hits within `tolerancePx` of device pixel `at`, best first (see the file comment).
std::vector<PickHit> pickFeatures(std::span<const PickLayer> layers, const Viewport& viewport, Coord at,
                                  double tolerancePx);

// Geometry helpers (map units), exposed for tests and the measure tool.
double distanceToSegment(Coord p, Coord a, Coord b);
// Even-odd over every ring of every part: holes are outside.
bool polygonContains(const GeometryColumn& geometry, std::size_t feature, Coord p);
// Shortest distance from p to the feature's vertices (points) or edges (lines, polygon rings).
double distanceToFeature(const GeometryColumn& geometry, std::size_t feature, Coord p);

}  // namespace atlas
