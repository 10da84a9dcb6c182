#include "atlas/gui/legend.h"
#include "app_test_support.h"

#include "atlas/render/style.h"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace atlas;
using namespace atlas::app;

// The legend and the event list are rebuilt on every clock step. With a new pixmap per rebuild,
// each QIcon scaled it again into QPixmapCache under a new key, and the cache grew towards its
// 10 MB limit while the user scrubbed (the soak's growth after warm-up). The same symbol must
// give the same icon back, so the scaled copy filed the first time is found again.
TEST_CASE("Legend icons: the same symbol gives the same icon back, another symbol another", "[app][legend]")
{
    test::widgetApp();
    render::Symbol a;
    a.fill = QColor(213, 94, 0);
    a.shape = render::MarkerShape::Circle;
    render::Symbol b = a;
    b.fill = QColor(0, 114, 178);

    const QIcon first = legendSymbolIcon(a, GeometryKind::Point);
    const QIcon again = legendSymbolIcon(a, GeometryKind::Point);
    CHECK(first.cacheKey() == again.cacheKey());
    CHECK(legendSymbolIcon(b, GeometryKind::Point).cacheKey() != first.cacheKey());
    CHECK(legendSymbolIcon(a, GeometryKind::Line).cacheKey() != first.cacheKey());
    CHECK(legendSymbolIcon(a, GeometryKind::Point, 16).cacheKey() != first.cacheKey());

    // And it is the symbol drawn: the centre pixel of the 18 px icon is the fill colour.
    const QColor centre = first.pixmap(QSize(18, 18), 1.0).toImage().pixelColor(9, 9);
    INFO(centre.name().toStdString());
    CHECK(std::abs(centre.red() - a.fill.red()) <= 8);
    CHECK(std::abs(centre.green() - a.fill.green()) <= 8);
    CHECK(std::abs(centre.blue() - a.fill.blue()) <= 8);
}
