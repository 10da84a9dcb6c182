#include "atlas/crs.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace atlas;

TEST_CASE("Bhamo reprojects to UTM 47N where PROJ's cs2cs puts it", "[core][crs]")
{
    // Reference: `echo "24.2526 97.2336" | cs2cs EPSG:4326 EPSG:32647` → 320671.0299 2683329.0468
    CoordinateTransform t(kWgs84, kDefaultDisplayCrs);
    const Coord bhamo = t.transform(Coord{97.2336, 24.2526});
    CHECK(bhamo.x == Approx(320671.0299).margin(1.0));
    CHECK(bhamo.y == Approx(2683329.0468).margin(1.0));

    const Coord back = t.inverse(bhamo);
    CHECK(back.x == Approx(97.2336).margin(1e-7));
    CHECK(back.y == Approx(24.2526).margin(1e-7));
}

TEST_CASE("Web Mercator is available as a display CRS", "[core][crs]")
{
    CoordinateTransform t(kWgs84, "EPSG:3857");
    const Coord bhamo = t.transform(Coord{97.2336, 24.2526});
    CHECK(bhamo.x == Approx(10823994.84).margin(1.0));
    CHECK(bhamo.y == Approx(2784218.8676).margin(1.0));
}

TEST_CASE("Batch transform marks impossible points as infinite", "[core][crs]")
{
    CoordinateTransform t(kWgs84, kDefaultDisplayCrs);
    Coord pts[] = {{97.2336, 24.2526}, {0.0, 95.0}};
    const std::size_t failed = t.transform(pts, 2);
    CHECK(failed == 1);
    CHECK(std::isfinite(pts[0].x));
    CHECK_FALSE(std::isfinite(pts[1].x));
}

TEST_CASE("Unknown CRS is a CrsError naming the definition", "[core][crs]")
{
    try {
        CoordinateTransform t("EPSG:999999", kDefaultDisplayCrs);
        FAIL("expected CrsError");
    } catch (const CrsError& e) {
        CHECK_THAT(e.what(), Catch::Contains("EPSG:999999"));
    }
}

TEST_CASE("A CRS from the user is a result: the transform, or a diagnostic naming the CRS", "[core][crs]")
{
    const auto bad = CoordinateTransform::create(kWgs84, "EPSG:999999");
    REQUIRE_FALSE(bad);
    REQUIRE(bad.diagnostics().size() == 1);
    CHECK(bad.diagnostics().items()[0].field == "crs");
    CHECK_THAT(bad.message(), Catch::StartsWith("<input>: crs: unknown CRS \"EPSG:999999\""));
    CHECK_THROWS_AS(bad.value(), std::logic_error);

    // The same transform as the throwing constructor: Bhamo in UTM 47N.
    const auto good = CoordinateTransform::create(kWgs84, kDefaultDisplayCrs);
    REQUIRE(good);
    CHECK(good.diagnostics().empty());
    const Coord bhamo = good->transform(Coord{97.2336, 24.2526});
    const Coord same = CoordinateTransform(kWgs84, kDefaultDisplayCrs).transform(Coord{97.2336, 24.2526});
    CHECK(bhamo.x == same.x);
    CHECK(bhamo.y == same.y);
    // Reference: `echo "97.2336 24.2526" | gdaltransform -s_srs EPSG:4326 -t_srs EPSG:32647`.
    CHECK(bhamo.x == Approx(320671.030).margin(0.01));
    CHECK(bhamo.y == Approx(2683329.047).margin(0.01));
}

TEST_CASE("Geodesic distance Bhamo–Myitkyina", "[core][crs]")
{
    // Reference: `geod +ellps=WGS84 -I` on the same points → 126286.400 m.
    const double d = geodesicDistance(97.2336, 24.2526, 97.396, 25.383);
    CHECK(d == Approx(126286.4).margin(1.0));
}

TEST_CASE("Geodesic area of a one-degree cell at the equator", "[core][crs]")
{
    const Coord ring[] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}};
    // Closed-form authalic integration on WGS84 gives 12,308.46 km² for the cell bounded by the
    // parallel; the geodesic top edge bulges slightly north, so allow 0.01%.
    CHECK(geodesicArea(ring) / 1e6 == Approx(12308.46).epsilon(1e-4));
}
