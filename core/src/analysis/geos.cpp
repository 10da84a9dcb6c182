#include "atlas/analysis/geos.h"

#include "atlas/crs.h"

#include <geos_c.h>

#include <cstdarg>
#include <cstdio>

namespace atlas::geos {
namespace {

// The last GEOS error on this thread (GEOS reports through a handler, then returns NULL / 2).
thread_local std::string t_lastError;

void onError(const char* fmt, ...)
{
    char buf[1024];
    va_list args;
    va_start(args, fmt);
    std::vsnprintf(buf, sizeof buf, fmt, args);
    va_end(args);
    t_lastError = buf;
}

void onNotice(const char*, ...) {}

class Context {
public:
    Context() : m_handle(GEOS_init_r())
    {
        GEOSContext_setErrorHandler_r(m_handle, &onError);
        GEOSContext_setNoticeHandler_r(m_handle, &onNotice);
    }
    ~Context() { GEOS_finish_r(m_handle); }
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;
    GEOSContextHandle_t get() const { return m_handle; }

private:
    GEOSContextHandle_t m_handle;
};

[[noreturn]] void fail(const char* what)
{
    std::string msg = std::string(what) + ": " + (t_lastError.empty() ? std::string("GEOS error") : t_lastError);
    t_lastError.clear();
    throw GeosError(msg);
}

Geometry check(GEOSGeometry* g, const char* what)
{
    if (!g) fail(what);
    return Geometry(g);
}

char checkPredicate(char r, const char* what)
{
    if (r == 2) fail(what);
    return r;
}

GEOSCoordSequence* sequence(GEOSContextHandle_t h, std::span<const Coord> coords)
{
    static_assert(sizeof(Coord) == 2 * sizeof(double));
    GEOSCoordSequence* s = GEOSCoordSeq_copyFromBuffer_r(h, reinterpret_cast<const double*>(coords.data()),
                                                         static_cast<unsigned>(coords.size()), 0, 0);
    if (!s) fail("coordinate sequence");
    return s;
}

// Owns GEOS geometries until they are handed to a constructor that takes ownership.
struct Owned {
    std::vector<GEOSGeometry*> items;
    Owned() = default;
    Owned(const Owned&) = delete;
    Owned& operator=(const Owned&) = delete;
    ~Owned()
    {
        for (GEOSGeometry* g : items) GEOSGeom_destroy_r(context(), g);
    }
};

Geometry build(GeometryKind kind, const std::vector<std::vector<std::span<const Coord>>>& parts)
{
    GEOSContextHandle_t h = context();
    if (kind == GeometryKind::None || parts.empty()) return nullptr;
    Owned built;
    for (const auto& rings : parts) {
        if (rings.empty()) continue;
        if (kind == GeometryKind::Point) {
            GEOSGeometry* p = GEOSGeom_createPoint_r(h, sequence(h, rings.front()));
            if (!p) fail("point");
            built.items.push_back(p);
        } else if (kind == GeometryKind::Line) {
            GEOSGeometry* l = GEOSGeom_createLineString_r(h, sequence(h, rings.front()));
            if (!l) fail("line");
            built.items.push_back(l);
        } else {
            GEOSGeometry* shell = GEOSGeom_createLinearRing_r(h, sequence(h, rings.front()));
            if (!shell) fail("polygon ring");
            Owned holes;
            for (std::size_t r = 1; r < rings.size(); ++r) {
                GEOSGeometry* hole = GEOSGeom_createLinearRing_r(h, sequence(h, rings[r]));
                if (!hole) {
                    GEOSGeom_destroy_r(h, shell);
                    fail("polygon hole");
                }
                holes.items.push_back(hole);
            }
            GEOSGeometry* poly = GEOSGeom_createPolygon_r(h, shell, holes.items.data(),
                                                          static_cast<unsigned>(holes.items.size()));
            if (!poly) fail("polygon");
            holes.items.clear();  // owned by the polygon now
            built.items.push_back(poly);
        }
    }
    if (built.items.empty()) return nullptr;
    if (built.items.size() == 1) {
        GEOSGeometry* g = built.items.front();
        built.items.clear();
        return Geometry(g);
    }
    const int type = kind == GeometryKind::Point ? GEOS_MULTIPOINT
                     : kind == GeometryKind::Line ? GEOS_MULTILINESTRING
                                                  : GEOS_MULTIPOLYGON;
    GEOSGeometry* multi = GEOSGeom_createCollection_r(h, type, built.items.data(),
                                                      static_cast<unsigned>(built.items.size()));
    if (!multi) fail("collection");
    built.items.clear();
    return Geometry(multi);
}

}  // namespace

GEOSContextHandle_HS* context()
{
    thread_local Context ctx;
    return ctx.get();
}

namespace {

// Freeing a geometry needs no per-thread state (GEOS only deletes it), but it may happen after
// this thread's context is gone — a static object destroyed after the main thread's
// thread_locals. So destruction uses one handle that lives as long as the process.
GEOSContextHandle_t destroyContext()
{
    static const GEOSContextHandle_t handle = [] {
        GEOSContextHandle_t h = GEOS_init_r();
        GEOSContext_setErrorHandler_r(h, &onNotice);
        GEOSContext_setNoticeHandler_r(h, &onNotice);
        return h;
    }();
    return handle;
}

}  // namespace

void GeometryDeleter::operator()(GEOSGeom_t* g) const noexcept
{
    if (g) GEOSGeom_destroy_r(destroyContext(), g);
}

Geometry fromFeature(const GeometryColumn& column, std::size_t f, const CoordinateTransform* transform)
{
    if (column.isNull(f)) return nullptr;
    const auto all = column.coords(f);
    std::vector<Coord> coords = all.toVector();
    if (transform && !transform->isIdentity()) transform->transform(coords.data(), coords.size());
    std::vector<std::vector<std::span<const Coord>>> parts;
    for (uint32_t p = column.partBegin(f); p < column.partEnd(f); ++p) {
        auto& rings = parts.emplace_back();
        for (uint32_t r = column.ringBegin(p); r < column.ringEnd(p); ++r) {
            const auto ring = column.ring(r);
            rings.emplace_back(coords.data() + (ring.offset() - all.offset()), ring.size());
        }
    }
    return build(column.kind(f), parts);
}

Geometry fromFeature(const GeometryColumn& column, std::size_t f, std::span<const Coord> coords)
{
    if (column.isNull(f)) return nullptr;
    if (coords.size() != column.coordCount())
        throw std::invalid_argument("geos::fromFeature: coordinate array does not match the column");
    std::vector<std::vector<std::span<const Coord>>> parts;
    for (uint32_t p = column.partBegin(f); p < column.partEnd(f); ++p) {
        auto& rings = parts.emplace_back();
        for (uint32_t r = column.ringBegin(p); r < column.ringEnd(p); ++r) {
            const auto ring = column.ring(r);
            rings.emplace_back(coords.data() + ring.offset(), ring.size());
        }
    }
    return build(column.kind(f), parts);
}

Geometry fromParts(GeometryKind kind, const std::vector<std::vector<std::vector<Coord>>>& parts)
{
    std::vector<std::vector<std::span<const Coord>>> views;
    for (const auto& rings : parts) {
        auto& v = views.emplace_back();
        for (const auto& ring : rings) v.emplace_back(ring);
    }
    return build(kind, views);
}

Geometry point(Coord c)
{
    return check(GEOSGeom_createPointFromXY_r(context(), c.x, c.y), "point");
}

Geometry polygon(std::span<const Coord> ring)
{
    return build(GeometryKind::Polygon, {{ring}});
}

Geometry clone(const GEOSGeom_t* g)
{
    return check(GEOSGeom_clone_r(context(), g), "clone");
}

std::optional<std::string> invalidReason(const GEOSGeom_t* g)
{
    const char valid = checkPredicate(GEOSisValid_r(context(), g), "validity");
    if (valid) return std::nullopt;
    char* reason = GEOSisValidReason_r(context(), g);
    if (!reason) fail("validity reason");
    std::string out = reason;
    GEOSFree_r(context(), reason);
    return out;
}

bool isEmpty(const GEOSGeom_t* g) { return checkPredicate(GEOSisEmpty_r(context(), g), "isEmpty") != 0; }

double area(const GEOSGeom_t* g)
{
    double a = 0;
    if (!GEOSArea_r(context(), g, &a)) fail("area");
    return a;
}

double length(const GEOSGeom_t* g)
{
    double l = 0;
    if (!GEOSLength_r(context(), g, &l)) fail("length");
    return l;
}

double distance(const GEOSGeom_t* a, const GEOSGeom_t* b)
{
    double d = 0;
    if (!GEOSDistance_r(context(), a, b, &d)) fail("distance");
    return d;
}

bool contains(const GEOSGeom_t* a, const GEOSGeom_t* b)
{
    return checkPredicate(GEOSContains_r(context(), a, b), "contains") != 0;
}

bool intersects(const GEOSGeom_t* a, const GEOSGeom_t* b)
{
    return checkPredicate(GEOSIntersects_r(context(), a, b), "intersects") != 0;
}

bool interiorsOverlap(const GEOSGeom_t* a, const GEOSGeom_t* b)
{
    return checkPredicate(GEOSRelatePattern_r(context(), a, b, "2********"), "relate") != 0;
}

Geometry difference(const GEOSGeom_t* a, const GEOSGeom_t* b)
{
    return check(GEOSDifference_r(context(), a, b), "difference");
}

Geometry intersection(const GEOSGeom_t* a, const GEOSGeom_t* b)
{
    return check(GEOSIntersection_r(context(), a, b), "intersection");
}

Geometry symDifference(const GEOSGeom_t* a, const GEOSGeom_t* b)
{
    return check(GEOSSymDifference_r(context(), a, b), "symmetric difference");
}

Geometry unionAll(std::span<const GEOSGeom_t* const> parts)
{
    GEOSContextHandle_t h = context();
    std::vector<GEOSGeometry*> clones;
    clones.reserve(parts.size());
    for (const GEOSGeom_t* p : parts) clones.push_back(clone(p).release());
    GEOSGeometry* collection = GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, clones.data(),
                                                           static_cast<unsigned>(clones.size()));
    if (!collection) {
        for (GEOSGeometry* g : clones) GEOSGeom_destroy_r(h, g);
        fail("collection");
    }
    Geometry owner(collection);
    return check(GEOSUnaryUnion_r(h, owner.get()), "union");
}

