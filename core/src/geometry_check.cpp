#include "atlas/geometry_check.h"

#include "atlas/analysis/geos.h"
#include "atlas/crs.h"
#include "helper_threads.h"

#include <geos_c.h>

#include <algorithm>
#include <cmath>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace atlas {
namespace {

using Ring = std::vector<Coord>;
using Part = std::vector<Ring>;  // exterior first

std::string location(const Layer& layer, std::size_t f) { return "feature " + std::to_string(layer.fid(f)); }

bool sameCoord(const Coord& a, const Coord& b) { return a.x == b.x && a.y == b.y; }

// What is wrong with the rings of feature f before GEOS can even build it; nullopt when every
// ring is closed and long enough.
std::optional<std::string> ringProblem(const GeometryColumn& g, std::size_t f)
{
    for (uint32_t p = g.partBegin(f); p < g.partEnd(f); ++p)
        for (uint32_t r = g.ringBegin(p); r < g.ringEnd(p); ++r) {
            const auto ring = g.ring(r);
            const std::string which = (r == g.ringBegin(p) ? "outer ring" : "hole " + std::to_string(r - g.ringBegin(p)))
                                      + (g.partEnd(f) - g.partBegin(f) > 1 ? " of polygon " + std::to_string(p - g.partBegin(f) + 1)
                                                                           : std::string());
            if (!ring.empty() && !sameCoord(ring.front(), ring.back()))
                return which + " is not closed (its last point is not its first)";
            if (ring.size() < 4)
                return which + " has " + std::to_string(ring.size()) +
                       " points; a ring needs at least 4 (three corners and the closing point)";
        }
    return std::nullopt;
}

// --- A certificate of validity for the usual polygon, without GEOS -------------------------
// Most polygons are one ring that touches itself nowhere: such a ring (closed, at least 4
// points) is a valid polygon, and proving it is cheap. Orientation signs come from floating
// point guarded by an error bound (Shewchuk's ccwerrboundA, taken 3× larger): a sign the bound
// cannot certify counts as "may touch", and the polygon goes to GEOS. So a polygon is skipped
// only when it is valid; every doubtful or invalid one gets GEOS's verdict and reason as before.
// (GEOS validity was a third of loading the benchmark files of issue 8.)

// +1 or −1: c is certainly left or right of the line a→b; 0: collinear, or too close to tell.
int orientation(Coord a, Coord b, Coord c)
{
    const double l = (b.x - a.x) * (c.y - a.y);
    const double r = (b.y - a.y) * (c.x - a.x);
    const double det = l - r;
    const double bound = 1e-15 * (std::abs(l) + std::abs(r));
    if (det > bound) return 1;
    if (-det > bound) return -1;
    return 0;
}

// True when segments ab and cd certainly share no point.
bool disjoint(Coord a, Coord b, Coord c, Coord d)
{
    const int o1 = orientation(a, b, c);
    if (o1 != 0 && o1 == orientation(a, b, d)) return true;
    const int o3 = orientation(c, d, a);
    return o3 != 0 && o3 == orientation(c, d, b);
}

// An edge in the sweep with its extent and x bucket held in place: the loops read this array
// in order instead of reaching into the ring for every pair.
struct SweepEdge {
    double minX, maxX, minY, maxY;
    uint32_t edge, bucket;
};

// True when the closed ring certainly touches itself nowhere: consecutive edges meet only at
// their shared vertex (a certain turn at every vertex) and no other two edges share a point.
bool certainlySimpleRing(const CoordSpan& ring, std::vector<SweepEdge>& order, std::vector<uint32_t>& starts)
{
    const std::size_t n = ring.size();
    if (n < 4 || !sameCoord(ring.front(), ring.back())) return false;
    const std::size_t m = n - 1;  // edges: i from ring[i] to ring[i + 1]
    double left = ring[0].x, right = ring[0].x;
    for (const Coord& c : ring) {
        if (!std::isfinite(c.x) || !std::isfinite(c.y)) return false;
        left = std::min(left, c.x);
        right = std::max(right, c.x);
    }
    for (std::size_t i = 0; i < m; ++i)
        if (orientation(ring[i == 0 ? m - 1 : i - 1], ring[i], ring[i + 1]) == 0) return false;
    if (m == 3) return true;  // a triangle: every pair of edges is consecutive
    // A sweep over x: the edges ordered by their smallest x into m buckets (a counting sort: no
    // comparison sort, which was half the check's time on the benchmark's polygons), then each
    // edge against the edges after it up to the bucket its largest x falls in. Two edges whose x
    // ranges overlap meet that way, whichever of them comes first within a bucket.
    const double scale = right > left ? static_cast<double>(m) / (right - left) : 0.0;
    auto bucketOf = [&](double x) { return std::min(static_cast<uint32_t>((x - left) * scale), static_cast<uint32_t>(m - 1)); };
    starts.assign(m + 1, 0);
    std::vector<SweepEdge>& edges = order;
    edges.resize(2 * m);  // the first m unsorted, the last m in bucket order
    for (uint32_t i = 0; i < m; ++i) {
        const Coord a = ring[i], b = ring[i + 1];
        const double minX = std::min(a.x, b.x);
        edges[i] = {minX, std::max(a.x, b.x), std::min(a.y, b.y), std::max(a.y, b.y), i, bucketOf(minX)};
        ++starts[edges[i].bucket + 1];
    }
    for (std::size_t k = 1; k <= m; ++k) starts[k] += starts[k - 1];
    for (uint32_t i = 0; i < m; ++i) edges[m + starts[edges[i].bucket]++] = edges[i];
    const SweepEdge* sorted = edges.data() + m;
    for (std::size_t k = 0; k < m; ++k) {
        const SweepEdge& s = sorted[k];
        const uint32_t last = bucketOf(s.maxX);
        for (std::size_t j = k + 1; j < m && sorted[j].bucket <= last; ++j) {
            const SweepEdge& t = sorted[j];
            if (t.minX > s.maxX || t.maxX < s.minX || t.maxY < s.minY || t.minY > s.maxY) continue;
            const uint32_t lo = std::min(s.edge, t.edge), hi = std::max(s.edge, t.edge);
            if (hi == lo + 1 || (lo == 0 && hi == m - 1)) continue;  // consecutive: checked above
            if (!disjoint(ring[s.edge], ring[s.edge + 1], ring[t.edge], ring[t.edge + 1])) return false;
        }
    }
    return true;
}

// "Self-intersection[412345.2 2701234.5]" → "Self-intersection at 97.05000, 24.05000 (lon, lat)".
std::string readableReason(const std::string& reason, const CoordinateTransform* toLonLat)
{
    const auto open = reason.find('[');
    const auto close = reason.find(']', open == std::string::npos ? 0 : open);
    if (open == std::string::npos || close == std::string::npos || !toLonLat) return reason;
    double x = 0, y = 0;
    if (std::sscanf(reason.c_str() + open + 1, "%lf %lf", &x, &y) != 2) return reason;
    const Coord c = toLonLat->transform(Coord{x, y});
    if (!std::isfinite(c.x) || !std::isfinite(c.y)) return reason;
    char buf[96];
    std::snprintf(buf, sizeof buf, " at %.5f, %.5f (lon, lat)", c.x, c.y);
    return reason.substr(0, open) + buf + reason.substr(close + 1);
}

// Feature f's parts with every ring closed; rings that stay shorter than 4 points are dropped
// (a part whose outer ring goes is dropped whole).
std::vector<Part> closedParts(const GeometryColumn& g, std::size_t f)
{
    std::vector<Part> parts;
    for (uint32_t p = g.partBegin(f); p < g.partEnd(f); ++p) {
        Part part;
        for (uint32_t r = g.ringBegin(p); r < g.ringEnd(p); ++r) {
            const auto in = g.ring(r);
            Ring ring(in.begin(), in.end());
            if (!ring.empty() && !sameCoord(ring.front(), ring.back())) ring.push_back(ring.front());
            if (ring.size() < 4) {
                if (r == g.ringBegin(p)) break;
                continue;
            }
            part.push_back(std::move(ring));
        }
        if (!part.empty()) parts.push_back(std::move(part));
    }
    return parts;
}

Ring ringOf(GEOSContextHandle_t h, const GEOSGeometry* ring)
{
    Ring out;
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned n = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &n)) return out;
    out.resize(n);
    for (unsigned i = 0; i < n; ++i) GEOSCoordSeq_getXY_r(h, seq, i, &out[i].x, &out[i].y);
    return out;
}

