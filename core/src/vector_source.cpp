#include "atlas/vector_source.h"

#include "atlas/crs.h"
#include "atlas/civil_date.h"
#include "atlas/detail/gdal_errors.h"
#include "atlas/geometry_check.h"
#include "atlas/layer_cache.h"
#include "atlas/network.h"
#include "atlas/osm_source.h"
#include "geojson_check.h"
#include "helper_threads.h"
#include "huge_pages.h"

#include <gdal_priv.h>
#include <gdal_version.h>
#include <ogr_recordbatch.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace atlas {
namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string featureLocation(std::size_t index, GIntBig fid)
{
    return "feature " + std::to_string(fid >= 0 ? fid : static_cast<GIntBig>(index));
}

FieldType fieldTypeOf(const OGRFieldDefn& defn)
{
    switch (defn.GetType()) {
    case OFTInteger:
        return defn.GetSubType() == OFSTBoolean ? FieldType::Integer : FieldType::Integer;
    case OFTInteger64: return FieldType::Integer;
    case OFTReal: return FieldType::Real;
    case OFTDate:
    case OFTDateTime: return FieldType::Date;
    default: return FieldType::String;
    }
}

// Appends one OGR geometry to the column as parts/rings; returns the kind it was read as.
// Curves are linearised; Z/M are dropped; a collection mixing kinds keeps its first kind.
class GeometryReader {
public:
    explicit GeometryReader(GeometryColumn& out) : m_out(out) {}

    GeometryKind kindOf(const OGRGeometry* g) const
    {
        switch (wkbFlatten(g->getGeometryType())) {
        case wkbPoint:
        case wkbMultiPoint: return GeometryKind::Point;
        case wkbLineString:
        case wkbMultiLineString:
        case wkbCircularString:
        case wkbCompoundCurve:
        case wkbMultiCurve: return GeometryKind::Line;
        case wkbPolygon:
        case wkbMultiPolygon:
        case wkbCurvePolygon:
        case wkbMultiSurface:
        case wkbTriangle:
        case wkbPolyhedralSurface:
        case wkbTIN: return GeometryKind::Polygon;
        case wkbGeometryCollection: {
            const auto* gc = g->toGeometryCollection();
            for (const OGRGeometry* sub : *gc)
                if (!sub->IsEmpty()) return kindOf(sub);
            return GeometryKind::None;
        }
        default: return GeometryKind::None;
        }
    }

    // Returns false when a part was skipped because its kind differs (reported by the caller).
    bool append(const OGRGeometry* g, GeometryKind kind)
    {
        if (g->IsEmpty()) return true;
        const OGRwkbGeometryType t = wkbFlatten(g->getGeometryType());
        if (t == wkbGeometryCollection || t == wkbMultiPoint || t == wkbMultiLineString || t == wkbMultiPolygon
            || t == wkbMultiCurve || t == wkbMultiSurface || t == wkbPolyhedralSurface || t == wkbTIN) {
            bool allSame = true;
            for (const OGRGeometry* sub : *g->toGeometryCollection()) {
                if (kindOf(sub) != kind && !sub->IsEmpty()) { allSame = false; continue; }
                allSame = append(sub, kind) && allSame;
            }
            return allSame;
        }
        if (kindOf(g) != kind) return false;
        if (g->hasCurveGeometry()) {
            std::unique_ptr<OGRGeometry> linear(g->getLinearGeometry());
            return linear ? append(linear.get(), kind) : true;
        }
        switch (t) {
        case wkbPoint: {
            const auto* p = g->toPoint();
            m_out.beginPart();
            m_out.beginRing();
            m_out.addCoord(p->getX(), p->getY());
            return true;
        }
        case wkbLineString: {
            m_out.beginPart();
            addCurve(g->toLineString());
            return true;
        }
        case wkbPolygon:
        case wkbTriangle: {
            const auto* poly = g->toPolygon();
            m_out.beginPart();
            if (const auto* ext = poly->getExteriorRing()) addCurve(ext);
            for (int i = 0; i < poly->getNumInteriorRings(); ++i) addCurve(poly->getInteriorRing(i));
            return true;
        }
        default: return false;
        }
    }

private:
    void addCurve(const OGRSimpleCurve* c)
    {
        m_out.beginRing();
        // One copy of OGR's x/y array (Z and M dropped), then into the feature being built.
        static_assert(sizeof(OGRRawPoint) == sizeof(Coord) && offsetof(OGRRawPoint, y) == offsetof(Coord, y));
        m_points.resize(static_cast<std::size_t>(c->getNumPoints()));
        c->getPoints(reinterpret_cast<OGRRawPoint*>(m_points.data()), nullptr);
        m_out.addCoords(m_points);
    }
    GeometryColumn& m_out;
    std::vector<Coord> m_points;
};

bool allFinite(std::span<const Coord> coords)
{
    return std::all_of(coords.begin(), coords.end(),
                       [](const Coord& c) { return std::isfinite(c.x) && std::isfinite(c.y); });
}

bool withinGeographicRange(std::span<const Coord> coords)
{
    return std::all_of(coords.begin(), coords.end(), [](const Coord& c) {
        return c.x >= -180.0 && c.x <= 180.0 && c.y >= -90.0 && c.y <= 90.0;
    });
}

std::string srsDefinition(const OGRSpatialReference& srs)
{
    const char* auth = srs.GetAuthorityName(nullptr);
    const char* code = srs.GetAuthorityCode(nullptr);
    if (auth && code) return std::string(auth) + ":" + code;
    char* wkt = nullptr;
    const char* opts[] = {"FORMAT=WKT2_2019", nullptr};
    srs.exportToWkt(&wkt, opts);
    std::string out = wkt ? wkt : "";
    CPLFree(wkt);
    return out;
}

