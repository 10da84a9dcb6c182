// The export layout: legend entries come from what the visible layers draw in the view, the
// page is divided as documented, the north arrow follows the CRS, and vector pages keep text
// as text.
#include "atlas/crs.h"
#include "atlas/layer.h"
#include "atlas/render/layout.h"
#include "render_test_support.h"

#include <catch2/catch.hpp>

#include <QBuffer>
#include <QSvgGenerator>
#include <QXmlStreamReader>

using namespace atlas;
using namespace atlas::render;

namespace {

// Points at x = 0, 10, 20, 30 (y = 0) with a "kind" attribute.
LayerPtr pointLayer(const std::vector<std::string>& kinds)
{
    auto layer = std::make_shared<Layer>("points", "points.geojson", "EPSG:3857");
    Column& kind = layer->addColumn("kind", FieldType::String);
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        GeometryColumn& g = layer->mutableGeometry();
        g.beginFeature(GeometryKind::Point);
        g.beginPart();
        g.beginRing();
        g.addCoord(static_cast<double>(i) * 10, 0);
        g.endFeature();
        layer->appendFid(static_cast<int64_t>(i));
        kind.appendString(kinds[i]);
    }
    layer->buildIndex();
    return layer;
}

LayerStyle kindStyle()
{
    LayerStyle s;
    s.title = "Events";
    s.categoryField = "kind";
    for (const char* k : {"battle", "capture", "airstrike"}) s.categories.push_back({k, QString(k).toUpper(), Symbol{}});
    return s;
}

QStringList labels(const LegendSection& s)
{
    QStringList out;
    for (const LegendItem& i : s.items) out << i.label;
    return out;
}

}  // namespace

TEST_CASE("Legend: only the categories drawn in view, in style order", "[render][layout]")
{
    test::guiApp();
    SceneLayer item{pointLayer({"capture", "battle", "capture", "airstrike"}), kindStyle(), nullptr, false, nullptr};
    // The whole layer in view: every category the features use, in the style's order.
    Viewport all = Viewport::fit(Box::of(-5, -5, 35, 5), 400, 100);
    CHECK(labels(legendSection(item, all)) == QStringList{"BATTLE", "CAPTURE", "AIRSTRIKE"});
    CHECK(legendSection(item, all).title == "Events");
    // Only x = 0 and 10 in view: capture and battle, not airstrike (x = 30).
    Viewport left = Viewport::fit(Box::of(-2, -2, 12, 2), 400, 100);
    CHECK(labels(legendSection(item, left)) == QStringList{"BATTLE", "CAPTURE"});
    // Nothing in view: no section at all.
    Viewport away = Viewport::fit(Box::of(100, 100, 110, 110), 400, 100);
    CHECK(legendSection(item, away).items.empty());
}

TEST_CASE("Legend: state categories (controller on the day) and features hidden by time", "[render][layout]")
{
    test::guiApp();
    LayerStyle style = kindStyle();
    style.title = "Mines";
    style.categoryField = kControllerState;
    auto state = std::make_shared<FeatureState>();
    // Rows 1 and 3 drawn today, row 1 as category 2, row 3 unknown (-1); rows 0 and 2 not drawn.
    state->visible = {1, 3};
    state->category = {2, -1};
    SceneLayer item{pointLayer({"a", "b", "c", "d"}), style, state, true, nullptr};
    const Viewport all = Viewport::fit(Box::of(-5, -5, 35, 5), 400, 100);
    CHECK(labels(legendSection(item, all)) == QStringList{"AIRSTRIKE", "Not known"});
    // A faded-out feature (opacity 0) draws nothing and is not in the legend.
    state->opacity = {1.0f, 0.0f};
    CHECK(labels(legendSection(item, all)) == QStringList{"AIRSTRIKE"});
}

TEST_CASE("Legend: a single-symbol layer is one line named after the layer", "[render][layout]")
{
    test::guiApp();
    LayerStyle style;
    style.title = "Irrawaddy (schematic)";
    SceneLayer item{pointLayer({"x"}), style, nullptr, false, nullptr};
    const LegendSection s = legendSection(item, Viewport::fit(Box::of(-5, -5, 5, 5), 100, 100));
    CHECK(s.title.isEmpty());
    CHECK(labels(s) == QStringList{"Irrawaddy (schematic)"});
}

