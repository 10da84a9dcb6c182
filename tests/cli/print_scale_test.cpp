// Print defaults (issue 18): type, lines and symbols are sized for the page, so an image stands
// for the paper at its width. The A4 PDF, rasterised to 3200 px, and a 3200 px PNG of the same
// map must read the same; the PNG drawn at screen scale (--dpi 96) must not.
#include "cli_support.h"

#include <catch2/catch.hpp>

#include <QImage>
#include <QProcess>
#include <QStandardPaths>

#include <cmath>

using namespace atlas::test;

namespace {

// Both pages shrunk to the same small size, then the share of pixels whose grey level differs
// by more than a quarter of the range: layout and type in the wrong proportion move whole
// blocks (legend, title, labels) and score high; antialiasing and hinting do not.
double differingShare(const QImage& a, const QImage& b)
{
    const QSize small(400, 283);
    const QImage x = a.scaled(small, Qt::IgnoreAspectRatio, Qt::SmoothTransformation).convertToFormat(QImage::Format_Grayscale8);
    const QImage y = b.scaled(small, Qt::IgnoreAspectRatio, Qt::SmoothTransformation).convertToFormat(QImage::Format_Grayscale8);
    int differing = 0;
    for (int row = 0; row < small.height(); ++row) {
        const uchar* p = x.constScanLine(row);
        const uchar* q = y.constScanLine(row);
        for (int col = 0; col < small.width(); ++col)
            if (std::abs(int(p[col]) - int(q[col])) > 64) ++differing;
    }
    return double(differing) / (small.width() * small.height());
}

}  // namespace

TEST_CASE("An A4 PDF and a 3200 px PNG of the same map read the same, type and symbols in proportion", "[cli][print]")
{
    if (QStandardPaths::findExecutable("pdftoppm").isEmpty()) FAIL("pdftoppm (poppler-utils) is needed");
    const QString dir = tempDir("print-scale");
    const QStringList map = {"export", "--date", "2025-02-20", "--title", "Kachin State, 20 Feb 2025"};

    const RunResult pdf = runAtlas(map + QStringList{"--format", "pdf", "--orientation", "landscape", "-o", dir + "/a4.pdf"});
    INFO(pdf.err.toStdString());
    REQUIRE(pdf.exitCode == 0);
    // A4 landscape is 297 × 210 mm: 3200 × 2263 px keeps its shape.
    const RunResult png = runAtlas(map + QStringList{"--size", "3200x2263", "-o", dir + "/wide.png"});
    REQUIRE(png.exitCode == 0);
    const RunResult screen = runAtlas(map + QStringList{"--size", "3200x2263", "--dpi", "96", "-o", dir + "/screen.png"});
    REQUIRE(screen.exitCode == 0);

    QProcess raster;
    raster.start("pdftoppm", {"-png", "-singlefile", "-scale-to-x", "3200", "-scale-to-y", "2263", dir + "/a4.pdf",
                              dir + "/a4"});
    REQUIRE(raster.waitForFinished(120000));
    REQUIRE(raster.exitCode() == 0);

    const QImage page(dir + "/a4.png"), wide(dir + "/wide.png"), atScreen(dir + "/screen.png");
    REQUIRE(page.size() == QSize(3200, 2263));
    REQUIRE(wide.size() == QSize(3200, 2263));
    // The PNG says what it stands for: A4's width at 3200 px is about 274 dpi.
    CHECK(std::lround(wide.dotsPerMeterX() * 0.0254) == 274);

    const double same = differingShare(page, wide);
    const double screenScale = differingShare(page, atScreen);
    INFO("PDF vs automatic PNG: " << same << ", PDF vs screen-scale PNG: " << screenScale);
    CHECK(same < 0.02);
    CHECK(screenScale > 3 * same);
}
