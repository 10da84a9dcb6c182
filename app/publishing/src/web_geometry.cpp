// The page's geometries: lon/lat parts, thinned in Web Mercator by GEOS, rounded for GeoJSON.
#include "web_geometry.h"

#include "atlas/analysis/geos.h"
#include "atlas/crs.h"

#include <geos_c.h>

#include <cmath>
#include <numbers>

namespace atlas::app::web {
namespace {

using Json = nlohmann::ordered_json;

// Web Mercator in degrees: x is the longitude, y grows like the page's y, so a screen pixel at
// Leaflet zoom z is 360 / (256 · 2^z) in both directions.
constexpr double kRad = std::numbers::pi / 180;
double mercY(double lat) { return std::log(std::tan(std::numbers::pi / 4 + lat * kRad / 2)) / kRad; }
double latOf(double y) { return (2 * std::atan(std::exp(y * kRad)) - std::numbers::pi / 2) / kRad; }

std::vector<Coord> ringOf(GEOSContextHandle_t h, const GEOSGeometry* line, bool mercator)
{
    std::vector<Coord> out;
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, line);
    unsigned n = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &n)) throw geos::GeosError("coordinates");
    out.reserve(n);
    for (unsigned i = 0; i < n; ++i) {
        double x = 0, y = 0;
        GEOSCoordSeq_getXY_r(h, seq, i, &x, &y);
        out.push_back({x, mercator ? latOf(y) : y});
    }
    return out;
}

// The lines or polygons of `g` (points are dropped: they come only from degenerate pieces).
void collect(GEOSContextHandle_t h, const GEOSGeometry* g, Parts& out, bool mercator)
{
    switch (GEOSGeomTypeId_r(h, g)) {
    case GEOS_POINT: return;
    case GEOS_LINESTRING:
    case GEOS_LINEARRING:
        if (!GEOSisEmpty_r(h, g)) out.push_back({ringOf(h, g, mercator)});
        return;
    case GEOS_POLYGON: {
        if (GEOSisEmpty_r(h, g)) return;
        auto& rings = out.emplace_back();
        rings.push_back(ringOf(h, GEOSGetExteriorRing_r(h, g), mercator));
        const int holes = GEOSGetNumInteriorRings_r(h, g);
        for (int i = 0; i < holes; ++i) rings.push_back(ringOf(h, GEOSGetInteriorRingN_r(h, g, i), mercator));
        return;
    }
    default: {
        const int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; ++i) collect(h, GEOSGetGeometryN_r(h, g, i), out, mercator);
    }
    }
}

double roundTo(double v, double scale)
{
    return std::round(v * scale) / scale;
}

}  // namespace

Parts lonLatParts(const GeometryColumn& g, std::size_t f, const CoordinateTransform& toLonLat)
{
    Parts parts;
    if (g.isNull(f)) return parts;
    for (uint32_t p = g.partBegin(f); p < g.partEnd(f); ++p) {
        auto& rings = parts.emplace_back();
        for (uint32_t r = g.ringBegin(p); r < g.ringEnd(p); ++r) {
            const auto ring = g.ring(r);
            std::vector<Coord> c(ring.begin(), ring.end());
            toLonLat.transform(c.data(), c.size());
            rings.push_back(std::move(c));
        }
    }
    return parts;
}

Parts simplifyForZoom(GeometryKind kind, const Parts& lonLat, double zoom, double pixels)
{
    if (kind != GeometryKind::Line && kind != GeometryKind::Polygon) return lonLat;
    Parts merc = lonLat;
    for (auto& rings : merc)
        for (auto& ring : rings)
            for (Coord& c : ring) c.y = mercY(c.y);
    const double tolerance = pixels * 360.0 / (256.0 * std::exp2(zoom));
    try {
        const geos::Geometry g = geos::fromParts(kind, merc);
        if (!g) return lonLat;
        GEOSContextHandle_t h = geos::context();
        const geos::Geometry simple(GEOSTopologyPreserveSimplify_r(h, g.get(), tolerance));
        if (!simple) return lonLat;
        Parts out;
        collect(h, simple.get(), out, true);
        return out.empty() ? lonLat : out;
    } catch (const geos::GeosError&) {
        return lonLat;
    }
}