// --- Reprojection of a whole layer ----------------------------------------------------------
//
// PROJ costs 200–300 ns a coordinate from WGS84 to UTM: 3.1 s of the 8.4 s the medium benchmark
// (14.7 M coordinates) took to load before this existed. A large layer's coordinates are dense
// over a small extent, so PROJ runs only at the nodes of a grid over that extent and every
// coordinate is interpolated between them (Catmull-Rom bicubic, ~15 ns) — the idea of GDAL's
// approximate transformer, with a check: before any coordinate is interpolated, the grid is
// compared with PROJ at the centre of every cell (where a smooth map's interpolation error
// peaks), and it is used only when all of them agree within kGridTolerance of a cell's size
// (1/10,000,000: a millimetre for the ~10 km cells of a province-sized layer; measured against
// PROJ on every coordinate of the benchmark files: 8 µm on medium, 0.45 mm on small). Otherwise
// — a discontinuity, an edge of the CRS's domain, a layer spread over a continent — every
// coordinate goes through PROJ as before. Layers of a few thousand coordinates go through PROJ.
class GridTransform {
public:
    static constexpr std::size_t kMinCoords = 4'096;
    static constexpr double kGridTolerance = 1e-7;

    // Reprojects every feature of `geom` (all coordinates finite) and recomputes its bounds,
    // in one pass, when the grid passes its check; returns false, changing nothing, otherwise.
    // `lost` gets the features left without geometry (see GeometryColumn::transformFeatures).
    static bool apply(const CoordinateTransform& exact, GeometryColumn& geom, std::vector<std::size_t>& lost)
    {
        const std::size_t n = geom.coordCount();
        const Box extent = geom.extent();
        if (n < kMinCoords || extent.isEmpty() || !(extent.width() > 0) || !(extent.height() > 0)) return false;
        GridTransform g;
        if (!g.build(exact, extent, std::clamp<std::size_t>(n / 64, 1'024, 16'384))) return false;
        lost = geom.transformFeatures([&g](std::span<Coord> coords) {
            for (Coord& c : coords) c = g.at(c);
        });
        return true;
    }

private:
    bool build(const CoordinateTransform& exact, const Box& extent, std::size_t cells)
    {
        const double h = std::sqrt(extent.width() * extent.height() / static_cast<double>(cells));
        m_nx = std::max(1, static_cast<int>(std::ceil(extent.width() / h)));
        m_ny = std::max(1, static_cast<int>(std::ceil(extent.height() / h)));
        m_hx = extent.width() / m_nx;
        m_hy = extent.height() / m_ny;
        m_invHx = 1.0 / m_hx;
        m_invHy = 1.0 / m_hy;
        m_x0 = extent.minX;
        m_y0 = extent.minY;
        // Nodes from −1 to n + 1 on each axis: Catmull-Rom reads one node beyond the cell.
        m_stride = m_nx + 3;
        m_nodes.resize(static_cast<std::size_t>(m_stride) * static_cast<std::size_t>(m_ny + 3));
        for (int j = 0; j < m_ny + 3; ++j)
            for (int i = 0; i < m_stride; ++i)
                m_nodes[node(i, j)] = {m_x0 + (i - 1) * m_hx, m_y0 + (j - 1) * m_hy};
        if (exact.transform(m_nodes.data(), m_nodes.size()) > 0) return false;

        std::vector<Coord> probes;
        probes.reserve(static_cast<std::size_t>(m_nx) * static_cast<std::size_t>(m_ny));
        for (int j = 0; j < m_ny; ++j)
            for (int i = 0; i < m_nx; ++i) probes.push_back({m_x0 + (i + 0.5) * m_hx, m_y0 + (j + 0.5) * m_hy});
        std::vector<Coord> expected = probes;
        if (exact.transform(expected.data(), expected.size()) > 0) return false;

        // A cell's size in target units: the largest node-to-node step of the grid.
        double cell = 0;
        for (int j = 0; j + 1 < m_ny + 3; ++j)
            for (int i = 0; i + 1 < m_stride; ++i) {
                const Coord a = m_nodes[node(i, j)], b = m_nodes[node(i + 1, j)], c = m_nodes[node(i, j + 1)];
                cell = std::max({cell, std::hypot(b.x - a.x, b.y - a.y), std::hypot(c.x - a.x, c.y - a.y)});
            }
        buildCoefficients();
        const double tolerance = kGridTolerance * cell;
        for (std::size_t k = 0; k < probes.size(); ++k) {
            const Coord got = at(probes[k]);
            if (!(std::hypot(got.x - expected[k].x, got.y - expected[k].y) <= tolerance)) return false;
        }
        return true;
    }

    std::size_t node(int i, int j) const
    {
        return static_cast<std::size_t>(j) * static_cast<std::size_t>(m_stride) + static_cast<std::size_t>(i);
    }

    using V2 = double __attribute__((vector_size(16)));  // x and y side by side (SSE2)

    // Catmull-Rom on a cell's 4 × 4 nodes is a bicubic polynomial in the cell's (u, v): its 16
    // coefficients (x and y in one 2-lane vector) are computed once per cell, so a coordinate
    // costs 15 multiply-adds in Estrin's order — ~14 ns against ~20 for weighting the nodes
    // (measured on 11 M line vertices; the same for scattered points).
    void buildCoefficients()
    {
        // Basis: the weight of node b (b = 0…3 for −1…2) is Σ_k kBasis[b][k] t^k.
        static constexpr double kBasis[4][4] = {
            {0, -0.5, 1, -0.5}, {1, 0, -2.5, 1.5}, {0, 0.5, 2, -1.5}, {0, 0, -0.5, 0.5}};
        m_coefficients.resize(static_cast<std::size_t>(m_nx) * static_cast<std::size_t>(m_ny) * 16);
        for (int j = 0; j < m_ny; ++j)
            for (int i = 0; i < m_nx; ++i) {
                V2 rows[4][4];  // [q][k]: row q of nodes as a polynomial in u
                for (int q = 0; q < 4; ++q)
                    for (int k = 0; k < 4; ++k) {
                        V2 sum = {0, 0};
                        for (int b = 0; b < 4; ++b) {
                            const Coord p = m_nodes[node(i + b, j + q)];
                            sum += kBasis[b][k] * V2{p.x, p.y};
                        }
                        rows[q][k] = sum;
                    }
                V2* a = &m_coefficients[(static_cast<std::size_t>(j) * static_cast<std::size_t>(m_nx)
                                         + static_cast<std::size_t>(i)) * 16];
                for (int l = 0; l < 4; ++l)
                    for (int k = 0; k < 4; ++k) {
                        V2 sum = {0, 0};
                        for (int q = 0; q < 4; ++q) sum += kBasis[q][l] * rows[q][k];
                        a[l * 4 + k] = sum;  // coefficient of v^l u^k
                    }
            }
    }

