// Annotations: geographic positions, half-open date ranges, and one geometry for drawing and
// picking (the leader of a callout starts at its box and ends at its target).
#include "atlas/crs.h"
#include "atlas/render/layout_annotations.h"
#include "render_test_support.h"

#include <catch2/catch.hpp>

#include <QImage>

using namespace atlas;
using namespace atlas::render;

TEST_CASE("Annotations are shown from their first day up to the day before their end", "[render][annotations]")
{
    MapAnnotation a;
    CHECK(a.visibleOn(100));
    CHECK(a.visibleOn(std::nullopt));
    a.fromDay = 100;
    a.toDay = 110;
    CHECK_FALSE(a.visibleOn(99));
    CHECK(a.visibleOn(100));
    CHECK(a.visibleOn(109));
    CHECK_FALSE(a.visibleOn(110));  // the end day is the first day no longer shown
    CHECK(a.visibleOn(std::nullopt));
}

TEST_CASE("An annotation stays on the same ground in any display CRS", "[render][annotations]")
{
    test::guiApp();
    const Coord bhamo{97.23, 24.27};
    for (const char* crs : {"EPSG:32647", "EPSG:3857", "EPSG:4326"}) {
        INFO(crs);
        const AnnotationProjector proj(crs);
        REQUIRE(proj.valid());
        const Box view = CoordinateTransform(kWgs84, crs).transformBox(Box::of(96.5, 23.8, 98.0, 24.8));
        const Viewport vp = Viewport::fit(view, 800, 600);
        const QPointF px = proj.toPixel(vp, bhamo);
        // The pixel is where the display CRS puts Bhamo…
        const Coord expect = vp.toPixel(CoordinateTransform(kWgs84, crs).transform(bhamo));
        CHECK(px.x() == Approx(expect.x).margin(1e-6));
        CHECK(px.y() == Approx(expect.y).margin(1e-6));
        // …and back again.
        const Coord back = proj.toLonLat(vp, px);
        CHECK(back.x == Approx(bhamo.x).margin(1e-7));
        CHECK(back.y == Approx(bhamo.y).margin(1e-7));
    }
}

TEST_CASE("Callout geometry: the leader runs from the box edge to the target and both pick it", "[render][annotations]")
{
    test::guiApp();
    MapAnnotation a = defaultAnnotation(AnnotationKind::Callout);
    a.text = "Bhamo airport";
    const QPointF target(100, 300), label(300, 100);
    const AnnotationGeometry g = annotationGeometry(a, {target, label}, 1.0, QFont());
    CHECK(g.textBox.contains(label));
    CHECK_FALSE(g.textBox.contains(target));
    REQUIRE(g.stroke.elementCount() == 2);
    const QPointF start(g.stroke.elementAt(0).x, g.stroke.elementAt(0).y);
    const QPointF end(g.stroke.elementAt(1).x, g.stroke.elementAt(1).y);
    CHECK(end == target);
    // The leader starts on the box's border.
    const QRectF box = g.textBox;
    const bool onBorder = std::abs(start.x() - box.left()) < 0.01 || std::abs(start.x() - box.right()) < 0.01
                          || std::abs(start.y() - box.top()) < 0.01 || std::abs(start.y() - box.bottom()) < 0.01;
    CHECK(onBorder);
    CHECK(g.hitArea.contains(label));
    CHECK(g.hitArea.contains(target));
    CHECK(g.hitArea.contains((start + end) / 2));      // on the leader
    CHECK_FALSE(g.hitArea.contains(QPointF(300, 300)));  // far from all of it
}

TEST_CASE("Arrow and ellipse are drawn in their colour where they are", "[render][annotations]")
{
    test::guiApp();
    const Box view = Box::of(96.0, 24.0, 98.0, 26.0);
    const Viewport vp = Viewport::fit(view, 400, 400);
    MapAnnotation arrow = defaultAnnotation(AnnotationKind::Arrow);
    arrow.id = 1;
    arrow.points = {{96.2, 25.0}, {97.8, 25.0}};  // left to right through the middle
    arrow.size = 4;
    MapAnnotation ring = defaultAnnotation(AnnotationKind::Ellipse);
    ring.id = 2;
    ring.points = {{96.5, 24.2}, {97.5, 24.6}};
    ring.fromDay = 10;  // hidden before day 10

    QImage img(400, 400, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::white);
    {
        QPainter p(&img);
        drawAnnotations(p, vp, "EPSG:4326", 1.0, {arrow, ring}, 5);
    }
    const Coord mid = vp.toPixel({97.0, 25.0});
    CHECK(test::colourDistance(img.pixelColor(int(mid.x), int(mid.y)), arrow.color) <= 8);
    // The ellipse is not shown on day 5: its left end is still white.
    const Coord left = vp.toPixel({96.5, 24.4});
    const int lx = static_cast<int>(left.x), ly = static_cast<int>(left.y);  // the pixel the outline crosses
    CHECK(img.pixelColor(lx, ly) == QColor(Qt::white));
    {
        QPainter p(&img);
        drawAnnotations(p, vp, "EPSG:4326", 1.0, {ring}, 10);
    }
    CHECK(test::colourDistance(img.pixelColor(lx, ly), ring.color) <= 40);
}
