#include "atlas/viewport.h"

#include <catch2/catch.hpp>

using namespace atlas;

TEST_CASE("Viewport maps map units to pixels and back", "[core][viewport]")
{
    const Viewport v = Viewport::fit(Box::of(0, 0, 1000, 500), 200, 100);
    CHECK(v.unitsPerPixel == Approx(5.0));
    const Coord px = v.toPixel({0, 500});
    CHECK(px.x == Approx(0.0));
    CHECK(px.y == Approx(0.0));
    const Coord m = v.toMap({200, 100});
    CHECK(m.x == Approx(1000.0));
    CHECK(m.y == Approx(0.0));
}

TEST_CASE("Zooming at a pixel keeps the map point under it", "[core][viewport]")
{
    const Viewport v = Viewport::fit(Box::of(0, 0, 1000, 1000), 100, 100);
    const Coord anchor{25, 75};
    const Coord before = v.toMap(anchor);
    const Viewport z = v.zoomedAt(2.0, anchor);
    const Coord after = z.toMap(anchor);
    CHECK(after.x == Approx(before.x));
    CHECK(after.y == Approx(before.y));
    CHECK(z.unitsPerPixel == Approx(v.unitsPerPixel / 2));
}
