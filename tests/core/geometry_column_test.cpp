#include "atlas/geometry_column.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

using namespace atlas;

namespace {

void addPoint(GeometryColumn& g, double x, double y)
{
    g.beginFeature(GeometryKind::Point);
    g.beginPart();
    g.beginRing();
    g.addCoord(x, y);
    g.endFeature();
}

void addRing(GeometryColumn& g, const std::vector<Coord>& ring)
{
    g.beginRing();
    for (const Coord c : ring) g.addCoord(c.x, c.y);
}

}  // namespace

TEST_CASE("Stored coordinates read back within half a step, the step following the extent",
          "[core][geometry]")
{
    // UTM 47N metres over the benchmark file's 300 × 445 km, in an order that widens the extent
    // late (the grid coarsens while the column fills).
    GeometryColumn g;
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> near(0, 1000), far(0, 445'000);
    std::vector<Coord> written;
    for (int i = 0; i < 20'000; ++i) {
        const bool wide = i > 10'000;
        const Coord c{400'000 + (wide ? far(rng) * 300.0 / 445.0 : near(rng)), 2'600'000 + (wide ? far(rng) : near(rng))};
        written.push_back(c);
        addPoint(g, c.x, c.y);
    }
    REQUIRE(g.coordCount() == written.size());
    const double step = g.grid().step;
    CHECK(step == std::ldexp(1.0, std::ilogb(step)));  // a power of two
    CHECK(step <= 0.5e-3);  // at most half a millimetre for 445 km
    double worst = 0;
    for (std::size_t f = 0; f < written.size(); ++f) {
        const Coord c = g.firstCoord(f);
        worst = std::max({worst, std::abs(c.x - written[f].x), std::abs(c.y - written[f].y)});
        CHECK(g.bounds(f).minX == c.x);
        CHECK(g.bounds(f).maxY == c.y);
    }
    // Half a step for the last coordinates; the ones re-rounded when the grid coarsened, at most
    // three quarters of one.
    CHECK(worst <= 0.75 * step);
    CHECK(worst > 0);

    // A small layer keeps a far finer step.
    GeometryColumn town;
    addPoint(town, 97.2345678, 24.2678901);
    addPoint(town, 97.2456789, 24.2789012);
    CHECK(town.grid().step < 1e-9);
    CHECK(town.firstCoord(1).x == Approx(97.2456789).margin(1e-12));
}

TEST_CASE("Rings, spans and offsets of stored coordinates", "[core][geometry]")
{
    GeometryColumn g;
    addPoint(g, 10, 20);
    g.beginFeature(GeometryKind::Polygon);
    g.beginPart();
    addRing(g, {{0, 0}, {4, 0}, {4, 4}, {0, 0}});
    addRing(g, {{1, 1}, {2, 1}, {2, 2}, {1, 1}});
    g.endFeature();
    REQUIRE(g.featureCount() == 2);
    const CoordSpan all = g.coords(1);
    CHECK(all.size() == 8);
    CHECK(all.offset() == 1);
    const uint32_t part = g.partBegin(1);
    const CoordSpan hole = g.ring(g.ringBegin(part) + 1);
    CHECK(hole.offset() == 5);
    CHECK(hole.size() == 4);
    CHECK(hole[1].x == Approx(2).margin(1e-9));
    CHECK(hole.back().y == Approx(1).margin(1e-9));
    const std::vector<Coord> copied = hole.toVector();
    REQUIRE(copied.size() == 4);
    CHECK(copied[2].y == Approx(2).margin(1e-9));
    CHECK(g.bounds(1) == Box::of(0, 0, 4, 4));
    CHECK(g.allCoords().size() == 9);
}

TEST_CASE("A feature with a coordinate that is not finite is stored without geometry", "[core][geometry]")
{
    GeometryColumn g;
    addPoint(g, 1, 2);
    g.beginFeature(GeometryKind::Line);
    g.beginPart();
    addRing(g, {{3, 4}, {NAN, 5}});
    g.endFeature();
    g.beginFeature(GeometryKind::Line);
    g.beginPart();
    addRing(g, {{1e300, 4}, {6, 7}});  // rejected by the loader: must not coarsen the grid
    g.endFeature(false);
    addPoint(g, 5, 6);
    REQUIRE(g.featureCount() == 4);
    CHECK(g.isNull(1));
    CHECK(g.coords(1).empty());
    CHECK(g.partBegin(1) == g.partEnd(1));
    CHECK(g.isNull(2));
    CHECK(g.coords(2).empty());
    CHECK(g.grid().step < 1e-6);
    CHECK(g.firstCoord(3).x == Approx(5).margin(1e-9));
    CHECK(g.coordCount() == 2);
}

TEST_CASE("Transforming features stores them on a new grid and names those that failed", "[core][geometry]")
{
    GeometryColumn g;
    for (int i = 0; i < 100'000; ++i) addPoint(g, 97.0 + i * 1e-5, 24.0 + i * 1e-5);
    const auto lost = g.transformFeatures([](std::span<Coord> cs) {
        for (Coord& c : cs) c = c.x > 97.9 ? Coord{INFINITY, 0} : Coord{c.x * 100'000, c.y * 100'000};
    });
    // x > 97.9 from i = 90,001 on (float rounding decides the boundary's side).
    REQUIRE(lost.size() >= 9'998);
    REQUIRE(lost.size() <= 10'000);
    CHECK(lost.front() >= 89'999);
    CHECK(g.isNull(lost.front()));
    CHECK(g.bounds(lost.back()).isEmpty());
    CHECK(g.firstCoord(50'000).x == Approx((97.0 + 50'000 * 1e-5) * 100'000).margin(0.001));
    CHECK(g.firstCoord(0).y == Approx(2'400'000).margin(0.001));
    CHECK(g.grid().step <= 1.0 / 256);
    CHECK(g.bounds(1234).minX == g.firstCoord(1234).x);
}

TEST_CASE("Point bounds are dropped only for single points, and come back when the column grows",
          "[core][geometry]")
{
    GeometryColumn points;
    addPoint(points, 1, 2);
    addPoint(points, 3, 4);
    CHECK_FALSE(points.pointBoundsDropped());
    points.dropPointBounds();
    CHECK(points.pointBoundsDropped());
    CHECK(points.allBounds().empty());
    CHECK(points.bounds(1).minX == 3);  // from the coordinate
    addPoint(points, 5, 6);             // changing the column stores them again
    CHECK_FALSE(points.pointBoundsDropped());
    CHECK(points.allBounds().size() == 3);

    GeometryColumn mixed;
    addPoint(mixed, 1, 2);
    mixed.beginFeature(GeometryKind::Line);
    mixed.beginPart();
    addRing(mixed, {{0, 0}, {1, 1}});
    mixed.endFeature();
    mixed.dropPointBounds();
    CHECK_FALSE(mixed.pointBoundsDropped());
    CHECK(mixed.allBounds().size() == 2);
}
