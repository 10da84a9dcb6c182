#include "atlas/render/label_placer.h"

#include <catch2/catch.hpp>

using namespace atlas::render;

TEST_CASE("Labels never overlap each other or obstacles", "[render][labels]")
{
    LabelPlacer placer(QRectF(0, 0, 400, 300));
    placer.addObstacle(QRectF(95, 95, 10, 10));  // a symbol at (100, 100)
    const auto first = placer.place(QPointF(100, 100), 5, QSizeF(60, 14));
    REQUIRE(first);
    const QRectF a(*first, QSizeF(60, 14));
    CHECK_FALSE(a.intersects(QRectF(95, 95, 10, 10)));
    CHECK(a.left() > 100);  // preferred position: right of the symbol

    // A second label for the same spot must go elsewhere.
    const auto second = placer.place(QPointF(100, 100), 5, QSizeF(60, 14));
    REQUIRE(second);
    CHECK_FALSE(QRectF(*second, QSizeF(60, 14)).intersects(a));
}

TEST_CASE("A label that fits nowhere is dropped, and labels stay inside the image", "[render][labels]")
{
    LabelPlacer placer(QRectF(0, 0, 100, 40));
    placer.addObstacle(QRectF(0, 0, 100, 40));
    CHECK_FALSE(placer.place(QPointF(50, 20), 3, QSizeF(30, 10)));

    LabelPlacer edge(QRectF(0, 0, 100, 100));
    const auto pos = edge.place(QPointF(98, 50), 3, QSizeF(40, 12));  // right side would leave
    REQUIRE(pos);
    CHECK(QRectF(0, 0, 100, 100).contains(QRectF(*pos, QSizeF(40, 12))));
}