    [[gnu::always_inline]] Coord at(Coord c) const
    {
        // Inputs lie within the extent, so fx, fy ≥ 0 up to rounding and truncation is floor.
        const double fx = (c.x - m_x0) * m_invHx, fy = (c.y - m_y0) * m_invHy;
        const int i = std::clamp(static_cast<int>(fx), 0, m_nx - 1);
        const int j = std::clamp(static_cast<int>(fy), 0, m_ny - 1);
        const double u = fx - i, v = fy - j, u2 = u * u, v2 = v * v;
        const V2* a = &m_coefficients[(static_cast<std::size_t>(j) * static_cast<std::size_t>(m_nx)
                                       + static_cast<std::size_t>(i)) * 16];
        const V2 s0 = (a[0] + a[1] * u) + u2 * (a[2] + a[3] * u);
        const V2 s1 = (a[4] + a[5] * u) + u2 * (a[6] + a[7] * u);
        const V2 s2 = (a[8] + a[9] * u) + u2 * (a[10] + a[11] * u);
        const V2 s3 = (a[12] + a[13] * u) + u2 * (a[14] + a[15] * u);
        const V2 r = (s0 + s1 * v) + v2 * (s2 + s3 * v);
        return {r[0], r[1]};
    }

    int m_nx = 0, m_ny = 0, m_stride = 0;
    double m_x0 = 0, m_y0 = 0, m_hx = 1, m_hy = 1, m_invHx = 1, m_invHy = 1;
    std::vector<Coord> m_nodes;
    std::vector<V2> m_coefficients;  // 16 a cell, row-major cells
};

// --- Reading ----------------------------------------------------------------------------------

// What the workers of one load share: the options, progress and cancellation. The progress
// callback only ever runs on the caller's thread; other workers watch the flag.
struct LoadShared {
    const std::string& path;
    const LoadOptions& options;
    bool isCsv = false;
    bool geoPackage = false;  // point layers then read through Arrow
    std::size_t layerCount = 1;
    uint64_t totalFeatures = 0;  // 0 when some layer cannot count its features cheaply
    std::thread::id caller = std::this_thread::get_id();
    std::atomic<bool> cancelled{false};
    std::atomic<uint64_t> featuresRead{0};
    std::atomic<std::size_t> layersDone{0};

    double fraction() const
    {
        if (totalFeatures > 0)
            return std::min(1.0, static_cast<double>(featuresRead.load()) / static_cast<double>(totalFeatures));
        return static_cast<double>(layersDone.load()) / static_cast<double>(layerCount);
    }
    // False once the load is cancelled (by the callback, on the caller's thread).
    bool keepGoing()
    {
        if (cancelled.load(std::memory_order_relaxed)) return false;
        if (options.progress && std::this_thread::get_id() == caller && !options.progress(fraction())) {
            cancelled.store(true);
            return false;
        }
        return true;
    }
};

// One layer's result, merged into the LoadResult in layer order once every worker is done.
struct LayerOutcome {
    std::shared_ptr<Layer> layer;
    Diagnostics diagnostics;
    std::vector<std::string> gdalMessages;
    std::string name;
    // The polygon check, run by the worker that read the layer (while others still read).
    Diagnostics polygonDiagnostics;
    PolygonCheck polygons;
    bool viaArrow = false;
};

// A worker's transforms to the display CRS, by source CRS, leased from the process-wide pool:
// setting one up costs PROJ a few milliseconds (database look-ups), as much as reading a small
// layer — the profile of loading the small benchmark preset showed it at 8%. A lease is the
// worker's alone (PROJ objects are not for concurrent use) until the load ends.
class TransformCache {
public:
    explicit TransformCache(std::string target) : m_target(std::move(target)) {}

    // The transform from `source`, or why PROJ refused it.
    Result<const CoordinateTransform*> to(const std::string& source)
    {
        for (const auto& [crs, t] : m_transforms)
            if (crs == source) return &*t;
        auto leased = PooledTransform::lease(source, m_target);
        if (!leased) return leased.diagnostics();
        m_transforms.emplace_back(source, std::move(leased).value());
        return &*m_transforms.back().second;
    }

private:
    std::string m_target;
    std::vector<std::pair<std::string, PooledTransform>> m_transforms;
};

// --- GeoPackage point layers through Arrow ---------------------------------------------------
//
// GDAL 3.6 reads a GeoPackage table straight from SQLite into Arrow arrays (OGR_L_GetArrowStream)
// without building an OGRFeature a row: 0.6 s of CPU for the million points of the medium
// benchmark against 1.3 s for the plain feature loop our loading is measured against. Lines
// and polygons stay with the feature loop, which moves their coordinates for less (11 M line
// vertices: 0.45 s through Arrow, whose WKB is one more copy, against 0.22 s).
// Used only when every field has an Arrow form read here, with the feature loop's results:
// same rows in the same order, same FIDs, days as written (GDAL gives GeoPackage date-times as
// naive timestamps, in the time zone they were written in).
enum class ArrowRead { NotUsed, Done, Failed, Cancelled };

#if GDAL_VERSION_NUM >= GDAL_COMPUTE_VERSION(3, 6, 0)

// The Arrow form of a field as read here, or 0: integers ('i' int32, 'l' int64, 's' int16),
// reals ('g', 'f'), strings ('u', 'U'), dates ('D' date32, 'T' naive timestamp[ms]).
char arrowKind(std::string_view format)
{
    if (format == "i" || format == "l" || format == "s" || format == "g" || format == "f"
        || format == "u" || format == "U")
        return format[0];
    if (format == "tdD") return 'D';
    if (format == "tsm:") return 'T';  // with a time zone after the colon the values would be UTC
    return 0;
}

