#pragma once
// Small GeoTIFFs written with GDAL for the raster tests (core and render): a 10 × 10 lon/lat
// grid over 97–98°E, 25–26°N, 0.1° a pixel, grey except a pure red 3 × 3 block whose centre
// is at 97.35°E, 25.55°N (columns 2–4, rows 3–5).
#include "atlas/detail/gdal_errors.h"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <unistd.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace atlas::test {

inline constexpr double kRedLon = 97.35;
inline constexpr double kRedLat = 25.55;
inline constexpr double kGreyLon = 97.85;  // a grey pixel's centre, away from the block
inline constexpr double kGreyLat = 25.15;
inline constexpr std::array<uint8_t, 3> kGrey{40, 80, 120};

inline std::string rasterTempDir(const std::string& name)
{
    const auto dir = std::filesystem::temp_directory_path() / ("kachin-atlas-raster-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

// Writes a Byte GeoTIFF in EPSG:4326; value(band, col, row) gives each pixel.
inline void writeLonLatTiff(const std::string& path, int width, int height, int bands, std::array<double, 6> gt,
                            const std::function<uint8_t(int, int, int)>& value,
                            std::optional<double> nodata = std::nullopt, const GDALColorTable* palette = nullptr)
{
    detail::ensureGdalRegistered();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDatasetUniquePtr ds(drv->Create(path.c_str(), width, height, bands, GDT_Byte, nullptr));
    ds->SetGeoTransform(gt.data());
    OGRSpatialReference srs;
    srs.importFromEPSG(4326);
    ds->SetSpatialRef(&srs);
    std::vector<uint8_t> buf(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    for (int b = 1; b <= bands; ++b) {
        for (int r = 0; r < height; ++r)
            for (int c = 0; c < width; ++c) buf[static_cast<std::size_t>(r * width + c)] = value(b, c, r);
        GDALRasterBand* band = ds->GetRasterBand(b);
        if (band->RasterIO(GF_Write, 0, 0, width, height, buf.data(), width, height, GDT_Byte, 0, 0) != CE_None)
            throw std::runtime_error("cannot write the test raster " + path);
        if (nodata) band->SetNoDataValue(*nodata);
        if (palette) {
            band->SetColorTable(const_cast<GDALColorTable*>(palette));
            band->SetColorInterpretation(GCI_PaletteIndex);
        }
    }
}

// The RGB fixture described above.
inline void writeRedBlockTiff(const std::string& path)
{
    writeLonLatTiff(path, 10, 10, 3, {97.0, 0.1, 0, 26.0, 0, -0.1}, [](int band, int col, int row) -> uint8_t {
        const bool red = col >= 2 && col <= 4 && row >= 3 && row <= 5;
        if (red) return band == 1 ? 255 : 0;
        return kGrey[static_cast<std::size_t>(band - 1)];
    });
}

}  // namespace atlas::test
