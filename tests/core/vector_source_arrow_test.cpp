// GeoPackage point layers are read through GDAL's Arrow stream, every other layer through the
// OGR feature loop. The two must give the same layer: the same rows in the same order, FIDs,
// values, nulls, dates and coordinates, and the same reports for rows that cannot load. One
// GeoPackage holds the same features twice — in a POINT layer (Arrow) and in a GEOMETRY layer
// (feature loop) — with more rows than one Arrow batch holds (65,536).
#include "atlas/vector_source.h"

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>
#include <string>

using namespace atlas;

namespace {

constexpr int kRows = 70'000;

// Field values of row k; every seventh row leaves one field null in turn.
bool isNullField(int k, int field) { return k % 7 == 0 && (k / 7) % 9 == field; }

void fillRow(OGRFeature& f, int k)
{
    f.SetFID(10 + 3 * static_cast<GIntBig>(k));  // FIDs with gaps, not the row number
    if (!isNullField(k, 0)) f.SetField("i32", k - 35'000);
    if (!isNullField(k, 1)) f.SetField("i64", static_cast<GIntBig>(k) * 10'000'000'000LL);
    if (f.GetFieldIndex("flag") >= 0 && !isNullField(k, 2)) f.SetField("flag", k % 2);
    if (!isNullField(k, 3)) f.SetField("small", k % 30'000 - 15'000);
    if (!isNullField(k, 4)) f.SetField("value", k * 0.25 - 100.0);
    if (!isNullField(k, 5)) f.SetField("f32", static_cast<double>(k % 1000) * 0.5);
    if (!isNullField(k, 6)) f.SetField("name", k % 3 == 0 ? "ဗန်းမော်" : k % 3 == 1 ? "八莫" : "");
    // Dates from 1965 (before the epoch: negative days) to 2030.
    const int year = 1965 + k % 66, month = 1 + k % 12, day = 1 + k % 28;
    if (!isNullField(k, 7)) f.SetField("day", year, month, day);
    // Date-times late in the day: the day as written, not shifted to another.
    if (!isNullField(k, 8)) f.SetField("when", year, month, day, 23, 59, 59.0f);
    if (k == 5) return;  // null geometry
    OGRPoint p;  // k == 6: POINT EMPTY
    if (k != 6) p = OGRPoint(96.0 + (k % 3000) * 0.001, 23.0 + (k / 3000) * 0.1);
    if (k == 40'000) p = OGRPoint(500.0, 24.0);  // out of range for a geographic CRS: reported
    f.SetGeometry(&p);
}

void writeLayer(GDALDataset& ds, const char* name, OGRwkbGeometryType type, bool withBoolean, int rows = kRows)
{
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRLayer* layer = ds.CreateLayer(name, &wgs84, type, nullptr);
    REQUIRE(layer);
    auto add = [&](const char* field, OGRFieldType t, OGRFieldSubType sub = OFSTNone) {
        OGRFieldDefn d(field, t);
        d.SetSubType(sub);
        REQUIRE(layer->CreateField(&d) == OGRERR_NONE);
    };
    add("i32", OFTInteger);
    add("i64", OFTInteger64);
    if (withBoolean) add("flag", OFTInteger, OFSTBoolean);
    add("small", OFTInteger, OFSTInt16);
    add("value", OFTReal);
    add("f32", OFTReal, OFSTFloat32);
    add("name", OFTString);
    add("day", OFTDate);
    add("when", OFTDateTime);
    REQUIRE(layer->StartTransaction() == OGRERR_NONE);
    for (int k = 0; k < rows; ++k) {
        OGRFeature f(layer->GetLayerDefn());
        fillRow(f, k);
        REQUIRE(layer->CreateFeature(&f) == OGRERR_NONE);
    }
    REQUIRE(layer->CommitTransaction() == OGRERR_NONE);
}

std::string makeGeoPackage()
{
    GDALAllRegister();
    const auto path = (std::filesystem::temp_directory_path() / "atlas-arrow-points.gpkg").string();
    std::filesystem::remove(path);
    GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
    REQUIRE(gpkg);
    GDALDatasetUniquePtr ds(gpkg->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    REQUIRE(ds);
    writeLayer(*ds, "points", wkbPoint, false);
    writeLayer(*ds, "anything", wkbUnknown, false);
    writeLayer(*ds, "flagged", wkbPoint, true, 100);
    return path;
}

bool sameValue(const Column& a, const Column& b, std::size_t row)
{
    if (a.isNull(row) || b.isNull(row)) return a.isNull(row) == b.isNull(row);
    switch (a.type()) {
    case FieldType::Integer: return a.integer(row) == b.integer(row);
    case FieldType::Real: return a.real(row) == b.real(row);
    case FieldType::Date: return a.date(row) == b.date(row);
    case FieldType::String: return a.string(row) == b.string(row);
    }
    return false;
}

}  // namespace

TEST_CASE("GeoPackage points read through Arrow equal the same points read feature by feature", "[core][load]")
{
    const std::string path = makeGeoPackage();
    LoadOptions viaArrow, viaLoop;
    viaArrow.layerName = "points";
    viaLoop.layerName = "anything";
    const LoadResult a = loadVectorSource(path, viaArrow);
    const LoadResult b = loadVectorSource(path, viaLoop);
    REQUIRE(a.layers.size() == 1);
    REQUIRE(b.layers.size() == 1);
    CHECK(a.arrowLayers == 1);  // the fast path ran…
    CHECK(b.arrowLayers == 0);  // …and the other did not
    const Layer& la = *a.layers[0];
    const Layer& lb = *b.layers[0];

    // The out-of-range row is reported by both, with its FID, and skipped.
    REQUIRE(a.diagnostics.errorCount() == 1);
    REQUIRE(b.diagnostics.errorCount() == 1);
    CHECK(a.diagnostics.items().front().location == b.diagnostics.items().front().location);
    CHECK_THAT(a.diagnostics.items().front().message, Catch::Contains("outside longitude"));
    REQUIRE(la.featureCount() == kRows - 1);
    REQUIRE(lb.featureCount() == kRows - 1);

    REQUIRE(la.columns().size() == lb.columns().size());
    for (std::size_t c = 0; c < la.columns().size(); ++c) {
        INFO("field " << la.columns()[c].name());
        CHECK(la.columns()[c].type() == lb.columns()[c].type());
    }
    std::size_t differing = 0;
    for (std::size_t f = 0; f < la.featureCount(); ++f) {
        std::string what;
        if (la.fid(f) != lb.fid(f)) what = "FID";
        if (la.geometry().kind(f) != lb.geometry().kind(f) || la.geometry().isNull(f) != lb.geometry().isNull(f))
            what = "geometry kind";
        const auto ca = la.geometry().coords(f), cb = lb.geometry().coords(f);
        if (ca.size() != cb.size()) what = "coordinate count";
        for (std::size_t i = 0; what.empty() && i < ca.size(); ++i)
            if (ca[i].x != cb[i].x || ca[i].y != cb[i].y) what = "coordinates";
        for (std::size_t c = 0; what.empty() && c < la.columns().size(); ++c)
            if (!sameValue(la.columns()[c], lb.columns()[c], f)) what = "field " + la.columns()[c].name();
        if (!what.empty() && differing++ < 5) FAIL_CHECK("row " << f << " (FID " << la.fid(f) << "): " << what);
    }
    CHECK(differing == 0);

    // And both are what was written (rows before 40,000 keep their row numbers).
    CHECK(la.column("i32")->isNull(0));
    CHECK(la.fid(7) == 31);
    CHECK(la.column("i32")->integer(7) == 7 - 35'000);
    CHECK(la.column("i64")->isNull(7));
    CHECK(la.column("i64")->integer(8) == 80'000'000'000LL);
    CHECK(la.column("small")->integer(8) == -14'992);
    CHECK(la.column("f32")->real(3) == 1.5);
    CHECK(la.column("day")->date(1) == -1826 + 365 + 31 + 1);   // 1966-02-02
    CHECK(la.column("when")->date(1) == -1826 + 365 + 31 + 1);  // 1966-02-02 23:59:59 stays on its day
    CHECK(la.column("name")->string(1) == "八莫");
    CHECK(la.geometry().isNull(5));
    CHECK(la.geometry().coords(6).empty());
    CHECK(la.fid(kRows - 2) == 10 + 3 * (kRows - 1));

    // GDAL 3.6's GeoPackage Arrow stream packs booleans wrongly: a layer with one is read
    // feature by feature, and its values are right.
    LoadOptions flagged;
    flagged.layerName = "flagged";
    const LoadResult c = loadVectorSource(path, flagged);
    REQUIRE(c.layers.size() == 1);
    CHECK(c.arrowLayers == 0);
    const Column* flag = c.layers[0]->column("flag");
    REQUIRE(flag);
    CHECK(flag->integer(1) == 1);
    CHECK(flag->integer(2) == 0);
    CHECK(flag->integer(3) == 1);
    CHECK(flag->isNull(14));  // row 14: the third field (flag) left null
    std::filesystem::remove(path);
}