bool arrowValid(const ArrowArray& a, int64_t k)
{
    const auto* bits = static_cast<const uint8_t*>(a.buffers[0]);
    if (!bits || a.null_count == 0) return true;
    const int64_t j = a.offset + k;
    return (bits[j >> 3] >> (j & 7)) & 1;
}

template <typename T>
T arrowValue(const ArrowArray& a, int buffer, int64_t k)
{
    T v;
    std::memcpy(&v, static_cast<const uint8_t*>(a.buffers[buffer]) + (a.offset + k) * static_cast<int64_t>(sizeof(T)),
                sizeof(T));
    return v;
}

// Bytes [begin, end) of element k of a binary or string array with 32- or 64-bit offsets.
std::pair<const uint8_t*, std::size_t> arrowBytes(const ArrowArray& a, int64_t k, bool large)
{
    const int64_t begin = large ? arrowValue<int64_t>(a, 1, k) : arrowValue<int32_t>(a, 1, k);
    const int64_t end = large ? arrowValue<int64_t>(a, 1, k + 1) : arrowValue<int32_t>(a, 1, k + 1);
    return {static_cast<const uint8_t*>(a.buffers[2]) + begin, static_cast<std::size_t>(end - begin)};
}

// x and y of an ISO WKB point (2D, Z, M or ZM, either byte order); false for anything else.
bool readWkbPoint(const uint8_t* p, std::size_t size, double& x, double& y)
{
    if (size < 21 || p[0] > 1) return false;
    const bool swap = (p[0] == 1) != (std::endian::native == std::endian::little);
    uint32_t type;
    std::memcpy(&type, p + 1, 4);
    if (swap) type = __builtin_bswap32(type);
    if (type != 1 && type != 1001 && type != 2001 && type != 3001) return false;
    uint64_t bx, by;
    std::memcpy(&bx, p + 5, 8);
    std::memcpy(&by, p + 13, 8);
    if (swap) { bx = __builtin_bswap64(bx); by = __builtin_bswap64(by); }
    x = std::bit_cast<double>(bx);
    y = std::bit_cast<double>(by);
    return true;
}

struct ArrowGuards {
    ArrowArrayStream stream{};
    ArrowSchema schema{};
    ~ArrowGuards()
    {
        if (schema.release) schema.release(&schema);
        if (stream.release) stream.release(&stream);
    }
};

