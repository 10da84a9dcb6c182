// Raster (imagery) layers: the done-when of issue 10's imagery part — a GeoTIFF with a known
// pixel value draws that colour at the right place — on the fast path and the plain QPainter
// path, under a vector layer, and blended at half opacity.
#include "atlas/render/renderer.h"

#include "../raster_fixture.h"
#include "atlas/crs.h"
#include "atlas/vector_source.h"
#include "render_test_support.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace atlas;
using namespace atlas::render;

namespace {

struct Fixture {
    std::shared_ptr<RasterSource> raster;
    MapScene scene;
};

Fixture redBlockScene(const std::string& name)
{
    test::guiApp();
    const std::string path = test::rasterTempDir(name) + "/red.tif";
    test::writeRedBlockTiff(path);
    Diagnostics d;
    Fixture f;
    f.raster = RasterSource::open(path, d);
    REQUIRE(f.raster);
    f.scene.crs = "EPSG:32647";
    f.scene.viewport = Viewport::fit(f.raster->extentIn("EPSG:32647"), 400, 300, 20);
    f.scene.background = QColor(255, 255, 255);
    SceneLayer item;
    item.raster = f.raster;
    f.scene.layers.push_back(item);
    return f;
}

QColor colourAt(const QImage& img, const Viewport& vp, double lon, double lat)
{
    const Coord p = vp.toPixel(CoordinateTransform(kWgs84, "EPSG:32647").transform(Coord{lon, lat}));
    return img.pixelColor(static_cast<int>(p.x), static_cast<int>(p.y));
}

}  // namespace

TEST_CASE("A GeoTIFF with a known pixel value draws that colour at the right place", "[render][imagery]")
{
    Fixture f = redBlockScene("render-red");
    for (const bool fast : {true, false}) {
        INFO("fast paths: " << fast);
        RenderOptions opts;
        opts.fastPaths = fast;
        RenderStats stats;
        QImage img(f.scene.viewport.width, f.scene.viewport.height, QImage::Format_ARGB32_Premultiplied);
        img.fill(f.scene.background);
        QPainter painter(&img);
        REQUIRE(Renderer::render(f.scene, painter, opts, &stats));
        painter.end();
        CHECK(stats.errors.empty());
        CHECK(colourAt(img, f.scene.viewport, test::kRedLon, test::kRedLat) == QColor(255, 0, 0));
        CHECK(colourAt(img, f.scene.viewport, test::kGreyLon, test::kGreyLat) == QColor(40, 80, 120));
        CHECK(img.pixelColor(1, 1) == QColor(255, 255, 255));  // outside the raster: background
    }
}

TEST_CASE("A raster layer at half opacity blends with what is under it", "[render][imagery]")
{
    Fixture f = redBlockScene("render-half");
    f.scene.layers[0].style.opacity = 0.5;
    const QImage img = Renderer::renderImage(f.scene);
    // Red over white at 50 %: (255, 128, 128) within rounding.
    CHECK(test::colourDistance(colourAt(img, f.scene.viewport, test::kRedLon, test::kRedLat), QColor(255, 128, 128)) <= 2);
    CHECK(test::colourDistance(colourAt(img, f.scene.viewport, test::kGreyLon, test::kGreyLat), QColor(148, 168, 188))
          <= 2);
}

TEST_CASE("Vector layers above a raster cover it and the raster covers those below", "[render][imagery]")
{
    Fixture f = redBlockScene("render-order");
    // A blue square over the grey pixel's neighbourhood, not over the red block.
    const std::string gj = test::rasterTempDir("render-order-vec") + "/square.geojson";
    std::ofstream(gj) << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},)"
                         R"("geometry":{"type":"Polygon","coordinates":[[[97.7,25.05],[97.95,25.05],[97.95,25.3],)"
                         R"([97.7,25.3],[97.7,25.05]]]}}]})";
    LoadResult r = loadVectorSource(gj);
    REQUIRE(r.layers.size() == 1);
    SceneLayer square;
    square.layer = r.layers[0];
    square.style.symbol.fill = QColor(0, 0, 255);
    square.style.symbol.stroke = QColor(0, 0, 255);
    for (const bool fast : {true, false}) {
        INFO("fast paths: " << fast);
        RenderOptions opts;
        opts.fastPaths = fast;
        // Above the raster: blue where it lies, red still shows elsewhere.
        MapScene above = f.scene;
        above.layers.push_back(square);
        QImage img = Renderer::renderImage(above, opts);
        CHECK(colourAt(img, above.viewport, test::kGreyLon, test::kGreyLat) == QColor(0, 0, 255));
        CHECK(colourAt(img, above.viewport, test::kRedLon, test::kRedLat) == QColor(255, 0, 0));
        // Below it: the opaque raster hides the square.
        MapScene below = f.scene;
        below.layers.insert(below.layers.begin(), square);
        img = Renderer::renderImage(below, opts);
        CHECK(colourAt(img, below.viewport, test::kGreyLon, test::kGreyLat) == QColor(40, 80, 120));
    }
}

TEST_CASE("The labels-only and time passes leave raster layers out", "[render][imagery]")
{
    Fixture f = redBlockScene("render-pass");
    for (const LayerPass pass : {LayerPass::TimeOnly, LayerPass::None}) {
        RenderOptions opts;
        opts.pass = pass;
        const QImage img = Renderer::renderImage(f.scene, opts);
        CHECK(colourAt(img, f.scene.viewport, test::kRedLon, test::kRedLat).alpha() == 0);
    }
}
