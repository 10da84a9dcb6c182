// Local detail in the document (issue 18): an OSM extract and a DEM opened like any file land
// where a basemap's detail belongs (DEM above the country fills, OSM above it, data on top), and
// a project saves them — the hillshade's light and exaggeration included — and reads them back.
#include "atlas/model/layer_placement.h"
#include "atlas/model/map_document.h"
#include "atlas/model/project_file.h"
#include "atlas/osm_source.h"
#include "atlas/publishing/project_export.h"

#include "../dem_fixture.h"
#include "../raster_fixture.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFileInfo>

using namespace atlas;
using namespace atlas::app;

namespace {

const QString kOsm = QString(ATLAS_TEST_DATA_DIR) + "/osm/bhamo_fixture.osm";

std::optional<std::size_t> indexOf(const MapDocument& doc, const std::string& name)
{
    for (std::size_t i = 0; i < doc.layers().size(); ++i)
        if (doc.layers()[i].layer->name() == name) return i;
    return std::nullopt;
}

}  // namespace

TEST_CASE("An OSM extract and a DEM open under the data and are saved in a project", "[app][osm][hillshade]")
{
    const QString dir = QString::fromStdString(test::rasterTempDir("osm-dem-project"));
    const QString dem = dir + "/ridge.tif";
    test::writeRidgeDem(dem.toStdString());

    MapDocument doc;
    Diagnostics d;
    doc.loadBundled(ATLAS_GEODATA_DIR, d);
    const std::size_t dataLayers = doc.layers().size();
    REQUIRE(dataLayers > 0);
    doc.loadFiles({kOsm, dem}, d);
    INFO(d.formatAll());
    CHECK_FALSE(d.hasErrors());
    REQUIRE(doc.layers().size() == dataLayers + 7);

    // Bottom up: the DEM, the OSM themes in their drawing order, then the bundled data.
    const auto& layers = doc.layers();
    CHECK(layers[0].raster);
    CHECK(layers[0].style.hillshade.enabled);
    CHECK(layers[0].style.title == "ridge");
    const std::vector<std::string> themes{"landuse", "water", "waterways", "railways", "roads", "places"};
    for (std::size_t k = 0; k < themes.size(); ++k) {
        INFO(themes[k]);
        CHECK(layers[1 + k].layer->name() == themes[k]);
        CHECK(isOsmEntry(layers[1 + k]));
        CHECK_FALSE(layers[1 + k].style.hillshade.enabled);
    }
    CHECK(layers[5].style.title == "bhamo_fixture — Roads");
    CHECK(layers[5].style.categoryField == "highway");
    CHECK_FALSE(layers[7].datasetKey.empty());

    // Light from the north-east, exaggerated; saved and read back.
    render::LayerStyle shade = layers[0].style;
    shade.hillshade.azimuth = 45;
    shade.hillshade.zFactor = 2.5;
    doc.setLayerStyle(0, shade);
    Project project;
    project.layers = projectLayersOf(doc);
    const QString file = dir + "/local-detail.katlas";
    REQUIRE(writeProjectFile(project, file).empty());

    Result<Project> read = readProjectFile(file);
    REQUIRE(read);
    MapDocument again;
    Diagnostics d2;
    again.loadBundled(ATLAS_GEODATA_DIR, d2);
    QStringList problems;
    applyProjectLayers(again, *read, d2, problems);
    INFO(problems.join("; ").toStdString());
    CHECK(problems.isEmpty());
    REQUIRE(again.layers().size() == doc.layers().size());
    REQUIRE(again.layers()[0].raster);
    CHECK(again.layers()[0].style.hillshade.enabled);
    CHECK(again.layers()[0].style.hillshade.azimuth == 45);
    CHECK(again.layers()[0].style.hillshade.zFactor == 2.5);
    CHECK(again.layers()[0].style.hillshade.altitude == 45);
    const auto roads = indexOf(again, osm::kRoads);
    REQUIRE(roads);
    CHECK(*roads == 5);
    CHECK(again.layers()[*roads].layer->featureCount() == 2);
    CHECK(again.layers()[*roads].style.symbolFor("primary").strokeWidth
          == doc.layers()[5].style.symbolFor("primary").strokeWidth);
}

TEST_CASE("A hillshade style survives JSON, and imagery writes none", "[app][hillshade]")
{
    render::LayerStyle s;
    CHECK_FALSE(styleToJson(s).contains("hillshade"));
    s.hillshade = {true, 200.0, 30.0, 4.0};
    const render::LayerStyle back = styleFromJson(styleToJson(s)).value();
    CHECK(back.hillshade.enabled);
    CHECK(back.hillshade.azimuth == 200.0);
    CHECK(back.hillshade.altitude == 30.0);
    CHECK(back.hillshade.zFactor == 4.0);
    // Out-of-range values written by hand are brought back into range.
    nlohmann::ordered_json j = styleToJson(s);
    j["hillshade"]["azimuth"] = -45;
    j["hillshade"]["altitude"] = 120;
    const auto fixedRead = styleFromJson(j);
    const render::LayerStyle& fixed = *fixedRead;
    CHECK(fixed.hillshade.azimuth == 315.0);
    CHECK(fixed.hillshade.altitude == 90.0);
}

TEST_CASE("Over the basemap, a DEM lies on the country fills and OSM over the basemap's lines", "[app][osm][hillshade]")
{
    const QString basemap = QString(ATLAS_APP_DATA_DIR) + "/basemap/kachin-basemap.gpkg";
    if (!QFileInfo::exists(basemap)) {
        WARN("no basemap built (the `basemap` target): " << basemap.toStdString());
        return;
    }
    const QString dir = QString::fromStdString(test::rasterTempDir("osm-dem-basemap"));
    const QString dem = dir + "/ridge.tif";
    test::writeRidgeDem(dem.toStdString());
    MapDocument doc;
    Diagnostics d;
    REQUIRE(doc.loadBasemap(basemap, d));
    const std::size_t basemapLayers = doc.layers().size();
    doc.loadFiles({kOsm, dem}, d);
    INFO(d.formatAll());
    REQUIRE(doc.layers().size() == basemapLayers + 7);
    std::string order;
    for (const LayerEntry& e : doc.layers()) order += e.layer->name() + (e.raster ? "(raster) " : " ");
    INFO(order);
    CHECK(doc.layers()[0].role == LayerRole::Basemap);
    CHECK(doc.layers()[1].raster);
    for (std::size_t k = 2; k <= basemapLayers; ++k) CHECK(doc.layers()[k].role == LayerRole::Basemap);
    CHECK(doc.layers()[basemapLayers + 1].layer->name() == osm::kLanduse);
    CHECK(doc.layers().back().layer->name() == osm::kPlaces);
}

TEST_CASE("A map drawing an OSM extract credits OpenStreetMap's contributors", "[app][osm]")
{
    CreditSources sources;
    sources.files << "towns.geojson";
    CHECK_FALSE(formatCredits(sources, nullptr).contains("OpenStreetMap"));
    sources.files << "bhamo.osm.pbf";
    const QString credits = formatCredits(sources, nullptr);
    CHECK(credits.contains("Data: towns.geojson, bhamo.osm.pbf."));
    CHECK(credits.contains("Map data © OpenStreetMap contributors (ODbL)."));
}