// The polygons of a GEOS geometry (a Polygon, a MultiPolygon, or the polygonal members of a
// collection), as parts and rings. `dropped` is set when something not polygonal was left out.
void collectPolygons(GEOSContextHandle_t h, const GEOSGeometry* g, std::vector<Part>& out, bool& dropped)
{
    const int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_POLYGON) {
        if (GEOSisEmpty_r(h, g) == 1) return;
        Part part;
        part.push_back(ringOf(h, GEOSGetExteriorRing_r(h, g)));
        const int holes = GEOSGetNumInteriorRings_r(h, g);
        for (int i = 0; i < holes; ++i) part.push_back(ringOf(h, GEOSGetInteriorRingN_r(h, g, i)));
        out.push_back(std::move(part));
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; ++i) collectPolygons(h, GEOSGetGeometryN_r(h, g, i), out, dropped);
    } else if (GEOSisEmpty_r(h, g) != 1) {
        dropped = true;
    }
}

struct Repair {
    std::vector<Part> parts;  // empty: nothing polygonal is left
    bool droppedOther = false;
};

std::optional<Repair> repairFeature(const GeometryColumn& g, std::size_t f)
{
    const std::vector<Part> parts = closedParts(g, f);
    Repair out;
    if (parts.empty()) return out;
    try {
        std::vector<std::vector<std::vector<Coord>>> raw(parts.begin(), parts.end());
        geos::Geometry built = geos::fromParts(GeometryKind::Polygon, raw);
        if (!built) return out;
        GEOSContextHandle_t h = geos::context();
        geos::Geometry valid(GEOSMakeValid_r(h, built.get()));
        if (!valid) return std::nullopt;
        collectPolygons(h, valid.get(), out.parts, out.droppedOther);
        return out;
    } catch (const geos::GeosError&) {
        return std::nullopt;
    }
}

