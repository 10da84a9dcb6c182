#pragma once
// Columnar geometry (GeoArrow-like): feature → parts → rings → coordinates, all in one CRS.
// A point feature has one part with one ring of one coordinate; a multi-linestring has one part
// per linestring (one ring each); a multipolygon has one part per polygon, exterior ring first.
//
// Coordinates are stored as pairs of 32-bit integers, steps of a power of two from the column's
// origin (its first coordinate): half the memory of doubles. The step is the finest that keeps
// every coordinate within ±2^30 steps of the origin, so it follows the layer's extent — a fifth
// of a millimetre for the 450 km of the benchmark file in metres, a few centimetres for a
// layer spanning the globe — and a coordinate reads back within half a step. Readers see
// ordinary double `Coord`s through `CoordSpan`.
#include "atlas/box.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <span>
#include <vector>

namespace atlas {

namespace detail { struct LayerCacheAccess; }

enum class GeometryKind : uint8_t { None, Point, Line, Polygon };

const char* geometryKindName(GeometryKind k);

struct Coord { double x; double y; };

// A stored coordinate: whole steps from the column's origin.
struct GridCoord { int32_t x; int32_t y; };

// Maps stored coordinates to CRS units: x = originX + q.x · step.
struct CoordGrid {
    double originX = 0;
    double originY = 0;
    double step = 0;  // 0 until the first coordinate sets the origin
    Coord decode(GridCoord q) const { return {originX + q.x * step, originY + q.y * step}; }
};

// A run of a column's coordinates, read as doubles (a view: valid while the column is unchanged).
class CoordSpan {
public:
    class iterator {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = Coord;
        using difference_type = std::ptrdiff_t;
        using reference = Coord;
        using pointer = void;
        iterator() = default;
        iterator(const GridCoord* p, const CoordGrid& g) : m_p(p), m_g(g) {}
        Coord operator*() const { return m_g.decode(*m_p); }
        Coord operator[](difference_type i) const { return m_g.decode(m_p[i]); }
        iterator& operator++() { ++m_p; return *this; }
        iterator operator++(int) { iterator t = *this; ++m_p; return t; }
        iterator& operator--() { --m_p; return *this; }
        iterator operator--(int) { iterator t = *this; --m_p; return t; }
        iterator& operator+=(difference_type n) { m_p += n; return *this; }
        iterator& operator-=(difference_type n) { m_p -= n; return *this; }
        friend iterator operator+(iterator a, difference_type n) { return a += n; }
        friend iterator operator+(difference_type n, iterator a) { return a += n; }
        friend iterator operator-(iterator a, difference_type n) { return a -= n; }
        friend difference_type operator-(const iterator& a, const iterator& b) { return a.m_p - b.m_p; }
        friend bool operator==(const iterator& a, const iterator& b) { return a.m_p == b.m_p; }
        friend auto operator<=>(const iterator& a, const iterator& b) { return a.m_p <=> b.m_p; }

    private:
        const GridCoord* m_p = nullptr;
        CoordGrid m_g;  // by value: an iterator outlives the span it came from
    };

    CoordSpan() = default;
    CoordSpan(const GridCoord* first, std::size_t size, const CoordGrid& grid, std::size_t offset)
        : m_p(first), m_n(size), m_grid(grid), m_offset(offset) {}

    std::size_t size() const { return m_n; }
    bool empty() const { return m_n == 0; }
    Coord operator[](std::size_t i) const { return m_grid.decode(m_p[i]); }
    Coord front() const { return (*this)[0]; }
    Coord back() const { return (*this)[m_n - 1]; }
    iterator begin() const { return {m_p, m_grid}; }
    iterator end() const { return {m_p + m_n, m_grid}; }
    // Where the run starts among the column's coordinates (allCoords() order).
    std::size_t offset() const { return m_offset; }
    std::vector<Coord> toVector() const { return {begin(), end()}; }
    const CoordGrid& grid() const { return m_grid; }
    const GridCoord* stored() const { return m_p; }

private:
    const GridCoord* m_p = nullptr;
    std::size_t m_n = 0;
    CoordGrid m_grid;
    std::size_t m_offset = 0;
};

class GeometryColumn {
public:
    std::size_t featureCount() const { return m_kinds.size(); }
    GeometryKind kind(std::size_t f) const { return m_kinds[f]; }
    Box bounds(std::size_t f) const
    {
        if (!m_bounds.empty()) return m_bounds[f];
        if (isNull(f)) return Box{};
        const Coord c = firstCoord(f);
        return {c.x, c.y, c.x, c.y};
    }
    bool isNull(std::size_t f) const { return m_kinds[f] == GeometryKind::None; }

