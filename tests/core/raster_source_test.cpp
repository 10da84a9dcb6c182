#include "atlas/raster_source.h"

#include "../raster_fixture.h"
#include "atlas/crs.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace atlas;
using namespace atlas::test;

namespace {

// The pixel of `img` (covering `extent`) under a lon/lat point, reprojected to `crs`.
std::array<uint8_t, 4> pixelAt(const RasterImage& img, const Box& extent, const std::string& crs, double lon, double lat)
{
    const Coord p = CoordinateTransform(kWgs84, crs).transform(Coord{lon, lat});
    const int x = static_cast<int>((p.x - extent.minX) / extent.width() * img.width);
    const int y = static_cast<int>((extent.maxY - p.y) / extent.height() * img.height);
    REQUIRE(x >= 0);
    REQUIRE(y >= 0);
    REQUIRE(x < img.width);
    REQUIRE(y < img.height);
    return img.pixel(x, y);
}

}  // namespace

TEST_CASE("A GeoTIFF read in UTM 47N draws its red block at the projected place", "[core][raster]")
{
    const std::string path = rasterTempDir("red") + "/red.tif";
    writeRedBlockTiff(path);
    Diagnostics d;
    const auto src = RasterSource::open(path, d);
    INFO(d.formatAll());
    REQUIRE(src);
    CHECK(src->info().width == 10);
    CHECK(src->info().colour == RasterColour::Rgb);
    CHECK(src->info().dataBands == 3);
    CHECK_FALSE(src->info().hasAlpha);

    // A view a little larger than the footprint: the corners of the UTM box are outside it.
    const Box foot = src->extentIn("EPSG:32647");
    REQUIRE_FALSE(foot.isEmpty());
    const Box view = foot.buffered(5000);
    const auto read = src->readView("EPSG:32647", view, 300, 330);
    INFO(read.message());
    REQUIRE(read.ok());
    const RasterImage& img = *read;
    REQUIRE(img.width == 300);
    REQUIRE(img.rgba.size() == 300u * 330u * 4u);

    CHECK(pixelAt(img, view, "EPSG:32647", kRedLon, kRedLat) == std::array<uint8_t, 4>{255, 0, 0, 255});
    CHECK(pixelAt(img, view, "EPSG:32647", kGreyLon, kGreyLat) == std::array<uint8_t, 4>{40, 80, 120, 255});
    CHECK(img.pixel(0, 0)[3] == 0);                      // beyond the raster: transparent
    CHECK(img.pixel(299, 329)[3] == 0);

    // The same point in Web Mercator and in lon/lat.
    for (const char* crs : {"EPSG:3857", "EPSG:4326"}) {
        const Box v = src->extentIn(crs);
        const RasterImage m = src->readView(crs, v, 120, 120).value();
        REQUIRE_FALSE(m.empty());
        CHECK(pixelAt(m, v, crs, kRedLon, kRedLat) == std::array<uint8_t, 4>{255, 0, 0, 255});
    }
}

TEST_CASE("Nodata pixels of a grey raster are transparent", "[core][raster]")
{
    const std::string path = rasterTempDir("nodata") + "/grey.tif";
    // Left half nodata (0), right half grey 200.
    writeLonLatTiff(path, 10, 10, 1, {97.0, 0.1, 0, 26.0, 0, -0.1},
                    [](int, int col, int) -> uint8_t { return col < 5 ? 0 : 200; }, 0.0);
    Diagnostics d;
    const auto src = RasterSource::open(path, d);
    REQUIRE(src);
    CHECK(src->info().colour == RasterColour::Grey);
    REQUIRE(src->info().nodata == std::optional<double>(0.0));
    const Box v = src->extentIn("EPSG:32647");
    const RasterImage img = src->readView("EPSG:32647", v, 200, 200).value();
    REQUIRE_FALSE(img.empty());
    CHECK(pixelAt(img, v, "EPSG:32647", 97.25, 25.5)[3] == 0);
    CHECK(pixelAt(img, v, "EPSG:32647", 97.75, 25.5) == std::array<uint8_t, 4>{200, 200, 200, 255});
}

