// AreaFill (the raster fast path's polygon fill) against QPainter's antialiased fill of the same
// rings: the fast path claims the coverage Qt's rasterizer gives, so pixels may differ only by
// rounding — within two levels of 255 for vertices on Qt's 1/64-pixel grid (off it, Qt moves a
// vertex by up to 1/128 px and a pixel holding a sharp corner changes by a level more) — and rows
// outside the band stay untouched.
#include "area_fill.h"
#include "render_test_support.h"

#include <catch2/catch.hpp>

#include <QImage>
#include <QPainter>
#include <QPainterPath>

#include <cmath>
#include <vector>

using atlas::render::detail::AreaFill;

namespace {

using Ring = std::vector<QPointF>;

QImage blank(int w, int h)
{
    QImage image(w, h, QImage::Format_ARGB32_Premultiplied);
    image.fill(QColor(250, 245, 235));
    return image;
}

QImage byQPainter(QImage image, const std::vector<Ring>& rings, const QColor& colour)
{
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    for (const Ring& r : rings) {
        path.addPolygon(QPolygonF(QList<QPointF>(r.begin(), r.end())));
        path.closeSubpath();
    }
    p.drawPath(path);
    return image;
}

QImage byAreaFill(QImage image, const std::vector<Ring>& rings, const QColor& colour, int y0, int y1)
{
    AreaFill fill(reinterpret_cast<uint32_t*>(image.bits()), image.bytesPerLine() / 4, image.width(), y0, y1);
    for (const Ring& r : rings) fill.addRing(r);
    fill.fill(qPremultiply(colour.rgba()));
    return image;
}

int maxChannelDifference(const QImage& a, const QImage& b)
{
    int worst = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            worst = std::max({worst, std::abs(qRed(p) - qRed(q)), std::abs(qGreen(p) - qGreen(q)),
                              std::abs(qBlue(p) - qBlue(q)), std::abs(qAlpha(p) - qAlpha(q))});
        }
    return worst;
}

// A star-shaped ring (simple) of n vertices around (cx, cy), clockwise or not, on the 1/64 grid.
Ring star(double cx, double cy, double radius, int n, bool clockwise, unsigned seed)
{
    Ring r;
    for (int k = 0; k < n; ++k) {
        seed = seed * 1103515245u + 12345u;
        const double jitter = 0.7 + 0.3 * ((seed >> 8) % 1000) / 1000.0;
        const double a = (clockwise ? -1 : 1) * 2 * M_PI * k / n;
        r.emplace_back(std::round(64 * (cx + radius * jitter * std::cos(a))) / 64,
                       std::round(64 * (cy + radius * jitter * std::sin(a))) / 64);
    }
    return r;
}

}  // namespace

TEST_CASE("AreaFill gives a square with fractional edges Qt's coverage", "[render][fill]")
{
    atlas::test::guiApp();
    const std::vector<Ring> square{{{10.5, 10.25}, {20.5, 10.25}, {20.5, 20.75}, {10.5, 20.75}}};
    const QColor red(220, 30, 20);
    const QImage ours = byAreaFill(blank(32, 32), square, red, 0, 32);
    CHECK(ours.pixel(15, 15) == red.rgb());  // inside: the colour itself
    CHECK(ours.pixel(5, 5) == blank(1, 1).pixel(0, 0));  // outside: untouched
    // Half of column 10 is inside: half red over the background.
    CHECK(std::abs(qRed(ours.pixel(10, 15)) - (220 + 250) / 2) <= 1);
    CHECK(maxChannelDifference(ours, byQPainter(blank(32, 32), square, red)) <= 1);
}

TEST_CASE("AreaFill matches QPainter on stars, holes either way round, parts and translucency", "[render][fill]")
{
    atlas::test::guiApp();
    const QColor colour(0, 158, 115, 140);
    const std::vector<std::vector<Ring>> shapes{
        {star(60, 50, 40, 300, false, 1)},
        {star(60, 50, 40, 120, false, 2), star(60, 50, 15, 40, true, 3)},    // hole, opposite turn
        {star(60, 50, 40, 120, false, 4), star(60, 50, 15, 40, false, 5)},   // hole, same turn
        {star(30, 30, 20, 60, false, 6), star(90, 70, 25, 80, true, 7)},     // two parts
        {{{3.2, 1.7}, {117.9, 40.3}, {8.4, 98.6}}},                          // long thin edges
        {star(60, 50, 4, 12, false, 8)},                                     // small
    };
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        INFO("shape " << i);
        CHECK(maxChannelDifference(byAreaFill(blank(120, 100), shapes[i], colour, 0, 100),
                                   byQPainter(blank(120, 100), shapes[i], colour))
              <= 2);
    }
}

TEST_CASE("AreaFill draws only its band's rows, the same as the whole frame does there", "[render][fill]")
{
    atlas::test::guiApp();
    const std::vector<Ring> rings{star(60, 50, 45, 200, false, 9), star(60, 50, 20, 50, true, 10)};
    const QColor colour(213, 94, 0, 200);
    const QImage whole = byAreaFill(blank(120, 100), rings, colour, 0, 100);
    const QImage band = byAreaFill(blank(120, 100), rings, colour, 37, 61);
    const QImage background = blank(120, 100);
    for (int y = 0; y < 100; ++y) {
        const bool in = y >= 37 && y < 61;
        for (int x = 0; x < 120; ++x)
            if (band.pixel(x, y) != (in ? whole : background).pixel(x, y)) FAIL("pixel " << x << "," << y);
    }
}

TEST_CASE("AreaFill covers what lies left of the frame (a ring clipped to the margin)", "[render][fill]")
{
    atlas::test::guiApp();
    // From x = −6 (inside AreaFill::kMargin) to 20.5: columns 0…19 whole, column 20 half.
    const std::vector<Ring> rect{{{-6, 2}, {20.5, 2}, {20.5, 8}, {-6, 8}}};
    const QColor blue(0, 114, 178);
    const QImage ours = byAreaFill(blank(30, 10), rect, blue, 0, 10);
    CHECK(ours.pixel(0, 5) == blue.rgb());
    CHECK(ours.pixel(19, 5) == blue.rgb());
    CHECK(std::abs(qBlue(ours.pixel(20, 5)) - (178 + 235) / 2) <= 1);
    CHECK(ours.pixel(21, 5) == blank(1, 1).pixel(0, 0));
    CHECK(maxChannelDifference(ours, byQPainter(blank(30, 10), rect, blue)) <= 1);
}
