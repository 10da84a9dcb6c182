#include "atlas/vector_source.h"

#include "atlas/crs.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace atlas;

namespace {
std::string data(const char* name) { return std::string(ATLAS_TEST_DATA_DIR) + "/" + name; }
}

TEST_CASE("A GeoJSON fixture loads with its features, typed attributes and UTM coordinates", "[core][load]")
{
    const LoadResult r = loadVectorSource(data("towns.geojson"));
    INFO(r.diagnostics.formatAll());
    REQUIRE(r.diagnostics.errorCount() == 0);
    REQUIRE(r.layers.size() == 1);
    const Layer& l = *r.layers[0];
    CHECK(l.featureCount() == 3);
    CHECK(l.crs() == "EPSG:32647");

    REQUIRE(l.column("rank"));
    CHECK(l.column("rank")->type() == FieldType::Integer);
    CHECK(l.column("elev_m")->type() == FieldType::Real);
    CHECK(l.column("name")->type() == FieldType::String);
    CHECK(l.text(0, "name") == "Bhamo");
    CHECK(l.text(0, "name_my") == "ဗန်းမော်မြို့");
    CHECK(l.column("rank")->integer(1) == 1);
    CHECK(l.column("elev_m")->real(0) == Approx(111.5));
    CHECK(l.column("elev_m")->isNull(1));

    // Bhamo's point is where cs2cs puts it (see crs_test.cpp), within 1 m.
    const Coord bhamo = l.geometry().firstCoord(0);
    CHECK(bhamo.x == Approx(320671.0299).margin(1.0));
    CHECK(bhamo.y == Approx(2683329.0468).margin(1.0));
    CHECK(l.findById("place:laiza") == std::optional<std::size_t>(2));

    // The spatial index answers a box around Bhamo with Bhamo only.
    const auto hits = l.index().query(Box::of(bhamo.x - 1000, bhamo.y - 1000, bhamo.x + 1000, bhamo.y + 1000));
    CHECK(hits == std::vector<uint32_t>{0});
}

TEST_CASE("Mixed geometry kinds, multipolygons with holes and null geometries", "[core][load]")
{
    const LoadResult r = loadVectorSource(data("mixed.geojson"));
    REQUIRE(r.layers.size() == 1);
    const Layer& l = *r.layers[0];
    // Feature "e" has projected coordinates in a GeoJSON (EPSG:4326) file: reported, skipped.
    CHECK(l.featureCount() == 4);
    REQUIRE(r.diagnostics.errorCount() == 1);
    const Diagnostic& d = r.diagnostics.items().front();
    CHECK(d.file == data("mixed.geojson"));
    CHECK(d.location == "feature 4");
    CHECK(d.field == "geometry");
    CHECK_THAT(d.message, Catch::Contains("outside longitude"));

    const GeometryColumn& g = l.geometry();
    CHECK(g.kind(0) == GeometryKind::Point);
    CHECK(g.kind(1) == GeometryKind::Line);
    CHECK(g.kind(2) == GeometryKind::Polygon);
    CHECK(g.kind(3) == GeometryKind::None);
    CHECK(g.coords(1).size() == 3);
    // Two polygons; the first has an exterior ring and a hole.
    REQUIRE(g.partEnd(2) - g.partBegin(2) == 2);
    const uint32_t p0 = g.partBegin(2);
    CHECK(g.ringEnd(p0) - g.ringBegin(p0) == 2);
    CHECK(g.ring(g.ringBegin(p0)).size() == 5);
    CHECK(g.ring(g.ringBegin(p0) + 1).size() == 4);
    CHECK(g.coords(2).size() == 13);
    CHECK(l.text(3, "id") == "d");
}

TEST_CASE("An unreadable file gives a clear message naming the file", "[core][load]")
{
    const LoadResult r = loadVectorSource(data("truncated.geojson"));
    CHECK(r.layers.empty());
    REQUIRE(r.diagnostics.errorCount() == 1);
    const std::string msg = r.diagnostics.items().front().format();
    CHECK_THAT(msg, Catch::StartsWith(data("truncated.geojson") + ": cannot open"));

    const LoadResult missing = loadVectorSource(data("no-such-file.geojson"));
    REQUIRE(missing.diagnostics.errorCount() == 1);
    CHECK(missing.diagnostics.items().front().format() == data("no-such-file.geojson") + ": file not found");
}

TEST_CASE("A layer without a CRS is refused with a message naming the layer", "[core][load]")
{
    const auto dir = std::filesystem::temp_directory_path() / "atlas-nocrs";
    std::filesystem::create_directories(dir);
    const auto path = (dir / "nocrs.gml").string();
    {
        std::ofstream out(path);
        out << R"(<?xml version="1.0"?><ogr:FeatureCollection xmlns:ogr="http://ogr.maptools.org/" xmlns:gml="http://www.opengis.net/gml">
<gml:featureMember><ogr:nocrs fid="1"><ogr:geometryProperty><gml:Point><gml:coordinates>97,25</gml:coordinates></gml:Point></ogr:geometryProperty><ogr:name>x</ogr:name></ogr:nocrs></gml:featureMember>
</ogr:FeatureCollection>)";
    }
    const LoadResult r = loadVectorSource(path);
    CHECK(r.layers.empty());
    REQUIRE(r.diagnostics.errorCount() >= 1);
    CHECK_THAT(r.diagnostics.formatAll(), Catch::Contains("layer nocrs: layer has no coordinate reference system"));
    std::filesystem::remove_all(dir);
}

TEST_CASE("CSV with lon/lat columns loads as WGS84 points", "[core][load]")
{
    const auto dir = std::filesystem::temp_directory_path() / "atlas-csv";
    std::filesystem::create_directories(dir);
    const auto path = (dir / "points.csv").string();
    {
        std::ofstream out(path);
        out << "id,name,lat,lon\nplace:bhamo,Bhamo,24.2526,97.2336\nplace:laiza,Laiza,24.76,97.5633\n";
    }
    const LoadResult r = loadVectorSource(path);
    INFO(r.diagnostics.formatAll());
    REQUIRE(r.layers.size() == 1);
    const Coord bhamo = r.layers[0]->geometry().firstCoord(0);
    CHECK(bhamo.x == Approx(320671.0299).margin(1.0));
    std::filesystem::remove_all(dir);
}

TEST_CASE("Remote sources are refused unless allowed", "[core][load][network]")
{
    for (const char* url : {"https://example.org/a.geojson", "/vsicurl/http://example.org/a.gpkg",
                            "/vsis3/bucket/a.fgb", "/vsizip//vsicurl/http://x/a.zip"}) {
        const LoadResult r = loadVectorSource(url);
        CHECK(r.layers.empty());
        REQUIRE(r.diagnostics.errorCount() == 1);
        CHECK_THAT(r.diagnostics.items().front().message, Catch::StartsWith("remote source refused"));
    }
}

TEST_CASE("Loading can be cancelled from the progress callback", "[core][load]")
{
    LoadOptions opts;
    opts.progress = [](double) { return false; };
    const LoadResult r = loadVectorSource(data("towns.geojson"), opts);
    CHECK(r.cancelled);
    CHECK(r.layers.empty());
}
