#include "atlas/crs.h"

#include <geodesic.h>
#include <proj.h>

#include <cmath>
#include <limits>
#include <mutex>
#include <vector>

namespace atlas {
namespace {

struct ContextDeleter { void operator()(PJ_CONTEXT* c) const { proj_context_destroy(c); } };
struct PjDeleter { void operator()(PJ* p) const { proj_destroy(p); } };
using ContextPtr = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

ContextPtr makeContext()
{
    ContextPtr ctx(proj_context_create());
    if (!ctx) return ctx;
    // Never reach the network for grids: Kachin Atlas is offline by default.
    proj_context_set_enable_network(ctx.get(), 0);
    proj_log_level(ctx.get(), PJ_LOG_NONE);
    return ctx;
}

std::string lastError(PJ_CONTEXT* ctx)
{
    const int err = proj_context_errno(ctx);
    const char* msg = err ? proj_context_errno_string(ctx, err) : nullptr;
    return msg ? msg : "unknown error";
}

// For crsName and sameCrs, which throw CrsError as their declarations say.
PjPtr createCrs(PJ_CONTEXT* ctx, const std::string& def)
{
    if (!ctx) throw CrsError("PROJ: cannot create a context");
    PjPtr crs(proj_create(ctx, def.c_str()));
    if (!crs) throw CrsError("unknown CRS \"" + def + "\": " + lastError(ctx));
    return crs;
}

Diagnostics crsFailure(std::string message)
{
    Diagnostics d;
    d.error("", "", "crs", std::move(message));
    return d;
}

}  // namespace

struct CoordinateTransform::Handles {
    ContextPtr ctx;
    PjPtr op;
};

Result<CoordinateTransform> CoordinateTransform::create(const std::string& from, const std::string& to)
{
    auto h = std::make_unique<Handles>();
    h->ctx = makeContext();
    if (!h->ctx) return crsFailure("PROJ: cannot create a context");
    PjPtr src(proj_create(h->ctx.get(), from.c_str()));
    if (!src) return crsFailure("unknown CRS \"" + from + "\": " + lastError(h->ctx.get()));
    PjPtr dst(proj_create(h->ctx.get(), to.c_str()));
    if (!dst) return crsFailure("unknown CRS \"" + to + "\": " + lastError(h->ctx.get()));
    const bool identity = proj_is_equivalent_to(src.get(), dst.get(), PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS);
    PjPtr op(proj_create_crs_to_crs_from_pj(h->ctx.get(), src.get(), dst.get(), nullptr, nullptr));
    if (!op) return crsFailure("no transformation from \"" + from + "\" to \"" + to + "\": " + lastError(h->ctx.get()));
    PjPtr norm(proj_normalize_for_visualization(h->ctx.get(), op.get()));
    if (!norm) return crsFailure("cannot normalise axis order for \"" + from + "\" → \"" + to + "\"");
    h->op = std::move(norm);
    return CoordinateTransform(std::move(h), identity);
}

CoordinateTransform::CoordinateTransform(std::unique_ptr<Handles> h, bool identity)
    : m_h(std::move(h)), m_identity(identity)
{
}

namespace {
CoordinateTransform orThrow(Result<CoordinateTransform> r)
{
    if (!r) throw CrsError(r.reason());
    return std::move(r).value();
}
}  // namespace

CoordinateTransform::CoordinateTransform(const std::string& from, const std::string& to)
    : CoordinateTransform(orThrow(create(from, to)))
{
}

CoordinateTransform::~CoordinateTransform()
{
    // The operation must die before its context.
    if (m_h) m_h->op.reset();
}
CoordinateTransform::CoordinateTransform(CoordinateTransform&&) noexcept = default;
CoordinateTransform& CoordinateTransform::operator=(CoordinateTransform&&) noexcept = default;

std::size_t CoordinateTransform::transform(Coord* coords, std::size_t count) const
{
    if (count == 0) return 0;
    std::size_t failed = 0;
    if (!m_identity) {
        proj_errno_reset(m_h->op.get());
        proj_trans_generic(m_h->op.get(), PJ_FWD,
                           &coords[0].x, sizeof(Coord), count,
                           &coords[0].y, sizeof(Coord), count,
                           nullptr, 0, 0, nullptr, 0, 0);
    }
    for (std::size_t i = 0; i < count; ++i) {
        if (!std::isfinite(coords[i].x) || !std::isfinite(coords[i].y) || coords[i].x == HUGE_VAL) {
            coords[i] = {std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
            ++failed;
        }
    }
    return failed;
}

Coord CoordinateTransform::transform(Coord c) const
{
    transform(&c, 1);
    return c;
}

Coord CoordinateTransform::inverse(Coord c) const
{
    if (m_identity) return c;
    PJ_COORD in = proj_coord(c.x, c.y, 0, 0);
    PJ_COORD out = proj_trans(m_h->op.get(), PJ_INV, in);
    if (!std::isfinite(out.xy.x) || out.xy.x == HUGE_VAL)
        return {std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
    return {out.xy.x, out.xy.y};
}

Box CoordinateTransform::transformBox(const Box& b) const
{
    constexpr int kSteps = 20;
    std::vector<Coord> pts;
    pts.reserve(4 * (kSteps + 1));
    for (int i = 0; i <= kSteps; ++i) {
        const double t = static_cast<double>(i) / kSteps;
        const double x = b.minX + t * b.width();
        const double y = b.minY + t * b.height();
        pts.push_back({x, b.minY});
        pts.push_back({x, b.maxY});
        pts.push_back({b.minX, y});
        pts.push_back({b.maxX, y});
    }
    transform(pts.data(), pts.size());
    Box out;
    for (const Coord& c : pts)
        if (std::isfinite(c.x) && std::isfinite(c.y)) out.expand(c.x, c.y);
    return out;
}

namespace {

struct IdleTransform {
    std::string from, to;
    std::unique_ptr<CoordinateTransform> transform;
};

std::mutex& poolMutex()
{
    static std::mutex m;
    return m;
}

// Never destroyed: at exit PROJ's own statics may already be gone, and destroying a transform
// then would touch them.
std::vector<IdleTransform>& idleTransforms()
{
    static auto* idle = new std::vector<IdleTransform>;
    return *idle;
}

}  // namespace

std::unique_ptr<CoordinateTransform> PooledTransform::takeIdle(const std::string& from, const std::string& to)
{
    std::lock_guard lock(poolMutex());
    auto& idle = idleTransforms();
    for (auto it = idle.begin(); it != idle.end(); ++it)
        if (it->from == from && it->to == to) {
            auto t = std::move(it->transform);
            idle.erase(it);
            return t;
        }
    return nullptr;
}

PooledTransform::PooledTransform(std::string from, std::string to, std::unique_ptr<CoordinateTransform> t)
    : m_from(std::move(from)), m_to(std::move(to)), m_transform(std::move(t))
{
}

PooledTransform::PooledTransform(const std::string& from, const std::string& to) : m_from(from), m_to(to)
{
    m_transform = takeIdle(from, to);
    if (!m_transform) m_transform = std::make_unique<CoordinateTransform>(from, to);
}

Result<PooledTransform> PooledTransform::lease(const std::string& from, const std::string& to)
{
    if (auto idle = takeIdle(from, to)) return PooledTransform(from, to, std::move(idle));
    auto created = CoordinateTransform::create(from, to);
    if (!created) return created.diagnostics();
    return PooledTransform(from, to, std::make_unique<CoordinateTransform>(std::move(created).value()));
}

PooledTransform::~PooledTransform()
{
    if (!m_transform) return;
    std::lock_guard lock(poolMutex());
    auto& idle = idleTransforms();
    if (idle.size() >= 8) idle.erase(idle.begin());  // a few pairs are ever in use
    idle.push_back({std::move(m_from), std::move(m_to), std::move(m_transform)});
}

std::string crsName(const std::string& crs)
{
    ContextPtr ctx = makeContext();
    PjPtr p = createCrs(ctx.get(), crs);
    const char* name = proj_get_name(p.get());
    return name ? name : crs;
}

bool sameCrs(const std::string& a, const std::string& b)
{
    ContextPtr ctx = makeContext();
    PjPtr pa = createCrs(ctx.get(), a);
    PjPtr pb = createCrs(ctx.get(), b);
    return proj_is_equivalent_to(pa.get(), pb.get(), PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS);
}

namespace {
const geod_geodesic& wgs84()
{
    static const geod_geodesic g = [] {
        geod_geodesic gg;
        geod_init(&gg, 6378137.0, 1.0 / 298.257223563);
        return gg;
    }();
    return g;
}
}  // namespace

double geodesicDistance(double lon1, double lat1, double lon2, double lat2)
{
    double s12 = 0;
    geod_inverse(&wgs84(), lat1, lon1, lat2, lon2, &s12, nullptr, nullptr);
    return s12;
}

double geodesicArea(std::span<const Coord> ring)
{
    if (ring.size() < 3) return 0.0;
    std::vector<double> lats, lons;
    lats.reserve(ring.size());
    lons.reserve(ring.size());
    for (const Coord& c : ring) { lons.push_back(c.x); lats.push_back(c.y); }
    double area = 0, perimeter = 0;
    geod_polygonarea(&wgs84(), lats.data(), lons.data(), static_cast<int>(ring.size()), &area, &perimeter);
    return std::fabs(area);
}

}  // namespace atlas
