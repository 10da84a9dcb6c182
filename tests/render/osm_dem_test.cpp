// Local detail (issue 18): an OpenStreetMap extract drawn with its styles where its features lie,
// and a DEM drawn as hillshade lit from where the style says (reading both:
// tests/core/osm_source_test.cpp).
// Fixtures: tests/data/osm/bhamo_fixture.osm and the ridge of tests/dem_fixture.h (made up).
#include "atlas/render/renderer.h"

#include "../dem_fixture.h"
#include "../raster_fixture.h"
#include "atlas/crs.h"
#include "atlas/osm_source.h"
#include "atlas/render/osm_styles.h"
#include "atlas/vector_source.h"
#include "render_test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace atlas;
using namespace atlas::render;

namespace {

const std::string kOsmFixture = std::string(ATLAS_TEST_DATA_DIR) + "/osm/bhamo_fixture.osm";
const Box kBhamoView = Box::of(96.95, 24.05, 97.55, 24.45);  // the `bhamo` bookmark
const QColor kBackground(255, 255, 255);

std::shared_ptr<const Layer> layerNamed(const LoadResult& r, const char* name)
{
    for (const auto& l : r.layers)
        if (l->name() == name) return l;
    return nullptr;
}

struct Frame {
    MapScene scene;
    QImage image;
};

Frame renderAt(MapScene scene, bool fast = true)
{
    RenderOptions options;
    options.fastPaths = fast;
    QImage img(scene.viewport.width, scene.viewport.height, QImage::Format_ARGB32_Premultiplied);
    img.fill(scene.background);
    QPainter painter(&img);
    RenderStats stats;
    REQUIRE(Renderer::render(scene, painter, options, &stats));
    painter.end();
    INFO((stats.errors.empty() ? std::string() : stats.errors.front()));
    CHECK(stats.errors.empty());
    return {std::move(scene), std::move(img)};
}

MapScene bhamoScene(const std::string& crs = kDefaultDisplayCrs, int width = 900, int height = 600)
{
    MapScene scene;
    scene.crs = crs;
    scene.viewport = Viewport::fit(CoordinateTransform(kWgs84, crs).transformBox(kBhamoView), width, height, 0);
    scene.background = kBackground;
    return scene;
}

QColor colourAtLonLat(const Frame& f, double lon, double lat)
{
    const Coord p = f.scene.viewport.toPixel(CoordinateTransform(kWgs84, f.scene.crs).transform(Coord{lon, lat}));
    return f.image.pixelColor(static_cast<int>(std::floor(p.x)), static_cast<int>(std::floor(p.y)));
}

int brightness(QColor c)
{
    return c.red() + c.green() + c.blue();
}

}  // namespace

TEST_CASE("The OSM fixture's primary road is drawn where it lies, in its class's colour", "[render][osm]")
{
    test::guiApp();
    const LoadResult r = loadVectorSource(kOsmFixture);
    MapScene scene = bhamoScene();
    for (const auto& l : r.layers) {
        const auto style = osmStyleFor(*l, "fixture");
        REQUIRE(style);
        SceneLayer item;
        item.layer = l;
        item.style = *style;
        scene.layers.push_back(std::move(item));
    }
    const QColor primary = osmStyleFor(*layerNamed(r, osm::kRoads), {})->symbolFor("primary").stroke;
    for (const bool fast : {true, false}) {
        INFO("fast paths: " << fast);
        const Frame f = renderAt(scene, fast);
        // Along both segments, away from the river (97.17°E), the tertiary road (97.25°E) and
        // the place label, every sample is the primary road's colour.
        int onRoad = 0, samples = 0;
        auto walk = [&](double lon0, double lat0, double lon1, double lat1) {
            for (double t = 0.05; t <= 0.95; t += 0.05) {
                const double lon = lon0 + t * (lon1 - lon0), lat = lat0 + t * (lat1 - lat0);
                if (std::abs(lon - 97.17) < 0.01 || std::abs(lon - 97.25) < 0.01) continue;
                ++samples;
                const QColor c = colourAtLonLat(f, lon, lat);
                if (test::colourDistance(c, primary) <= 30) ++onRoad;
                else UNSCOPED_INFO("off the road colour at " << lon << ", " << lat << ": " << c.name().toStdString());
            }
        };
        walk(97.10, 24.20, 97.25, 24.25);
        walk(97.25, 24.25, 97.40, 24.25);
        CHECK(onRoad == samples);
        // 2 km north and south of the eastern segment there is nothing: the background.
        CHECK(test::colourDistance(colourAtLonLat(f, 97.33, 24.232), kBackground) <= 2);
        CHECK(test::colourDistance(colourAtLonLat(f, 97.40, 24.268), kBackground) <= 2);
        // The residential area is filled, the river is drawn in the river blue.
        CHECK(test::colourDistance(colourAtLonLat(f, 97.31, 24.30), QColor(221, 208, 196)) <= 8);
        const QColor river = colourAtLonLat(f, 97.16, 24.325);  // midway along the river's first segment
        CHECK(river.blue() > river.red() + 60);
    }
}

