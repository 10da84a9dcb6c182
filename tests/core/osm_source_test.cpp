// OpenStreetMap extracts read by GDAL's OSM driver into themed layers (issue 18), and the bad
// input of local detail: a broken extract, a DEM without a CRS. Fixtures: tests/data/osm/ (made
// up) and the ridge of tests/dem_fixture.h.
#include "atlas/osm_source.h"

#include "../dem_fixture.h"
#include "../raster_fixture.h"
#include "atlas/crs.h"
#include "atlas/raster_source.h"
#include "atlas/vector_source.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace atlas;

namespace {

const std::string kOsmFixture = std::string(ATLAS_TEST_DATA_DIR) + "/osm/bhamo_fixture.osm";

std::shared_ptr<const Layer> layerNamed(const LoadResult& r, const char* name)
{
    for (const auto& l : r.layers)
        if (l->name() == name) return l;
    return nullptr;
}

}  // namespace

namespace {

void checkThemedLayers(const std::string& path)
{
    INFO(path);
    const LoadResult r = loadVectorSource(path);
    INFO(r.diagnostics.formatAll());
    CHECK_FALSE(r.diagnostics.hasErrors());
    std::vector<std::string> names;
    for (const auto& l : r.layers) names.push_back(l->name());
    CHECK(names == std::vector<std::string>{"landuse", "water", "waterways", "railways", "roads", "places"});

    const auto roads = layerNamed(r, osm::kRoads);
    REQUIRE(roads);
    REQUIRE(roads->featureCount() == 2);
    // Minor roads first, so the primary road is drawn over them.
    CHECK(roads->text(0, "highway") == "tertiary");
    CHECK(roads->text(1, "highway") == "primary");
    CHECK(roads->text(1, "name") == "Fixture Primary Road");
    CHECK(roads->text(1, "osm_id") == "100");
    CHECK(roads->crs() == kDefaultDisplayCrs);
    // The road's first node, (97.10°E, 24.20°N), in UTM 47N metres.
    const Coord first = CoordinateTransform(kWgs84, kDefaultDisplayCrs).transform(Coord{97.10, 24.20});
    CHECK(roads->geometry().firstCoord(1).x == Approx(first.x).margin(0.01));
    CHECK(roads->geometry().firstCoord(1).y == Approx(first.y).margin(0.01));

    const auto places = layerNamed(r, osm::kPlaces);
    REQUIRE(places);
    CHECK(places->text(0, "name") == "Fixture Town");
    CHECK(places->text(0, "place") == "town");
    CHECK(places->text(0, "rank") == "4");
    CHECK(layerNamed(r, osm::kLanduse)->text(0, "landuse") == "residential");
    CHECK(layerNamed(r, osm::kWaterways)->text(0, "waterway") == "river");
    CHECK(layerNamed(r, osm::kWater)->geometry().kind(0) == GeometryKind::Polygon);
}

}  // namespace

TEST_CASE("An OSM extract is read once into themed layers in the display CRS", "[core][osm]")
{
    // The XML file and the same data as PBF (tests/data/osm/README.md) read alike.
    checkThemedLayers(kOsmFixture);
    checkThemedLayers(kOsmFixture + ".pbf");
}

TEST_CASE("A broken OSM file is reported by name, and a missing one too", "[core][osm]")
{
    const std::string broken = std::string(ATLAS_TEST_DATA_DIR) + "/osm/broken.osm";
    const LoadResult r = loadVectorSource(broken);
    REQUIRE(r.diagnostics.hasErrors());
    const Diagnostic& d = r.diagnostics.items().front();
    CHECK(d.file == broken);
    CHECK_THAT(d.message, Catch::Contains("OpenStreetMap file cut short or malformed"));
    CHECK_THAT(r.diagnostics.formatAll(), Catch::Contains("broken.osm"));
    const LoadResult missing = loadVectorSource(std::string(ATLAS_TEST_DATA_DIR) + "/osm/missing.osm.pbf");
    REQUIRE(missing.diagnostics.hasErrors());
    CHECK_THAT(missing.diagnostics.formatAll(), Catch::Contains("missing.osm.pbf") && Catch::Contains("file not found"));
}

TEST_CASE("A DEM with no CRS is refused with a message naming the file", "[core][hillshade]")
{
    const std::string path = test::rasterTempDir("ridge-nocrs") + "/ridge-no-crs.tif";
    test::writeRidgeDem(path, false);
    Diagnostics d;
    CHECK_FALSE(RasterSource::open(path, d));
    REQUIRE(d.hasErrors());
    CHECK(d.items().front().file == path);
    CHECK_THAT(d.items().front().message, Catch::Contains("coordinate reference system"));
}

TEST_CASE("readElevation gives the DEM's heights in the display CRS, NaN beyond it", "[core][hillshade]")
{
    const std::string path = test::rasterTempDir("core-ridge") + "/ridge.tif";
    test::writeRidgeDem(path);
    Diagnostics d;
    const auto dem = RasterSource::open(path, d);
    REQUIRE(dem);
    CHECK(dem->looksLikeElevation());
    const CoordinateTransform toUtm(kWgs84, kDefaultDisplayCrs);
    // 97.0–97.7°E along 24.25°N: the DEM ends at 97.55°E.
    const Box view = toUtm.transformBox(Box::of(97.0, 24.2, 97.7, 24.3));
    const int w = 700, h = 50;
    const ElevationGrid grid = dem->readElevation(kDefaultDisplayCrs, view, w, h).value();
    REQUIRE(grid.width == w);
    REQUIRE(grid.height == h);
    auto at = [&](double lon) {
        const Coord c = toUtm.transform(Coord{lon, 24.25});
        const int x = static_cast<int>((c.x - view.minX) / view.width() * w);
        const int y = static_cast<int>((view.maxY - c.y) / view.height() * h);
        return grid.at(x, y);
    };
    CHECK(at(test::kRidgeLon) == Approx(test::kRidgeHeight).margin(40));  // the crest
    CHECK(at(97.225) == Approx(test::kRidgeHeight / 2).margin(40));          // half-way down
    CHECK(at(97.45) == Approx(0).margin(1));                                  // flat
    CHECK(std::isnan(at(97.65)));                                            // beyond the DEM

    // Imagery is not elevation.
    const std::string rgb = test::rasterTempDir("core-red") + "/red.tif";
    test::writeRedBlockTiff(rgb);
    CHECK_FALSE(RasterSource::open(rgb, d)->looksLikeElevation());
}
