#pragma once
// A made-up elevation raster for the hillshade tests (core, render, command line): a ridge running
// north–south along 97.25°E over the Bhamo view (96.95–97.55°E, 24.05–24.45°N), 1500 m at its
// crest falling linearly to 0 m at 0.05° (~5 km) either side, flat 0 m beyond. Not real terrain.
#include "atlas/detail/gdal_errors.h"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace atlas::test {

inline constexpr double kRidgeLon = 97.25;
inline constexpr double kRidgeHalfWidth = 0.05;  // degrees of longitude
inline constexpr double kRidgeHeight = 1500.0;   // metres

// Writes the ridge as a Float32 GeoTIFF, 0.0025° a pixel, in EPSG:4326 (or with no CRS at all
// when `withCrs` is false, for the error test).
inline void writeRidgeDem(const std::string& path, bool withCrs = true)
{
    detail::ensureGdalRegistered();
    constexpr double x0 = 96.95, y0 = 24.45, step = 0.0025;
    constexpr int w = 240, h = 160;  // 96.95–97.55°E, 24.05–24.45°N
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDatasetUniquePtr ds(drv->Create(path.c_str(), w, h, 1, GDT_Float32, nullptr));
    if (!ds) throw std::runtime_error("cannot create the test DEM " + path);
    double gt[6] = {x0, step, 0, y0, 0, -step};
    ds->SetGeoTransform(gt);
    if (withCrs) {
        OGRSpatialReference srs;
        srs.importFromEPSG(4326);
        ds->SetSpatialRef(&srs);
    }
    std::vector<float> values(static_cast<std::size_t>(w) * h);
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c) {
            const double lon = x0 + (c + 0.5) * step;
            const double d = std::abs(lon - kRidgeLon) / kRidgeHalfWidth;
            values[static_cast<std::size_t>(r * w + c)] = static_cast<float>(kRidgeHeight * std::max(0.0, 1.0 - d));
        }
    if (ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, w, h, values.data(), w, h, GDT_Float32, 0, 0) != CE_None)
        throw std::runtime_error("cannot write the test DEM " + path);
}

}  // namespace atlas::test
