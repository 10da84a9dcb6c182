// Open Data: broken files reported by name and reason without touching what is open;
// multi-layer GeoPackages, CSV lon/lat, KML/KMZ, folders, rasters (imagery); cancel; undo.
#include "browse_test_support.h"

#include "../raster_fixture.h"
#include "atlas/crs.h"
#include "atlas/render/renderer.h"
#include "atlas/model/project_file.h"
#include "atlas/gui/layer_panel.h"
#include "atlas/model/layer_commands.h"
#include "atlas/gui/open_data.h"
#include "atlas/gui/raster_overviews.h"

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

TEST_CASE("A broken GeoJSON is reported by name with the reason, the layers already open stay", "[app][browse][open]")
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

TEST_CASE("CSV lon/lat, KML, KMZ and a two-layer GeoPackage open, undo takes them away again", "[app][browse][open]")
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

TEST_CASE("A folder opens every data file in it, an empty folder is reported", "[app][browse][open]")
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
    CHECK(open->lastReport().failures.front().contains("no vector or raster data files in this folder"));
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

TEST_CASE("A GeoTIFF opens as imagery under the data layers and the canvas shows its colour in place", "[app][browse][open][imagery]")
{
    test::useBundledData();
    test::BrowseWindow w;
    const std::string dir = test::rasterTempDir("app-open");
    test::writeRedBlockTiff(dir + "/red.tif");
    const MapDocument& doc = w.window.document();
    const std::size_t before = doc.layers().size();
    const std::size_t firstData = doc.rasterInsertIndex();
    OpenDataController* open = w.tools->openData();
    open->openPaths({QString::fromStdString(dir + "/red.tif")}, false);
    waitDone(open);
    INFO(open->lastReport().diagnostics.formatAll());
    REQUIRE(open->lastReport().failures.isEmpty());
    REQUIRE(doc.layers().size() == before + 1);
    // Above the country fills, below the outlines and every data layer.
    const LayerEntry& e = doc.layers()[firstData];
    REQUIRE(e.raster);
    CHECK(e.style.title == "red");
    CHECK(firstData >= 1);
    for (std::size_t k = firstData + 1; k < doc.layers().size(); ++k) CHECK_FALSE(doc.layers()[k].raster);
    CHECK(doc.layers().back().role == LayerRole::Data);

    // The done-when: the known pixel colour at its place, here on the canvas (the other layers
    // hidden: the Kachin State highlight and the data would tint it).
    for (std::size_t k = 0; k < doc.layers().size(); ++k)
        if (k != firstData) w.window.model().setLayerVisible(k, false);
    w.tools->layerPanel()->setCurrentLayer(firstData);
    w.window.canvas()->zoomToExtent(doc.extentOf(e));
    w.settle();
    const Viewport vp = w.window.canvas()->viewport();
    const QImage shown = w.window.canvas()->grabMap();
    const Coord red = vp.toPixel(CoordinateTransform(kWgs84, doc.displayCrs()).transform(Coord{test::kRedLon, test::kRedLat}));
    CHECK(shown.pixelColor(static_cast<int>(red.x), static_cast<int>(red.y)) == QColor(255, 0, 0));

    // Half opacity from the panel (one undoable step), and back.
    w.window.undoStack()->push(new SetLayerOpacityCommand(w.window.model(), firstData, 0.5));
    const render::MapScene scene = doc.scene(vp, 1.0, w.window.clock()->cursor());
    const QImage half = render::Renderer::renderImage(scene);
    const QColor c = half.pixelColor(static_cast<int>(red.x), static_cast<int>(red.y));
    CHECK(c.red() > 120);
    CHECK(c != QColor(255, 0, 0));
    w.window.undoStack()->undo();
    CHECK(doc.layers()[firstData].style.opacity == 1.0);
    // Undo of the open removes it.
    w.window.undoStack()->undo();
    CHECK(doc.layers().size() == before);
    CHECK_FALSE(std::any_of(doc.layers().begin(), doc.layers().end(), [](const LayerEntry& l) { return l.raster; }));
}

TEST_CASE("A raster layer is saved in a project with its opacity and comes back as imagery", "[app][browse][open][imagery]")
{
    test::useBundledData();
    const std::string dir = test::rasterTempDir("app-project");
    test::writeRedBlockTiff(dir + "/red.tif");
    MapDocument doc;
    Diagnostics d;
    doc.loadFiles({QString::fromStdString(dir + "/red.tif")}, d);
    REQUIRE(doc.layers().size() == 1);
    doc.setLayerOpacity(0, 0.4);
    Project p;
    p.dataset = Project::DatasetRef::None;
    p.layers = projectLayersOf(doc);
    const QString file = QString::fromStdString(dir + "/map.katlas");
    REQUIRE(writeProjectFile(p, file).empty());
    Result<Project> read = readProjectFile(file);
    REQUIRE(read);
    MapDocument again;
    QStringList problems;
    applyProjectLayers(again, *read, d, problems);
    INFO(problems.join("\n").toStdString());
    REQUIRE(again.layers().size() == 1);
    REQUIRE(again.layers()[0].raster);
    CHECK(again.layers()[0].style.opacity == Approx(0.4));
    CHECK(again.layers()[0].raster->info().width == 10);
}

TEST_CASE("Build Overviews from the layer panel runs with progress and makes the ovr", "[app][browse][open][imagery]")
{
    test::useBundledData();
    test::BrowseWindow w;
    const std::string dir = test::rasterTempDir("app-ovr");
    test::writeLonLatTiff(dir + "/big.tif", 1024, 1024, 3, {97.0, 0.001, 0, 26.0, 0, -0.001},
                          [](int b, int c, int r) -> uint8_t { return static_cast<uint8_t>((b * 50 + c + r) % 256); });
    const MapDocument& doc = w.window.document();
    Diagnostics d;
    w.window.model().change([&](MapDocument& m) { m.loadFiles({QString::fromStdString(dir + "/big.tif")}, d); });
    const std::size_t at = doc.rasterInsertIndex() - 1;
    REQUIRE(doc.layers()[at].raster);
    OverviewBuilder* builder = w.tools->overviews();
    bool ok = false;
    bool done = false;
    QObject::connect(builder, &OverviewBuilder::finished, [&](bool success, const QString&) {
        ok = success;
        done = true;
    });
    builder->build(at);
    REQUIRE(test::waitUntil([&] { return done; }, 30000));
    CHECK(ok);
    CHECK(doc.layers()[at].raster->overviewCount() == 2);
    CHECK(std::filesystem::exists(dir + "/big.tif.ovr"));
}

TEST_CASE("A broken GeoTIFF is reported by name as a raster that cannot be read", "[app][browse][open][imagery]")
{
    test::useBundledData();
    test::BrowseWindow w;
    const std::string dir = test::rasterTempDir("app-broken");
    std::ofstream(dir + "/scene.tif") << "not a tiff at all";
    const std::size_t before = w.window.document().layers().size();
    OpenDataController* open = w.tools->openData();
    open->openPaths({QString::fromStdString(dir + "/scene.tif")}, false);
    waitDone(open);
    REQUIRE(open->lastReport().failures.size() == 1);
    INFO(open->lastReport().failures.front().toStdString());
    CHECK(open->lastReport().failures.front().startsWith("scene.tif: cannot open as a raster"));
    CHECK(w.window.document().layers().size() == before);
    if (auto* box = w.window.findChild<QMessageBox*>("OpenDataReport")) box->close();
}
