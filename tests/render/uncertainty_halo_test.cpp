// The uncertainty halo (LayerStyle::uncertainty): a disc of halo_m metres around each event,
// under its marker, on the QPainter path (SVG, PDF) and the raster fast path (screen, PNG).
#include "atlas/render/default_styles.h"
#include "atlas/render/renderer.h"
#include "render_test_support.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <optional>

using namespace atlas;
using namespace atlas::render;

namespace {

// Events at display-CRS points (UTM 47N metres), each with a halo radius (nullopt: null).
LayerPtr eventsAt(const std::vector<std::pair<Coord, std::optional<double>>>& events)
{
    auto layer = std::make_shared<Layer>("acled", "", "EPSG:32647");
    layer->addColumn("halo_m", FieldType::Real);
    GeometryColumn& geom = layer->mutableGeometry();
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto& [at, halo] = events[i];
        if (halo) layer->mutableColumns()[0].appendReal(*halo);
        else layer->mutableColumns()[0].appendNull();
        geom.beginFeature(GeometryKind::Point);
        geom.beginPart();
        geom.beginRing();
        geom.addCoord(at.x, at.y);
        geom.endFeature();
        layer->appendFid(static_cast<int64_t>(i));
    }
    geom.recomputeBounds();
    layer->buildIndex();
    return layer;
}

const Coord kCentre{450'000, 2'800'000};
const QColor kFill(213, 94, 0);
constexpr double kOpacity = 0.25;

// 400 × 400 px at `metresPerPixel`, centred `offsetPx` pixels right of the event.
MapScene haloScene(LayerPtr layer, double metresPerPixel, double offsetPx = 0)
{
    MapScene scene;
    scene.viewport.centerX = kCentre.x + offsetPx * metresPerPixel;
    scene.viewport.centerY = kCentre.y;
    scene.viewport.unitsPerPixel = metresPerPixel;
    scene.viewport.width = 400;
    scene.viewport.height = 400;
    scene.labels = false;
    SceneLayer item;
    item.layer = std::move(layer);
    item.style.symbol.fill = kFill;
    item.style.symbol.stroke = Qt::transparent;
    item.style.symbol.strokeWidth = 0;
    item.style.symbol.size = 10;
    item.style.uncertainty.field = "halo_m";
    item.style.uncertainty.opacity = kOpacity;
    scene.layers.push_back(std::move(item));
    return scene;
}

// The background under the fill at the halo's opacity.
QColor haloOver(QColor background)
{
    const auto mix = [](int b, int f) { return static_cast<int>(std::lround(b * (1 - kOpacity) + f * kOpacity)); };
    return QColor(mix(background.red(), kFill.red()), mix(background.green(), kFill.green()),
                  mix(background.blue(), kFill.blue()));
}

QImage draw(const MapScene& scene, bool fastPaths)
{
    RenderOptions options;
    options.fastPaths = fastPaths;
    return Renderer::renderImage(scene, options);
}

}  // namespace

TEST_CASE("A 10 000 m halo at 100 m a pixel is a 100 px disc in the marker colour, under the marker", "[render][halo]")
{
    test::guiApp();
    const MapScene scene = haloScene(eventsAt({{kCentre, 10'000.0}}), 100.0);
    for (const bool fast : {true, false}) {
        INFO((fast ? "raster fast path" : "QPainter path"));
        const QImage img = draw(scene, fast);
        const QColor halo = haloOver(scene.background);
        // The event is at the frame's centre (200, 200); the disc's edge 100 px away.
        for (const auto& [dx, dy] : {std::pair{97, 0}, {-97, 0}, {0, 97}, {0, -97}, {68, 68}, {40, 0}}) {
            INFO("inside at " << dx << ", " << dy);
            CHECK(test::colourDistance(img.pixelColor(200 + dx, 200 + dy), halo) <= 2);
        }
        for (const auto& [dx, dy] : {std::pair{103, 0}, {-103, 0}, {0, 103}, {0, -103}, {73, 73}}) {
            INFO("outside at " << dx << ", " << dy);
            CHECK(img.pixelColor(200 + dx, 200 + dy) == scene.background);
        }
        // The marker is drawn over its halo, opaque.
        CHECK(img.pixelColor(200, 200) == kFill);
    }
}

TEST_CASE("No halo without a radius, with a radius of 0, or with the style option off", "[render][halo]")
{
    test::guiApp();
    const LayerPtr layer = eventsAt({{kCentre, std::nullopt}, {{kCentre.x, kCentre.y + 5'000}, 0.0}});
    MapScene scene = haloScene(layer, 100.0);
    for (const bool fast : {true, false}) {
        const QImage img = draw(scene, fast);
        CHECK(img.pixelColor(200 + 20, 200) == scene.background);
        CHECK(img.pixelColor(200 + 20, 150) == scene.background);
    }
    const MapScene off = [&] {
        MapScene s = haloScene(eventsAt({{kCentre, 10'000.0}}), 100.0);
        s.layers[0].style.uncertainty.field.clear();
        return s;
    }();
    CHECK(draw(off, true).pixelColor(200 + 50, 200) == off.background);
}

TEST_CASE("Halos far larger than the view: covering it, cut at its edge, or missing it", "[render][halo]")
{
    test::guiApp();
    // At 1 m a pixel a 10 km halo is 10 000 px across: far beyond the 400 px frame.
    const LayerPtr layer = eventsAt({{kCentre, 10'000.0}});
    const QColor halo = haloOver(MapScene{}.background);
    for (const bool fast : {true, false}) {
        INFO((fast ? "raster fast path" : "QPainter path"));
        // Event at the frame's centre: every pixel is inside the disc.
        const QImage inside = draw(haloScene(layer, 1.0), fast);
        for (const auto& [x, y] : {std::pair{0, 0}, {399, 0}, {0, 399}, {399, 399}, {150, 200}})
            CHECK(test::colourDistance(inside.pixelColor(x, y), halo) <= 2);
        // The event 10 000 px left of the frame's centre (x = −9 800): the disc's edge runs
        // through column 200 on the event's row.
        const QImage edge = draw(haloScene(layer, 1.0, 10'000), fast);
        CHECK(test::colourDistance(edge.pixelColor(196, 200), halo) <= 2);
        CHECK(test::colourDistance(edge.pixelColor(10, 10), halo) <= 2);
        CHECK(edge.pixelColor(204, 200) == MapScene{}.background);
        CHECK(edge.pixelColor(390, 390) == MapScene{}.background);
        // 200 px further left: nothing of it shows.
        const QImage away = draw(haloScene(layer, 1.0, 10'400), fast);
        CHECK(away.pixelColor(0, 200) == MapScene{}.background);
    }
}

TEST_CASE("Layers with a halo_m column get the halo by default", "[render][halo]")
{
    const LayerPtr layer = eventsAt({{kCentre, 1'000.0}});
    CHECK(defaultStyleFor(*layer).uncertainty.field == "halo_m");
    CHECK(importedEventStyle(*layer, "ACLED").uncertainty.field == "halo_m");
    auto plain = std::make_shared<Layer>("towns", "", "EPSG:32647");
    CHECK(defaultStyleFor(*plain).uncertainty.field.empty());
}