// Reads every row of a point layer into `layer` (columns already created, in field order);
// checks each row's coordinates with checkStaged(fid) as the feature loop does. NotUsed:
// nothing was read.
template <typename CheckStaged>
ArrowRead readPointsArrow(OGRLayer& ogrLayer, Layer& layer, const std::vector<FieldType>& types,
                          const std::vector<OGRFieldType>& ogrTypes, LoadShared& shared, Diagnostics& diagnostics,
                          CheckStaged&& checkStaged)
{
    ArrowGuards g;
    const char* options[] = {"INCLUDE_FID=YES", "MAX_FEATURES_IN_BATCH=65536", nullptr};
    ogrLayer.ResetReading();
    if (!ogrLayer.GetArrowStream(&g.stream, const_cast<char**>(options))) return ArrowRead::NotUsed;
    if (g.stream.get_schema(&g.stream, &g.schema) != 0) return ArrowRead::NotUsed;

    // Schema children by name: the FID, the geometry and every field, in forms read here.
    auto child = [&](const char* name) -> int {
        for (int64_t c = 0; c < g.schema.n_children; ++c)
            if (std::strcmp(g.schema.children[c]->name, name) == 0) return static_cast<int>(c);
        return -1;
    };
    const int fidChild = child(ogrLayer.GetFIDColumn());
    const int geomChild = child(ogrLayer.GetGeometryColumn());
    if (fidChild < 0 || geomChild < 0 || std::strcmp(g.schema.children[fidChild]->format, "l") != 0)
        return ArrowRead::NotUsed;
    const std::string_view geomFormat = g.schema.children[geomChild]->format;
    if (geomFormat != "z" && geomFormat != "Z") return ArrowRead::NotUsed;
    const bool largeGeom = geomFormat == "Z";
    OGRFeatureDefn* defn = ogrLayer.GetLayerDefn();
    std::vector<int> fieldChild(types.size());
    std::vector<char> fieldKind(types.size());
    for (std::size_t i = 0; i < types.size(); ++i) {
        fieldChild[i] = child(defn->GetFieldDefn(static_cast<int>(i))->GetNameRef());
        if (fieldChild[i] < 0) return ArrowRead::NotUsed;
        const char kind = arrowKind(g.schema.children[fieldChild[i]]->format);
        // No booleans ('b'): GDAL 3.6.2's GeoPackage stream packs them wrongly (rows 0, 1, 0, 1…
        // came out as bytes 01 02 04 08…), so such layers take the feature loop.
        const bool fits = (types[i] == FieldType::Integer && (kind == 'i' || kind == 'l' || kind == 's'))
                       || (types[i] == FieldType::Real && (kind == 'g' || kind == 'f'))
                       || (types[i] == FieldType::String && ogrTypes[i] == OFTString && (kind == 'u' || kind == 'U'))
                       || (types[i] == FieldType::Date && (kind == 'D' || kind == 'T'));
        if (!fits) return ArrowRead::NotUsed;
        fieldKind[i] = kind;
    }

    GeometryColumn& geom = layer.mutableGeometry();
    GeometryReader reader(geom);
    auto& columns = layer.mutableColumns();
    const std::string& path = shared.path;
    std::size_t index = 0;
    while (true) {
        ArrowArray batch{};
        if (g.stream.get_next(&g.stream, &batch) != 0) {
            const char* why = g.stream.get_last_error ? g.stream.get_last_error(&g.stream) : nullptr;
            diagnostics.error(path, std::string("layer ") + ogrLayer.GetName(), "",
                              std::string("reading failed: ") + (why ? why : "unknown error"));
            return ArrowRead::Failed;
        }
        if (!batch.release) break;  // end of stream
        struct BatchGuard {
            ArrowArray& a;
            ~BatchGuard() { a.release(&a); }
        } batchGuard{batch};
        const ArrowArray& fids = *batch.children[fidChild];
        const ArrowArray& geoms = *batch.children[geomChild];
        for (int64_t k = 0; k < batch.length; ++k, ++index) {
            const GIntBig fid = arrowValue<int64_t>(fids, 1, k);
            double x, y;
            if (!arrowValid(geoms, k)) {
                geom.beginFeature(GeometryKind::None);
            } else if (const auto [wkb, size] = arrowBytes(geoms, k, largeGeom); readWkbPoint(wkb, size, x, y)) {
                geom.beginFeature(GeometryKind::Point);
                if (!std::isnan(x) || !std::isnan(y)) {  // both NaN: POINT EMPTY, as OGR reads it
                    geom.beginPart();
                    geom.beginRing();
                    geom.addCoord(x, y);
                }
            } else {
                OGRGeometry* parsed = nullptr;
                OGRGeometryFactory::createFromWkb(wkb, nullptr, &parsed, size, wkbVariantIso);
                const std::unique_ptr<OGRGeometry> owned(parsed);
                const GeometryKind kind = parsed ? reader.kindOf(parsed) : GeometryKind::None;
                geom.beginFeature(kind);
                if (parsed && kind != GeometryKind::None && !reader.append(parsed, kind))
                    diagnostics.warning(path, featureLocation(index, fid), "geometry",
                                        std::string("collection mixes geometry kinds; kept its ") +
                                            geometryKindName(kind) + " parts only");
            }
            const bool keep = checkStaged(fid);
            geom.endFeature(keep);
            layer.appendFid(fid);

            for (std::size_t i = 0; i < types.size(); ++i) {
                Column& col = columns[i];
                const ArrowArray& a = *batch.children[fieldChild[i]];
                if (!arrowValid(a, k)) { col.appendNull(); continue; }
                switch (fieldKind[i]) {
                case 'i': col.appendInteger(arrowValue<int32_t>(a, 1, k)); break;
                case 'l': col.appendInteger(arrowValue<int64_t>(a, 1, k)); break;
                case 's': col.appendInteger(arrowValue<int16_t>(a, 1, k)); break;
                case 'g': col.appendReal(arrowValue<double>(a, 1, k)); break;
                case 'f': col.appendReal(arrowValue<float>(a, 1, k)); break;
                case 'u':
                case 'U': {
                    const auto [bytes, n] = arrowBytes(a, k, fieldKind[i] == 'U');
                    col.appendString(std::string_view(reinterpret_cast<const char*>(bytes), n));
                    break;
                }
                case 'D': col.appendDate(arrowValue<int32_t>(a, 1, k)); break;
                case 'T': {
                    const int64_t ms = arrowValue<int64_t>(a, 1, k);
                    constexpr int64_t kDay = 86'400'000;
                    col.appendDate(static_cast<int32_t>(ms >= 0 ? ms / kDay : -((-ms + kDay - 1) / kDay)));
                    break;
                }
                }
            }
            if (!keep) layer.dropLastFeature();
        }
        shared.featuresRead += static_cast<uint64_t>(batch.length);
        if (!shared.keepGoing()) return ArrowRead::Cancelled;
    }
    return ArrowRead::Done;
}

#endif

