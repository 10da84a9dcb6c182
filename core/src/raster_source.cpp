#include "atlas/raster_source.h"

#include "atlas/crs.h"
#include "atlas/detail/gdal_errors.h"
#include "atlas/network.h"
#include "atlas/vector_source.h"

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <limits>

namespace atlas {

// Idle dataset handles, one per thread that needed one at the same time. The generation is
// bumped when overviews are built: handles opened before do not see the new .ovr file.
struct RasterSource::Pool {
    std::mutex mutex;
    std::vector<GDALDatasetUniquePtr> idle;
    uint64_t generation = 0;
};

namespace {

constexpr unsigned kOpenFlags = GDAL_OF_RASTER | GDAL_OF_READONLY;
// Above this many pixels a raster without overviews gets "Build overviews…" offered: reading a
// whole 16-megapixel scene for every zoomed-out frame is already slow on a laptop.
constexpr double kOverviewThresholdPixels = 4096.0 * 4096.0;

GDALDatasetUniquePtr openHandle(const std::string& path)
{
    return GDALDatasetUniquePtr(GDALDataset::Open(path.c_str(), kOpenFlags, nullptr, nullptr, nullptr));
}

std::string gdalReason(const detail::GdalErrorCollector& errors, const char* fallback)
{
    return errors.lastFailure().empty() ? std::string(fallback) : errors.lastFailure();
}

// A handle borrowed from the pool for one read.
class Lease {
public:
    Lease(RasterSource::Pool& pool, const std::string& path) : m_pool(pool)
    {
        {
            std::lock_guard lock(pool.mutex);
            m_generation = pool.generation;
            if (!pool.idle.empty()) {
                m_ds = std::move(pool.idle.back());
                pool.idle.pop_back();
            }
        }
        if (!m_ds) m_ds = openHandle(path);
    }
    ~Lease()
    {
        if (!m_ds) return;
        std::lock_guard lock(m_pool.mutex);
        if (m_generation == m_pool.generation) m_pool.idle.push_back(std::move(m_ds));
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    GDALDataset* get() const { return m_ds.get(); }

private:
    RasterSource::Pool& m_pool;
    GDALDatasetUniquePtr m_ds;
    uint64_t m_generation = 0;
};

void describeColours(GDALDataset& ds, RasterInfo& info)
{
    const int n = ds.GetRasterCount();
    info.bandCount = n;
    info.hasAlpha = n > 1 && ds.GetRasterBand(n)->GetColorInterpretation() == GCI_AlphaBand;
    info.dataBands = n - (info.hasAlpha ? 1 : 0);
    GDALRasterBand* first = ds.GetRasterBand(1);
    int hasNodata = 0;
    const double nodata = first->GetNoDataValue(&hasNodata);
    if (hasNodata) info.nodata = nodata;

    if (info.dataBands >= 3) {
        info.colour = RasterColour::Rgb;
        info.rgbBands = {1, 2, 3};
        for (int b = 1; b <= info.dataBands; ++b) {
            switch (ds.GetRasterBand(b)->GetColorInterpretation()) {
            case GCI_RedBand: info.rgbBands[0] = b; break;
            case GCI_GreenBand: info.rgbBands[1] = b; break;
            case GCI_BlueBand: info.rgbBands[2] = b; break;
            default: break;
            }
        }
    } else if (const GDALColorTable* table = first->GetColorTable();
               table && first->GetColorInterpretation() == GCI_PaletteIndex) {
        info.colour = RasterColour::Palette;
        for (int i = 0; i < table->GetColorEntryCount(); ++i) {
            GDALColorEntry c{};
            table->GetColorEntryAsRGB(i, &c);
            auto byte = [](short v) { return static_cast<uint8_t>(std::clamp<int>(v, 0, 255)); };
            info.palette.push_back({byte(c.c1), byte(c.c2), byte(c.c3), byte(c.c4)});
        }
    } else {
        info.colour = RasterColour::Grey;
    }

    info.byteData = true;
    for (int b = 1; b <= info.dataBands; ++b)
        info.byteData = info.byteData && ds.GetRasterBand(b)->GetRasterDataType() == GDT_Byte;
    if (info.byteData || info.colour == RasterColour::Palette) return;
    // 16-bit or float data (a DEM, a 12-bit satellite band): stretched between each band's
    // minimum and maximum — stored statistics when the file has them, else GDAL's sampled
    // estimate, which reads a few blocks rather than the whole scene.
    for (int b = 1; b <= info.dataBands; ++b) {
        GDALRasterBand* band = ds.GetRasterBand(b);
        double mn = 0, mx = 0, mean = 0, sd = 0;
        if (band->GetStatistics(TRUE, FALSE, &mn, &mx, &mean, &sd) != CE_None) {
            double minmax[2] = {0, 0};
            if (band->ComputeRasterMinMax(TRUE, minmax) == CE_None) {
                mn = minmax[0];
                mx = minmax[1];
            }
        }
        info.stretch.emplace_back(mn, mx > mn ? mx : mn + 1);
    }
}

Box footprint(const std::array<double, 6>& gt, int w, int h)
{
    Box b;
    for (const auto& [px, py] : {std::pair{0, 0}, {w, 0}, {0, h}, {w, h}})
        b.expand(gt[0] + px * gt[1] + py * gt[2], gt[3] + px * gt[4] + py * gt[5]);
    return b;
}

struct ProgressContext {
    const std::function<bool(double)>* progress = nullptr;
    const std::atomic<bool>* cancel = nullptr;
};

int CPL_STDCALL onProgress(double done, const char*, void* data)
{
    const auto* ctx = static_cast<const ProgressContext*>(data);
    if (ctx->cancel && ctx->cancel->load(std::memory_order_relaxed)) return FALSE;
    if (ctx->progress && *ctx->progress && !(*ctx->progress)(std::clamp(done, 0.0, 1.0))) return FALSE;
    return TRUE;
}

uint8_t stretched(float v, const std::pair<double, double>& range)
{
    const double t = (v - range.first) / (range.second - range.first);
    return static_cast<uint8_t>(std::lround(std::clamp(t, 0.0, 1.0) * 255.0));
}

}  // namespace

RasterSource::~RasterSource() = default;

bool RasterSource::isRaster(const std::string& path)
{
    if (isRemotePath(path)) {
        // Never probed over the network: the name has to tell.
        const std::string ext = std::filesystem::path(path).extension().string();
        for (const char* e : {".tif", ".tiff", ".mbtiles", ".jp2", ".vrt"})
            if (ext == e) return true;
        return false;
    }
    // Vector formats are never asked: GDAL's XYZ raster driver would claim a CSV of points on
    // a regular lon/lat grid. (GeoPackage and SQLite are asked: they may hold either.)
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const char* e : {".geojson", ".json", ".geojsonl", ".geojsons", ".csv", ".tsv", ".shp", ".kml", ".kmz", ".fgb",
                          ".gml", ".gpx", ".tab", ".mif"})
        if (ext == e) return false;
    detail::ensureGdalRegistered();
    detail::GdalErrorCollector quiet;
    GDALDatasetUniquePtr ds = openHandle(path);
    return ds && ds->GetRasterCount() > 0;
}

std::shared_ptr<RasterSource> RasterSource::open(const std::string& path, Diagnostics& diagnostics,
                                                 const RasterOpenOptions& options)
{
    if (isRemotePath(path) && !options.allowRemote) {
        diagnostics.error(path, "", "", "remote source refused: Kachin Atlas works offline unless online "
                                        "sources are enabled in the settings (or --allow-remote on the command line)");
        return nullptr;
    }
    detail::ensureGdalRegistered();
    detail::GdalErrorCollector errors;
    std::optional<NetworkPermit> online;
    if (options.allowRemote) online.emplace();
    std::error_code ec;
    if (!isRemotePath(path) && path.rfind("/vsi", 0) != 0 && !std::filesystem::exists(path, ec)) {
        diagnostics.error(path, "", "", "file not found");
        return nullptr;
    }
    GDALDatasetUniquePtr ds = openHandle(path);
    if (!ds || ds->GetRasterCount() == 0) {
        const bool subdatasets = ds && CSLCount(ds->GetMetadata("SUBDATASETS")) > 0;
        diagnostics.error(path, "", "",
                          subdatasets ? "holds several rasters (sub-datasets); open one of them"
                                      : "cannot open as a raster: " + gdalReason(errors, "not a raster format GDAL reads"));
        return nullptr;
    }
    std::shared_ptr<RasterSource> src(new RasterSource());
    RasterInfo& info = src->m_info;
    info.path = path;
    info.driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";
    info.width = ds->GetRasterXSize();
    info.height = ds->GetRasterYSize();
    if (ds->GetGeoTransform(info.geoTransform.data()) != CE_None) {
        diagnostics.error(path, "", "", "has no georeferencing: no geotransform (a world file such as .tfw, "
                                        ".pgw or .jgw beside it, or a GeoTIFF, places it on the map)");
        return nullptr;
    }
    const OGRSpatialReference* srs = ds->GetSpatialRef();
    char* wkt = nullptr;
    if (!srs || srs->exportToWkt(&wkt) != OGRERR_NONE || !wkt || !*wkt) {
        CPLFree(wkt);
        diagnostics.error(path, "", "", "has no coordinate reference system (add a .prj or .aux.xml, or "
                                        "assign one with gdal_translate -a_srs)");
        return nullptr;
    }
    info.crsWkt = wkt;
    CPLFree(wkt);
    info.extent = footprint(info.geoTransform, info.width, info.height);
    describeColours(*ds, info);
    src->m_allowRemote = options.allowRemote;
    src->m_overviews = ds->GetRasterBand(1)->GetOverviewCount();
    src->m_pool = std::make_unique<Pool>();
    src->m_pool->idle.push_back(std::move(ds));
    for (const std::string& w : errors.take()) diagnostics.warning(path, "", "", w);
    return src;
}

Box RasterSource::extentIn(const std::string& crs) const
{
    std::lock_guard lock(m_extentMutex);
    if (auto it = m_extents.find(crs); it != m_extents.end()) return it->second;
    Box b;
    if (const auto t = PooledTransform::lease(m_info.crsWkt, crs)) {  // else empty: nothing of it is drawn
        b = (*t)->transformBox(m_info.extent);
        if (!std::isfinite(b.minX) || !std::isfinite(b.maxX) || !std::isfinite(b.minY) || !std::isfinite(b.maxY))
            b = Box();
    }
    m_extents.emplace(crs, b);
    return b;
}

bool RasterSource::wantsOverviews() const
{
    return overviewCount() == 0 && static_cast<double>(m_info.width) * m_info.height > kOverviewThresholdPixels;
}

Result<RasterImage> RasterSource::readView(const std::string& crs, const Box& extent, int width, int height,
                                           const std::atomic<bool>* cancel) const
{
    auto fail = [&](std::string why) {
        Diagnostics d;
        d.error(m_info.path, "", "", std::move(why));
        return d;
    };
    if (width <= 0 || height <= 0 || extent.isEmpty()) return fail("empty view");
    detail::ensureGdalRegistered();
    detail::GdalErrorCollector errors;
    std::optional<NetworkPermit> online;
    if (m_allowRemote) online.emplace();
    Lease lease(*m_pool, m_info.path);
    if (!lease.get()) return fail("cannot open as a raster: " + gdalReason(errors, "unreadable"));

    // The view as an in-memory dataset in the display CRS: the data bands, then alpha.
    const int bands = m_info.dataBands + 1;
    const GDALDataType type = m_info.byteData ? GDT_Byte : GDT_Float32;
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    GDALDatasetUniquePtr dst(mem ? mem->Create("", width, height, bands, type, nullptr) : nullptr);
    if (!dst) return fail("out of memory for a " + std::to_string(width) + "×" + std::to_string(height) + " view");
    double gt[6] = {extent.minX, extent.width() / width, 0, extent.maxY, 0, -extent.height() / height};
    dst->SetGeoTransform(gt);
    OGRSpatialReference target;
    if (target.SetFromUserInput(crs.c_str()) != OGRERR_NONE) return fail("unknown display CRS " + crs);
    target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    dst->SetSpatialRef(&target);
    dst->GetRasterBand(bands)->SetColorInterpretation(GCI_AlphaBand);

    // Nearest when zoomed in past the raster's own pixels (they show as crisp squares, as in
    // QGIS) and always for palette indices, which must not be averaged; bilinear otherwise,
    // from the overview nearest the output resolution (gdalwarp's default -ovr AUTO).
    const Box own = extentIn(crs);
    const double sourcePixel = own.isEmpty() ? 0 : own.width() / m_info.width;
    const bool nearest = m_info.colour == RasterColour::Palette || gt[1] <= sourcePixel;
    const char* argv[] = {"-r", nearest ? "near" : "bilinear", "-dstalpha", "-wo", "INIT_DEST=0", nullptr};
    GDALWarpAppOptions* opts = GDALWarpAppOptionsNew(const_cast<char**>(argv), nullptr);
    ProgressContext ctx{nullptr, cancel};
    GDALWarpAppOptionsSetProgress(opts, onProgress, &ctx);
    GDALDatasetH src = GDALDataset::ToHandle(lease.get());
    int usageError = 0;
    GDALDatasetH out = GDALWarp(nullptr, GDALDataset::ToHandle(dst.get()), 1, &src, opts, &usageError);
    GDALWarpAppOptionsFree(opts);
    if (cancel && cancel->load()) return fail("cancelled");
    if (!out) return fail("cannot warp into " + crs + ": " + gdalReason(errors, "GDAL failed"));

    const std::size_t n = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    std::vector<uint8_t> alpha(n);
    if (dst->GetRasterBand(bands)->RasterIO(GF_Read, 0, 0, width, height, alpha.data(), width, height, GDT_Byte, 0, 0)
        != CE_None)
        return fail("cannot read the warped view: " + gdalReason(errors, "GDAL failed"));
    // Only the bands the colours need, as 8-bit or as float for stretching.
    std::vector<int> used = m_info.colour == RasterColour::Rgb
                                ? std::vector<int>{m_info.rgbBands[0], m_info.rgbBands[1], m_info.rgbBands[2]}
                                : std::vector<int>{1};
    std::vector<std::vector<float>> values(used.size(), std::vector<float>(n));
    for (std::size_t k = 0; k < used.size(); ++k)
        if (dst->GetRasterBand(used[k])->RasterIO(GF_Read, 0, 0, width, height, values[k].data(), width, height,
                                                  GDT_Float32, 0, 0)
            != CE_None)
            return fail("cannot read the warped view: " + gdalReason(errors, "GDAL failed"));

    RasterImage img;
    img.width = width;
    img.height = height;
    img.rgba.assign(n * 4, 0);
    auto channel = [&](std::size_t k, std::size_t i) -> uint8_t {
        if (m_info.byteData) return static_cast<uint8_t>(std::clamp(values[k][i], 0.0f, 255.0f));
        return stretched(values[k][i], m_info.stretch[static_cast<std::size_t>(used[k] - 1)]);
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (alpha[i] == 0) continue;
        uint8_t* p = &img.rgba[i * 4];
        switch (m_info.colour) {
        case RasterColour::Palette: {
            const auto idx = static_cast<std::size_t>(std::max(0.0f, values[0][i]));
            if (idx >= m_info.palette.size()) continue;
            const auto& c = m_info.palette[idx];
            p[0] = c[0];
            p[1] = c[1];
            p[2] = c[2];
            p[3] = static_cast<uint8_t>(alpha[i] * c[3] / 255);
            continue;
        }
        case RasterColour::Grey: p[0] = p[1] = p[2] = channel(0, i); break;
        case RasterColour::Rgb:
            p[0] = channel(0, i);
            p[1] = channel(1, i);
            p[2] = channel(2, i);
            break;
        }
        p[3] = alpha[i];
    }
    return img;
}

Result<ElevationGrid> RasterSource::readElevation(const std::string& crs, const Box& extent, int width, int height,
                                          const std::atomic<bool>* cancel) const
{
    auto fail = [&](std::string why) {
        Diagnostics d;
        d.error(m_info.path, "", "", std::move(why));
        return d;
    };
    if (width <= 0 || height <= 0 || extent.isEmpty()) return fail("empty view");
    detail::ensureGdalRegistered();
    detail::GdalErrorCollector errors;
    std::optional<NetworkPermit> online;
    if (m_allowRemote) online.emplace();
    Lease lease(*m_pool, m_info.path);
    if (!lease.get()) return fail("cannot open as a raster: " + gdalReason(errors, "unreadable"));
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    GDALDatasetUniquePtr dst(mem ? mem->Create("", width, height, 2, GDT_Float32, nullptr) : nullptr);
    if (!dst) return fail("out of memory for a " + std::to_string(width) + "×" + std::to_string(height) + " view");
    double gt[6] = {extent.minX, extent.width() / width, 0, extent.maxY, 0, -extent.height() / height};
    dst->SetGeoTransform(gt);
    OGRSpatialReference target;
    if (target.SetFromUserInput(crs.c_str()) != OGRERR_NONE) return fail("unknown display CRS " + crs);
    target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    dst->SetSpatialRef(&target);
    dst->GetRasterBand(2)->SetColorInterpretation(GCI_AlphaBand);
    // Bilinear even when zoomed in: slopes computed from nearest-neighbour steps would shade
    // every source pixel's edge.
    if (m_info.dataBands != 1) return fail("not an elevation raster: " + std::to_string(m_info.dataBands) + " bands");
    const char* argv[] = {"-r", "bilinear", "-dstalpha", "-wo", "INIT_DEST=0", nullptr};
    GDALWarpAppOptions* opts = GDALWarpAppOptionsNew(const_cast<char**>(argv), nullptr);
    if (!opts) return fail("cannot set up the warp: " + gdalReason(errors, "GDAL refused its options"));
    ProgressContext ctx{nullptr, cancel};
    GDALWarpAppOptionsSetProgress(opts, onProgress, &ctx);
    GDALDatasetH src = GDALDataset::ToHandle(lease.get());
    int usageError = 0;
    GDALDatasetH out = GDALWarp(nullptr, GDALDataset::ToHandle(dst.get()), 1, &src, opts, &usageError);
    GDALWarpAppOptionsFree(opts);
    if (cancel && cancel->load()) return fail("cancelled");
    if (!out) return fail("cannot warp into " + crs + ": " + gdalReason(errors, "GDAL failed"));
    const std::size_t n = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    ElevationGrid grid;
    grid.width = width;
    grid.height = height;
    grid.values.resize(n);
    std::vector<float> alpha(n);
    if (dst->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, width, height, grid.values.data(), width, height, GDT_Float32, 0, 0)
            != CE_None
        || dst->GetRasterBand(2)->RasterIO(GF_Read, 0, 0, width, height, alpha.data(), width, height, GDT_Float32, 0, 0)
               != CE_None)
        return fail("cannot read the warped view: " + gdalReason(errors, "GDAL failed"));
    for (std::size_t i = 0; i < n; ++i)
        if (alpha[i] <= 0) grid.values[i] = std::numeric_limits<float>::quiet_NaN();
    return grid;
}

