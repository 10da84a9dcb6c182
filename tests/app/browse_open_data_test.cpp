// Open Data: broken files reported by name and reason without touching what is open;
// multi-layer GeoPackages, CSV lon/lat, KML/KMZ, folders; cancel; undo.
#include "browse_test_support.h"

#include "gui/open_data.h"

#include <QDragEnterEvent>
#include <QMessageBox>
#include <QMimeData>
#include <QTemporaryDir>
#include <QUndoStack>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <fstream>

using namespace atlas;
using namespace atlas::app;

namespace {

// A GeoPackage with two point layers, written with OGR.
QString makeTwoLayerGpkg(const QString& dir)
{
    GDALAllRegister();
    const QString path = dir + "/two-layers.gpkg";
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    REQUIRE(driver);
    GDALDatasetUniquePtr ds(driver->Create(path.toUtf8().constData(), 0, 0, 0, GDT_Unknown, nullptr));
    REQUIRE(ds);
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    for (const char* name : {"camps", "checkpoints"}) {
        OGRLayer* layer = ds->CreateLayer(name, &wgs84, wkbPoint, nullptr);
        REQUIRE(layer);
        OGRFieldDefn field("name", OFTString);
        REQUIRE(layer->CreateField(&field) == OGRERR_NONE);
        for (int i = 0; i < 3; ++i) {
            OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
            f->SetField("name", (std::string(name) + " " + std::to_string(i)).c_str());
            OGRPoint p(97.2 + 0.05 * i, 24.3 + (name[0] == 'c' && name[1] == 'a' ? 0.0 : 0.1));
            f->SetGeometry(&p);
            REQUIRE(layer->CreateFeature(f.get()) == OGRERR_NONE);
        }
    }
    return path;
}

void waitDone(OpenDataController* open)
{
    REQUIRE(test::waitUntil([&] { return !open->isBusy(); }, 30000));
}

}  // namespace

TEST_CASE("A broken GeoJSON is reported by name with the reason; the layers already open stay", "[app][browse][open]")
{
    test::useBundledData();
    test::BrowseWindow w;
    const std::size_t before = w.window.document().layers().size();
    const uint64_t revision = w.window.document().revision();
    OpenDataController* open = w.tools->openData();
    open->openPaths({test::browseData("broken.geojson")}, false);
    waitDone(open);
    const OpenReport& report = open->lastReport();
    CHECK(report.addedLayers.isEmpty());
    REQUIRE(report.failures.size() == 1);
    INFO(report.failures.front().toStdString());
    CHECK(report.failures.front().startsWith("broken.geojson: "));
    CHECK(report.failures.front().contains("cannot open"));
    CHECK(w.window.document().layers().size() == before);
    CHECK(w.window.document().revision() == revision);
    // The report is on screen, naming the file.
    QMessageBox* box = w.window.findChild<QMessageBox*>("OpenDataReport");
    REQUIRE(box);
    CHECK(box->informativeText().contains("broken.geojson"));
    box->close();

    // With a good file in the same batch, the good one still loads.
    open->openPaths({test::browseData("broken.geojson"), test::browseData("villages.csv")}, false);
    waitDone(open);
    CHECK(open->lastReport().addedLayers == QStringList{"villages"});
    CHECK(open->lastReport().failures.size() == 1);
    CHECK(w.window.document().layers().size() == before + 1);
    if (auto* b = w.window.findChild<QMessageBox*>("OpenDataReport")) b->close();
}

TEST_CASE("CSV lon/lat, KML, KMZ and a two-layer GeoPackage open; undo takes them away again", "[app][browse][open]")
{
    test::useBundledData();
    test::BrowseWindow w;
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString gpkg = makeTwoLayerGpkg(dir.path());
    const std::size_t before = w.window.document().layers().size();
    OpenDataController* open = w.tools->openData();
    open->openPaths({test::browseData("villages.csv"), test::browseData("sites.kml"), test::browseData("sites.kmz"), gpkg},
                    false);
    waitDone(open);
    const OpenReport& report = open->lastReport();
    INFO(report.diagnostics.formatAll());
    CHECK(report.failures.isEmpty());
    CHECK(report.addedLayers.size() == 5);
    CHECK(report.addedLayers.contains("two-layers — camps"));
    CHECK(report.addedLayers.contains("two-layers — checkpoints"));
    REQUIRE(w.window.document().layers().size() == before + 5);
    // The CSV's points are where lon/lat say, in the display CRS.
    const LayerEntry& csv = w.window.document().layers()[before];
    CHECK(csv.layer->featureCount() == 3);
    const Box ext = csv.layer->extent();
    CHECK(ext.minX > 300'000);  // UTM 47N (central meridian 99°E): 97.10°E ≈ 307 km, 97.45°E ≈ 343 km
    CHECK(ext.maxX < 350'000);

    w.tools->undoStack()->undo();
    CHECK(w.window.document().layers().size() == before);
    w.tools->undoStack()->redo();
    CHECK(w.window.document().layers().size() == before + 5);
}

TEST_CASE("A folder opens every data file in it; an empty folder is reported", "[app][browse][open]")
{
    test::useBundledData();
    test::BrowseWindow w;
    const QStringList files = OpenDataController::expandFolder(QString(ATLAS_TEST_DATA_DIR) + "/browse");
    CHECK(files.size() == 5);  // broken.geojson, patrols.geojson, sites.kml, sites.kmz, villages.csv — not README.md
    QTemporaryDir empty;
    OpenDataController* open = w.tools->openData();
    open->openPaths({empty.path()}, false);
    waitDone(open);
    REQUIRE(open->lastReport().failures.size() == 1);
    CHECK(open->lastReport().failures.front().contains("no vector data files"));
    if (auto* b = w.window.findChild<QMessageBox*>("OpenDataReport")) b->close();
}

TEST_CASE("Cancelling a large read adds nothing", "[app][browse][open]")
{
    test::useBundledData();
    test::BrowseWindow w;
    QTemporaryDir dir;
    const QString path = dir.path() + "/many.csv";
    {
        std::ofstream out(path.toStdString());
        out << "lon,lat,name\n";
        for (int i = 0; i < 400'000; ++i) out << 97.0 + (i % 1000) * 0.001 << ',' << 24.0 + (i / 1000) * 0.001 << ",p" << i << '\n';
    }
    const std::size_t before = w.window.document().layers().size();
    OpenDataController* open = w.tools->openData();
    open->openPaths({path}, false);
    CHECK(open->isBusy());
    open->cancel();
    waitDone(open);
    CHECK(open->lastReport().cancelled);
    CHECK(open->lastReport().addedLayers.isEmpty());
    CHECK(w.window.document().layers().size() == before);
}

TEST_CASE("Files dropped on the window are opened", "[app][browse][open]")
{
    test::useBundledData();
    test::BrowseWindow w;
    const std::size_t before = w.window.document().layers().size();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(test::browseData("sites.kml"))});
    QDragEnterEvent enter(QPoint(600, 400), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&w.window, &enter);
    CHECK(enter.isAccepted());
    QDropEvent drop(QPointF(600, 400), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&w.window, &drop);
    CHECK(drop.isAccepted());
    REQUIRE(test::waitUntil([&] { return w.window.document().layers().size() == before + 1 && !w.tools->openData()->isBusy(); }));
    CHECK(w.tools->openData()->lastReport().addedLayers == QStringList{"sites"});
}