std::shared_ptr<Layer> readLayer(OGRLayer& ogrLayer, LoadShared& shared, TransformCache& transforms,
                                 Diagnostics& diagnostics, bool& viaArrow)
{
    const std::string& path = shared.path;
    const LoadOptions& options = shared.options;
    const std::string layerName = ogrLayer.GetName();
    const std::string where = "layer " + layerName;
    const OGRSpatialReference* srs = ogrLayer.GetSpatialRef();
    std::string sourceCrs;
    bool geographic = false;
    if (srs) {
        sourceCrs = srsDefinition(*srs);
        geographic = srs->IsGeographic();
    } else if (shared.isCsv) {
        // CSV has no way to declare a CRS; coordinate columns named lon/lat mean WGS84.
        sourceCrs = kWgs84;
        geographic = true;
    } else if (ogrLayer.GetGeomType() != wkbNone) {
        diagnostics.error(path, where, "", "layer has no coordinate reference system (CRS); "
                          "declare one (e.g. a .prj file or a GeoPackage SRS) to load it");
        return nullptr;
    }

    auto layer = std::make_shared<Layer>(layerName, path, options.targetCrs);
    OGRFeatureDefn* defn = ogrLayer.GetLayerDefn();
    const int fieldCount = defn->GetFieldCount();
    std::vector<FieldType> types;
    std::vector<OGRFieldType> ogrTypes;
    for (int i = 0; i < fieldCount; ++i) {
        const OGRFieldDefn* fd = defn->GetFieldDefn(i);
        types.push_back(fieldTypeOf(*fd));
        ogrTypes.push_back(fd->GetType());
        layer->addColumn(fd->GetNameRef(), types.back());
    }

    const GIntBig total = ogrLayer.GetFeatureCount(FALSE);
    if (total > 0) {
        layer->mutableGeometry().reserve(static_cast<std::size_t>(total), static_cast<std::size_t>(total));
        for (Column& c : layer->mutableColumns()) c.reserve(static_cast<std::size_t>(total));
    }

    GeometryColumn& geom = layer->mutableGeometry();
    GeometryReader reader(geom);
    auto& columns = layer->mutableColumns();
    // Reject coordinates that cannot be right before they are stored (and reach PROJ): checked
    // while the feature being read is still doubles; a rejected one is dropped after its fields.
    auto checkStaged = [&](GIntBig fid) {
        const std::size_t f = geom.featureCount() - 1;
        const auto coords = geom.stagedCoords();
        if (geom.isNull(f) || coords.empty()) return true;
        if (!allFinite(coords)) {
            diagnostics.error(path, featureLocation(f, fid), "geometry", "coordinates are NaN or infinite; feature skipped");
            return false;
        }
        if (geographic && !withinGeographicRange(coords)) {
            diagnostics.error(path, featureLocation(f, fid), "geometry",
                              "coordinates outside longitude −180…180 / latitude −90…90 for a geographic CRS "
                              "(projected coordinates declared as " + sourceCrs + "?); feature skipped");
            return false;
        }
        return true;
    };

    ArrowRead arrow = ArrowRead::NotUsed;
#if GDAL_VERSION_NUM >= GDAL_COMPUTE_VERSION(3, 6, 0)
    if (shared.geoPackage && wkbFlatten(ogrLayer.GetGeomType()) == wkbPoint)
        arrow = readPointsArrow(ogrLayer, *layer, types, ogrTypes, shared, diagnostics, checkStaged);
#endif
    if (arrow == ArrowRead::Cancelled || arrow == ArrowRead::Failed) return nullptr;
    viaArrow = arrow == ArrowRead::Done;

    std::size_t index = 0, reported = 0;
    const std::size_t sample = total > 0 ? std::clamp<std::size_t>(static_cast<std::size_t>(total) / 16, 32, 1024) : 1024;
    if (arrow == ArrowRead::NotUsed) ogrLayer.ResetReading();
    if (arrow == ArrowRead::NotUsed) for (auto& feature : ogrLayer) {
        const GIntBig fid = feature->GetFID();
        if ((index & 4095) == 0) {
            shared.featuresRead += index - reported;
            reported = index;
            if (!shared.keepGoing()) return nullptr;
        }
        // Lines and polygons hold many coordinates a feature: once a sample is read, reserve
        // for the whole layer instead of growing (and copying) the column as it fills.
        if (index == sample && total > 2 * static_cast<GIntBig>(sample)) {
            const double perFeature = static_cast<double>(geom.coordCount()) / static_cast<double>(sample);
            // A tenth more than the sample suggests: untouched capacity costs no memory, a
            // shortfall a copy of the whole column.
            geom.reserve(static_cast<std::size_t>(total),
                         static_cast<std::size_t>(perFeature * static_cast<double>(total) * 1.1) + 1024);
        }
        ++index;

        const OGRGeometry* g = feature->GetGeometryRef();
        const GeometryKind kind = g ? reader.kindOf(g) : GeometryKind::None;
        geom.beginFeature(kind);
        if (g && kind != GeometryKind::None && !reader.append(g, kind))
            diagnostics.warning(path, featureLocation(index - 1, fid), "geometry",
                                std::string("collection mixes geometry kinds; kept its ") + geometryKindName(kind) +
                                    " parts only");
        const bool keep = checkStaged(fid);
        geom.endFeature(keep);
        layer->appendFid(fid);

        for (int i = 0; i < fieldCount; ++i) {
            Column& col = columns[static_cast<std::size_t>(i)];
            // The raw field: no conversion, no copy (GetFieldAs… format and allocate).
            const OGRField* raw = feature->GetRawFieldRef(i);
            if (OGR_RawField_IsUnset(raw) || OGR_RawField_IsNull(raw)) { col.appendNull(); continue; }
            const OGRFieldType ogrType = ogrTypes[static_cast<std::size_t>(i)];
            switch (types[static_cast<std::size_t>(i)]) {
            case FieldType::Integer:
                col.appendInteger(ogrType == OFTInteger ? raw->Integer
                                  : ogrType == OFTInteger64 ? raw->Integer64 : feature->GetFieldAsInteger64(i));
                break;
            case FieldType::Real: col.appendReal(raw->Real); break;
            case FieldType::Date: {
                const int y = raw->Date.Year, m = raw->Date.Month, d = raw->Date.Day;
                if (m >= 1 && m <= 12 && d >= 1 && d <= static_cast<int>(daysInMonth(y, static_cast<unsigned>(m))))
                    col.appendDate(daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
                else {
                    diagnostics.error(path, featureLocation(index - 1, fid), defn->GetFieldDefn(i)->GetNameRef(),
                                      std::string("not a valid date: \"") + feature->GetFieldAsString(i) + "\"");
                    col.appendNull();
                }
                break;
            }
            case FieldType::String:
                col.appendString(ogrType == OFTString ? raw->String : feature->GetFieldAsString(i));
                break;
            }
        }

        if (!keep) layer->dropLastFeature();
    }
    shared.featuresRead += index - reported;

    if (!sourceCrs.empty()) {
        const auto leased = transforms.to(sourceCrs);
        if (!leased) {
            diagnostics.error(path, where, "crs", leased.reason());
            return nullptr;
        }
        {
            const CoordinateTransform& toDisplay = **leased;
            std::vector<std::size_t> lost;
            if (!toDisplay.isIdentity() && !GridTransform::apply(toDisplay, geom, lost))
                lost = geom.transformFeatures([&toDisplay](std::span<Coord> coords) {
                    toDisplay.transform(coords.data(), coords.size());
                });
            // Each feature that lost coordinates is reported (its geometry is gone).
            for (const std::size_t f : lost)
                diagnostics.error(path, featureLocation(f, layer->fid(f)), "geometry",
                                  "cannot be transformed to " + options.targetCrs + "; geometry dropped");
        }
    }
    layer->finishLoading();
    layer->buildIndex();
    return layer;
}

// Reads the layers handed out by `next` until none is left or the load is cancelled.
void readLayers(GDALDataset& dataset, const std::vector<int>& indices, std::atomic<std::size_t>& next,
                std::vector<LayerOutcome>& outcomes, LoadShared& shared, detail::GdalErrorCollector& errors)
{
    TransformCache transforms(shared.options.targetCrs);
    for (std::size_t k; !shared.cancelled.load() && (k = next.fetch_add(1)) < indices.size();) {
        OGRLayer* ogrLayer = dataset.GetLayer(indices[k]);
        LayerOutcome& out = outcomes[k];
        out.name = ogrLayer->GetName();
        out.layer = readLayer(*ogrLayer, shared, transforms, out.diagnostics, out.viaArrow);
        out.gdalMessages = errors.take();
        if (out.layer && shared.options.checkPolygons && !shared.cancelled.load())
            out.layer = checkPolygons(std::move(out.layer), shared.path, shared.options.repairInvalid,
                                      out.polygonDiagnostics, &out.polygons);
        ++shared.layersDone;
    }
}

// Layers are read in parallel, each worker on its own dataset handle (GDAL's threading rule),
// once a source has several layers and enough features to pay for opening it again. A second
// GeoPackage handle costs 3–5 ms of CPU (GDAL's open runs a few dozen SQLite queries), a fifth
// of reading the benchmark's small preset (11k features, 3 layers, one of them most of the
// work): on 2 cores it loaded in 20.7 ms (best of 41) with one worker against 23.5 with two,
// medians of 21–32 ms against 25–40 on a shared machine, and 25 ms of CPU against 31 within
// the benchmark. The medium preset (1.1M features) still reads its layers in parallel. The
// other workers are long-lived helper threads (helper_threads.h): on a thread new to GDAL the
// second handle cost twice as much.
constexpr uint64_t kParallelMinFeatures = 100'000;

// Loads of this many features and more give back the memory reading freed (malloc_trim).
constexpr uint64_t kTrimMinFeatures = 50'000;

// Local files of this size and more are large loads (prepareMemoryForLargeLoad).
constexpr std::uintmax_t kTrimBeforeMinBytes = 16u << 20;

// Before a large load (a local file of kTrimBeforeMinBytes and more):
// * glibc's thresholds fixed, once, at 32 MiB for mmap and 4 MiB for trimming. Left dynamic,
//   glibc raises the mmap threshold to the largest block freed so far (32 MiB once a load's
//   layers are freed) and the trim threshold to twice that, so every later load keeps up to
//   64 MiB free at the top of each thread's heap, split between blocks of other sizes: the
//   peak of three loads of the medium benchmark was 390–459 MB against 365 for one. Fixed so,
//   arrays of 32 MiB and more are still mapped alone (freed at once) and smaller ones still
//   reuse the heap, but no more than 4 MiB of its free top is kept: peaks of 368–371 MB at
//   the same load CPU. (A trim threshold of 128 KiB gave 369–381 MB but made every freed
//   read buffer a trim and its next use fresh page faults: reading the columnar cache took
//   twice as long. A 1 MiB mmap threshold did the same to every array, 150 ms a load.)
// * What the process freed since the last trim (a file opened again, a project replaced)
//   given back, so the load fills fresh pages as the first one did.
// Small files skip both (the window opens a dozen at start).
void prepareMemoryForLargeLoad([[maybe_unused]] const std::string& path)
{
#ifdef __GLIBC__
    if (isRemotePath(path) || path.rfind("/vsi", 0) == 0) return;
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec || size < kTrimBeforeMinBytes) return;
    static std::once_flag fixed;
    std::call_once(fixed, [] {
        mallopt(M_MMAP_THRESHOLD, 32 << 20);
        mallopt(M_TRIM_THRESHOLD, 4 << 20);
    });
    malloc_trim(0);
#endif
}

}  // namespace

