// The bad-input corpus (tests/data/bad/, see its README): each broken file gets a message that
// names the file, the feature or line and the field, and says what was expected; the good rows
// of the same file still load. The dataset validator's own cases are in data_validation_test.cpp
// (tests/data/bad/geodata/).
#include "atlas/geometry_check.h"
#include "atlas/io/event_import.h"
#include "atlas/network.h"
#include "atlas/vector_source.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <unistd.h>

using namespace atlas;
using Catch::Contains;

namespace {

std::string bad(const char* name) { return std::string(ATLAS_TEST_DATA_DIR) + "/bad/" + name; }

LoadResult load(const std::string& path, bool repair = false)
{
    LoadOptions o;
    o.targetCrs = "EPSG:32647";
    o.repairInvalid = repair;
    return loadVectorSource(path, o);
}

io::EventImport importEvents(const std::string& path, Diagnostics& d) { return io::importEventFile(path, {}, d); }

std::size_t rows(const io::EventImport& im) { return im.layer.layer ? im.layer.layer->featureCount() : 0; }

// The one diagnostic at location/field, formatted; empty when there is none.
std::string at(const Diagnostics& d, const std::string& location, const std::string& field)
{
    for (const Diagnostic& x : d.items())
        if (x.location == location && x.field == field) return x.format();
    return {};
}

std::filesystem::path scratch(const char* name)
{
    const auto dir = std::filesystem::temp_directory_path() / ("atlas-bad-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir / name;
}

}  // namespace

TEST_CASE("An empty file and binary garbage are refused by name", "[core][bad]")
{
    const LoadResult empty = load(bad("empty.geojson"));
    CHECK(empty.layers.empty());
    REQUIRE(empty.diagnostics.size() == 1);
    CHECK(empty.diagnostics.items()[0].format() == bad("empty.geojson") + ": cannot open: the file is empty (0 bytes)");

    const LoadResult garbage = load(bad("garbage.geojson"));
    CHECK(garbage.layers.empty());
    REQUIRE(garbage.diagnostics.errorCount() == 1);
    CHECK_THAT(garbage.diagnostics.items()[0].format(), Catch::StartsWith(bad("garbage.geojson") + ": cannot open: "));

    Diagnostics d;
    CHECK(rows(importEvents(bad("empty.csv"), d)) == 0);
    CHECK_THAT(d.formatAll(), Contains(bad("empty.csv") + ":line 1: not an ACLED export"));
}

TEST_CASE("A truncated GeoJSON is refused with the parser's reason", "[core][bad]")
{
    const LoadResult r = load(bad("truncated.geojson"));
    CHECK(r.layers.empty());
    REQUIRE(r.diagnostics.errorCount() == 1);
    CHECK_THAT(r.diagnostics.items()[0].format(), Catch::StartsWith(bad("truncated.geojson") + ": cannot open: "));
}

TEST_CASE("Wrong JSON types are reported per feature and field, the feature kept", "[core][bad]")
{
    const LoadResult r = load(bad("wrong_types.geojson"));
    REQUIRE(r.layers.size() == 1);
    CHECK(r.layers[0]->featureCount() == 4);
    CHECK(at(r.diagnostics, "feature 1", "geometry")
          == bad("wrong_types.geojson") + ":feature 1: geometry: coordinates of a Point: expected an array, found the "
                                          "string \"97.2,24.2\"; loaded without a geometry");
    CHECK_THAT(at(r.diagnostics, "feature 2", "geometry"),
               Contains("\"type\" must be one of Point, LineString, Polygon") && Contains("found the number 42"));
    CHECK_THAT(at(r.diagnostics, "feature 3", "properties"),
               Contains("expected an object of attributes, found an array; loaded without attributes"));
    CHECK(at(r.diagnostics, "feature 0", "geometry").empty());
}

TEST_CASE("Unclosed and self-intersecting polygons are reported, and repaired only on request", "[core][bad]")
{
    const LoadResult kept = load(bad("polygons.geojson"));
    REQUIRE(kept.layers.size() == 1);
    CHECK(kept.layers[0]->featureCount() == 3);
    CHECK(kept.invalidPolygons == 2);
    CHECK(kept.repairedPolygons == 0);
    CHECK_THAT(at(kept.diagnostics, "feature 1", "geometry"), Contains("outer ring is not closed") && Contains("kept as read"));
    CHECK_THAT(at(kept.diagnostics, "feature 2", "geometry"),
               Contains("Self-intersection at 97.45000, 24.05") && Contains("kept as read"));
    CHECK(at(kept.diagnostics, "feature 0", "geometry").empty());

    const LoadResult repaired = load(bad("polygons.geojson"), true);
    REQUIRE(repaired.layers.size() == 1);
    CHECK(repaired.invalidPolygons == 2);
    CHECK(repaired.repairedPolygons == 2);
    // Checked again, the repaired layer is valid.
    Diagnostics again;
    PolygonCheck check;
    checkPolygons(repaired.layers[0], "repaired", false, again, &check);
    CHECK(check.invalid == 0);
}

TEST_CASE("Projected coordinates declared as EPSG:4326 and out-of-range ones are skipped with a hint", "[core][bad]")
{
    const LoadResult utm = load(bad("projected_as_4326.geojson"));
    REQUIRE(utm.layers.size() == 1);
    CHECK(utm.layers[0]->featureCount() == 1);
    CHECK_THAT(at(utm.diagnostics, "feature 1", "geometry"),
               Contains("outside longitude −180…180 / latitude −90…90") && Contains("projected coordinates declared as EPSG:4326?")
                   && Contains("feature skipped"));

    const LoadResult range = load(bad("out_of_range.geojson"));
    REQUIRE(range.layers.size() == 1);
    CHECK(range.layers[0]->featureCount() == 1);
    CHECK_FALSE(at(range.diagnostics, "feature 1", "geometry").empty());
    CHECK_FALSE(at(range.diagnostics, "feature 2", "geometry").empty());
}

TEST_CASE("NaN and infinite coordinates are reported, not drawn", "[core][bad]")
{
    const LoadResult r = load(bad("nan_inf.geojson"));
    REQUIRE(r.layers.size() == 1);
    CHECK_THAT(at(r.diagnostics, "feature 1", "geometry"), Contains("a coordinate is NaN or Infinity"));
    CHECK_THAT(at(r.diagnostics, "feature 2", "geometry"), Contains("NaN or infinite; feature skipped"));
    // The good feature is there, with its UTM position.
    const Box e = r.layers[0]->extent();
    CHECK(e.minX == Approx(320329.9).margin(1));
    CHECK(e.minY == Approx(2685260.8).margin(1));

    Diagnostics d;
    const io::EventImport im = importEvents(bad("acled_bad_values.csv"), d);
    CHECK(at(d, "line 5", "latitude") == bad("acled_bad_values.csv") + ":line 5: latitude: \"nan\" is not a number; row skipped");
    CHECK(at(d, "line 6", "longitude") == bad("acled_bad_values.csv") + ":line 6: longitude: \"inf\" is not a number; row skipped");
    CHECK_THAT(at(d, "line 7", "longitude"), Contains("outside longitude −180…180 / latitude −90…90; row skipped"));
}

TEST_CASE("A layer with no CRS is refused, naming the layer and what to add", "[core][bad]")
{
    const LoadResult r = load(bad("no_crs.shp"));
    CHECK(r.layers.empty());
    CHECK(r.diagnostics.formatAll()
          == bad("no_crs.shp") + ":layer no_crs: layer has no coordinate reference system (CRS); declare one (e.g. a "
                                 ".prj file or a GeoPackage SRS) to load it\n");
}

TEST_CASE("CSV with a BOM and CRLF, a semicolon separator or a quoted newline reads like any other", "[core][bad]")
{
    for (const char* name : {"acled_bom_crlf.csv", "acled_semicolon.csv", "acled_quoted_newline.csv"}) {
        INFO(name);
        Diagnostics d;
        const io::EventImport im = importEvents(bad(name), d);
        CHECK(d.empty());
        INFO(d.formatAll());
        REQUIRE(rows(im) == 2);
        const Column* id = im.layer.layer->column("event_id_cnty");
        REQUIRE(id);
        CHECK(id->string(0) == "MMRX0001");  // no BOM glued to the first header
        CHECK(id->string(1) == "MMRX0002");
        const Column* source = im.layer.layer->column("source");
        REQUIRE(source);
        CHECK(source->string(1) == "Fictional Gazette; Imaginary Radio");  // quoted ';' kept in the cell
        const Column* notes = im.layer.layer->column("notes");
        REQUIRE(notes);
        CHECK(notes->string(0).find('\r') == std::string::npos);
    }
    Diagnostics d;
    const io::EventImport im = importEvents(bad("acled_quoted_newline.csv"), d);
    REQUIRE(rows(im) == 2);
    CHECK_THAT(std::string(im.layer.layer->column("notes")->string(0)), Contains("clash reported\nat the edge of town."));
}

TEST_CASE("A CSV without a required column says which columns it needs", "[core][bad]")
{
    Diagnostics d;
    CHECK(rows(importEvents(bad("acled_missing_column.csv"), d)) == 0);
    CHECK(d.formatAll() == bad("acled_missing_column.csv")
                               + ":line 1: not an ACLED export (needs event_id_cnty, event_date, latitude, longitude) nor a "
                                 "UCDP GED CSV (needs id, date_start, where_prec, latitude, longitude)\n");
}

TEST_CASE("Impossible dates, reversed intervals and duplicate ids are reported at their line", "[core][bad]")
{
    Diagnostics d;
    const io::EventImport im = importEvents(bad("acled_bad_values.csv"), d);
    CHECK(rows(im) == 1);  // only the first row is good
    CHECK_THAT(at(d, "line 3", "event_date"), Contains("\"2025-02-30\" is not a day") && Contains("expected 2024-10-18"));
    CHECK_THAT(at(d, "line 4", "event_date"), Contains("\"2025-13-01\" is not a day"));
    CHECK_THAT(at(d, "line 8", "event_id_cnty"), Contains("\"MMRX0001\" appears twice; later row skipped"));

    Diagnostics u;
    const io::EventImport ucdp = importEvents(bad("ucdp_reversed.csv"), u);
    CHECK(rows(ucdp) == 1);
    CHECK(at(u, "line 3", "date_end")
          == bad("ucdp_reversed.csv") + ":line 3: date_end: \"2024-11-01\" is before date_start \"2024-11-04\"; row skipped");
}

TEST_CASE("Gigantic attribute strings load whole", "[core][bad]")
{
    const std::string huge(8u << 20, 'x');  // 8 MiB in one value
    const auto geojson = scratch("huge.geojson");
    {
        std::ofstream out(geojson);
        out << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"huge","note":")" << huge
            << R"("},"geometry":{"type":"Point","coordinates":[97.2,24.3]}},)"
            << R"({"type":"Feature","properties":{"name":"small","note":"ok"},"geometry":{"type":"Point","coordinates":[97.3,24.3]}}]})";
    }
    const LoadResult r = load(geojson.string());
    INFO(r.diagnostics.formatAll());
    REQUIRE(r.layers.size() == 1);
    REQUIRE(r.layers[0]->featureCount() == 2);
    CHECK(r.layers[0]->column("note")->string(0).size() == huge.size());
    CHECK(r.layers[0]->column("note")->string(1) == "ok");

    // The same in an ACLED note. GDAL's CSV line reader grows its buffer by a fixed step, which
    // the sanitizers' realloc (always a copy) turns quadratic: 8 MiB took five minutes under ASan
    // and eight under TSan. Those builds read a 1 MiB note, still far past any line buffer.
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define ATLAS_UNDER_SANITIZER 1
#endif
#endif
#if defined(ATLAS_UNDER_SANITIZER) || defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    const std::string longNote(1u << 20, 'x');
#else
    const std::string& longNote = huge;
