#include "atlas/render/default_styles.h"
#include "atlas/render/palette.h"
#include "atlas/render/renderer.h"
#include "atlas/vector_source.h"
#include "render_test_support.h"

#include <catch2/catch.hpp>

using namespace atlas;
using namespace atlas::render;

namespace {

LayerPtr loadTowns()
{
    const LoadResult r = loadVectorSource(std::string(ATLAS_TEST_DATA_DIR) + "/towns.geojson");
    REQUIRE(r.layers.size() == 1);
    return r.layers[0];
}

MapScene townScene(LayerPtr towns, int w, int h)
{
    MapScene scene;
    scene.viewport = Viewport::fit(towns->extent().buffered(50'000), w, h);
    SceneLayer item;
    item.layer = towns;
    item.style.symbol.fill = QColor(200, 30, 30);
    item.style.symbol.stroke = Qt::white;
    item.style.symbol.size = 10;
    item.style.label.field = "name";
    scene.layers.push_back(item);
    return scene;
}

}  // namespace

TEST_CASE("A town symbol is drawn at its projected pixel, in its colour", "[render]")
{
    test::guiApp();
    const LayerPtr towns = loadTowns();
    const MapScene scene = townScene(towns, 400, 300);
    RenderStats stats;
    QImage img(400, 300, QImage::Format_ARGB32_Premultiplied);
    img.fill(scene.background);
    QPainter p(&img);
    REQUIRE(Renderer::render(scene, p, {}, &stats));
    p.end();
    CHECK(stats.featuresDrawn == 3);
    CHECK(stats.labelsPlaced == 3);

    for (std::size_t f = 0; f < towns->featureCount(); ++f) {
        const Coord px = scene.viewport.toPixel(towns->geometry().firstCoord(f));
        INFO(towns->text(f, "name"));
        CHECK(img.pixelColor(static_cast<int>(px.x), static_cast<int>(px.y)) == QColor(200, 30, 30));
    }
    // A corner far from every town shows the background.
    CHECK(img.pixelColor(2, 2) == scene.background);
}

TEST_CASE("A per-feature state hides features, fades them and overrides their category", "[render]")
{
    test::guiApp();
    const LayerPtr towns = loadTowns();
    MapScene scene = townScene(towns, 400, 300);
    scene.labels = false;
    scene.layers[0].style.categories = {{"KIA", "KIA", scene.layers[0].style.symbol}};
    scene.layers[0].style.categories[0].symbol.fill = palette::controllerColor("KIA");
    auto state = std::make_shared<FeatureState>();
    state->visible = {0, 2};            // Bhamo and Laiza; Myitkyina hidden
    state->opacity = {1.0f, 1.0f};
    state->category = {0, -1};          // Bhamo in the KIA category, Laiza default
    scene.layers[0].state = state;
    scene.layers[0].timeDependent = true;

    const QImage img = Renderer::renderImage(scene);
    auto at = [&](std::size_t f) {
        const Coord px = scene.viewport.toPixel(towns->geometry().firstCoord(f));
        return img.pixelColor(static_cast<int>(px.x), static_cast<int>(px.y));
    };
    CHECK(at(0) == palette::controllerColor("KIA"));
    CHECK(at(1) == scene.background);
    CHECK(at(2) == QColor(200, 30, 30));
}

TEST_CASE("Static and time passes compose to the full render", "[render]")
{
    test::guiApp();
    const LayerPtr towns = loadTowns();
    MapScene scene = townScene(towns, 300, 200);
    scene.labels = false;
    SceneLayer timeLayer = scene.layers[0];
    timeLayer.style.symbol.fill = QColor(20, 20, 220);
    timeLayer.style.symbol.size = 4;
    timeLayer.timeDependent = true;
    scene.layers.push_back(timeLayer);

    const QImage full = Renderer::renderImage(scene);
    RenderOptions staticOnly;
    staticOnly.pass = LayerPass::StaticOnly;
    RenderOptions timeOnly;
    timeOnly.pass = LayerPass::TimeOnly;
    QImage composed = Renderer::renderImage(scene, staticOnly);
    const QImage timeImg = Renderer::renderImage(scene, timeOnly);
    {
        QPainter p(&composed);
        p.drawImage(0, 0, timeImg);
    }
    int differing = 0;
    for (int y = 0; y < full.height(); ++y)
        for (int x = 0; x < full.width(); ++x)
            if (test::colourDistance(full.pixelColor(x, y), composed.pixelColor(x, y)) > 2) ++differing;
    CHECK(differing == 0);
    // The static pass alone has the red symbol, the time pass the blue one on top.
    const Coord px = scene.viewport.toPixel(towns->geometry().firstCoord(0));
    CHECK(Renderer::renderImage(scene, staticOnly).pixelColor(int(px.x), int(px.y)) == QColor(200, 30, 30));
    CHECK(full.pixelColor(int(px.x), int(px.y)) == QColor(20, 20, 220));
}

TEST_CASE("Rendering stops when cancelled", "[render]")
{
    test::guiApp();
    const LayerPtr towns = loadTowns();
    const MapScene scene = townScene(towns, 100, 100);
    std::atomic<bool> cancel{true};
    RenderOptions opts;
    opts.cancel = &cancel;
    QImage img(100, 100, QImage::Format_ARGB32_Premultiplied);
    QPainter p(&img);
    CHECK_FALSE(Renderer::render(scene, p, opts));
}
