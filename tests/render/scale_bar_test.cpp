#include "atlas/render/scale_bar.h"

#include <catch2/catch.hpp>

using namespace atlas;
using namespace atlas::render;

TEST_CASE("Scale bar length is geodesic, and the same in UTM and Web Mercator", "[render][scalebar]")
{
    // A view of about 300 km around Bhamo, 1000 px wide.
    for (const char* crs : {"EPSG:32647", "EPSG:3857"}) {
        INFO(crs);
        const CoordinateTransform toDisplay(kWgs84, crs);
        const CoordinateTransform toWgs84(crs, kWgs84);
        const Box box = toDisplay.transformBox(Box::of(95.8, 23.0, 98.7, 25.5));
        const Viewport vp = Viewport::fit(box, 1000, 800);
        const double row = vp.height / 2.0;
        const ScaleBarSpec spec = computeScaleBar(vp, toWgs84, row, 200);
        REQUIRE(spec.valid);
        // The bar's two ends are exactly spec.lengthMetres apart on the ellipsoid.
        const Coord a = toWgs84.transform(vp.toMap({vp.width / 2.0 - spec.widthPx / 2, row}));
        const Coord b = toWgs84.transform(vp.toMap({vp.width / 2.0 + spec.widthPx / 2, row}));
        CHECK(geodesicDistance(a.x, a.y, b.x, b.y) == Approx(spec.lengthMetres).epsilon(0.002));
        CHECK(spec.widthPx <= 200.0);
        CHECK(spec.label == "50 km");
    }
}
