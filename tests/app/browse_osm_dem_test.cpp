// Local detail in the window (issue 18): File → Open Data on an OSM extract and a DEM puts them
// under the data, the canvas draws the extract's primary road where it lies, and the DEM's
// properties set its hillshade (one undoable step, drawn differently at once).
#include "browse_test_support.h"

#include "../dem_fixture.h"
#include "../raster_fixture.h"
#include "atlas/crs.h"
#include "atlas/gui/hillshade_controls.h"
#include "atlas/gui/layer_properties.h"
#include "atlas/gui/open_data.h"
#include "atlas/model/layer_commands.h"
#include "atlas/model/layer_placement.h"
#include "atlas/osm_source.h"

#include <QCheckBox>
#include <algorithm>
#include <QDoubleSpinBox>
#include <QUndoStack>

using namespace atlas;
using namespace atlas::app;

namespace {

int colourDistance(QColor a, QColor b)
{
    return std::max({std::abs(a.red() - b.red()), std::abs(a.green() - b.green()), std::abs(a.blue() - b.blue())});
}

}  // namespace

TEST_CASE("Open Data on an OSM extract and a DEM: under the data, drawn in place, hillshade set in properties",
          "[app][browse][open][osm][hillshade]")
{
    test::useBundledData();
    test::BrowseWindow w;
    const std::string dir = test::rasterTempDir("app-osm-dem");
    const std::string dem = dir + "/ridge.tif";
    test::writeRidgeDem(dem);
    const MapDocument& doc = w.window.document();
    const std::size_t before = doc.layers().size();
    OpenDataController* open = w.tools->openData();
    open->openPaths({QString(ATLAS_TEST_DATA_DIR) + "/osm/bhamo_fixture.osm", QString::fromStdString(dem)}, false);
    REQUIRE(test::waitUntil([&] { return !open->isBusy(); }, 30000));
    INFO(open->lastReport().diagnostics.formatAll());
    REQUIRE(open->lastReport().failures.isEmpty());
    REQUIRE(doc.layers().size() == before + 7);

    // The DEM on the country fills; the OSM themes above the basemap and the DEM; then the data.
    std::optional<std::size_t> demAt, roadsAt, firstData;
    for (std::size_t k = 0; k < doc.layers().size(); ++k) {
        const LayerEntry& e = doc.layers()[k];
        if (e.raster) demAt = k;
        if (isOsmEntry(e) && e.layer->name() == osm::kRoads) roadsAt = k;
        if (!firstData && !e.datasetKey.empty()) firstData = k;
    }
    REQUIRE(demAt);
    REQUIRE(roadsAt);
    REQUIRE(firstData);
    CHECK(*demAt == 1);
    CHECK(*demAt < *roadsAt);
    CHECK(*roadsAt < *firstData);
    CHECK(doc.layers()[*demAt].style.hillshade.enabled);

    // The canvas, with only the roads shown: the primary road's eastern segment in its colour.
    for (std::size_t k = 0; k < doc.layers().size(); ++k)
        if (k != *roadsAt) w.window.model().setLayerVisible(k, false);
    const CoordinateTransform toDisplay(kWgs84, doc.displayCrs());
    w.window.canvas()->zoomToExtent(toDisplay.transformBox(Box::of(96.95, 24.05, 97.55, 24.45)));
    w.settle();
    const Viewport vp = w.window.canvas()->viewport();
    const QImage shown = w.window.canvas()->grabMap();
    const QColor primary = doc.layers()[*roadsAt].style.symbolFor("primary").stroke;
    int onRoad = 0;
    for (int k = 0; k <= 10; ++k) {
        const Coord p = vp.toPixel(toDisplay.transform(Coord{97.29 + 0.01 * k, 24.25}));
        if (colourDistance(shown.pixelColor(static_cast<int>(p.x), static_cast<int>(p.y)), primary) <= 30) ++onRoad;
    }
    CHECK(onRoad == 11);

    // The DEM's properties: light from the south-east, exaggerated, through the dialog's controls.
    LayerPropertiesDialog dialog(doc, *demAt);
    auto* azimuth = dialog.findChild<QDoubleSpinBox*>("hillshadeAzimuth");
    auto* zFactor = dialog.findChild<QDoubleSpinBox*>("hillshadeZFactor");
    REQUIRE(azimuth);
    REQUIRE(zFactor);
    CHECK(dialog.findChild<QCheckBox*>("hillshadeEnabled")->isChecked());
    CHECK(azimuth->value() == 315);
    azimuth->setValue(135);
    zFactor->setValue(2);
    const render::LayerStyle style = dialog.style();
    CHECK(style.hillshade.enabled);
    CHECK(style.hillshade.azimuth == 135);
    CHECK(style.hillshade.zFactor == 2);
    w.window.undoStack()->push(new SetLayerPropertiesCommand(w.window.model(), *demAt, style, std::nullopt));
    CHECK(doc.layers()[*demAt].style.hillshade.azimuth == 135);
    w.window.undoStack()->undo();
    CHECK(doc.layers()[*demAt].style.hillshade.azimuth == 315);
}