TEST_CASE("A paletted raster draws its colour table entries", "[core][raster]")
{
    GDALColorTable table;
    const GDALColorEntry white{255, 255, 255, 255};
    const GDALColorEntry green{0, 160, 60, 255};
    table.SetColorEntry(0, &white);
    table.SetColorEntry(1, &green);
    const std::string path = rasterTempDir("palette") + "/classes.tif";
    writeLonLatTiff(path, 10, 10, 1, {97.0, 0.1, 0, 26.0, 0, -0.1},
                    [](int, int col, int) -> uint8_t { return col < 5 ? 1 : 0; }, std::nullopt, &table);
    Diagnostics d;
    const auto src = RasterSource::open(path, d);
    REQUIRE(src);
    CHECK(src->info().colour == RasterColour::Palette);
    const Box v = src->extentIn("EPSG:32647");
    const RasterImage img = src->readView("EPSG:32647", v, 100, 100).value();
    CHECK(pixelAt(img, v, "EPSG:32647", 97.25, 25.5) == std::array<uint8_t, 4>{0, 160, 60, 255});
    CHECK(pixelAt(img, v, "EPSG:32647", 97.75, 25.5) == std::array<uint8_t, 4>{255, 255, 255, 255});
}

TEST_CASE("Overviews are built into an external ovr with progress and then used", "[core][raster]")
{
    const std::string dir = rasterTempDir("ovr");
    const std::string path = dir + "/scene.tif";
    writeLonLatTiff(path, 1200, 1000, 3, {97.0, 0.001, 0, 26.0, 0, -0.001},
                    [](int band, int col, int row) -> uint8_t {
                        return static_cast<uint8_t>(band == 1 ? col % 256 : band == 2 ? row % 256 : 90);
                    });
    const auto before = std::filesystem::last_write_time(path);
    Diagnostics d;
    auto src = RasterSource::open(path, d);
    REQUIRE(src);
    CHECK(src->overviewCount() == 0);

    std::vector<double> seen;
    const bool built = src->buildOverviews([&](double f) { seen.push_back(f); return true; }, d);
    INFO(d.formatAll());
    REQUIRE(built);
    CHECK(src->overviewCount() == 3);  // 2, 4, 8: 1200 / 8 = 150 px
    CHECK(std::filesystem::exists(path + ".ovr"));
    CHECK(std::filesystem::last_write_time(path) == before);  // the file itself untouched
    REQUIRE_FALSE(seen.empty());
    CHECK(seen.back() == Approx(1.0));
    CHECK(std::is_sorted(seen.begin(), seen.end()));

    // A re-opened source sees them; a zoomed-out read still works.
    Diagnostics d2;
    const auto again = RasterSource::open(path, d2);
    REQUIRE(again);
    CHECK(again->overviewCount() == 3);
    const Box v = again->extentIn("EPSG:32647");
    CHECK_FALSE(again->readView("EPSG:32647", v, 150, 125).value().empty());
}

TEST_CASE("Cancelling an overview build reports it and leaves no overviews", "[core][raster]")
{
    const std::string path = rasterTempDir("ovr-cancel") + "/scene.tif";
    writeLonLatTiff(path, 1024, 1024, 1, {97.0, 0.001, 0, 26.0, 0, -0.001},
                    [](int, int col, int) -> uint8_t { return static_cast<uint8_t>(col % 256); });
    Diagnostics d;
    auto src = RasterSource::open(path, d);
    REQUIRE(src);
    CHECK_FALSE(src->buildOverviews([](double f) { return f < 0.2; }, d));
    CHECK(d.hasErrors());
    CHECK(d.items().back().file == path);
    CHECK(src->overviewCount() == 0);
}

