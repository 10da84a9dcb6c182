// Local detail end to end (issue 18): `kachin-atlas export --view bhamo` with an OSM extract and a
// DEM draws the extract's primary road where it lies over the DEM's hillshade, and names a broken
// OSM file or a DEM without a CRS in its message.
#include "atlas/crs.h"
#include "atlas/viewport.h"
#include "cli_support.h"

#include "../dem_fixture.h"

#include <catch2/catch.hpp>

#include <QImage>

#include <cmath>

using namespace atlas;
using namespace atlas::test;

namespace {

const QString kOsm = QString(ATLAS_TEST_DATA_DIR) + "/osm/bhamo_fixture.osm";
const QColor kPrimary(222, 140, 56);  // osm_styles.cpp: highway=primary

QColor colourAt(const QImage& img, const Viewport& vp, double lon, double lat)
{
    const Coord p = vp.toPixel(CoordinateTransform(kWgs84, kDefaultDisplayCrs).transform(Coord{lon, lat}));
    return img.pixelColor(static_cast<int>(std::floor(p.x)), static_cast<int>(std::floor(p.y)));
}

int brightness(QColor c)
{
    return c.red() + c.green() + c.blue();
}

}  // namespace

TEST_CASE("export --view bhamo draws an OSM extract's roads over a DEM's hillshade", "[cli][export][osm]")
{
    const QString dir = tempDir("osm-dem-export");
    const QString dem = dir + "/ridge.tif";
    writeRidgeDem(dem.toStdString());
    const QString out = dir + "/bhamo.png";
    // The extract and the DEM go under the bundled layers; on 1 Jan 2020 nothing of the war is
    // drawn over the road and the ridge (no control areas there yet, no events in the window).
    const RunResult r =
        runAtlas({"export", "-o", out, "--size", "900x600", "--view", "bhamo", "--date", "2020-01-01", kOsm, dem});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QImage img(out);
    REQUIRE(img.size() == QSize(900, 600));
    // The bhamo view as the export frames it: the bookmark's box fitted to the image.
    const CoordinateTransform toUtm(kWgs84, kDefaultDisplayCrs);
    const Viewport vp = Viewport::fit(toUtm.transformBox(Box::of(96.95, 24.05, 97.55, 24.45)), 900, 600, 0);

    // The primary road's eastern segment (24.25°N from 97.25 to 97.40°E), east of the ridge and
    // short of Momauk (97.35°E), whose dot and name the bundled places draw on it.
    int onRoad = 0;
    for (int k = 0; k <= 10; ++k) {
        const double lon = 97.27 + 0.005 * k;
        if (colourDistance(colourAt(img, vp, lon, 24.25), kPrimary) <= 40) ++onRoad;
        else UNSCOPED_INFO("at " << lon << ": " << colourAt(img, vp, lon, 24.25).name().toStdString());
    }
    CHECK(onRoad == 11);
    // The bundled layers are drawn over the extract: Momauk's dot (places.geojson: 97.35, 24.25).
    CHECK(brightness(colourAt(img, vp, 97.35, 24.25)) < 150);
    // The ridge's flanks north of the road: the west one (facing the 315° light) brighter than
    // the east one, and than the flat land beyond (a little: the land fill is near white),
    // the east one darker.
    const int west = brightness(colourAt(img, vp, 97.225, 24.40));
    const int east = brightness(colourAt(img, vp, 97.275, 24.40));
    const int flat = brightness(colourAt(img, vp, 97.45, 24.40));
    INFO("west " << west << ", east " << east << ", flat " << flat);
    CHECK(west > east + 80);
    CHECK(west >= flat + 5);
    CHECK(east < flat - 40);
}

TEST_CASE("export names a broken OSM file and a DEM without a CRS", "[cli][export][osm]")
{
    const QString dir = tempDir("osm-dem-bad");
    const QString dem = dir + "/no-crs.tif";
    writeRidgeDem(dem.toStdString(), false);
    const QString broken = QString(ATLAS_TEST_DATA_DIR) + "/osm/broken.osm";
    const QString out = dir + "/map.png";
    const RunResult r = runAtlas({"export", "-o", out, "--size", "400x300", "--view", "bhamo", broken, dem});
    CHECK(r.exitCode == 1);
    INFO(r.err.toStdString());
    CHECK(r.err.contains(broken + ": OpenStreetMap file cut short or malformed"));
    CHECK(r.err.contains(dem + ": has no coordinate reference system"));
    CHECK(QImage(out).size() == QSize(400, 300));
}
