#pragma once
// Imagery and other rasters GDAL reads (GeoTIFF and Cloud-Optimised GeoTIFF, MBTiles, JPEG 2000,
// VRT, PNG/JPEG with a world file…). Unlike a vector layer a raster is never loaded whole: each
// view reads only the pixels it shows, warped by GDAL into the display CRS from the overview
// nearest the output resolution, so a large satellite scene stays fast once it has overviews.
//
// Threads: a GDAL dataset must not be used by two threads at once, so every readView borrows a
// handle of its own from a small pool (opening another when all are busy) and gives it back.
#include "atlas/box.h"
#include "atlas/diagnostics.h"
#include "atlas/result.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace atlas {

// How band values become colours.
enum class RasterColour {
    Grey,     // one band, stretched to black..white when not 8-bit
    Palette,  // one band of indices into a colour table (always resampled nearest)
    Rgb,      // red, green and blue bands (by colour interpretation, else bands 1–3)
};

struct RasterInfo {
    std::string path;
    std::string driver;  // GDAL short name: "GTiff", "MBTiles", "JP2OpenJPEG"…
    int width = 0;
    int height = 0;
    int bandCount = 0;       // as stored, alpha included
    int dataBands = 0;       // bands warped: bandCount without a trailing alpha band
    bool hasAlpha = false;   // last band is alpha
    std::string crsWkt;
    std::array<double, 6> geoTransform{};
    RasterColour colour = RasterColour::Grey;
    std::array<int, 3> rgbBands{1, 1, 1};            // 1-based bands for red, green, blue
    std::vector<std::array<uint8_t, 4>> palette;     // RasterColour::Palette: RGBA per index
    std::optional<double> nodata;                    // of band 1
    bool byteData = true;                            // else stretched per band:
    std::vector<std::pair<double, double>> stretch;  // min, max of each data band
    Box extent;                                      // in the raster's own CRS
};

// Straight (not premultiplied) RGBA, 8 bits a channel, rows top first.
struct RasterImage {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> rgba;
    bool empty() const { return rgba.empty(); }
    std::array<uint8_t, 4> pixel(int x, int y) const
    {
        const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 4;
        return {rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]};
    }
};

// Band 1's values of a view, for elevation (hillshade): metres or whatever the DEM holds, rows
// top first, NaN where the raster has nodata or does not reach.
struct ElevationGrid {
    int width = 0;
    int height = 0;
    std::vector<float> values;
    bool empty() const { return values.empty(); }
    float at(int x, int y) const { return values[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)]; }
};

struct RasterOpenOptions {
    // Remote sources (/vsicurl/, http(s)://…) are refused unless this is set (see network.h).
    bool allowRemote = false;
};

class RasterSource {
public:
    // Opens and describes a raster. Null, with an error naming the file, when GDAL cannot read
    // it as a raster, when it has no georeferencing, or when it is remote and not allowed.
    static std::shared_ptr<RasterSource> open(const std::string& path, Diagnostics& diagnostics,
                                              const RasterOpenOptions& options = {});
    // True when GDAL opens `path` as a raster (Open Data uses this to tell rasters from vectors);
    // files named as vector formats (.geojson, .csv, .shp…) are not asked.
    static bool isRaster(const std::string& path);

    ~RasterSource();
    RasterSource(const RasterSource&) = delete;
    RasterSource& operator=(const RasterSource&) = delete;

    const RasterInfo& info() const { return m_info; }
    // The raster's footprint in `crs` (empty when PROJ cannot transform it). Cached per CRS.
    Box extentIn(const std::string& crs) const;

    // The pixels of `extent` (in `crs`) at width × height, warped and coloured; transparent where
    // the raster has nodata, alpha 0 or does not reach. Thread-safe. An empty image when
    // cancelled or when GDAL fails, the diagnostic says why ("file: cancelled", "file: cannot warp…").
    Result<RasterImage> readView(const std::string& crs, const Box& extent, int width, int height,
                                 const std::atomic<bool>* cancel = nullptr) const;

    // Band 1 of `extent` (in `crs`) at width × height, warped bilinearly from the overview nearest
    // that resolution (only the window is read), as values rather than colours. Thread-safe;
    // a failure says why when cancelled or when GDAL fails.
    Result<ElevationGrid> readElevation(const std::string& crs, const Box& extent, int width, int height,
                                        const std::atomic<bool>* cancel = nullptr) const;
    // A single band of numbers (not 8-bit, no colour table): a DEM, drawn as hillshade when opened.
    bool looksLikeElevation() const
    {
        return m_info.dataBands == 1 && m_info.colour == RasterColour::Grey && !m_info.byteData;
    }

    // Overviews of band 1 as GDAL sees them now (internal, or an external .ovr beside the file).
    int overviewCount() const { return m_overviews.load(); }
    // True when the raster is large and has no overviews: a zoomed-out view would read every pixel.
    bool wantsOverviews() const;
    // Builds overviews (factors 2, 4, 8… until the raster fits in ~256 pixels) into an external
    // .ovr beside the file: the person's file itself is never rewritten. `progress` gets 0..1 and
    // returns false to cancel. False with a diagnostic on failure or cancel.
    bool buildOverviews(const std::function<bool(double)>& progress, Diagnostics& diagnostics);

    struct Pool;  // idle GDAL handles (defined in the .cpp)

private:
    RasterSource() = default;
    RasterInfo m_info;
    bool m_allowRemote = false;
    std::atomic<int> m_overviews{0};
    std::unique_ptr<Pool> m_pool;
    mutable std::mutex m_extentMutex;
    mutable std::map<std::string, Box> m_extents;
};

using RasterPtr = std::shared_ptr<const RasterSource>;

}  // namespace atlas
