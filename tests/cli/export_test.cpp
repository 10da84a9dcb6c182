#include "atlas/crs.h"
#include "atlas/vector_source.h"
#include "atlas/viewport.h"
#include "cli_support.h"

#include <catch2/catch.hpp>

#include <QImage>

using namespace atlas;
using namespace atlas::test;

namespace {

// Bundled place position in UTM 47N, read from the same file the export draws.
Coord placeInUtm(const char* id)
{
    static const LoadResult places = loadVectorSource(std::string(ATLAS_GEODATA_DIR) + "/places.geojson");
    REQUIRE(places.layers.size() == 1);
    const auto row = places.layers[0]->findById(id);
    REQUIRE(row);
    return places.layers[0]->geometry().firstCoord(*row);
}

const QColor kTownSymbol(26, 26, 26);      // palette::kTownSymbol
const QColor kCountryBorder(77, 77, 77);   // palette::kCountryBorder

}  // namespace

TEST_CASE("export draws the bundled towns and the basemap border where they are", "[cli][export]")
{
    const QString out = tempDir("export") + "/map.png";
    // A day before the 20 Feb 2026 Myitkyina airport event, whose marker would cover the town.
    const RunResult r = runAtlas({"export", "-o", out, "--size", "1200x900", "--extent", "96.5,23.8,99.0,26.2",
                                  "--date", "2026-02-10"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QImage img(out);
    REQUIRE(img.size() == QSize(1200, 900));

    const CoordinateTransform toUtm(kWgs84, kDefaultDisplayCrs);
    const Viewport vp = Viewport::fit(toUtm.transformBox(Box::of(96.5, 23.8, 99.0, 26.2)), 1200, 900, 0);

    // Myitkyina (state capital): the town symbol's colour at its pixel.
    const Coord myitkyina = vp.toPixel(placeInUtm("place:myitkyina"));
    CHECK(img.pixelColor(int(myitkyina.x), int(myitkyina.y)) == kTownSymbol);

    // Walking from Myitkyina to Tengchong crosses the China–Myanmar border: some pixel on the
    // way has the border colour, and the walk starts and ends off the border.
    const Coord tengchong = vp.toPixel(placeInUtm("place:tengchong"));
    int borderHits = 0;
    for (int i = 20; i <= 980; ++i) {
        const double t = i / 1000.0;
        const int x = int(myitkyina.x + t * (tengchong.x - myitkyina.x));
        const int y = int(myitkyina.y + t * (tengchong.y - myitkyina.y));
        if (colourDistance(img.pixelColor(x, y), kCountryBorder) <= 24) ++borderHits;
    }
    CHECK(borderHits >= 1);
    // The walk crosses a line (a few pixels where the border zig-zags along it), not an area.
    CHECK(borderHits <= 40);
}

TEST_CASE("export of a user file replaces the bundled layers and keeps the basemap", "[cli][export]")
{
    const QString out = tempDir("export-file") + "/towns.png";
    const RunResult r = runAtlas({"export", "-o", out, "--size", "800x600", "--extent", "96.5,23.8,99.0,26.2",
                                  QString(ATLAS_TEST_DATA_DIR) + "/towns.geojson"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QImage img(out);
    REQUIRE(img.size() == QSize(800, 600));
    const CoordinateTransform toUtm(kWgs84, kDefaultDisplayCrs);
    const Viewport vp = Viewport::fit(toUtm.transformBox(Box::of(96.5, 23.8, 99.0, 26.2)), 800, 600, 0);
    // The fixture's Laiza is drawn in the generic first-layer colour, not as a bundled town.
    const Coord laiza = vp.toPixel(toUtm.transform(Coord{97.5633, 24.76}));
    CHECK(colourDistance(img.pixelColor(int(laiza.x), int(laiza.y)), QColor(0, 114, 178)) <= 2);
}

TEST_CASE("export reports a broken file by name and still writes the map", "[cli][export]")
{
    const QString out = tempDir("export-broken") + "/map.png";
    const QString broken = QString(ATLAS_TEST_DATA_DIR) + "/truncated.geojson";
    const RunResult r = runAtlas({"export", "-o", out, "--size", "400x300", broken,
                                  QString(ATLAS_TEST_DATA_DIR) + "/towns.geojson"});
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains(broken + ": cannot open"));
    CHECK(QImage(out).size() == QSize(400, 300));
}

TEST_CASE("export rejects bad options with a usage message", "[cli][export]")
{
    // The message as well as the status: a sanitizer report in the child exits 66/67, and a crash
    // that happened to exit 2 would not print the option's explanation.
    const RunResult size = runAtlas({"export", "-o", "/tmp/x.png", "--size", "big"});
    CHECK(size.exitCode == 2);
    CHECK(size.err.contains("--size: expected WIDTHxHEIGHT (16–20000 px), got \"big\""));
    const RunResult r = runAtlas({"export", "-o", "/tmp/x.png", "--extent", "1,2,3"});
    CHECK(r.exitCode == 2);
    CHECK(r.err.contains("--extent"));
    const RunResult bare = runAtlas({"export"});
    CHECK(bare.exitCode == 2);
    CHECK(bare.err.contains("kachin-atlas export: -o FILE is required"));
}

TEST_CASE("export into a missing folder fails with a message", "[cli][export]")
{
    const RunResult r = runAtlas({"export", "-o", "/nonexistent-dir/x.png", "--size", "100x100",
                                  QString(ATLAS_TEST_DATA_DIR) + "/towns.geojson"});
    CHECK(r.exitCode == 3);
    CHECK(r.err.contains("error: /nonexistent-dir/x.png: cannot write: "));
}
