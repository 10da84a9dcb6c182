#include "atlas/analysis/pick.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace atlas {

double distanceToSegment(Coord p, Coord a, Coord b)
{
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

bool polygonContains(const GeometryColumn& g, std::size_t f, Coord p)
{
    if (g.kind(f) != GeometryKind::Polygon || !g.bounds(f).contains(p.x, p.y)) return false;
    for (uint32_t part = g.partBegin(f); part < g.partEnd(f); ++part) {
        bool inside = false;
        for (uint32_t r = g.ringBegin(part); r < g.ringEnd(part); ++r) {
            const CoordSpan ring = g.ring(r);
            const std::size_t n = ring.size();
            for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
                const Coord& a = ring[i];
                const Coord& b = ring[j];
                if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
            }
        }
        if (inside) return true;
    }
    return false;
}

double distanceToFeature(const GeometryColumn& g, std::size_t f, Coord p)
{
    double best = std::numeric_limits<double>::infinity();
    if (g.isNull(f)) return best;
    if (g.kind(f) == GeometryKind::Point) {
        for (const Coord& c : g.coords(f)) best = std::min(best, std::hypot(p.x - c.x, p.y - c.y));
        return best;
    }
    for (uint32_t part = g.partBegin(f); part < g.partEnd(f); ++part)
        for (uint32_t r = g.ringBegin(part); r < g.ringEnd(part); ++r) {
            const CoordSpan ring = g.ring(r);
            if (ring.size() == 1) best = std::min(best, std::hypot(p.x - ring[0].x, p.y - ring[0].y));
            for (std::size_t i = 1; i < ring.size(); ++i) best = std::min(best, distanceToSegment(p, ring[i - 1], ring[i]));
        }
    return best;
}

namespace {

double ringArea(const CoordSpan& ring)
{
    double a = 0;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) a += (ring[j].x + ring[i].x) * (ring[j].y - ring[i].y);
    return std::abs(a) / 2;
}

double polygonArea(const GeometryColumn& g, std::size_t f)
{
    double a = 0;
    for (uint32_t part = g.partBegin(f); part < g.partEnd(f); ++part)
        for (uint32_t r = g.ringBegin(part); r < g.ringEnd(part); ++r)
            a += (r == g.ringBegin(part) ? 1 : -1) * ringArea(g.ring(r));
    return a;
}

struct Candidate {
    PickHit hit;
    int group = 0;        // 1..4 as in the header
    double key1 = 0;      // group-specific keys, ascending
    double key2 = 0;
};

}  // namespace

std::vector<PickHit> pickFeatures(std::span<const PickLayer> layers, const Viewport& vp, Coord at, double tolerancePx)
{
    const double upp = vp.unitsPerPixel;
    const Coord p = vp.toMap(at);
    std::vector<Candidate> found;
    for (std::size_t li = 0; li < layers.size(); ++li) {
        const PickLayer& pl = layers[li];
        if (!pl.layer) continue;
        const Layer& layer = *pl.layer;
        const GeometryColumn& g = layer.geometry();
        const double reachPx = tolerancePx + std::max(pl.markerRadiusPx, pl.strokeHalfWidthPx);
        const Box query = Box::of(p.x, p.y, p.x, p.y).buffered(reachPx * upp);
        for (uint32_t row : layer.index().query(query)) {
            if (!pl.allRows && !std::binary_search(pl.rows.begin(), pl.rows.end(), row)) continue;
            const GeometryKind kind = g.kind(row);
            const double d = distanceToFeature(g, row, p) / upp;
            Candidate c;
            c.hit = {li, row, kind, d};
            if (kind == GeometryKind::Point) {
                if (d > pl.markerRadiusPx + tolerancePx) continue;
                if (d <= pl.markerRadiusPx) {
                    c.group = 1;
                    c.key1 = pl.markerRadiusPx;
                    c.key2 = d;
                } else {
                    c.group = 2;
                    c.key1 = d - pl.markerRadiusPx;
                }
            } else if (kind == GeometryKind::Line) {
                if (d > pl.strokeHalfWidthPx + tolerancePx) continue;
                c.group = 3;
                c.key1 = d;
            } else if (kind == GeometryKind::Polygon) {
                const bool inside = polygonContains(g, row, p);
                if (!inside && d > pl.strokeHalfWidthPx + tolerancePx) continue;
                if (inside) c.hit.distancePx = 0;
                c.group = 4;
                c.key1 = polygonArea(g, row);
            } else {
                continue;
            }
            found.push_back(c);
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
        if (a.group != b.group) return a.group < b.group;
        if (a.group == 4) {
            // Topmost layer first, then the smaller area.
            if (a.hit.layerIndex != b.hit.layerIndex) return a.hit.layerIndex > b.hit.layerIndex;
            return a.key1 < b.key1;
        }
        if (a.key1 != b.key1) return a.key1 < b.key1;
        if (a.key2 != b.key2) return a.key2 < b.key2;
        if (a.hit.layerIndex != b.hit.layerIndex) return a.hit.layerIndex > b.hit.layerIndex;
        return a.hit.row < b.hit.row;
    });
    std::vector<PickHit> out;
    out.reserve(found.size());
    for (const Candidate& c : found) out.push_back(c.hit);
    return out;
}

}  // namespace atlas