void appendParts(GeometryColumn& out, const std::vector<Part>& parts)
{
    for (const Part& part : parts) {
        out.beginPart();
        for (const Ring& ring : part) {
            out.beginRing();
            for (const Coord& c : ring) out.addCoord(c.x, c.y);
        }
    }
}

void copyFeature(GeometryColumn& out, const GeometryColumn& in, std::size_t f)
{
    out.beginFeature(in.kind(f));
    if (!in.isNull(f))
        for (uint32_t p = in.partBegin(f); p < in.partEnd(f); ++p) {
            out.beginPart();
            for (uint32_t r = in.ringBegin(p); r < in.ringEnd(p); ++r) {
                out.beginRing();
                for (const Coord& c : in.ring(r)) out.addCoord(c.x, c.y);
            }
        }
    out.endFeature();
}

}  // namespace

bool certainlyValidPolygon(const GeometryColumn& g, std::size_t f)
{
    if (g.isNull(f) || g.kind(f) != GeometryKind::Polygon) return false;
    const uint32_t part = g.partBegin(f);
    if (g.partEnd(f) != part + 1 || g.ringEnd(part) != g.ringBegin(part) + 1) return false;
    thread_local std::vector<SweepEdge> order;
    thread_local std::vector<uint32_t> starts;
    return certainlySimpleRing(g.ring(g.ringBegin(part)), order, starts);
}