Geometry pointOnSurface(const GEOSGeom_t* g)
{
    return check(GEOSPointOnSurface_r(context(), g), "point on surface");
}

Coord pointCoord(const GEOSGeom_t* g)
{
    double x = 0, y = 0;
    if (!GEOSGeomGetX_r(context(), g, &x) || !GEOSGeomGetY_r(context(), g, &y)) fail("point coordinates");
    return {x, y};
}

std::vector<std::vector<Coord>> exteriorRings(const GEOSGeom_t* g)
{
    GEOSContextHandle_t h = context();
    std::vector<std::vector<Coord>> out;
    const int type = GEOSGeomTypeId_r(h, g);
    auto ringOf = [&](const GEOSGeometry* poly) {
        const GEOSGeometry* ring = GEOSGetExteriorRing_r(h, poly);
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
        unsigned n = 0;
        GEOSCoordSeq_getSize_r(h, seq, &n);
        std::vector<Coord> coords(n);
        GEOSCoordSeq_copyToBuffer_r(h, seq, reinterpret_cast<double*>(coords.data()), 0, 0);
        out.push_back(std::move(coords));
    };
    if (type == GEOS_POLYGON) ringOf(g);
    else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION)
        for (int i = 0; i < GEOSGetNumGeometries_r(h, g); ++i) {
            const GEOSGeometry* sub = GEOSGetGeometryN_r(h, g, i);
            if (GEOSGeomTypeId_r(h, sub) == GEOS_POLYGON) ringOf(sub);
        }
    return out;
}

}  // namespace atlas::geos