bool isRemotePath(const std::string& path)
{
    const std::string p = lower(path);
    static constexpr std::array prefixes = {
        "http://", "https://", "ftp://", "ftps://", "s3://", "gs://", "/vsicurl", "/vsis3", "/vsigs",
        "/vsiaz", "/vsiadls", "/vsioss", "/vsiswift", "/vsihdfs", "/vsiwebhdfs", "pg:", "postgresql:", "mysql:",
        "wfs:", "mssql:", "oci:", "odbc:", "mongodb", "elasticsearch:", "es:"};
    for (const char* pre : prefixes)
        if (p.rfind(pre, 0) == 0) return true;
    // Chained VSI paths such as /vsizip//vsicurl/…
    return p.find("/vsicurl") != std::string::npos || p.find("://") != std::string::npos;
}

namespace {

LoadResult loadFromSource(const std::string& path, const LoadOptions& options)
{
    LoadResult result;
    if (isRemotePath(path) && !options.allowRemote && !onlineSourcesAllowed()) {
        result.diagnostics.error(path, "", "", "remote source refused: Kachin Atlas works offline unless online "
                                 "sources are enabled in the settings (or --allow-remote on the command line)");
        return result;
    }
    detail::ensureGdalRegistered();
    detail::GdalErrorCollector errors;
    std::optional<NetworkPermit> online;  // the person allowed this remote source
    if (options.allowRemote || onlineSourcesAllowed()) online.emplace();

    std::error_code ec;
    if (!isRemotePath(path) && path.rfind("/vsi", 0) != 0 && !std::filesystem::exists(path, ec)) {
        result.diagnostics.error(path, "", "", "file not found");
        return result;
    }
    if (!isRemotePath(path) && path.rfind("/vsi", 0) != 0 && std::filesystem::is_regular_file(path, ec)
        && std::filesystem::file_size(path, ec) == 0 && !ec) {
        result.diagnostics.error(path, "", "", "cannot open: the file is empty (0 bytes)");
        return result;
    }
    // OSM's layers are read in one pass over the file, into themed layers (osm_source.h).
    if (osm::isOsmPath(path)) return osm::loadOsmSource(path, options);
    const std::string ext = lower(std::filesystem::path(path).extension().string());
    const bool isCsv = ext == ".csv" || ext == ".tsv";
    std::vector<const char*> openOptions;
    if (isCsv) {
        openOptions = {"X_POSSIBLE_NAMES=lon,long,longitude,x,lng", "Y_POSSIBLE_NAMES=lat,latitude,y",
                       "KEEP_GEOM_COLUMNS=YES", "AUTODETECT_TYPE=YES", "EMPTY_STRING_AS_NULL=YES", nullptr};
    } else {
        openOptions = {nullptr};
    }
    constexpr unsigned kOpenFlags = GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR;

    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), kOpenFlags, nullptr, openOptions.data(), nullptr));
    if (!ds) {
        std::string why = errors.lastFailure();
        if (why.empty()) why = "not a vector format GDAL/OGR can read";
        result.diagnostics.error(path, "", "", "cannot open: " + why);
        return result;
    }

    std::vector<int> indices;
    for (int i = 0; i < ds->GetLayerCount(); ++i) {
        OGRLayer* l = ds->GetLayer(i);
        if (!options.layerName.empty() && options.layerName != l->GetName()) continue;
        indices.push_back(i);
    }
    if (indices.empty()) {
        result.diagnostics.error(path, options.layerName.empty() ? "" : "layer " + options.layerName, "",
                                 options.layerName.empty() ? "contains no vector layers" : "no such layer");
        return result;
    }

    LoadShared shared{path, options};
    shared.isCsv = isCsv;
    shared.geoPackage = std::string_view(ds->GetDriver()->GetDescription()) == "GPKG";
    shared.layerCount = indices.size();
    for (int i : indices) {
        const GIntBig n = ds->GetLayer(i)->GetFeatureCount(FALSE);
        if (n < 0) { shared.totalFeatures = 0; break; }
        shared.totalFeatures += static_cast<uint64_t>(n);
    }

    std::vector<LayerOutcome> outcomes(indices.size());
    std::atomic<std::size_t> next{0};
    const std::size_t workers =
        indices.size() > 1 && shared.totalFeatures >= kParallelMinFeatures && !isRemotePath(path)
            ? std::min<std::size_t>({indices.size(), std::max(1u, std::thread::hardware_concurrency()), 4})
            : 1;
    std::vector<std::future<void>> helpers;
    // The helpers read the locals above: however this scope ends, it waits for them (a future
    // from runOnHelper, unlike std::async's, does not wait when destroyed).
    struct WaitForHelpers {
        std::vector<std::future<void>>& helpers;
        ~WaitForHelpers()
        {
            for (auto& h : helpers)
                if (h.valid()) h.wait();
        }
    } waitForHelpers{helpers};
    for (std::size_t w = 1; w < workers; ++w)
        helpers.push_back(detail::runOnHelper([&] {
            // Started late (a busy machine), with every layer taken: no second handle to open.
            if (next.load() >= indices.size()) return;
            detail::GdalErrorCollector own;
            GDALDatasetUniquePtr handle(GDALDataset::Open(path.c_str(), kOpenFlags, nullptr, openOptions.data(), nullptr));
            // A helper that cannot open its own handle leaves the work to the others.
            if (handle) readLayers(*handle, indices, next, outcomes, shared, own);
        }));
    readLayers(*ds, indices, next, outcomes, shared, errors);
    for (auto& h : helpers) {
        // The caller keeps reporting progress (and hearing "cancel") while the others finish.
        while (h.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) shared.keepGoing();
        h.get();
    }

    for (LayerOutcome& out : outcomes) {
        result.diagnostics.append(out.diagnostics);
        for (const std::string& msg : out.gdalMessages)
            if (!options.checkPolygons || msg.find("Non closed ring detected") == std::string::npos)  // reported per feature
                result.diagnostics.warning(path, "layer " + out.name, "", msg);
        result.diagnostics.append(out.polygonDiagnostics);
        result.invalidPolygons += out.polygons.invalid;
        result.repairedPolygons += out.polygons.repaired;
        if (out.layer) {
            result.arrowLayers += out.viaArrow ? 1 : 0;
            result.layers.push_back(std::move(out.layer));
        }
    }
    if (shared.cancelled.load()) {
        result.cancelled = true;
        result.layers.clear();
        return result;
    }
    if (std::string_view(ds->GetDriver()->GetDescription()) == "GeoJSON" && !isRemotePath(path)
        && path.rfind("/vsi", 0) != 0)
        detail::checkGeoJsonFile(path, result.diagnostics);
    // What reading needed and freed (GDAL's features and batches, growing columns, the index's
    // sort buffers) stays with glibc, in the arenas of threads that have ended, below its mmap
    // threshold: give it back, so the layers are what the process keeps (55 MiB on the medium
    // benchmark). Small loads skip it: they free little, and the window loads a dozen at start.
