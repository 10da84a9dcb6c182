// The rivers built from GSHHG's WDBII data (resources/rivers/build-rivers.sh) run past the river
// ports where the towns are, and the exported map draws them.
#include "atlas/crs.h"
#include "atlas/vector_source.h"
#include "atlas/viewport.h"
#include "cli_support.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFileInfo>
#include <QImage>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace atlas;
using namespace atlas::test;

namespace {

// Tolerance between a town point and the WDBII line. WDBII was digitised from small-scale maps
// in the 1970s and GSHHG's README warns it can be mis-registered against modern data; the town
// points are rounded to 0.01° (up to ~0.8 km) and stand for the town, not its waterfront. The
// measured gaps are 0.6 km (Myitkyina), 1.2 km (Shwegu) and 3.0 km (Bhamo); 4 km allows that
// and still fails for a line on the wrong side of a valley (the Taping, Shweli and Mogaung
// valleys are tens of km apart) or a town that is not on a major river (Hpakant, tested below).
constexpr double kToleranceM = 4000.0;

// Where the binary under test reads it: KACHIN_ATLAS_DATA when set (the sanitizer run points it
// at the default build's data, since that build alone runs the `rivers` target), else beside it.
QString riversFile()
{
    const QString data = qEnvironmentVariable("KACHIN_ATLAS_DATA");
    if (!data.isEmpty()) return QDir(data).filePath("basemap/kachin-rivers.gpkg");
    return QFileInfo(QString(ATLAS_BINARY)).dir().filePath("data/basemap/kachin-rivers.gpkg");
}

Coord placeInUtm(const char* id)
{
    static const LoadResult places = loadVectorSource(std::string(ATLAS_GEODATA_DIR) + "/places.geojson");
    REQUIRE(places.layers.size() == 1);
    const auto row = places.layers[0]->findById(id);
    REQUIRE(row);
    return places.layers[0]->geometry().firstCoord(*row);
}

Coord nearestOnSegment(Coord p, Coord a, Coord b)
{
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    const double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
    return {a.x + t * dx, a.y + t * dy};
}

// The point of a `riverClass` river nearest to p (UTM 47N metres), and its distance.
std::pair<Coord, double> nearestRiver(const Layer& rivers, Coord p, const char* riverClass)
{
    std::pair<Coord, double> best{{0, 0}, std::numeric_limits<double>::infinity()};
    const GeometryColumn& g = rivers.geometry();
    for (std::size_t f = 0; f < rivers.featureCount(); ++f) {
        if (rivers.text(f, "class") != riverClass) continue;
        for (uint32_t part = g.partBegin(f); part < g.partEnd(f); ++part)
            for (uint32_t r = g.ringBegin(part); r < g.ringEnd(part); ++r) {
                const auto c = g.ring(r);
                for (std::size_t i = 1; i < c.size(); ++i) {
                    const Coord q = nearestOnSegment(p, c[i - 1], c[i]);
                    const double d = std::hypot(q.x - p.x, q.y - p.y);
                    if (d < best.second) best = {q, d};
                }
            }
    }
    return best;
}

std::shared_ptr<Layer> loadRivers()
{
    const QString path = riversFile();
    INFO("built by the `rivers` target from gmt-gshhg-full: " << path.toStdString());
    REQUIRE(QFileInfo(path).isFile());
    LoadResult r = loadVectorSource(path.toStdString());
    REQUIRE(r.layers.size() == 1);
    REQUIRE(r.layers[0]->name() == "rivers");
    return r.layers[0];
}

}  // namespace

TEST_CASE("the river ports lie on the major river built from GSHHG", "[cli][rivers]")
{
    const auto rivers = loadRivers();
    for (const char* port : {"place:myitkyina", "place:bhamo", "place:shwegu"}) {
        const double d = nearestRiver(*rivers, placeInUtm(port), "1").second;
        INFO(port << ": " << d << " m from the nearest class-1 river");
        CHECK(d <= kToleranceM);
    }
    // A mining town in the hills, far from any major river: the check is not vacuous.
    CHECK(nearestRiver(*rivers, placeInUtm("place:hpakant"), "1").second > 3 * kToleranceM);
}

TEST_CASE("export around Bhamo draws the real river, not a line through the town", "[cli][rivers][export]")
{
    const auto rivers = loadRivers();
    const QString out = tempDir("export-rivers") + "/bhamo.png";
    const RunResult r = runAtlas({"export", "-o", out, "--size", "1600x1000", "--extent", "97.0,24.1,97.45,24.45"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QImage img(out);
    REQUIRE(img.size() == QSize(1600, 1000));

    const CoordinateTransform toUtm(kWgs84, kDefaultDisplayCrs);
    const Viewport vp = Viewport::fit(toUtm.transformBox(Box::of(97.0, 24.1, 97.45, 24.45)), 1600, 1000, 0);
    const QColor kRiver(91, 155, 213);  // palette::kRiver
    const auto nearOf = [&](Coord at) {
        const Coord px = vp.toPixel(at);
        int best = 1000;
        for (int dy = -2; dy <= 2; ++dy)
            for (int dx = -2; dx <= 2; ++dx)
                best = std::min(best, colourDistance(img.pixelColor(int(px.x) + dx, int(px.y) + dy), kRiver));
        return best;
    };
    // The river's point nearest Bhamo is drawn in the river colour…
    const auto [onRiver, d] = nearestRiver(*rivers, placeInUtm("place:bhamo"), "1");
    CHECK(d > 1000.0);  // far enough from the town point that the town symbol does not cover it
    CHECK(nearOf(onRiver) <= 30);
    // …and midway between Bhamo and Myitkyina, where the old schematic line ran straight, the
    // real river is elsewhere: no river colour on the straight line's point south of that midway.
    const Coord schematic = toUtm.transform(Coord{97.23 + (97.42 - 97.23) * 0.15, 24.27 + (25.365 - 24.27) * 0.15});
    if (nearestRiver(*rivers, schematic, "1").second > 1000.0) CHECK(nearOf(schematic) > 30);
}
