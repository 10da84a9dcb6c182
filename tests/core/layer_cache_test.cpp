// The columnar cache of loaded layers (layer_cache.h): a second open reads back exactly the
// layers a load from the file gives; a changed file is read again; a damaged cache is ignored,
// rebuilt, and never crashes the load.
#include "atlas/layer_cache.h"
#include "atlas/vector_source.h"

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

using namespace atlas;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir()
    {
        std::string t = (fs::temp_directory_path() / "atlas-layer-cache-XXXXXX").string();
        REQUIRE(mkdtemp(t.data()));
        path = t;
    }
    ~TempDir()
    {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// A GeoPackage with points (FIDs 1, 2, 3…), lines with FIDs in steps of 5, and polygons with a
// hole; an integer, a real, a string with repeats and nulls, and a date column.
void writeSource(const std::string& path, int points)
{
    GDALAllRegister();
    GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
    REQUIRE(gpkg);
    GDALDatasetUniquePtr ds(gpkg->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    REQUIRE(ds);
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    auto makeLayer = [&](const char* name, OGRwkbGeometryType type) {
        OGRLayer* l = ds->CreateLayer(name, &wgs84, type, nullptr);
        REQUIRE(l);
        OGRFieldDefn n("n", OFTInteger64), v("value", OFTReal), k("kind", OFTString), d("day", OFTDate);
        for (OGRFieldDefn* f : {&n, &v, &k, &d}) REQUIRE(l->CreateField(f) == OGRERR_NONE);
        return l;
    };
    auto fill = [](OGRFeature& f, int i) {
        f.SetField("n", static_cast<GIntBig>(i) * 1'000'000'007LL);
        if (i % 4 != 0) f.SetField("value", i * 0.125 - 3);
        if (i % 5 != 0) f.SetField("kind", i % 3 == 0 ? "mine" : i % 3 == 1 ? "ဗန်းမော်" : "crossing");
        if (i % 6 != 0) f.SetField("day", 2020 + i % 6, 1 + i % 12, 1 + i % 28);
    };
    OGRLayer* pl = makeLayer("points", wkbPoint);
    REQUIRE(pl->StartTransaction() == OGRERR_NONE);
    for (int i = 0; i < points; ++i) {
        OGRFeature f(pl->GetLayerDefn());
        fill(f, i);
        OGRPoint p(96.5 + (i % 100) * 0.01, 24.0 + (i / 100) * 0.01);
        f.SetGeometry(&p);
        REQUIRE(pl->CreateFeature(&f) == OGRERR_NONE);
    }
    REQUIRE(pl->CommitTransaction() == OGRERR_NONE);
    OGRLayer* ll = makeLayer("lines", wkbLineString);
    for (int i = 0; i < 40; ++i) {
        OGRFeature f(ll->GetLayerDefn());
        f.SetFID(100 + 5 * i);
        fill(f, i);
        OGRLineString line;
        for (int k = 0; k <= i % 7 + 1; ++k) line.addPoint(97.0 + i * 0.01 + k * 0.003, 25.0 + k * 0.002 * (i % 3));
        f.SetGeometry(&line);
        REQUIRE(ll->CreateFeature(&f) == OGRERR_NONE);
    }
    OGRLayer* al = makeLayer("areas", wkbPolygon);
    for (int i = 0; i < 10; ++i) {
        OGRFeature f(al->GetLayerDefn());
        fill(f, i);
        OGRPolygon poly;
        OGRLinearRing outer, hole;
        const double x = 96.0 + i * 0.2, y = 23.5;
        for (auto [dx, dy] : {std::pair{0.0, 0.0}, {0.1, 0.0}, {0.1, 0.1}, {0.0, 0.1}, {0.0, 0.0}}) outer.addPoint(x + dx, y + dy);
        for (auto [dx, dy] : {std::pair{0.03, 0.03}, {0.03, 0.06}, {0.06, 0.06}, {0.06, 0.03}, {0.03, 0.03}}) hole.addPoint(x + dx, y + dy);
        poly.addRing(&outer);
        if (i % 2) poly.addRing(&hole);
        f.SetGeometry(&poly);
        REQUIRE(al->CreateFeature(&f) == OGRERR_NONE);
    }
}

void requireSameLayer(const Layer& a, const Layer& b)
{
    REQUIRE(a.name() == b.name());
    CHECK(a.sourcePath() == b.sourcePath());
    CHECK(a.crs() == b.crs());
    REQUIRE(a.featureCount() == b.featureCount());
    const GeometryColumn& ga = a.geometry();
    const GeometryColumn& gb = b.geometry();
    for (std::size_t f = 0; f < a.featureCount(); ++f) {
        CHECK(a.fid(f) == b.fid(f));
        CHECK(ga.kind(f) == gb.kind(f));
        CHECK(ga.bounds(f) == gb.bounds(f));
        REQUIRE(ga.partEnd(f) - ga.partBegin(f) == gb.partEnd(f) - gb.partBegin(f));
        for (uint32_t pa = ga.partBegin(f), pb = gb.partBegin(f); pa < ga.partEnd(f); ++pa, ++pb) {
            REQUIRE(ga.ringEnd(pa) - ga.ringBegin(pa) == gb.ringEnd(pb) - gb.ringBegin(pb));
            for (uint32_t ra = ga.ringBegin(pa), rb = gb.ringBegin(pb); ra < ga.ringEnd(pa); ++ra, ++rb) {
                const auto ca = ga.ring(ra), cb = gb.ring(rb);
                REQUIRE(ca.size() == cb.size());
                for (std::size_t k = 0; k < ca.size(); ++k) {
                    CHECK(ca[k].x == cb[k].x);  // the same doubles, not approximately
                    CHECK(ca[k].y == cb[k].y);
                }
            }
        }
    }
    REQUIRE(a.columns().size() == b.columns().size());
    for (std::size_t c = 0; c < a.columns().size(); ++c) {
        const Column& ca = a.columns()[c];
        const Column& cb = b.columns()[c];
        CHECK(ca.name() == cb.name());
        CHECK(ca.type() == cb.type());
        REQUIRE(ca.size() == cb.size());
        for (std::size_t r = 0; r < ca.size(); ++r) {
            CHECK(ca.isNull(r) == cb.isNull(r));
            CHECK(ca.text(r) == cb.text(r));
        }
        if (ca.strings()) CHECK(ca.strings()->dictionary == cb.strings()->dictionary);
    }
    CHECK(a.index().size() == b.index().size());
    CHECK(a.index().bounds() == b.index().bounds());
    const Box e = a.extent();
    for (int q = 0; q < 4; ++q) {
        const Box probe = Box::of(e.minX + e.width() * q / 5, e.minY + e.height() * q / 6, e.minX + e.width() * (q + 2) / 5,
                                  e.minY + e.height() * (q + 3) / 6);
        CHECK(a.index().query(probe) == b.index().query(probe));
    }
}

void requireSameLayers(const LoadResult& a, const LoadResult& b)
{
    REQUIRE(a.layers.size() == b.layers.size());
    for (std::size_t i = 0; i < a.layers.size(); ++i) requireSameLayer(*a.layers[i], *b.layers[i]);
}

std::vector<fs::path> cacheFiles(const fs::path& dir)
{
    std::vector<fs::path> out;
    if (fs::exists(dir))
        for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
    return out;
}

}  // namespace

TEST_CASE("a cache hit gives the same layers as a load from the file", "[core][cache]")
{
    TempDir tmp;
    const std::string source = (tmp.path / "source.gpkg").string();
    writeSource(source, 2'000);
    LoadOptions options;
    options.cacheDir = (tmp.path / "cache").string();
    options.cacheMinBytes = 0;

    const LoadResult plain = loadVectorSource(source);  // no cache at all
    REQUIRE(plain.diagnostics.empty());
    REQUIRE(plain.layers.size() == 3);
    CHECK_FALSE(plain.fromCache);
    CHECK(cacheFiles(options.cacheDir).empty());

    const LoadResult first = loadVectorSource(source, options);
    CHECK_FALSE(first.fromCache);
    REQUIRE(cacheFiles(options.cacheDir).size() == 1);  // one file, no temporary left behind
    double reported = -1;
    options.progress = [&reported](double f) { reported = f; return true; };
    const LoadResult second = loadVectorSource(source, options);
    CHECK(second.fromCache);
    CHECK(reported == 1.0);
    CHECK(second.diagnostics.empty());
    requireSameLayers(plain, first);
    requireSameLayers(plain, second);
    // FIDs as the file numbers them: a run (points) and steps of 5 (lines).
    CHECK(second.layers[0]->fid(0) == plain.layers[0]->fid(0));
    CHECK(second.layers[1]->fid(3) == 115);

    SECTION("another name of the same file reads the same cache, under the name it was given")
    {
        const std::string other = (tmp.path / "." / "source.gpkg").string();
        const LoadResult r = loadVectorSource(other, options);
        CHECK(r.fromCache);
        CHECK(r.layers[0]->sourcePath() == other);
        CHECK(cacheFiles(options.cacheDir).size() == 1);
    }
    SECTION("other options are another cache entry")
    {
        LoadOptions other = options;
        other.targetCrs = "EPSG:3857";
        const LoadResult mercator = loadVectorSource(source, other);
        CHECK_FALSE(mercator.fromCache);
        CHECK(mercator.layers[0]->crs() == "EPSG:3857");
        CHECK(cacheFiles(options.cacheDir).size() == 2);
        CHECK(loadVectorSource(source, other).fromCache);
        CHECK(loadVectorSource(source, options).layers[0]->crs() == "EPSG:32647");
    }
    SECTION("files below the size limit are not cached")
    {
        LoadOptions large = options;
        large.cacheDir = (tmp.path / "cache-large").string();
        large.cacheMinBytes = fs::file_size(source) + 1;
        CHECK_FALSE(loadVectorSource(source, large).fromCache);
        CHECK_FALSE(loadVectorSource(source, large).fromCache);
        CHECK(cacheFiles(large.cacheDir).empty());
    }
}

TEST_CASE("a changed file invalidates its cache", "[core][cache]")
{
    TempDir tmp;
    const std::string source = (tmp.path / "source.gpkg").string();
    writeSource(source, 500);
    LoadOptions options;
    options.cacheDir = (tmp.path / "cache").string();
    options.cacheMinBytes = 0;
    REQUIRE_FALSE(loadVectorSource(source, options).fromCache);
    REQUIRE(loadVectorSource(source, options).fromCache);

    // The same name, other contents (and a later modification time, as any edit gives it).
    const auto before = fs::last_write_time(source);
    fs::remove(source);
    writeSource(source, 700);
    fs::last_write_time(source, before + std::chrono::seconds(2));
    const LoadResult changed = loadVectorSource(source, options);
    CHECK_FALSE(changed.fromCache);
    REQUIRE(changed.layers.size() == 3);
    CHECK(changed.layers[0]->featureCount() == 700);
    const LoadResult again = loadVectorSource(source, options);
    CHECK(again.fromCache);
    requireSameLayers(changed, again);
    CHECK(cacheFiles(options.cacheDir).size() == 1);  // the stale entry was replaced

    SECTION("a touch alone is a change too")
    {
        fs::last_write_time(source, before + std::chrono::seconds(5));
        CHECK_FALSE(loadVectorSource(source, options).fromCache);
        CHECK(loadVectorSource(source, options).fromCache);
    }
}

TEST_CASE("a corrupt cache file is ignored and rebuilt", "[core][cache]")
{
    TempDir tmp;
    const std::string source = (tmp.path / "source.gpkg").string();
    writeSource(source, 1'000);
    LoadOptions options;
    options.cacheDir = (tmp.path / "cache").string();
    options.cacheMinBytes = 0;
    const LoadResult reference = loadVectorSource(source, options);
    REQUIRE_FALSE(reference.fromCache);
    const auto files = cacheFiles(options.cacheDir);
    REQUIRE(files.size() == 1);
    const fs::path cache = files[0];
    const auto size = fs::file_size(cache);
    REQUIRE(size > 1'000);

    auto damage = [&cache](const std::function<void(std::fstream&)>& how) {
        std::fstream f(cache, std::ios::in | std::ios::out | std::ios::binary);
        REQUIRE(f);
        how(f);
    };
    SECTION("truncated") { fs::resize_file(cache, size / 2); }
    SECTION("cut just before its checksum") { fs::resize_file(cache, size - 4); }
    SECTION("empty") { fs::resize_file(cache, 0); }
    SECTION("one byte flipped in the coordinates")
    {
        damage([size](std::fstream& f) {
            f.seekg(static_cast<std::streamoff>(size / 3));
            char c = 0;
            f.read(&c, 1);
            f.seekp(static_cast<std::streamoff>(size / 3));
            c = static_cast<char>(c ^ 0x10);
            f.write(&c, 1);
        });
    }
    SECTION("a size field made huge")
    {
        // The length of the key's path, right after the magic and the format version.
        damage([](std::fstream& f) {
            f.seekp(12);
            const uint64_t huge = ~uint64_t{0} / 3;
            f.write(reinterpret_cast<const char*>(&huge), sizeof huge);
        });
    }
    SECTION("another program's file")
    {
        std::ofstream(cache, std::ios::binary | std::ios::trunc) << "not a cache, but text of the right length";
    }
    SECTION("the cache folder's entry is a folder")
    {
        fs::remove(cache);
        fs::create_directory(cache);
        const LoadResult r = loadVectorSource(source, options);
        CHECK_FALSE(r.fromCache);
        requireSameLayers(reference, r);
        return;
    }

    const LoadResult rebuilt = loadVectorSource(source, options);
    CHECK_FALSE(rebuilt.fromCache);
    CHECK(rebuilt.diagnostics.empty());
    requireSameLayers(reference, rebuilt);
    const LoadResult hit = loadVectorSource(source, options);
    CHECK(hit.fromCache);
    requireSameLayers(reference, hit);
}

TEST_CASE("loads with diagnostics are not cached", "[core][cache]")
{
    TempDir tmp;
    LoadOptions options;
    options.cacheDir = (tmp.path / "cache").string();
    options.cacheMinBytes = 0;
    // A ring that is not closed: reported on every open, so never served from the cache.
    const std::string source = (tmp.path / "open_ring.geojson").string();
    std::ofstream(source) << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},)"
                             R"("geometry":{"type":"Polygon","coordinates":[[[97,25],[97.1,25],[97.1,25.1],[97,25.2]]]}}]})";
    const LoadResult first = loadVectorSource(source, options);
    REQUIRE_FALSE(first.diagnostics.empty());
    const LoadResult second = loadVectorSource(source, options);
    CHECK_FALSE(second.fromCache);
    CHECK(second.diagnostics.size() == first.diagnostics.size());
    CHECK(cacheFiles(options.cacheDir).empty());
}

TEST_CASE("FIDs are kept as a run until one breaks it", "[core][cache]")
{
    Layer l("t", "", "EPSG:32647");
    GeometryColumn& g = l.mutableGeometry();
    for (int64_t fid : {7, 8, 9, 12, 13}) {
        g.beginFeature(GeometryKind::Point);
        g.beginPart();
        g.beginRing();
        g.addCoord(static_cast<double>(fid), 0);
        g.endFeature();
        l.appendFid(fid);
    }
    CHECK(l.fid(0) == 7);
    CHECK(l.fid(2) == 9);
    CHECK(l.fid(3) == 12);
    CHECK(l.fid(4) == 13);
    l.dropLastFeature();
    CHECK(l.featureCount() == 4);
    CHECK(l.fid(3) == 12);

    Layer run("r", "", "EPSG:32647");
    for (int64_t fid : {1, 2, 3}) {
        run.mutableGeometry().beginFeature(GeometryKind::None);
        run.mutableGeometry().endFeature();
        run.appendFid(fid);
    }
    run.dropLastFeature();
    run.mutableGeometry().beginFeature(GeometryKind::None);
    run.mutableGeometry().endFeature();
    run.appendFid(40);
    CHECK(run.fid(0) == 1);
    CHECK(run.fid(1) == 2);
    CHECK(run.fid(2) == 40);
}

TEST_CASE("a cache of many checksum blocks is read back whole, and refused for any byte changed", "[core][cache]")
{
    // 300,000 points with a real and an integer column: several MiB, so the checksum (computed
    // on its own thread, block by block) has a first, middle and last block, and the large
    // arrays (coordinates, columns, index boxes) are copied by the reader's two threads.
    auto layer = std::make_shared<Layer>("many", "", "EPSG:32647");
    layer->addColumn("value", FieldType::Real);
    layer->addColumn("count", FieldType::Integer);
    Column& value = layer->mutableColumns()[0];  // taken once both are added: addColumn may move them
    Column& count = layer->mutableColumns()[1];
    GeometryColumn& g = layer->mutableGeometry();
    constexpr int kPoints = 300'000;
    for (int i = 0; i < kPoints; ++i) {
        g.beginFeature(GeometryKind::Point);
        g.beginPart();
        g.beginRing();
        g.addCoord(500'000.0 + i % 1000, 2'700'000.0 + i / 1000);
        g.endFeature();
        layer->appendFid(i + 1);
        value.appendReal(i * 0.5);
        if (i % 7 == 0) count.appendNull();
        else count.appendInteger(i * 3LL);
    }
    layer->buildIndex();
    TempDir tmp;
    const std::string file = (tmp.path / "many.layers").string();
    const LayerCacheKey key{"/data/many.gpkg", 123, 456, "crs=EPSG:32647"};
    REQUIRE(writeLayerCache(file, key, {layer}));
    const auto size = fs::file_size(file);
    REQUIRE(size > 8u << 20);

    const auto back = readLayerCache(file, key);
    REQUIRE(back);
    REQUIRE(back->size() == 1);
    requireSameLayer(*layer, *back->front());
    CHECK_FALSE(readLayerCache(file, LayerCacheKey{"/data/many.gpkg", 123, 457, "crs=EPSG:32647"}));

    auto flip = [&file](std::uintmax_t position) {
        std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
        REQUIRE(f);
        f.seekg(static_cast<std::streamoff>(position));
        char c = 0;
        f.read(&c, 1);
        f.seekp(static_cast<std::streamoff>(position));
        c = static_cast<char>(c ^ 0x01);
        f.write(&c, 1);
    };
    // In the first layer's header, the coordinates, the middle block, the last byte before
    // the checksum, and the checksum itself.
    for (const std::uintmax_t position : {std::uintmax_t{200}, size / 5, size / 2 + 3, size - 9, size - 1}) {
        CAPTURE(position, size);
        flip(position);
        CHECK_FALSE(readLayerCache(file, key));
        flip(position);  // back as it was
        CHECK(readLayerCache(file, key));
    }
}