TEST_CASE("Remote, broken and unplaced rasters are refused with a message naming the file", "[core][raster]")
{
    Diagnostics d;
    CHECK_FALSE(RasterSource::open("/vsicurl/https://example.org/scene.tif", d));
    REQUIRE(d.size() == 1);
    CHECK(d.items()[0].message.find("remote source refused") != std::string::npos);

    const std::string dir = rasterTempDir("broken");
    const std::string broken = dir + "/broken.tif";
    std::ofstream(broken) << "II*\0 this is not a TIFF";
    Diagnostics d2;
    CHECK_FALSE(RasterSource::open(broken, d2));
    REQUIRE(d2.hasErrors());
    CHECK(d2.items()[0].file == broken);
    CHECK(d2.items()[0].message.find("cannot open as a raster") == 0);

    // A PNG with no world file is a raster, but not on the map.
    const std::string png = dir + "/photo.png";
    {
        GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
        GDALDatasetUniquePtr m(mem->Create("", 4, 4, 3, GDT_Byte, nullptr));
        GDALDatasetUniquePtr(GetGDALDriverManager()->GetDriverByName("PNG")->CreateCopy(png.c_str(), m.get(), FALSE,
                                                                                        nullptr, nullptr, nullptr));
    }
    CHECK(RasterSource::isRaster(png));
    Diagnostics d3;
    CHECK_FALSE(RasterSource::open(png, d3));
    REQUIRE(d3.hasErrors());
    CHECK(d3.items()[0].message.find("no georeferencing") != std::string::npos);

    CHECK_FALSE(RasterSource::isRaster(std::string(ATLAS_TEST_DATA_DIR) + "/towns.geojson"));
    // Points on a regular grid, which GDAL's XYZ driver would read as a raster, stay vectors.
    const std::string csv = dir + "/grid.csv";
    std::ofstream(csv) << "lon,lat,v\n97,25,1\n98,25,2\n97,26,3\n98,26,4\n";
    CHECK_FALSE(RasterSource::isRaster(csv));
}

TEST_CASE("An MBTiles file made from the GeoTIFF draws the red block in place", "[core][raster]")
{
    detail::ensureGdalRegistered();
    GDALDriver* mbtiles = GetGDALDriverManager()->GetDriverByName("MBTiles");
    if (!mbtiles) {
        WARN("GDAL has no MBTiles driver here; skipped");
        return;
    }
    const std::string dir = rasterTempDir("mbtiles");
    writeRedBlockTiff(dir + "/red.tif");
    {
        GDALDatasetUniquePtr tif(GDALDataset::Open((dir + "/red.tif").c_str(), GDAL_OF_RASTER));
        // The driver warps to its Web Mercator tiles itself; nearest keeps the colours pure.
        const char* options[] = {"RESAMPLING=NEAREST", nullptr};
        GDALDatasetUniquePtr out(mbtiles->CreateCopy((dir + "/red.mbtiles").c_str(), tif.get(), FALSE,
                                                     const_cast<char**>(options), nullptr, nullptr));
        REQUIRE(out);
    }
    CHECK(RasterSource::isRaster(dir + "/red.mbtiles"));
    Diagnostics d;
    const auto src = RasterSource::open(dir + "/red.mbtiles", d);
    INFO(d.formatAll());
    REQUIRE(src);
    CHECK(src->info().driver == "MBTiles");
    const Box v = src->extentIn("EPSG:32647");
    const RasterImage img = src->readView("EPSG:32647", v, 200, 200).value();
    REQUIRE_FALSE(img.empty());
    CHECK(pixelAt(img, v, "EPSG:32647", kRedLon, kRedLat) == std::array<uint8_t, 4>{255, 0, 0, 255});
    CHECK(pixelAt(img, v, "EPSG:32647", kGreyLon, kGreyLat) == std::array<uint8_t, 4>{40, 80, 120, 255});
}
