// `kachin-atlas export-data` and `import-report` end to end, checked with real readers: ogrinfo
// (GDAL's command-line tool), GDAL's API and — where the machine has it — QGIS itself.
#include "cli_support.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

using namespace atlas::test;

namespace {

const QString kData = QStringLiteral(ATLAS_TEST_DATA_DIR);

RunResult runProgram(const QString& program, const QStringList& args)
{
    QProcess proc;
    proc.start(program, args);
    RunResult r;
    if (!proc.waitForStarted(10'000)) return r;
    proc.waitForFinished(180'000);
    r.exitCode = proc.exitStatus() == QProcess::NormalExit ? proc.exitCode() : -1;
    r.out = QString::fromUtf8(proc.readAllStandardOutput());
    r.err = QString::fromUtf8(proc.readAllStandardError());
    return r;
}

GDALDatasetUniquePtr openVector(const QString& path)
{
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    return ds;
}

int countWhere(OGRLayer& layer, const char* field, const char* value)
{
    int n = 0;
    layer.ResetReading();
    for (auto& f : layer)
        if (std::string(f->GetFieldAsString(field)) == value) ++n;
    return n;
}

}  // namespace

TEST_CASE("export-data writes a KML of the map on a day that GDAL reads back with its TimeSpans", "[cli][export-data]")
{
    const QString out = tempDir("export-data-kml") + "/kachin.kml";
    const RunResult r = runAtlas({"export-data", "--date", "2025-02-21", "-o", out});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains("wrote " + out + " (kml, on 2025-02-21): control "));
    CHECK(r.out.contains("mines 14"));

    // ogrinfo, as a user would check it: the Bhamo KIA area in force that day and its span.
    const RunResult info = runProgram("ogrinfo", {"-ro", "-q", out, "control", "-where", "id = 'control:bhamo-kia-2025-02-20'"});
    INFO(info.err.toStdString());
    REQUIRE(info.exitCode == 0);
    CHECK(info.out.contains("begin (DateTime) = 2025/02/20 00:00:00"));
    CHECK(info.out.contains("end (DateTime) = 2025/08/10 00:00:00"));
    CHECK(info.out.contains("controller (String) = KIA"));

    auto ds = openVector(out);
    OGRLayer* crossings = ds->GetLayerByName("crossings");
    REQUIRE(crossings);
    CHECK(countWhere(*crossings, "status", "restricted") >= 1);  // Pangwa, partially reopened
    // The window's styles: one per controller category in the document.
    QFile f(out);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QByteArray kml = f.readAll();
    CHECK(kml.contains("<Style id=\"mines-KIA\">"));
    CHECK(kml.contains("<Style id=\"crossings-restricted\">"));
    CHECK(kml.contains("<styleUrl>#mines-KIA</styleUrl>"));
}

TEST_CASE("export-data writes a GeoPackage that opens in ogrinfo with the styles table", "[cli][export-data][gpkg]")
{
    const QString out = tempDir("export-data-gpkg") + "/kachin.gpkg";
    const RunResult r = runAtlas({"export-data", "--date", "2025-02-21", "--window", "instant", "-o", out});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);

    const RunResult list = runProgram("ogrinfo", {"-ro", "-so", "-q", out});
    INFO(list.err.toStdString());
    REQUIRE(list.exitCode == 0);
    for (const char* layer : {"control", "frontlines", "mines_points", "mines_polygons", "places", "crossings", "events",
                              "layer_styles"})
        CHECK(list.out.contains(QString(": %1").arg(layer)));

    const RunResult styles = runProgram(
        "ogrinfo", {"-ro", "-q", out, "-sql", "SELECT f_table_name, f_geometry_column, useAsDefault FROM layer_styles "
                                              "WHERE f_table_name = 'crossings'"});
    REQUIRE(styles.exitCode == 0);
    CHECK(styles.out.contains("f_table_name (String) = crossings"));
    CHECK(styles.out.contains("f_geometry_column (String) = geom"));
    CHECK(styles.out.contains("useAsDefault (Integer(Boolean)) = 1"));

    const RunResult qml = runProgram("ogrinfo", {"-ro", "-q", out, "-sql", "SELECT styleQML FROM layer_styles WHERE f_table_name = 'crossings'"});
    CHECK(qml.out.contains("attr=\"status\""));
    CHECK(qml.out.contains("value=\"restricted\""));
}

TEST_CASE("QGIS opens the exported GeoPackage with its categorized style", "[cli][export-data][gpkg][qgis]")
{
    // Only where python3-qgis is installed (Debian's QGIS 3.22 on the project's machines).
    if (!QFileInfo::exists("/usr/bin/python3") ||
        runProgram("/usr/bin/python3", {"-c", "import qgis.core"}).exitCode != 0) {
        WARN("python3-qgis not installed: QGIS check skipped");
        return;
    }
    const QString out = tempDir("export-data-qgis") + "/kachin.gpkg";
    REQUIRE(runAtlas({"export-data", "--date", "2025-02-21", "-o", out}).exitCode == 0);
    const QString script = R"(
import os, sys
os.environ['QT_QPA_PLATFORM'] = 'offscreen'
from qgis.core import QgsApplication, QgsVectorLayer
app = QgsApplication([], False); app.initQgis()
for name, attr in (('mines_points', 'controller'), ('crossings', 'status'), ('events', 'kind')):
    layer = QgsVectorLayer(sys.argv[1] + '|layername=' + name, name, 'ogr')
    assert layer.isValid(), name
    r = layer.renderer()
    cats = {c.value(): c.symbol().color().name() for c in r.categories()}
    print(name, r.type(), r.classAttribute(), len(cats), cats.get('KIA', ''), cats.get('restricted', ''), cats.get('battle', ''))
print('labels', QgsVectorLayer(sys.argv[1] + '|layername=mines_points', 'm', 'ogr').labelsEnabled())
)";
    const RunResult q = runProgram("/usr/bin/python3", {"-c", script, out});
    INFO(q.out.toStdString() << q.err.toStdString());
    REQUIRE(q.exitCode == 0);
    // Colours as the window draws them: KIA blue (mines keep their translucent fill), restricted
    // orange, battles vermillion.
    CHECK(q.out.contains("mines_points categorizedSymbol controller 8 #0072b2"));
    CHECK(q.out.contains("crossings categorizedSymbol status 4  #e69f00"));
    CHECK(q.out.contains("events categorizedSymbol kind 10   #d55e00"));
    CHECK(q.out.contains("labels True"));
}