std::shared_ptr<Layer> checkPolygons(std::shared_ptr<Layer> layer, const std::string& file, bool repair,
                                     Diagnostics& diagnostics, PolygonCheck* summary)
{
    PolygonCheck local;
    PolygonCheck& counts = summary ? *summary : local;
    if (!layer) return layer;
    const GeometryColumn& g = layer->geometry();
    std::unique_ptr<PooledTransform> toLonLat;  // only for messages; made on the first invalid feature
    std::vector<std::pair<std::size_t, std::optional<Repair>>> repairs;

    // The quick certificate first. It costs ~70 ns a coordinate; on a layer of polygons with
    // kCertifyThreadMinCoords and more, idle helper threads (helper_threads.h, long-lived: the
    // small benchmark preset waited up to 3–9 ms on a busy machine for threads started per
    // layer) take chunks of features alongside this one. A chunk goes to whichever thread asks
    // first, so this thread never waits for a helper that has not started: it waits only for
    // chunks being certified. A layer without polygons has nothing to certify.
    constexpr std::size_t kCertifyThreadMinCoords = 20'000;
    const std::size_t n = layer->featureCount();
    bool anyPolygon = false;
    for (std::size_t f = 0; f < n && !anyPolygon; ++f) anyPolygon = g.kind(f) == GeometryKind::Polygon;
    if (!anyPolygon) return layer;
    const unsigned threads = g.allCoords().size() < kCertifyThreadMinCoords
                                 ? 1u
                                 : std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    struct Certificate {
        std::shared_ptr<const Layer> layer;  // a helper may start after checkPolygons returned
        std::vector<char> certified;
        std::size_t chunks = 1;
        std::atomic<std::size_t> next{0}, finished{0};
        std::mutex m;
        std::condition_variable allFinished;

        void run()
        {
            const GeometryColumn& geom = layer->geometry();
            const std::size_t count = certified.size();
            for (std::size_t c; (c = next.fetch_add(1)) < chunks;) {
                try {
                    for (std::size_t f = count * c / chunks, e = count * (c + 1) / chunks; f < e; ++f)
                        certified[f] = geom.kind(f) == GeometryKind::Polygon && certainlyValidPolygon(geom, f);
                } catch (...) {
                    // Features left uncertified go to GEOS below, as doubtful ones do.
                }
                if (finished.fetch_add(1) + 1 == chunks) {
                    std::lock_guard lock(m);
                    allFinished.notify_all();
                }
            }
        }
    };
    auto certificate = std::make_shared<Certificate>();
    certificate->layer = layer;
    certificate->certified.assign(n, 0);
    certificate->chunks = threads > 1 ? std::size_t{8} * threads : 1;
    for (unsigned c = 1; c < threads; ++c) detail::runOnHelper([certificate] { certificate->run(); });
    certificate->run();
    {
        std::unique_lock lock(certificate->m);
        certificate->allFinished.wait(lock, [&] { return certificate->finished.load() == certificate->chunks; });
    }
    const std::vector<char>& certified = certificate->certified;
    for (std::size_t f = 0; f < n; ++f) {
        if (g.kind(f) != GeometryKind::Polygon || g.isNull(f) || certified[f]) continue;
        std::optional<std::string> reason = ringProblem(g, f);
        if (!reason) {
            try {
                geos::Geometry built = geos::fromFeature(g, f);
                if (built) reason = geos::invalidReason(built.get());
            } catch (const geos::GeosError& e) {
                reason = e.what();
            }
        }
        if (!reason) continue;
        ++counts.invalid;
        if (!toLonLat) {
            // Without lon/lat the reason is given in the layer's own coordinates.
            if (auto leased = PooledTransform::lease(layer->crs(), kWgs84))
                toLonLat = std::make_unique<PooledTransform>(std::move(leased).value());
        }
        const std::string why = "not a valid polygon: " + readableReason(*reason, toLonLat ? &**toLonLat : nullptr);
        if (!repair) {
            diagnostics.warning(file, location(*layer, f), "geometry",
                                why + "; kept as read (not repaired: GEOS MakeValid can repair it when you ask — "
                                      "the --repair-invalid option, or Repair when Open Data asks)");
            continue;
        }
        std::optional<Repair> fixed = repairFeature(g, f);
        if (!fixed) {
            diagnostics.warning(file, location(*layer, f), "geometry", why + "; GEOS could not repair it, kept as read");
        } else if (fixed->parts.empty()) {
            diagnostics.warning(file, location(*layer, f), "geometry",
                                why + "; repaired with GEOS MakeValid, nothing of an area was left: geometry dropped");
            ++counts.repaired;
        } else {
            diagnostics.warning(file, location(*layer, f), "geometry",
                                why + "; repaired with GEOS MakeValid" +
                                    (fixed->droppedOther ? " (its parts that were lines or points were left out)" : ""));
            ++counts.repaired;
        }
        repairs.emplace_back(f, std::move(fixed));
    }
    if (repairs.empty()) return layer;

    // A copy with the repaired features in place; every other feature as it was.
    auto out = std::make_shared<Layer>(*layer);
    GeometryColumn rebuilt;
    rebuilt.reserve(g.featureCount(), g.allCoords().size());
    std::size_t next = 0;
    for (std::size_t f = 0; f < g.featureCount(); ++f) {
        if (next < repairs.size() && repairs[next].first == f) {
            const std::optional<Repair>& fixed = repairs[next++].second;
            if (!fixed) {
                copyFeature(rebuilt, g, f);
            } else if (fixed->parts.empty()) {
                rebuilt.beginFeature(GeometryKind::None);
                rebuilt.endFeature();
            } else {
                rebuilt.beginFeature(GeometryKind::Polygon);
                appendParts(rebuilt, fixed->parts);
                rebuilt.endFeature();
            }
            continue;
        }
        copyFeature(rebuilt, g, f);
    }
    out->mutableGeometry() = std::move(rebuilt);
    out->buildIndex();
    return out;
}

}  // namespace atlas