#ifdef __GLIBC__
    std::size_t loaded = 0;
    for (const auto& l : result.layers) loaded += l->featureCount();
    if (loaded >= kTrimMinFeatures) malloc_trim(0);
#endif
    if (options.progress) options.progress(1.0);
    return result;
}

}  // namespace

LoadResult loadVectorSource(const std::string& path, const LoadOptions& options)
{
    prepareMemoryForLargeLoad(path);
    std::optional<LayerCacheKey> key;
    if (!options.cacheDir.empty()) {
        key = layerCacheKey(path, options);
        if (key && key->size < options.cacheMinBytes) key.reset();
    }
    const std::string cacheFile = key ? layerCacheFile(options.cacheDir, *key) : std::string();
    if (key) {
        if (auto cached = readLayerCache(cacheFile, *key, path)) {
            LoadResult result;
            result.layers = std::move(*cached);
            result.fromCache = true;
            if (options.progress) options.progress(1.0);
            return result;
        }
    }
    LoadResult result = loadFromSource(path, options);
    // A failed write only costs the next open a load from the source.
    if (key && !result.cancelled && !result.layers.empty() && result.diagnostics.empty())
        writeLayerCache(cacheFile, *key, result.layers);
    return result;
}

std::vector<std::string> listVectorLayers(const std::string& path, Diagnostics& diagnostics)
{
    detail::ensureGdalRegistered();
    detail::GdalErrorCollector errors;
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) {
        diagnostics.error(path, "", "", "cannot open: " + (errors.lastFailure().empty() ? std::string("unreadable")
                                                                                         : errors.lastFailure()));
        return {};
    }
    std::vector<std::string> names;
    for (OGRLayer* l : ds->GetLayers()) names.emplace_back(l->GetName());
    return names;
}

}  // namespace atlas