TEST_CASE("Page geometry: header for the title, footer for the credits, the map between", "[render][layout]")
{
    test::guiApp();
    LayoutContent c;
    const PageGeometry bare = computePageGeometry(QSizeF(1600, 1000), 1.0, c);
    CHECK(bare.header.height() == 0);
    CHECK(bare.footer.height() == 0);
    CHECK(bare.map.left() == Approx(18));
    CHECK(bare.map.width() == Approx(1600 - 36).margin(1));

    c.title = "Who holds the rare-earth belt";
    c.subtitle = "Kachin State, February 2025";
    c.credits = "Sources: Global Witness; Reuters. Basemap: Natural Earth.";
    const PageGeometry g = computePageGeometry(QSizeF(1600, 1000), 1.0, c);
    CHECK(g.header.height() > 30);
    CHECK(g.footer.height() > 8);
    CHECK(g.map.top() >= g.header.bottom());
    CHECK(g.map.bottom() <= g.footer.top());
    CHECK(g.footer.bottom() <= 1000);
    // Whole pixels, so a rendered map image lands 1:1 on the frame.
    CHECK(g.map.width() == std::floor(g.map.width()));
    CHECK(g.mapWidth() == static_cast<int>(g.map.width()));
    // At 300 dpi everything scales by 300/96.
    const PageGeometry print = computePageGeometry(QSizeF(3508, 2480), 300 / 96.0, c);
    CHECK(print.map.left() == Approx(18 * 300 / 96.0).margin(1));
    CHECK(print.header.height() == Approx(g.header.height() * 300 / 96.0).epsilon(0.15));
}

TEST_CASE("North arrow: true north is up in lon/lat and Web Mercator, turned by the UTM convergence", "[render][layout]")
{
    test::guiApp();
    const Box ll = Box::of(96.5, 24.0, 97.5, 25.0);  // centred on 97°E, 24.5°N
    CHECK(northAngleDegrees(Viewport::fit(ll, 500, 500), kWgs84) == Approx(0).margin(1e-6));
    const Box merc = CoordinateTransform(kWgs84, "EPSG:3857").transformBox(ll);
    CHECK(northAngleDegrees(Viewport::fit(merc, 500, 500), "EPSG:3857") == Approx(0).margin(1e-3));
    // UTM 47N's central meridian is 99°E. Two degrees west of it the meridians lean towards
    // it as they run north, by |γ| ≈ 2°·sin 24.5° ≈ 0.83°: true north is turned clockwise.
    const Box utm = CoordinateTransform(kWgs84, kDefaultDisplayCrs).transformBox(ll);
    const double a = northAngleDegrees(Viewport::fit(utm, 500, 500), kDefaultDisplayCrs);
    CHECK(a == Approx(0.83).margin(0.06));
    // East of the central meridian it turns the other way.
    const Box east = CoordinateTransform(kWgs84, kDefaultDisplayCrs).transformBox(Box::of(100.5, 24.0, 101.5, 25.0));
    CHECK(northAngleDegrees(Viewport::fit(east, 500, 500), kDefaultDisplayCrs) == Approx(-0.83).margin(0.06));
}

TEST_CASE("A page drawn on an SVG device keeps the title as text and shapes as paths", "[render][layout]")
{
    test::guiApp();
    MapScene scene;
    SceneLayer polygons{pointLayer({"battle", "capture"}), kindStyle(), nullptr, false, nullptr};
    scene.layers.push_back(polygons);
    LayoutContent content;
    content.title = "Pangwa, October 2024";
    content.credits = "Basemap: Natural Earth.";
    content.displayCrs = "EPSG:3857";
    content.legend = {legendSection(polygons, Viewport::fit(Box::of(-5, -5, 15, 5), 600, 300))};
    const PageGeometry g = computePageGeometry(QSizeF(800, 500), 1.0, content);
    scene.viewport = Viewport::fit(Box::of(-5, -5, 15, 5), g.mapWidth(), g.mapHeight());

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(QSize(800, 500));
    svg.setViewBox(QRect(0, 0, 800, 500));
    QPainter p(&svg);
    REQUIRE(drawPage(p, g, scene, content));
    p.end();

    QXmlStreamReader xml(buffer.data());
    QStringList texts;
    int paths = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        if (xml.name() == QLatin1String("path")) ++paths;
        if (xml.name() == QLatin1String("text")) texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
    }
    INFO(xml.errorString().toStdString());
    REQUIRE_FALSE(xml.hasError());
    CHECK(texts.contains("Pangwa, October 2024"));
    CHECK(texts.contains("BATTLE"));      // legend entries are text too
    CHECK(texts.contains("Basemap: Natural Earth."));
    CHECK(paths >= 4);                    // two markers and two legend symbols at least
}
