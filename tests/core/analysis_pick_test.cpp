// Identify: hits within a pixel tolerance, in the order the click most likely meant.
#include "atlas/analysis/pick.h"

#include <catch2/catch.hpp>

#include <memory>

using namespace atlas;

namespace {

std::shared_ptr<Layer> points(std::initializer_list<Coord> coords)
{
    auto l = std::make_shared<Layer>("pts", "", "EPSG:32647");
    for (const Coord& c : coords) {
        l->mutableGeometry().beginFeature(GeometryKind::Point);
        l->mutableGeometry().beginPart();
        l->mutableGeometry().beginRing();
        l->mutableGeometry().addCoord(c.x, c.y);
        l->mutableGeometry().endFeature();
        l->appendFid(0);
    }
    l->buildIndex();
    return l;
}

// A 100 × 100 square with a 20 × 20 hole in its middle, and a line along y = 200.
std::shared_ptr<Layer> squareWithHoleAndLine()
{
    auto l = std::make_shared<Layer>("shapes", "", "EPSG:32647");
    GeometryColumn& g = l->mutableGeometry();
    g.beginFeature(GeometryKind::Polygon);
    g.beginPart();
    g.beginRing();
    for (Coord c : {Coord{0, 0}, Coord{100, 0}, Coord{100, 100}, Coord{0, 100}, Coord{0, 0}}) g.addCoord(c.x, c.y);
    g.beginRing();
    for (Coord c : {Coord{40, 40}, Coord{60, 40}, Coord{60, 60}, Coord{40, 60}, Coord{40, 40}}) g.addCoord(c.x, c.y);
    g.endFeature();
    l->appendFid(0);
    g.beginFeature(GeometryKind::Line);
    g.beginPart();
    g.beginRing();
    g.addCoord(0, 200);
    g.addCoord(100, 200);
    g.endFeature();
    l->appendFid(1);
    l->buildIndex();
    return l;
}

// 1 map unit per pixel, origin at pixel (0, 300): map (x, y) is pixel (x, 300 − y).
Viewport unitViewport()
{
    Viewport vp;
    vp.width = 600;
    vp.height = 600;
    vp.unitsPerPixel = 1;
    vp.centerX = 300;
    vp.centerY = 0;
    return vp;
}

Coord px(const Viewport& vp, double x, double y)
{
    return vp.toPixel({x, y});
}

}  // namespace

TEST_CASE("Point in polygon treats holes as outside, distances to segments and features", "[analysis][pick]")
{
    auto l = squareWithHoleAndLine();
    const GeometryColumn& g = l->geometry();
    CHECK(polygonContains(g, 0, {10, 10}));
    CHECK_FALSE(polygonContains(g, 0, {50, 50}));  // in the hole
    CHECK_FALSE(polygonContains(g, 0, {150, 50}));
    CHECK_FALSE(polygonContains(g, 1, {50, 200}));  // a line contains nothing
    CHECK(distanceToSegment({50, 10}, {0, 0}, {100, 0}) == Approx(10));
    CHECK(distanceToSegment({-3, 4}, {0, 0}, {100, 0}) == Approx(5));
    CHECK(distanceToFeature(g, 1, {50, 203}) == Approx(3));
    CHECK(distanceToFeature(g, 0, {50, 50}) == Approx(10));  // to the hole's edge
}

TEST_CASE("A town dot under an event's larger disc is the first hit, the disc is next", "[analysis][pick]")
{
    const Viewport vp = unitViewport();
    auto towns = points({{100, 100}, {104, 100}});  // Bhamo and, 4 px away, its airport
    auto events = points({{100, 100}});
    const uint32_t eventRows[] = {0};
    const PickLayer layers[] = {
        {towns.get(), {}, true, 3.25, 0.5},
        {events.get(), eventRows, false, 7.5, 0.5},  // drawn on top
    };
    const auto hits = pickFeatures(layers, vp, px(vp, 100, 100), 4);
    REQUIRE(hits.size() == 3);
    CHECK(hits[0] == PickHit{0, 0, GeometryKind::Point, 0});
    CHECK(hits[1].layerIndex == 1);  // the event disc: the click is on it, but it is larger
    CHECK(hits[2].row == 1);         // the airport: only within the tolerance
    // Nearer the airport, the airport wins among equal dots.
    const auto nearAirport = pickFeatures(layers, vp, px(vp, 102.5, 100), 4);
    REQUIRE_FALSE(nearAirport.empty());
    CHECK(nearAirport[0].layerIndex == 0);
    CHECK(nearAirport[0].row == 1);
}

TEST_CASE("Rows not drawn on the day are not hit, far clicks hit nothing", "[analysis][pick]")
{
    const Viewport vp = unitViewport();
    auto events = points({{100, 100}, {200, 100}});
    const uint32_t drawn[] = {1};
    const PickLayer layers[] = {{events.get(), drawn, false, 7.5, 0.5}};
    CHECK(pickFeatures(layers, vp, px(vp, 100, 100), 4).empty());
    CHECK(pickFeatures(layers, vp, px(vp, 200, 100), 4).size() == 1);
    CHECK(pickFeatures(layers, vp, px(vp, 200, 120), 4).empty());  // 20 px > 7.5 + 4
}

TEST_CASE("Points before lines before polygons, polygons topmost first, holes excluded", "[analysis][pick]")
{
    const Viewport vp = unitViewport();
    auto shapes = squareWithHoleAndLine();
    auto pts = points({{10, 10}});
    auto cover = squareWithHoleAndLine();  // the same square again, drawn above
    const PickLayer layers[] = {
        {shapes.get(), {}, true, 3, 1},
        {pts.get(), {}, true, 3, 0.5},
        {cover.get(), {}, true, 3, 1},
    };
    auto hits = pickFeatures(layers, vp, px(vp, 10, 10), 3);
    REQUIRE(hits.size() == 3);
    CHECK(hits[0].layerIndex == 1);  // the point
    CHECK(hits[1].layerIndex == 2);  // the upper square
    CHECK(hits[2].layerIndex == 0);
    CHECK(hits[1].distancePx == 0);
    // In the hole, away from its edges: no polygon.
    CHECK(pickFeatures(layers, vp, px(vp, 50, 50), 3).empty());
    // Next to the line.
    hits = pickFeatures(layers, vp, px(vp, 50, 202), 3);
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].kind == GeometryKind::Line);
    CHECK(hits[0].distancePx == Approx(2));
}
