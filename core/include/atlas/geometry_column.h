#pragma once
// Columnar geometry (GeoArrow-like): feature → parts → rings → coordinates, all in one CRS.
// A point feature has one part with one ring of one coordinate; a multi-linestring has one part
// per linestring (one ring each); a multipolygon has one part per polygon, exterior ring first.
#include "atlas/box.h"

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace atlas {

namespace detail { struct LayerCacheAccess; }

enum class GeometryKind : uint8_t { None, Point, Line, Polygon };

const char* geometryKindName(GeometryKind k);

struct Coord { double x; double y; };

class GeometryColumn {
public:
    std::size_t featureCount() const { return m_kinds.size(); }
    GeometryKind kind(std::size_t f) const { return m_kinds[f]; }
    const Box& bounds(std::size_t f) const { return m_bounds[f]; }
    bool isNull(std::size_t f) const { return m_kinds[f] == GeometryKind::None; }

    uint32_t partBegin(std::size_t f) const { return m_featureParts[f]; }
    uint32_t partEnd(std::size_t f) const { return m_featureParts[f + 1]; }
    uint32_t ringBegin(uint32_t part) const { return m_partRings[part]; }
    uint32_t ringEnd(uint32_t part) const { return m_partRings[part + 1]; }
    std::span<const Coord> ring(uint32_t r) const
    {
        return {m_coords.data() + m_ringCoords[r], m_coords.data() + m_ringCoords[r + 1]};
    }
    // Every coordinate of feature f (all parts and rings, in order).
    std::span<const Coord> coords(std::size_t f) const;
    // First coordinate of a feature (the position of a point feature).
    Coord firstCoord(std::size_t f) const { return m_coords[m_ringCoords[m_partRings[m_featureParts[f]]]]; }

    std::vector<Coord>& mutableCoords() { return m_coords; }
    const std::vector<Coord>& allCoords() const { return m_coords; }
    // Every feature's bounds, by feature (what the spatial index is built from).
    std::span<const Box> allBounds() const { return m_bounds; }
    Box extent() const;

    // Building, used by loaders: beginFeature, then beginPart/beginRing/addCoord, then endFeature.
    void reserve(std::size_t features, std::size_t coords);
    void beginFeature(GeometryKind kind);
    void beginPart();
    void beginRing();
    void addCoord(double x, double y) { m_coords.push_back({x, y}); }
    void endFeature();
    // Removes the last feature and its coordinates (rejected while being read).
    void dropLastFeature();
    // Recomputes all feature bounds (after the coordinates were transformed in place).
    void recomputeBounds();
    // Calls `transform` on each feature's coordinates in turn, to change them in place, and
    // recomputes the feature's bounds while they are still in cache (one pass, not two).
    void transformFeatures(const std::function<void(std::span<Coord>)>& transform);
    // Marks feature f as having no geometry (e.g. coordinates that failed to reproject).
    void clearFeature(std::size_t f);

    std::size_t memoryBytes() const;

private:
    friend struct detail::LayerCacheAccess;  // the columnar cache file (layer_cache.h)

    std::vector<GeometryKind> m_kinds;
    std::vector<Box> m_bounds;
    std::vector<uint32_t> m_featureParts{0};
    std::vector<uint32_t> m_partRings{0};
    std::vector<uint32_t> m_ringCoords{0};
    std::vector<Coord> m_coords;
};

}  // namespace atlas