bool RasterSource::buildOverviews(const std::function<bool(double)>& progress, Diagnostics& diagnostics)
{
    detail::ensureGdalRegistered();
    detail::GdalErrorCollector errors;
    std::optional<NetworkPermit> online;
    if (m_allowRemote) online.emplace();
    // Read-only, so GDAL writes an external .ovr and leaves the person's file as it was.
    GDALDatasetUniquePtr ds = openHandle(m_info.path);
    if (!ds) {
        diagnostics.error(m_info.path, "", "", "cannot open to build overviews: " + gdalReason(errors, "unreadable"));
        return false;
    }
    std::vector<int> levels;
    const int largest = std::max(m_info.width, m_info.height);
    for (int f = 2;; f *= 2) {
        levels.push_back(f);
        if (largest / f <= 256 || f >= (1 << 20)) break;
    }
    const char* resampling = m_info.colour == RasterColour::Palette ? "NEAREST" : "AVERAGE";
    CPLSetThreadLocalConfigOption("COMPRESS_OVERVIEW", "DEFLATE");
    ProgressContext ctx{&progress, nullptr};
    const CPLErr err = ds->BuildOverviews(resampling, static_cast<int>(levels.size()), levels.data(), 0, nullptr,
                                          onProgress, &ctx, nullptr);
    CPLSetThreadLocalConfigOption("COMPRESS_OVERVIEW", nullptr);
    if (err != CE_None) {
        diagnostics.error(m_info.path, "", "", "overviews not built: " + gdalReason(errors, "cancelled"));
        return false;
    }
    const int count = ds->GetRasterBand(1)->GetOverviewCount();
    ds.reset();
    {
        // Handles opened before the .ovr existed would never use it.
        std::lock_guard lock(m_pool->mutex);
        ++m_pool->generation;
        m_pool->idle.clear();
    }
    m_overviews = count;
    return true;
}

}  // namespace atlas