    uint32_t partBegin(std::size_t f) const { return m_featureParts[f]; }
    uint32_t partEnd(std::size_t f) const { return m_featureParts[f + 1]; }
    uint32_t ringBegin(uint32_t part) const { return m_partRings[part]; }
    uint32_t ringEnd(uint32_t part) const { return m_partRings[part + 1]; }
    CoordSpan ring(uint32_t r) const { return span(m_ringCoords[r], m_ringCoords[r + 1]); }
    // Every coordinate of feature f (all parts and rings, in order).
    CoordSpan coords(std::size_t f) const;
    // First coordinate of a feature (the position of a point feature).
    Coord firstCoord(std::size_t f) const { return m_grid.decode(m_coords[m_ringCoords[m_partRings[m_featureParts[f]]]]); }

    // Every coordinate of the column, in feature order.
    CoordSpan allCoords() const { return span(0, m_coords.size()); }
    std::size_t coordCount() const { return m_coords.size(); }
    const CoordGrid& grid() const { return m_grid; }
    // Every feature's bounds, by feature (what the spatial index is built from); empty once
    // dropPointBounds() found only points.
    std::span<const Box> allBounds() const { return m_bounds; }
    // A column of single points (or features without geometry) needs no stored bounds: each is
    // its coordinate. Frees them then (a third of a point layer's memory); building or changing
    // the column afterwards stores them again.
    void dropPointBounds();
    // Stores the bounds again after dropPointBounds() (allBounds() has them all then).
    void keepBounds();
    // True when dropPointBounds() found only single points and features without geometry:
    // known without reading every feature's kind (a frame asks for each point layer).
    bool pointBoundsDropped() const { return m_bounds.empty() && !m_kinds.empty(); }
    Box extent() const;

    // Building, used by loaders: beginFeature, then beginPart/beginRing/addCoord, then
    // endFeature. The feature's coordinates are kept as doubles until endFeature stores them.
    void reserve(std::size_t features, std::size_t coords);
    void beginFeature(GeometryKind kind);
    void beginPart();
    void beginRing();
    void addCoord(double x, double y) { m_staged.push_back({x, y}); }
    void addCoords(std::span<const Coord> cs) { m_staged.insert(m_staged.end(), cs.begin(), cs.end()); }
    // The coordinates of the feature being built (for checks before endFeature).
    std::span<const Coord> stagedCoords() const { return m_staged; }
    // Stores the feature. A feature with a coordinate that is not finite (or `keep` false: the
    // loader rejected it) is stored without geometry (kind None, no coordinates).
    void endFeature(bool keep = true);
    // Removes the last feature and its coordinates (rejected while being read).
    void dropLastFeature();
    // Recomputes all feature bounds.
    void recomputeBounds();
    // Calls `transform` on the coordinates, a batch of whole features at a time, as doubles to
    // change in place (e.g. reprojection), then stores them on a new grid and recomputes the
    // bounds. A feature left with a coordinate that is not finite loses its geometry; the
    // features that did are returned, ascending.
    std::vector<std::size_t> transformFeatures(const std::function<void(std::span<Coord>)>& transform);
    // Marks feature f as having no geometry (e.g. coordinates that failed to reproject).
    void clearFeature(std::size_t f);

    std::size_t memoryBytes() const;

private:
    friend struct detail::LayerCacheAccess;  // the columnar cache file (layer_cache.h)

    CoordSpan span(std::size_t begin, std::size_t end) const
    {
        return {m_coords.data() + begin, end - begin, m_grid, begin};
    }
    // Makes the grid hold every coordinate of `cs` (all finite, inside `box`) within ±2^30 steps: sets the
    // origin if there is none, else coarsens it, re-rounding the stored coordinates [0, stored)
    // and recomputing the bounds of the features [0, features) they belong to.
    void fit(std::span<const Coord> cs, const Box& box, std::size_t stored, std::size_t features);
    // Stores `cs` (within the grid) at `out`; returns the box of the stored coordinates.
    Box encodeRun(std::span<const Coord> cs, GridCoord* out) const;

    std::vector<GeometryKind> m_kinds;
    std::vector<Box> m_bounds;
    std::vector<uint32_t> m_featureParts{0};
    std::vector<uint32_t> m_partRings{0};
    std::vector<uint32_t> m_ringCoords{0};
    std::vector<GridCoord> m_coords;
    CoordGrid m_grid;
    std::vector<Coord> m_staged;  // the feature being built
};

}  // namespace atlas