#endif
    std::ifstream in(bad("acled_bom_crlf.csv"), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    const auto note = text.find("clash reported at the edge of town.");
    REQUIRE(note != std::string::npos);
    text.insert(note, longNote);
    const auto csv = scratch("huge.csv");
    std::ofstream(csv, std::ios::binary) << text;
    Diagnostics d;
    const io::EventImport im = importEvents(csv.string(), d);
    INFO(d.formatAll());
    REQUIRE(rows(im) == 2);
    CHECK(im.layer.layer->column("notes")->string(0).size() > longNote.size());
    std::filesystem::remove_all(geojson.parent_path());
}

TEST_CASE("Online sources are refused until they are allowed, and a local file cannot reach them either", "[core][bad][network]")
{
    REQUIRE_FALSE(onlineSourcesAllowed());
    for (const char* remote : {"https://example.org/kachin.geojson", "/vsicurl/https://example.org/k.fgb",
                               "/vsis3/bucket/kachin.gpkg", "http://example.org/x.kml"}) {
        const LoadResult r = load(remote);
        CHECK(r.layers.empty());
        REQUIRE(r.diagnostics.size() == 1);
        CHECK_THAT(r.diagnostics.items()[0].format(), Contains("remote source refused"));
    }
    // A VRT on disk that points at a server: the guard stops GDAL from fetching it.
    const auto vrt = scratch("leak.vrt");
    std::ofstream(vrt) << R"(<OGRVRTDataSource><OGRVRTLayer name="leak">
  <SrcDataSource>/vsicurl/http://127.0.0.1:9/leak.geojson</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>)";
    const std::size_t refusedBefore = refusedNetworkRequests();
    const LoadResult r = load(vrt.string());
    for (const auto& layer : r.layers) CHECK(layer->featureCount() == 0);  // OGR keeps the layer, empty
    CHECK(refusedNetworkRequests() > refusedBefore);
    CHECK_THAT(r.diagnostics.formatAll(), Contains("network access is off"));
    std::filesystem::remove_all(vrt.parent_path());
}
