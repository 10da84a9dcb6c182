// Inputs the fuzzers (tests/fuzz) found to break the core, each kept as a test of the fix.
#include "atlas/geometry_column.h"
#include "atlas/io/event_import.h"
#include "atlas/spatial_index.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace atlas;

namespace {

// An ACLED export with the given rows (field → value; other fields empty).
std::string acledText(const std::vector<std::map<std::string, std::string>>& rows)
{
    const std::vector<std::string> header = {"event_id_cnty", "event_date", "year", "time_precision", "event_type",
                                             "sub_event_type", "actor1", "actor2", "latitude", "longitude",
                                             "geo_precision", "source", "notes", "fatalities"};
    std::ostringstream out;
    for (std::size_t i = 0; i < header.size(); ++i) out << (i ? "," : "") << header[i];
    out << "\n";
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < header.size(); ++i) {
            const auto it = row.find(header[i]);
            out << (i ? "," : "") << (it == row.end() ? "" : it->second);
        }
        out << "\n";
    }
    return out.str();
}

bool finite(const Box& b)
{
    return std::isfinite(b.minX) && std::isfinite(b.minY) && std::isfinite(b.maxX) && std::isfinite(b.maxY);
}

}  // namespace

TEST_CASE("An event point the display CRS cannot hold is dropped and leaves no infinite box", "[core][fuzz]")
{
    // Longitude 2 lies 97 degrees from the central meridian of UTM 47N: PROJ cannot transform it.
    // The point was cleared, but recomputing the bounds gave it an infinite box back, and the
    // spatial index turned that into a NaN grid cell (undefined behaviour).
    const std::string text = acledText({
        {{"event_id_cnty", "MMR1"}, {"event_date", "2024-10-18"}, {"year", "2024"}, {"time_precision", "1"},
         {"event_type", "Battles"}, {"latitude", "24.27"}, {"longitude", "97.23"}, {"geo_precision", "1"}},
        {{"event_id_cnty", "MMR2"}, {"event_date", "2024-10-19"}, {"year", "2024"}, {"time_precision", "1"},
         {"event_type", "Battles"}, {"latitude", "1"}, {"longitude", "2"}, {"geo_precision", "1"}},
    });
    Diagnostics diagnostics;
    const io::EventImport im = io::importEventText(text, "far.csv", io::EventImportOptions{}, diagnostics);
    REQUIRE(im.ok());
    REQUIRE(im.featureCount() == 2);
    const Layer& layer = *im.layer.layer;
    CHECK_FALSE(layer.geometry().isNull(0));
    CHECK(layer.geometry().isNull(1));
    CHECK(layer.geometry().bounds(1).isEmpty());
    CHECK(finite(layer.extent()));
    CHECK(diagnostics.formatAll().find("far.csv:line 3: longitude: cannot be transformed to EPSG:32647") !=
          std::string::npos);
}

TEST_CASE("A cleared feature keeps an empty box when the bounds are recomputed", "[core][fuzz]")
{
    GeometryColumn g;
    g.beginFeature(GeometryKind::Point);
    g.beginPart();
    g.beginRing();
    const double inf = std::numeric_limits<double>::infinity();
    g.addCoord(inf, inf);
    g.endFeature();
    g.clearFeature(0);
    g.recomputeBounds();
    CHECK(g.isNull(0));
    CHECK(g.bounds(0).isEmpty());
}

TEST_CASE("The spatial index leaves out boxes that are not finite and survives extreme ones", "[core][fuzz]")
{
    const double inf = std::numeric_limits<double>::infinity();
    const double big = std::numeric_limits<double>::max();
    const std::vector<Box> boxes = {Box::of(0, 0, 1, 1), Box::of(inf, inf, inf, inf), Box::of(-inf, 0, 5, 5),
                                    Box::of(-big, -big, -big, -big), Box::of(big, big, big, big)};
    const SpatialIndex index(boxes);
    CHECK(index.size() == 3);
    CHECK(index.query(Box::of(-1, -1, 2, 2)) == std::vector<uint32_t>{0});
    CHECK(index.query(Box::of(big, big, big, big)) == std::vector<uint32_t>{4});
}