TEST_CASE("export-data on ACLED and UCDP files over a range writes a KMZ Google Earth can replay", "[cli][export-data][kml]")
{
    const QString out = tempDir("export-data-kmz") + "/events.kmz";
    const RunResult r = runAtlas({"export-data", "--from", "2024-10", "--to", "2024-12", "--format", "kmz", "-o", out,
                                  kData + "/acled/acled_kachin_sample.csv", kData + "/ucdp/ucdp_ged_kachin_sample.csv"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains("(kmz, from 2024-10-01 to 2024-12-31): acled 5, ucdp 3"));

    const RunResult zip = runProgram("unzip", {"-l", out});
    if (zip.exitCode == 0) CHECK(zip.out.contains("doc.kml"));
    auto ds = openVector(out);
    OGRLayer* acled = ds->GetLayerByName("acled");
    REQUIRE(acled);
    CHECK(acled->GetFeatureCount() == 5);
    acled->ResetReading();
    bool sawWeek = false;
    for (auto& f : acled) {
        if (std::string(f->GetFieldAsString("event_id_cnty")) != "MMRX0002") continue;
        sawWeek = true;
        CHECK(std::string(f->GetFieldAsString("begin")) == "2024/10/21 00:00:00");
        CHECK(std::string(f->GetFieldAsString("end")) == "2024/10/28 00:00:00");
        CHECK(f->GetFieldAsDouble("halo_m") == 25000.0);
    }
    CHECK(sawWeek);
    OGRLayer* ucdp = ds->GetLayerByName("ucdp");
    REQUIRE(ucdp);
    CHECK(ucdp->GetFeatureCount() == 3);
}

TEST_CASE("export-data writes GeoJSON and CSV, one file per layer", "[cli][export-data]")
{
    const QString dir = tempDir("export-data-csv");
    const RunResult r = runAtlas({"export-data", "--date", "2025-02-21", "--layers", "mines,crossings", "-o", dir + "/k.csv"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    QFile mines(dir + "/k_mines.csv");
    REQUIRE(mines.open(QIODevice::ReadOnly));
    const QByteArray csv = mines.readAll();
    CHECK(csv.startsWith("WKT,"));  // mines mix points and areas
    CHECK(csv.contains("mine:pangwa-belt"));
    CHECK(QFileInfo::exists(dir + "/k_crossings.csv"));
    CHECK_FALSE(QFileInfo::exists(dir + "/k_events.csv"));

    const RunResult g = runAtlas({"export-data", "--date", "2025-02-21", "--layers", "events", "-o", dir + "/events.geojson"});
    REQUIRE(g.exitCode == 0);
    QFile gj(dir + "/events.geojson");
    REQUIRE(gj.open(QIODevice::ReadOnly));
    const QJsonObject doc = QJsonDocument::fromJson(gj.readAll()).object();
    CHECK(doc["type"].toString() == "FeatureCollection");
    bool found = false;
    for (const QJsonValue& v : doc["features"].toArray()) {
        const QJsonObject p = v.toObject()["properties"].toObject();
        if (p["id"].toString() != "event:2025-02-20-ib-236") continue;
        found = true;
        CHECK(p["valid_from"].toString() == "2025-02-20");
        CHECK(p["valid_to"].toString() == "2025-02-21");
    }
    CHECK(found);
}

TEST_CASE("export-data refuses bad command lines", "[cli][export-data]")
{
    const QString dir = tempDir("export-data-usage");
    // Each refusal is checked by its message too: a sanitizer report exits with its own status, and
    // a crash that happened to exit 2 would not explain the option.
    const RunResult noOutput = runAtlas({"export-data", "--date", "2025-02-21"});
    CHECK(noOutput.exitCode == 2);
    CHECK(noOutput.err.contains("export-data: -o FILE is required"));
    const RunResult shp = runAtlas({"export-data", "-o", dir + "/x.shp"});
    CHECK(shp.exitCode == 2);
    CHECK(shp.err.contains("cannot tell the format from \"" + dir + "/x.shp\"; give --format"));
    const RunResult half = runAtlas({"export-data", "--from", "2025-01-01", "-o", dir + "/x.kml"});
    CHECK(half.exitCode == 2);
    CHECK(half.err.contains("--from and --to go together"));
    const RunResult layers = runAtlas({"export-data", "--layers", "nope", "-o", dir + "/x.kml"});
    CHECK(layers.exitCode == 2);
    CHECK(layers.err.contains("no layer \"nope\" (layers: control, river, frontlines"));
    const RunResult help = runAtlas({"export-data", "--help"});
    CHECK(help.exitCode == 0);
    CHECK(help.out.contains("Usage: kachin-atlas export-data"));
    CHECK(QDir(dir).isEmpty());
}

TEST_CASE("import-report lists the events a newer ACLED export added, changed and deleted", "[cli][import-report]")
{
    const QString older = kData + "/acled/acled_kachin_sample.csv";
    const QString newer = kData + "/acled/acled_kachin_sample_v2.csv";
    const RunResult text = runAtlas({"import-report", older, newer});
    INFO(text.err.toStdString());
    REQUIRE(text.exitCode == 0);
    CHECK(text.out.contains("2 added, 2 changed, 1 deleted, 7 unchanged"));
    CHECK(text.out.contains("  ~ MMRX0006"));
    CHECK(text.out.contains("      notes: "));

    const RunResult json = runAtlas({"import-report", "--format", "json", older, newer});
    REQUIRE(json.exitCode == 0);
    const QJsonObject j = QJsonDocument::fromJson(json.out.toUtf8()).object();
    CHECK(j["counts"].toObject()["added"].toInt() == 2);
    CHECK(j["deleted"].toArray()[0].toObject()["id"].toString() == "MMRX0003");
    CHECK(j["changed"].toArray()[0].toObject()["fields"].toArray()[0].toObject()["field"].toString() == "fatalities");

    const RunResult one = runAtlas({"import-report", older});
    CHECK(one.exitCode == 2);
    CHECK(one.err.contains("import-report: expected two files, OLD.csv NEW.csv"));
    const RunResult missing = runAtlas({"import-report", older, kData + "/missing.csv"});
    CHECK(missing.exitCode == 3);
    CHECK(missing.err.contains(kData + "/missing.csv: file not found or not readable"));
}