TEST_CASE("A DEM's hillshade lights the slope facing the light and shades the other", "[render][hillshade]")
{
    test::guiApp();
    const std::string path = test::rasterTempDir("ridge") + "/ridge.tif";
    test::writeRidgeDem(path);
    Diagnostics d;
    const auto dem = RasterSource::open(path, d);
    REQUIRE(dem);
    CHECK(dem->looksLikeElevation());
    const QColor grey(200, 200, 200);
    // West slope (facing west, towards the default 315° light), east slope, flat ground.
    const double west = 97.225, east = 97.275, flat = 97.45, lat = 24.25;
    // Horn on the ridge's flanks: slope 1500 m over 0.05° of longitude at 24.25°N; lit by the
    // default light (azimuth 315°, altitude 45°) the west flank gets
    // (0.5 s + sin 45°) / sqrt(1 + s²) of full light, flat ground sin 45°; the overlay lightens
    // by 0.55 × (shade − flat) / (1 − flat) of white (hillshade_paint.cpp).
    const double s = test::kRidgeHeight / (test::kRidgeHalfWidth * 111320.0 * std::cos(24.25 * M_PI / 180));
    const double shade = (0.5 * s + std::sqrt(0.5)) / std::sqrt(1 + s * s);
    const double lighten = 0.55 * (shade - std::sqrt(0.5)) / (1 - std::sqrt(0.5));
    const int expectedLit = 3 * static_cast<int>(std::lround(200 + 55 * lighten));
    for (const std::string& crs : {std::string(kDefaultDisplayCrs), std::string(kWgs84), std::string("EPSG:3857")}) {
        INFO("display CRS " << crs);
        MapScene scene = bhamoScene(crs, 600, 400);
        scene.background = grey;
        SceneLayer item;
        item.raster = dem;
        item.style.hillshade.enabled = true;  // defaults: azimuth 315°, altitude 45°, z × 1
        scene.layers.push_back(item);
        const Frame f = renderAt(scene);
        const int lit = brightness(colourAtLonLat(f, west, lat));
        const int shaded = brightness(colourAtLonLat(f, east, lat));
        const int level = brightness(colourAtLonLat(f, flat, lat));
        INFO("lit " << lit << ", shaded " << shaded << ", flat " << level);
        CHECK(level == brightness(grey));
        CHECK(lit > level + 20);
        CHECK(shaded < level - 40);
        // The shading follows the ground, not the CRS's units: in degrees, unscaled slopes would
        // be ~100 000 times steeper (the lit flank white, the other black).
        CHECK(lit == Approx(expectedLit).margin(6));

        // Lit from the south-east instead, the sides swap.
        scene.layers.front().style.hillshade.azimuth = 135;
        const Frame g = renderAt(scene);
        CHECK(brightness(colourAtLonLat(g, west, lat)) < level - 40);
        CHECK(brightness(colourAtLonLat(g, east, lat)) > level + 20);
    }
}

TEST_CASE("Exaggeration steepens the hillshade", "[render][hillshade]")
{
    test::guiApp();
    const std::string path = test::rasterTempDir("ridge-z") + "/ridge.tif";
    test::writeRidgeDem(path);
    Diagnostics d;
    const auto dem = RasterSource::open(path, d);
    REQUIRE(dem);
    MapScene scene = bhamoScene(kDefaultDisplayCrs, 600, 400);
    scene.background = QColor(200, 200, 200);
    SceneLayer item;
    item.raster = dem;
    item.style.hillshade.enabled = true;
    scene.layers.push_back(item);
    const int shaded1 = brightness(colourAtLonLat(renderAt(scene), 97.275, 24.25));
    scene.layers.front().style.hillshade.zFactor = 3;
    const int shaded3 = brightness(colourAtLonLat(renderAt(scene), 97.275, 24.25));
    CHECK(shaded3 < shaded1 - 30);
}
