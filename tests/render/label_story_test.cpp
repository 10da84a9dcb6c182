// The label pass on a crowded scene: the story's places (rank ≥ storyRank) are all named, over
// the event symbols drawn on them; minor places give way; no two labels overlap; vector devices
// get the names as text (<text> in SVG).
#include "atlas/render/renderer.h"
#include "render_test_support.h"

#include <catch2/catch.hpp>

#include <QBuffer>
#include <QRegularExpression>
#include <QSvgGenerator>

using namespace atlas;
using namespace atlas::render;

namespace {

const Coord kCentre{450'000, 2'800'000};
constexpr double kMetresPerPixel = 100;

struct Place {
    const char* name;
    double dx, dy;  // pixels from the centre
    double rank;
};

LayerPtr pointsLayer(const char* name, const std::vector<Place>& places, bool labelled)
{
    auto layer = std::make_shared<Layer>(name, "", "EPSG:32647");
    if (labelled) {
        layer->addColumn("name", FieldType::String);
        layer->addColumn("rank", FieldType::Real);
    }
    GeometryColumn& geom = layer->mutableGeometry();
    for (std::size_t i = 0; i < places.size(); ++i) {
        const Place& p = places[i];
        if (labelled) {
            layer->mutableColumns()[0].appendString(p.name);
            layer->mutableColumns()[1].appendReal(p.rank);
        }
        geom.beginFeature(GeometryKind::Point);
        geom.beginPart();
        geom.beginRing();
        geom.addCoord(kCentre.x + p.dx * kMetresPerPixel, kCentre.y - p.dy * kMetresPerPixel);
        geom.endFeature();
        layer->appendFid(static_cast<int64_t>(i));
    }
    geom.recomputeBounds();
    layer->buildIndex();
    return layer;
}

// Six story towns and a crowd of minor places packed around them, every story town under a
// large event symbol (as Bhamo is under its battles on 20 Feb 2025).
const std::vector<Place> kStory = {{"Bhamo", 0, 0, 100},    {"Myitkyina", 60, -70, 100}, {"Laiza", -70, 50, 100},
                                   {"Pangwa", 80, 60, 100}, {"Chipwi", -60, -60, 100},   {"Lweje", 10, 90, 100}};

std::vector<Place> crowd()
{
    std::vector<Place> places = kStory;
    static std::vector<std::string> names;
    names.clear();
    for (int i = 0; i < 60; ++i) names.push_back("Minorplace " + std::to_string(i));
    for (int i = 0; i < 60; ++i)
        places.push_back({names[static_cast<std::size_t>(i)].c_str(), -120.0 + (i % 10) * 26, -100.0 + (i / 10) * 38,
                          static_cast<double>(i % 5)});
    return places;
}

MapScene crowdedScene(const std::vector<Place>& places)
{
    MapScene scene;
    scene.viewport.centerX = kCentre.x;
    scene.viewport.centerY = kCentre.y;
    scene.viewport.unitsPerPixel = kMetresPerPixel;
    scene.viewport.width = 400;
    scene.viewport.height = 300;

    SceneLayer towns;
    towns.layer = pointsLayer("places", places, true);
    towns.style.symbol.size = 6;
    towns.style.label.field = "name";
    towns.style.label.rankField = "rank";
    towns.style.label.storyRank = 100;
    scene.layers.push_back(towns);

    // Events: large nameless discs on every story town, drawn above the towns.
    std::vector<Place> events;
    for (const Place& p : kStory) events.push_back({"", p.dx, p.dy, 0});
    SceneLayer ev;
    ev.layer = pointsLayer("events", events, false);
    ev.style.symbol.size = 34;
    scene.layers.push_back(ev);
    return scene;
}

}  // namespace

TEST_CASE("On a crowded scene every story label is drawn, over event symbols, and no two labels overlap",
          "[render][labels]")
{
    test::guiApp();
    const std::vector<Place> places = crowd();
    const MapScene scene = crowdedScene(places);
    RenderStats stats;
    QImage img(400, 300, QImage::Format_ARGB32_Premultiplied);
    img.fill(scene.background);
    QPainter p(&img);
    REQUIRE(Renderer::render(scene, p, {}, &stats));
    p.end();

    CHECK(stats.storyLabelsDropped == 0);
    CHECK(stats.labelsDropped > 0);  // the crowd does not all fit: the test is crowded
    for (const Place& s : kStory) {
        INFO(s.name);
        const auto it = std::find_if(stats.labels.begin(), stats.labels.end(),
                                     [&](const PlacedLabel& l) { return l.text == s.name; });
        REQUIRE(it != stats.labels.end());
        CHECK(it->story);
    }
    for (std::size_t i = 0; i < stats.labels.size(); ++i) {
        CHECK(QRectF(0, 0, 400, 300).contains(stats.labels[i].box));
        for (std::size_t j = i + 1; j < stats.labels.size(); ++j) {
            INFO(stats.labels[i].text.toStdString() << " / " << stats.labels[j].text.toStdString());
            CHECK_FALSE(stats.labels[i].box.intersects(stats.labels[j].box));
        }
    }
    // Minor labels keep off the event discs (34 px wide) that story labels may cover.
    for (const PlacedLabel& l : stats.labels) {
        if (l.story) continue;
        for (const Place& s : kStory) {
            const QRectF disc(200 + s.dx - 17, 150 + s.dy - 17, 34, 34);
            INFO(l.text.toStdString() << " near " << s.name);
            CHECK_FALSE(l.box.intersects(disc));
        }
    }
}

TEST_CASE("Without a story rank, event symbols hide a town's label (what went wrong at Bhamo)", "[render][labels]")
{
    test::guiApp();
    MapScene scene = crowdedScene(crowd());
    scene.layers[0].style.label.storyRank.reset();
    RenderStats stats;
    QImage img(400, 300, QImage::Format_ARGB32_Premultiplied);
    QPainter p(&img);
    REQUIRE(Renderer::render(scene, p, {}, &stats));
    p.end();
    const bool bhamo = std::any_of(stats.labels.begin(), stats.labels.end(),
                                   [](const PlacedLabel& l) { return l.text == "Bhamo"; });
    CHECK_FALSE(bhamo);
}

TEST_CASE("Minor places are named only when zoomed in to their detail scale", "[render][labels]")
{
    test::guiApp();
    MapScene scene = crowdedScene(kStory);
    std::vector<Place> withMinor = kStory;
    withMinor.push_back({"Hamlet", 150, -120, 0});
    scene.layers[0].layer = pointsLayer("places", withMinor, true);
    scene.layers[0].style.label.detailRank = 1;
    scene.layers[0].style.label.detailUnitsPerPixel = 50;  // metres per logical pixel
    auto named = [&](const MapScene& s) {
        RenderStats stats;
        QImage img(400, 300, QImage::Format_ARGB32_Premultiplied);
        QPainter p(&img);
        Renderer::render(s, p, {}, &stats);
        return std::any_of(stats.labels.begin(), stats.labels.end(),
                           [](const PlacedLabel& l) { return l.text == "Hamlet"; });
    };
    CHECK_FALSE(named(scene));  // 100 m/px: too far out
    scene.layers[0].style.label.detailUnitsPerPixel = 150;
    CHECK(named(scene));
}

TEST_CASE("Labels on an SVG device are <text> elements, halo or not", "[render][labels]")
{
    test::guiApp();
    const MapScene scene = crowdedScene(kStory);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(QSize(400, 300));
    svg.setViewBox(QRect(0, 0, 400, 300));
    QPainter p(&svg);
    RenderOptions opts;
    opts.fastPaths = false;
    REQUIRE(Renderer::render(scene, p, opts));
    p.end();
    const QString text = QString::fromUtf8(buffer.data());
    for (const Place& s : kStory) {
        INFO(s.name);
        const QRegularExpression element(QString(R"(<text[^>]*>\s*%1\s*</text>)").arg(s.name));
        CHECK(element.match(text).hasMatch());
    }
}

TEST_CASE("A line is named along its course and an area inside its outline", "[render][labels]")
{
    test::guiApp();
    MapScene scene;
    scene.viewport.centerX = kCentre.x;
    scene.viewport.centerY = kCentre.y;
    scene.viewport.unitsPerPixel = kMetresPerPixel;
    scene.viewport.width = 400;
    scene.viewport.height = 300;

    // A diagonal line from (50, 250) to (350, 50) in pixels, and a 200 × 80 px square area.
    auto layer = [&](GeometryKind kind, std::vector<QPointF> px) {
        auto l = std::make_shared<Layer>(kind == GeometryKind::Line ? "line" : "area", "", "EPSG:32647");
        GeometryColumn& geom = l->mutableGeometry();
        geom.beginFeature(kind);
        geom.beginPart();
        geom.beginRing();
        for (const QPointF& q : px)
            geom.addCoord(kCentre.x + (q.x() - 200) * kMetresPerPixel, kCentre.y - (q.y() - 150) * kMetresPerPixel);
        geom.endFeature();
        l->appendFid(0);
        geom.recomputeBounds();
        l->buildIndex();
        return LayerPtr(l);
    };
    SceneLayer area;
    area.layer = layer(GeometryKind::Polygon, {{20, 20}, {220, 20}, {220, 100}, {20, 100}, {20, 20}});
    area.style.label.text = "Held area";
    SceneLayer line;
    line.layer = layer(GeometryKind::Line, {{50, 250}, {350, 50}});
    line.style.label.text = "Front line";
    scene.layers = {area, line};

    RenderStats stats;
    QImage img(400, 300, QImage::Format_ARGB32_Premultiplied);
    QPainter p(&img);
    REQUIRE(Renderer::render(scene, p, {}, &stats));
    p.end();
    REQUIRE(stats.labels.size() == 2);
    for (const PlacedLabel& l : stats.labels) {
        INFO(l.text.toStdString());
        if (l.text == "Held area") {
            CHECK(QRectF(20, 20, 200, 80).contains(l.box));
        } else {
            REQUIRE(l.text == "Front line");
            // Along the diagonal: its box's centre lies near the line y = 250 - (x - 50) * 2/3.
            const QPointF c = l.box.center();
            CHECK(std::abs(c.y() - (250 - (c.x() - 50) * 2.0 / 3.0)) < 16);
            CHECK(l.box.height() > 20);  // slanted, not a flat 12-pixel row
        }
    }
}

TEST_CASE("A name too wide for its area goes on two lines inside it, else it is left out", "[render][labels]")
{
    test::guiApp();
    MapScene scene;
    scene.viewport.centerX = kCentre.x;
    scene.viewport.centerY = kCentre.y;
    scene.viewport.unitsPerPixel = kMetresPerPixel;
    scene.viewport.width = 400;
    scene.viewport.height = 300;
    // A tall narrow area, 56 × 90 px: "Junta (SAC)" at 11 px type is about 75 px wide.
    auto area = [&](double width) {
        auto l = std::make_shared<Layer>("area", "", "EPSG:32647");
        GeometryColumn& geom = l->mutableGeometry();
        geom.beginFeature(GeometryKind::Polygon);
        geom.beginPart();
        geom.beginRing();
        for (const QPointF& q : {QPointF(100, 100), QPointF(100 + width, 100), QPointF(100 + width, 190),
                                 QPointF(100, 190), QPointF(100, 100)})
            geom.addCoord(kCentre.x + (q.x() - 200) * kMetresPerPixel, kCentre.y - (q.y() - 150) * kMetresPerPixel);
        geom.endFeature();
        l->appendFid(0);
        geom.recomputeBounds();
        l->buildIndex();
        SceneLayer sl;
        sl.layer = l;
        sl.style.label.text = "Junta (SAC)";
        sl.style.label.pointSize = 8;
        return sl;
    };
    const auto labelsOf = [&](double width) {
        scene.layers = {area(width)};
        RenderStats stats;
        QImage img(400, 300, QImage::Format_ARGB32_Premultiplied);
        QPainter p(&img);
        REQUIRE(Renderer::render(scene, p, {}, &stats));
        return stats.labels;
    };

    const auto narrow = labelsOf(56);
    REQUIRE(narrow.size() == 1);
    CHECK(narrow[0].text == "Junta (SAC)");
    CHECK(QRectF(100, 100, 56, 90).contains(narrow[0].box));
    CHECK(narrow[0].box.height() > 20);  // two rows of type
    CHECK(narrow[0].box.width() < 56);

    const auto wide = labelsOf(200);
    REQUIRE(wide.size() == 1);
    CHECK(wide[0].box.height() < 20);  // room for one line: one line

    CHECK(labelsOf(30).empty());  // not even "(SAC)" fits: no name rather than one over the edge
}