std::pair<Parts, Parts> splitLines(const Parts& lonLat, const Box& box)
{
    try {
        const geos::Geometry g = geos::fromParts(GeometryKind::Line, lonLat);
        if (!g) return {lonLat, {}};
        GEOSContextHandle_t h = geos::context();
        const geos::Geometry inside(GEOSClipByRect_r(h, g.get(), box.minX, box.minY, box.maxX, box.maxY));
        const geos::Geometry frame = geos::polygon(std::vector<Coord>{{box.minX, box.minY}, {box.maxX, box.minY},
                                                                      {box.maxX, box.maxY}, {box.minX, box.maxY},
                                                                      {box.minX, box.minY}});
        const geos::Geometry outside = geos::difference(g.get(), frame.get());
        if (!inside || !outside) return {lonLat, {}};
        std::pair<Parts, Parts> out;
        collect(h, inside.get(), out.first, false);
        collect(h, outside.get(), out.second, false);
        return out;
    } catch (const geos::GeosError&) {
        return {lonLat, {}};
    }
}

Box partsBounds(const Parts& parts)
{
    Box b;
    for (const auto& rings : parts)
        for (const auto& ring : rings)
            for (const Coord& c : ring) b.expand(c.x, c.y);
    return b;
}

Json geometryJson(GeometryKind kind, const Parts& parts, double scale)
{
    if (kind == GeometryKind::None || parts.empty()) return nullptr;
    const std::size_t minimum = kind == GeometryKind::Polygon ? 4 : kind == GeometryKind::Line ? 2 : 1;
    auto ringJson = [&](const std::vector<Coord>& ring) {
        Json a = Json::array();
        double lastX = NAN, lastY = NAN;
        for (std::size_t i = 0; i < ring.size(); ++i) {
            const double x = roundTo(ring[i].x, scale), y = roundTo(ring[i].y, scale);
            // A vertex that rounds onto the one before adds nothing; a ring's closing vertex stays.
            if (x == lastX && y == lastY && i + 1 < ring.size()) continue;
            a.push_back(Json::array({x, y}));
            lastX = x;
            lastY = y;
        }
        if (a.size() < minimum) {  // rounding collapsed it: keep it as it was
            a = Json::array();
            for (const Coord& c : ring) a.push_back(Json::array({roundTo(c.x, scale), roundTo(c.y, scale)}));
        }
        return a;
    };
    Json all = Json::array();
    for (const auto& rings : parts) {
        Json rs = Json::array();
        for (const auto& ring : rings) rs.push_back(ringJson(ring));
        all.push_back(std::move(rs));
    }
    const bool multi = all.size() > 1;
    switch (kind) {
    case GeometryKind::Point: {
        Json pts = Json::array();
        for (const Json& p : all) pts.push_back(p[0][0]);
        return multi ? Json{{"type", "MultiPoint"}, {"coordinates", pts}} : Json{{"type", "Point"}, {"coordinates", pts[0]}};
    }
    case GeometryKind::Line: {
        Json lines = Json::array();
        for (const Json& p : all) lines.push_back(p[0]);
        return multi ? Json{{"type", "MultiLineString"}, {"coordinates", lines}}
                     : Json{{"type", "LineString"}, {"coordinates", lines[0]}};
    }
    case GeometryKind::Polygon:
        return multi ? Json{{"type", "MultiPolygon"}, {"coordinates", all}} : Json{{"type", "Polygon"}, {"coordinates", all[0]}};
    case GeometryKind::None: break;
    }
    return nullptr;
}

}  // namespace atlas::app::web
