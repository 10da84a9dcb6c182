// Data exports written through GDAL and read back with GDAL: KML TimeSpans and styles, the
// GeoPackage layer_styles table, GeoJSON in lon/lat, CSV columns, states split over a range.
#include "atlas/civil_date.h"
#include "atlas/io/acled_import.h"
#include "atlas/io/data_export.h"
#include "data_test_support.h"

#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

using namespace atlas;
using namespace atlas::io;
using atlas::test::bundled;
using atlas::test::day;

namespace {

std::string tempDir(const std::string& name)
{
    const auto dir = std::filesystem::temp_directory_path() / ("kachin-atlas-io-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

ExportStyle controllerStyle()
{
    ExportStyle s;
    s.title = "Mines";
    s.categoryField = "controller";
    s.symbol.fill = {153, 153, 153, 255};
    s.categories = {{"KIA", "KIA", {{0, 114, 178, 255}, {255, 255, 255, 255}, 1.0, 11, ExportMarker::Diamond, false}},
                    {"junta", "Junta", {{213, 94, 0, 255}, {255, 255, 255, 255}, 1.0, 11, ExportMarker::Diamond, false}}};
    s.labelField = "name";
    return s;
}

std::vector<ExportSource> bundledSources()
{
    std::vector<ExportSource> sources = datasetExportSources(bundled().dataset);
    for (ExportSource& s : sources)
        if (s.name == "mines" || s.name == "control") s.style = controllerStyle();
    return sources;
}

EventImport acledSample()
{
    Diagnostics diags;
    EventImport im = importAcled(std::string(ATLAS_TEST_DATA_DIR) + "/acled/acled_kachin_sample.csv", {}, diags);
    REQUIRE(im.ok());
    return im;
}

GDALDatasetUniquePtr openVector(const std::string& path)
{
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    return ds;
}

// Features of a layer by their `field` value (several per value when a feature was split).
std::multimap<std::string, OGRFeatureUniquePtr> byField(OGRLayer& layer, const char* field)
{
    std::multimap<std::string, OGRFeatureUniquePtr> out;
    layer.ResetReading();
    for (auto& f : layer) out.emplace(f->GetFieldAsString(field), OGRFeatureUniquePtr(f->Clone()));
    return out;
}

std::string dateField(const OGRFeature& f, const char* field)
{
    const int i = f.GetFieldIndex(field);
    if (i < 0 || !f.IsFieldSetAndNotNull(i)) return "";
    int y = 0, m = 0, d = 0, h = 0, mi = 0, tz = 0;
    float s = 0;
    const_cast<OGRFeature&>(f).GetFieldAsDateTime(i, &y, &m, &d, &h, &mi, &s, &tz);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

std::string slurp(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

TEST_CASE("a KML export of the map on a day, read back with GDAL, has the features and their TimeSpans", "[io][export][kml]")
{
    const std::string out = tempDir("kml-day") + "/kachin.kml";
    DataExportRequest req;
    req.sources = bundledSources();
    req.links = bundled().links.get();
    req.when = DayExport{TimeCursor(day("2025-02-21"), DaysWindow{30})};
    req.format = DataFormat::Kml;
    req.path = out;
    Diagnostics diags;
    const DataExportResult result = exportData(req, diags);
    INFO(diags.formatAll());
    REQUIRE(result.ok);
    CHECK(result.files == std::vector<std::string>{out});
    CHECK_FALSE(diags.hasErrors());

    auto ds = openVector(out);
    CHECK(std::string(ds->GetDriver()->GetDescription()) == "LIBKML");

    SECTION("control areas: only the versions in force that day, each with its [as_of, next as_of) span")
    {
        OGRLayer* control = ds->GetLayerByName("control");
        REQUIRE(control);
        auto features = byField(*control, "id");
        CHECK(features.count("control:bhamo-kia-2025-02-20") == 1);
        CHECK(features.count("control:bhamo-kia-2025-01-27") == 0);  // superseded on 02-20
        CHECK(features.count("control:bhamo-kia-2025-08-10") == 0);  // not yet
        const OGRFeature& f = *features.find("control:bhamo-kia-2025-02-20")->second;
        CHECK(dateField(f, "begin") == "2025-02-20");
        CHECK(dateField(f, "end") == "2025-08-10");
        CHECK(std::string(f.GetFieldAsString("controller")) == "KIA");
        CHECK(std::string(f.GetStyleString()) == "@control-KIA");
    }
    SECTION("mines carry their controller and the span it holds around that day, and the KIA style")
    {
        OGRLayer* mines = ds->GetLayerByName("mines");
        REQUIRE(mines);
        CHECK(mines->GetFeatureCount() == static_cast<GIntBig>(bundled().dataset->layer("mines")->layer->featureCount()));
        auto features = byField(*mines, "id");
        const OGRFeature& belt = *features.find("mine:pangwa-belt")->second;
        CHECK(std::string(belt.GetFieldAsString("controller")) == "KIA");
        CHECK(dateField(belt, "begin") == "2024-10-18");
        CHECK(dateField(belt, "end").empty());  // still true
        CHECK(std::string(belt.GetStyleString()) == "@mines-KIA");
        CHECK(std::string(belt.GetFieldAsString("Name")).find("Pangwa") != std::string::npos);
    }
    SECTION("events of the 30-day window: single days as TimeStamps, a month as a TimeSpan")
    {
        OGRLayer* events = ds->GetLayerByName("events");
        REQUIRE(events);
        auto features = byField(*events, "id");
        CHECK(features.count("event:2025-02-20-ib-236") == 1);
        CHECK(features.count("event:2025-01-26-bhamo-airport") == 1);
        CHECK(features.count("event:2025-01-18-kunming-ceasefire") == 0);  // ended before the window
        const OGRFeature& ib236 = *features.find("event:2025-02-20-ib-236")->second;
        CHECK(dateField(ib236, "timestamp") == "2025-02-20");
        const OGRFeature& month = *features.find("event:2025-02-re-imports-collapse")->second;
        CHECK(dateField(month, "begin") == "2025-02-01");
        CHECK(dateField(month, "end") == "2025-03-01");
    }
    SECTION("the KML text has shared styles and TimeSpan / TimeStamp elements")
    {
        const std::string kml = slurp(out);
        CHECK(kml.find("<Style id=\"mines-KIA\">") != std::string::npos);
        CHECK(kml.find("<color>ffb27200</color>") != std::string::npos);  // KIA blue, aabbggrr
        CHECK(kml.find("<TimeSpan>") != std::string::npos);
        CHECK(kml.find("<begin>2025-02-20</begin>") != std::string::npos);
        CHECK(kml.find("<when>2025-02-20</when>") != std::string::npos);
        CHECK(kml.find("<name>Kachin Atlas</name>") != std::string::npos);
    }
}

TEST_CASE("a KML export carries the label colour and size of labelled layers as LabelStyle", "[io][export][kml]")
{
    const std::string out = tempDir("kml-labels") + "/labels.kml";
    DataExportRequest req;
    req.sources = bundledSources();
    for (ExportSource& s : req.sources) {
        if (s.name == "mines") {
            s.style.labelColor = {200, 30, 10, 255};
            s.style.labelPointSize = 12.75;  // 1.5 × the default 8.5 pt
        } else if (s.name == "control") {
            s.style.labelField.clear();
        }
    }
    req.links = bundled().links.get();
    req.when = DayExport{TimeCursor(day("2025-02-21"), DaysWindow{30})};
    req.format = DataFormat::Kml;
    req.path = out;
    Diagnostics diags;
    REQUIRE(exportData(req, diags).ok);
    const std::string kml = slurp(out);
    // The text of one shared <Style id="…">…</Style>.
    const auto styleBlock = [&](const std::string& id) {
        const std::size_t at = kml.find("<Style id=\"" + id + "\">");
        REQUIRE(at != std::string::npos);
        return kml.substr(at, kml.find("</Style>", at) - at);
    };
    const std::string kia = styleBlock("mines-KIA");
    INFO(kia);
    const std::size_t label = kia.find("<LabelStyle>");
    REQUIRE(label != std::string::npos);
    const std::string labelStyle = kia.substr(label, kia.find("</LabelStyle>", label) - label);
    CHECK(labelStyle.find("<color>ff0a1ec8</color>") != std::string::npos);  // aabbggrr
    CHECK(labelStyle.find("<scale>1.5</scale>") != std::string::npos);
    CHECK(kia.find("<IconStyle>") != std::string::npos);  // the marker is still there
    CHECK(styleBlock("mines-other").find("<LabelStyle>") != std::string::npos);
    // A layer without labels gets no LabelStyle (viewers keep their default).
    CHECK(styleBlock("control-KIA").find("<LabelStyle>") == std::string::npos);
    CHECK(styleBlock("control-KIA").find("<PolyStyle>") != std::string::npos);
}

TEST_CASE("a range export splits features at each change of controller and status", "[io][export][kml]")
{
    DataExportRequest req;
    req.sources = bundledSources();
    req.links = bundled().links.get();
    req.when = RangeExport{day("2024-10-01"), day("2024-12-31")};
    const std::vector<ExportTable> tables = selectExportRows(req);
    const ExportTable* crossings = nullptr;
    for (const ExportTable& t : tables)
        if (t.name == "crossings") crossings = &t;
    REQUIRE(crossings);
    CHECK(crossings->hasController);
    CHECK(crossings->hasStatus);
    const std::size_t pangwa = *bundled().dataset->layer("crossings")->layer->findById("crossing:pangwa");
    std::vector<const ExportRow*> rows;
    for (const ExportRow& r : crossings->rows)
        if (r.row == pangwa) rows.push_back(&r);
    // Since issue 17 China's "late Oct 2024" closure is written as the month (read from 1 Oct), not
    // as an invented 22 Oct: the closure starts with the range, while the BGF still held the gate.
    REQUIRE(rows.size() == 3);
    CHECK(rows[0]->controller == "NDA-K/BGF");
    CHECK(rows[0]->status == "closed");
    CHECK(rows[0]->span == Interval::ofDays(day("2024-10-01"), day("2024-10-18")));
    CHECK(rows[1]->controller == "KIA");
    CHECK(rows[1]->status == "closed");  // two closures back to back, merged
    CHECK(rows[1]->span == Interval::ofDays(day("2024-10-18"), day("2024-12-13")));
    CHECK(rows[2]->status == "restricted");
    CHECK(rows[2]->span == Interval::ofDays(day("2024-12-13"), day("2025-10-24")));

    // Events and versions overlapping the range only.
    for (const ExportTable& t : tables) {
        if (t.name != "events") continue;
        for (const ExportRow& r : t.rows) {
            REQUIRE(r.span);
            CHECK(r.span->overlaps(Interval::ofDays(day("2024-10-01"), day("2025-01-01"))));
        }
    }
}

TEST_CASE("a KMZ export of an ACLED import over a range replays its widened dates", "[io][export][kml][acled]")
{
    const EventImport im = acledSample();
    ExportSource source = eventImportSource(im);
    source.style.categoryField = "kind";
    source.style.categories = {{"Battles", "Battles", {{213, 94, 0, 200}, {80, 30, 0, 255}, 1, 12, ExportMarker::Circle, false}}};
    const std::string out = tempDir("kmz") + "/acled.kmz";
    DataExportRequest req;
    req.sources = {source};
    req.when = RangeExport{day("2024-10-01"), day("2024-10-31")};
    req.format = DataFormat::Kmz;
    req.path = out;
    Diagnostics diags;
    REQUIRE(exportData(req, diags).ok);
    INFO(diags.formatAll());

    auto ds = openVector(out);
    OGRLayer* layer = ds->GetLayerByName("acled");
    REQUIRE(layer);
    auto features = byField(*layer, "event_id_cnty");
    CHECK(features.size() == 3);  // MMRX0001–0003 fall in October
    for (const char* id : {"MMRX0001", "MMRX0002", "MMRX0003"}) REQUIRE(features.count(id) == 1);
    CHECK(dateField(*features.find("MMRX0001")->second, "timestamp") == "2024-10-18");
    CHECK(dateField(*features.find("MMRX0002")->second, "begin") == "2024-10-21");  // its ISO week
    CHECK(dateField(*features.find("MMRX0002")->second, "end") == "2024-10-28");
    CHECK(dateField(*features.find("MMRX0003")->second, "begin") == "2024-10-01");  // its month
    CHECK(dateField(*features.find("MMRX0003")->second, "end") == "2024-11-01");
    // The halo radius and ACLED's own `timestamp` column travel as attributes.
    CHECK(features.find("MMRX0002")->second->GetFieldAsDouble("halo_m") == 25000.0);
    CHECK(std::string(features.find("MMRX0001")->second->GetStyleString()) == "@acled-Battles");
    OGRGeometry* g = features.find("MMRX0001")->second->GetGeometryRef();
    REQUIRE(g);
    CHECK(g->toPoint()->getX() == Approx(97.23).margin(1e-6));
    CHECK(g->toPoint()->getY() == Approx(24.27).margin(1e-6));
}

TEST_CASE("a GeoPackage export has a layer_styles table QGIS reads", "[io][export][gpkg]")
{
    const std::string out = tempDir("gpkg") + "/kachin.gpkg";
    DataExportRequest req;
    req.sources = bundledSources();
    req.links = bundled().links.get();
    req.when = DayExport{TimeCursor(day("2025-02-21"), DaysWindow{30})};
    req.format = DataFormat::GeoPackage;
    req.path = out;
    Diagnostics diags;
    const DataExportResult result = exportData(req, diags);
    INFO(diags.formatAll());
    REQUIRE(result.ok);
    CHECK_FALSE(diags.hasErrors());

    auto ds = openVector(out);
    OGRLayer* styles = ds->GetLayerByName("layer_styles");
    REQUIRE(styles);
    CHECK(styles->GetFeatureCount() == static_cast<GIntBig>(result.layers.size()));
    auto rows = byField(*styles, "f_table_name");
    // Mines mix sites (points) and areas (polygons): one table, and one style, per kind.
    REQUIRE(rows.count("mines_points") == 1);
    REQUIRE(rows.count("mines_polygons") == 1);
    CHECK(rows.count("mines") == 0);
    const OGRFeature& mines = *rows.find("mines_points")->second;
    CHECK(std::string(mines.GetFieldAsString("f_table_schema")) == "");
    CHECK(std::string(mines.GetFieldAsString("f_geometry_column")) == "geom");
    CHECK(mines.GetFieldAsInteger("useAsDefault") == 1);
    const std::string qml = mines.GetFieldAsString("styleQML");
    CHECK(qml.find("type=\"categorizedSymbol\" attr=\"controller\"") != std::string::npos);
    CHECK(qml.find("value=\"KIA\"") != std::string::npos);
    CHECK(qml.find("0,114,178,255") != std::string::npos);
    CHECK(qml.find("name=\"name\" type=\"QString\" value=\"diamond\"") != std::string::npos);
    CHECK(std::string(mines.GetFieldAsString("styleSLD")).find("<ogc:Literal>KIA</ogc:Literal>") != std::string::npos);
    CHECK(std::string(rows.find("mines_polygons")->second->GetFieldAsString("styleQML")).find("class=\"SimpleFill\"") !=
          std::string::npos);

    OGRLayer* minesLayer = ds->GetLayerByName("mines_polygons");
    REQUIRE(minesLayer);
    CHECK(minesLayer->GetGeomType() == wkbPolygon);
    REQUIRE(ds->GetLayerByName("mines_points"));
    CHECK(ds->GetLayerByName("mines_points")->GetGeomType() == wkbPoint);
    auto features = byField(*minesLayer, "id");
    REQUIRE(features.count("mine:pangwa-belt") == 1);
    const OGRFeature& belt = *features.find("mine:pangwa-belt")->second;
    CHECK(std::string(belt.GetFieldAsString("controller")) == "KIA");
    CHECK(belt.GetFieldDefnRef(belt.GetFieldIndex("valid_from"))->GetType() == OFTDate);
    CHECK(dateField(belt, "valid_from") == "2024-10-18");
    CHECK_FALSE(belt.IsFieldSetAndNotNull(belt.GetFieldIndex("valid_to")));
    CHECK(minesLayer->GetSpatialRef()->GetAuthorityCode(nullptr) == std::string("4326"));
}

TEST_CASE("GeoJSON and CSV exports: one file a layer, lon/lat for points and WKT otherwise", "[io][export]")
{
    const std::string dir = tempDir("geojson-csv");
    const EventImport im = acledSample();
    std::vector<ExportSource> sources = {eventImportSource(im)};
    for (ExportSource& s : datasetExportSources(bundled().dataset))
        if (s.name == "control") sources.push_back(s);

    DataExportRequest req;
    req.sources = sources;
    req.links = bundled().links.get();
    req.when = RangeExport{day("2024-10-01"), day("2025-12-31")};
    Diagnostics diags;

    req.format = DataFormat::GeoJson;
    req.path = dir + "/out.geojson";
    const DataExportResult gj = exportData(req, diags);
    INFO(diags.formatAll());
    REQUIRE(gj.ok);
    CHECK(gj.files == std::vector<std::string>{dir + "/out_acled.geojson", dir + "/out_control.geojson"});
    const std::string acledJson = slurp(dir + "/out_acled.geojson");
    CHECK(acledJson.find("\"valid_from\": \"2024-10-21\"") != std::string::npos);
    CHECK(acledJson.find("[ 97.23, 24.27 ]") != std::string::npos);  // lon, lat (RFC 7946)
    auto ds = openVector(dir + "/out_acled.geojson");
    CHECK(ds->GetLayer(0)->GetFeatureCount() == 10);

    req.format = DataFormat::Csv;
    req.path = dir + "/out.csv";
    const DataExportResult csv = exportData(req, diags);
    REQUIRE(csv.ok);
    const std::string acledCsv = slurp(dir + "/out_acled.csv");
    CHECK(acledCsv.rfind("lon,lat,event_id_cnty,event_date", 0) == 0);
    CHECK(acledCsv.find("97.23,24.27,MMRX0001,2024-10-18") != std::string::npos);
    const std::string controlCsv = slurp(dir + "/out_control.csv");
    CHECK(controlCsv.rfind("WKT,", 0) == 0);
    CHECK(controlCsv.find("\"POLYGON ((") != std::string::npos);
}

TEST_CASE("an export that cannot be written leaves no file behind", "[io][export]")
{
    const std::string dir = tempDir("fail");
    DataExportRequest req;
    req.sources = datasetExportSources(bundled().dataset);
    req.format = DataFormat::GeoPackage;
    req.path = dir + "/missing/sub/out.gpkg";
    Diagnostics diags;
    CHECK_FALSE(exportData(req, diags).ok);
    CHECK(diags.formatAll().find("no such directory") != std::string::npos);
    CHECK(std::filesystem::is_empty(dir));

    req.path = dir + "/out.gpkg";
    req.when = RangeExport{day("2025-01-01"), day("2024-01-01")};
    Diagnostics reversed;
    CHECK_FALSE(exportData(req, reversed).ok);
    CHECK(std::filesystem::is_empty(dir));
}

TEST_CASE("data formats by name and extension", "[io][export]")
{
    CHECK(parseDataFormat("KML") == DataFormat::Kml);
    CHECK(parseDataFormat("geopackage") == DataFormat::GeoPackage);
    CHECK_FALSE(parseDataFormat("shp"));
    CHECK(dataFormatOfPath("/tmp/a.kmz") == DataFormat::Kmz);
    CHECK(dataFormatOfPath("x.GeoJSON") == DataFormat::GeoJson);
    CHECK_FALSE(dataFormatOfPath("noext"));
}

TEST_CASE("styles become QML, SLD and OGR style strings", "[io][export][style]")
{
    const ExportStyle s = controllerStyle();
    const std::string qml = qgisQml(s, GeometryKind::Point);
    CHECK(qml.rfind("<!DOCTYPE qgis", 0) == 0);
    CHECK(qml.find("labelsEnabled=\"1\"") != std::string::npos);
    CHECK(qml.find("<category render=\"true\" symbol=\"2\" value=\"\" label=\"other\"/>") != std::string::npos);
    CHECK(qml.find("<prop k=\"size_unit\" v=\"Pixel\"/>") != std::string::npos);
    const std::string line = qgisQml(ExportStyle{}, GeometryKind::Line);
    CHECK(line.find("type=\"singleSymbol\"") != std::string::npos);
    CHECK(line.find("class=\"SimpleLine\"") != std::string::npos);
    CHECK(sldDocument(s, "mines", GeometryKind::Polygon).find("<se:PolygonSymbolizer>") != std::string::npos);
    CHECK(ogrStyleString(s.categories[0].symbol, GeometryKind::Polygon) == "BRUSH(fc:#0072b2ff);PEN(c:#ffffffff,w:1px)");
    CHECK(ogrStyleString(s.categories[0].symbol, GeometryKind::Point).find(",c:#0072b2ff,s:0.6875)") != std::string::npos);
    CHECK(ogrLabelString(s) == "LABEL(c:#191919ff,w:100)");
    ExportStyle unlabelled = s;
    unlabelled.labelField.clear();
    CHECK(ogrLabelString(unlabelled).empty());
    CHECK(xmlEscape("a<b & \"c\"") == "a&lt;b &amp; &quot;c&quot;");
}
