// The raster fast paths (point sprites, thin lines written straight into the pixels,
// screen-tolerance simplification, polygons clipped to the view, bands drawn on all cores) draw
// the same features as the plain QPainter path, within stated tolerances:
//
//  * kPixelThreshold: two pixels are "the same" when no channel differs by more than 40 of 255
//    (sprite positions are rounded to 1/16 px and lines simplified to 0.5 px, so antialiased
//    edges move by a fraction of a pixel);
//  * kMaxDifferingOfDrawn: at most 1% of the pixels either image draws on differ beyond that
//    (measured: 0.3% on the whole extent, where simplification matters most);
//  * and no feature is lost or added: every pixel one image draws on (more than kFringe off the
//    background: faint antialiasing fringes do not count) lies within one pixel of a pixel the
//    other draws on, and every point is drawn in its category's colour by the fast path.
//
// On failure the plain, fast and diff images are written to the temporary directory.
#include "atlas/render/palette.h"
#include "atlas/render/renderer.h"
#include "atlas/vector_source.h"
#include "render_test_support.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cmath>
#include <cstdint>
#include <string>
#include <thread>

using namespace atlas;
using namespace atlas::render;

namespace {

constexpr int kPixelThreshold = 40;
constexpr double kMaxDifferingOfDrawn = 0.01;
constexpr int kFringe = 16;

const char* const kKinds[] = {"battle", "airstrike", "protest", "mining", "trade", "displacement"};
const QColor kKindColours[] = {palette::kVermillion, palette::kReddishPurple, palette::kSkyBlue,
                               palette::kOrange,     palette::kBluishGreen,   palette::kBlue};

// splitmix64: the same data on every platform.
struct Rng {
    uint64_t state;
    uint64_t next()
    {
        uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform(double a, double b) { return a + (b - a) * static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

std::string coord(double x, double y)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "[%.7f,%.7f]", x, y);
    return buf;
}

// A star-shaped ring (always simple) around (cx, cy).
std::string ring(Rng& rng, double cx, double cy, double radius, int n, bool clockwise)
{
    std::string s = "[";
    std::string first;
    for (int k = 0; k < n; ++k) {
        const double a = (clockwise ? -1 : 1) * 2 * M_PI * (k + rng.uniform(0.1, 0.9)) / n;
        const double r = radius * rng.uniform(0.7, 1.0);
        const std::string c = coord(cx + r * std::cos(a), cy + r * std::sin(a));
        if (k == 0) first = c;
        s.append(c).append(",");
    }
    return s.append(first).append("]");
}

// Points (clustered, so they overlap), lines (random walks) and polygons (some with holes,
// some multipolygons, some larger than a zoomed view) over 96–99°E, 23–27°N.
std::string writeFixture(const QString& dir)
{
    Rng rng{8};
    std::string points = R"({"type":"FeatureCollection","features":[)";
    for (int i = 0; i < 4000; ++i) {
        const bool clustered = i % 2 == 0;
        const double x = clustered ? 97.4 + rng.uniform(-0.15, 0.15) : rng.uniform(96, 99);
        const double y = clustered ? 25.0 + rng.uniform(-0.15, 0.15) : rng.uniform(23, 27);
        if (i) points += ',';
        points.append(R"({"type":"Feature","properties":{"kind":")").append(kKinds[rng.next() % 6]);
        points.append(R"("},"geometry":{"type":"Point","coordinates":)").append(coord(x, y)).append("}}");
    }
    points += "]}";

    std::string lines = R"({"type":"FeatureCollection","features":[)";
    for (int i = 0; i < 400; ++i) {
        double x = rng.uniform(96, 99), y = rng.uniform(23, 27), heading = rng.uniform(0, 2 * M_PI);
        const int n = 20 + static_cast<int>(rng.next() % 180);
        std::string c = "[";
        for (int k = 0; k < n; ++k) {
            if (k) c += ',';
            c += coord(x, y);
            heading += rng.uniform(-0.35, 0.35);
            const double step = rng.uniform(0.0005, 0.006);
            x += step * std::cos(heading);
            y += step * std::sin(heading);
        }
        if (i) lines += ',';
        lines.append(R"({"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":)").append(c).append("]}}");
    }
    lines += "]}";

    std::string areas = R"({"type":"FeatureCollection","features":[)";
    for (int i = 0; i < 80; ++i) {
        const double cx = rng.uniform(96.2, 98.8), cy = rng.uniform(23.2, 26.8);
        const double radius = i % 20 == 0 ? 0.6 : rng.uniform(0.004, 0.05);
        const int n = 50 + static_cast<int>(rng.next() % 450);
        std::string geometry;
        if (i % 7 == 0)  // with a hole
            geometry = R"({"type":"Polygon","coordinates":[)" + ring(rng, cx, cy, radius, n, false) + ","
                     + ring(rng, cx, cy, radius * 0.4, 40, true) + "]}";
        else if (i % 11 == 0)  // two parts
            geometry = R"({"type":"MultiPolygon","coordinates":[[)" + ring(rng, cx, cy, radius, n, false) + "],["
                     + ring(rng, cx + 3 * radius, cy, radius, 60, false) + "]]}";
        else
            geometry = R"({"type":"Polygon","coordinates":[)" + ring(rng, cx, cy, radius, n, false) + "]}";
        if (i) areas += ',';
        areas.append(R"({"type":"Feature","properties":{},"geometry":)").append(geometry).append("}");
    }
    areas += "]}";

    for (const auto& [name, text] : {std::pair{"points", points}, {"lines", lines}, {"areas", areas}}) {
        QFile f(dir + "/" + name + ".geojson");
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(text.data(), static_cast<qint64>(text.size()));
    }
    return dir.toStdString();
}

struct Fixture {
    QTemporaryDir dir;
    LayerPtr points, lines, areas;
    Box extent;

    Fixture()
    {
        test::guiApp();
        REQUIRE(dir.isValid());
        const std::string base = writeFixture(dir.path());
        auto load = [&](const char* name) {
            const LoadResult r = loadVectorSource(base + "/" + name + ".geojson");
            INFO(r.diagnostics.formatAll());
            REQUIRE(r.layers.size() == 1);
            extent.expand(r.layers[0]->extent());
            return LayerPtr(r.layers[0]);
        };
        points = load("points");
        lines = load("lines");
        areas = load("areas");
    }
};

// At the sizes the benchmark draws: more than 20,000 features in each layer (where bucketing
// splits a layer over threads) and far more than 4,000 features of work in a frame (where
// drawing does), built in memory in display-CRS metres over a region the size of the bench's.
struct LargeFixture {
    LayerPtr points, lines, areas;
    Box extent;

    LargeFixture()
    {
        test::guiApp();
        Rng rng{20};
        const double x0 = 300'000, y0 = 2'540'000, w = 300'000, h = 440'000;
        auto finish = [&](std::shared_ptr<Layer> l) {
            l->mutableGeometry().recomputeBounds();
            l->buildIndex();
            extent.expand(l->extent());
            return LayerPtr(std::move(l));
        };
        auto pl = std::make_shared<Layer>("events", "", "EPSG:32647");
        Column& kind = pl->addColumn("kind", FieldType::String);
        GeometryColumn& pg = pl->mutableGeometry();
        for (int i = 0; i < 60'000; ++i) {
            const bool clustered = i % 2 == 0;  // half around a town, overlapping
            const double x = clustered ? x0 + 0.45 * w + rng.uniform(-15'000, 15'000) : x0 + rng.uniform(0, w);
            const double y = clustered ? y0 + 0.5 * h + rng.uniform(-15'000, 15'000) : y0 + rng.uniform(0, h);
            kind.appendString(kKinds[rng.next() % 6]);
            pg.beginFeature(GeometryKind::Point);
            pg.beginPart();
            pg.beginRing();
            pg.addCoord(x, y);
            pg.endFeature();
            pl->appendFid(i);
        }
        points = finish(pl);
        auto ll = std::make_shared<Layer>("lines", "", "EPSG:32647");
        GeometryColumn& lg = ll->mutableGeometry();
        for (int i = 0; i < 20'000; ++i) {
            double x = x0 + rng.uniform(0, w), y = y0 + rng.uniform(0, h), heading = rng.uniform(0, 2 * M_PI);
            const int n = 10 + static_cast<int>(rng.next() % 40);
            lg.beginFeature(GeometryKind::Line);
            lg.beginPart();
            lg.beginRing();
            for (int k = 0; k < n; ++k) {
                lg.addCoord(x, y);
                heading += rng.uniform(-0.35, 0.35);
                const double step = rng.uniform(50, 600);
                x += step * std::cos(heading);
                y += step * std::sin(heading);
            }
            lg.endFeature();
            ll->appendFid(i);
        }
        lines = finish(ll);
        auto al = std::make_shared<Layer>("areas", "", "EPSG:32647");
        GeometryColumn& ag = al->mutableGeometry();
        for (int i = 0; i < 20'000; ++i) {
            const double radius = i % 2000 == 0 ? 40'000 : rng.uniform(300, 3'000);
            const double cx = x0 + rng.uniform(radius, w - radius), cy = y0 + rng.uniform(radius, h - radius);
            const int n = 8 + static_cast<int>(rng.next() % 40);
            ag.beginFeature(GeometryKind::Polygon);
            ag.beginPart();
            ag.beginRing();
            double first[2] = {0, 0};
            for (int k = 0; k < n; ++k) {  // star-shaped: simple
                const double a = 2 * M_PI * (k + rng.uniform(0.1, 0.9)) / n;
                const double r = radius * rng.uniform(0.6, 1.0);
                if (k == 0) first[0] = cx + r * std::cos(a), first[1] = cy + r * std::sin(a);
                ag.addCoord(cx + r * std::cos(a), cy + r * std::sin(a));
            }
            ag.addCoord(first[0], first[1]);
            ag.endFeature();
            al->appendFid(i);
        }
        areas = finish(al);
    }
};

// Styles of the benchmark (issue 8), or heavier ones: outlined points, 2 px lines.
template <class AnyFixture>
MapScene sceneOf(const AnyFixture& fx, double zoom, double pixelRatio, bool heavy, int width = 900, int height = 600)
{
    MapScene scene;
    scene.labels = false;
    scene.pixelRatio = pixelRatio;
    scene.viewport = Viewport::fit(fx.extent, width, height);
    scene.viewport.unitsPerPixel /= zoom;
    scene.viewport.centerX += scene.viewport.unitsPerPixel * 37;  // off the symmetric centre

    SceneLayer areas{fx.areas, {}, nullptr, false, nullptr, {}};
    areas.style.symbol.fill = QColor(0, 158, 115, 64);
    areas.style.symbol.stroke = QColor(0, 100, 70);
    areas.style.symbol.strokeWidth = heavy ? 1.5 : 1;

    SceneLayer lines{fx.lines, {}, nullptr, false, nullptr, {}};
    lines.style.symbol.stroke = QColor(90, 60, 30, heavy ? 160 : 255);
    lines.style.symbol.strokeWidth = heavy ? 2 : 1;
    lines.style.symbol.fill = Qt::transparent;

    SceneLayer points{fx.points, {}, nullptr, true, nullptr, {}};
    points.style.symbol.size = heavy ? 7 : 3;
    points.style.symbol.strokeWidth = heavy ? 1 : 0;
    points.style.symbol.stroke = heavy ? QColor(Qt::white) : QColor(Qt::transparent);
    points.style.symbol.shape = heavy ? MarkerShape::Star : MarkerShape::Circle;
    points.style.categoryField = "kind";
    for (int k = 0; k < 6; ++k) {
        Category c{kKinds[k], kKinds[k], points.style.symbol};
        c.symbol.fill = kKindColours[k];
        points.style.categories.push_back(c);
    }
    scene.layers = {areas, lines, points};
    return scene;
}

QImage renderWith(const MapScene& scene, bool fast, RenderStats* stats = nullptr)
{
    RenderOptions opts;
    opts.labels = false;
    opts.fastPaths = fast;
    QImage img(scene.viewport.width, scene.viewport.height, QImage::Format_ARGB32_Premultiplied);
    img.fill(scene.background);
    QPainter p(&img);
    REQUIRE(Renderer::render(scene, p, opts, stats));
    p.end();
    return img;
}

struct Comparison {
    long drawn = 0;      // pixels either image draws on
    long differing = 0;  // … of which differ beyond kPixelThreshold
    long lost = 0;       // drawn in one image with nothing drawn within 1 px in the other
};

Comparison compare(const QImage& plain, const QImage& fast, QColor background, const std::string& name)
{
    const QRgb bg = background.rgba();
    const int w = plain.width(), h = plain.height();
    auto distance = [](QRgb a, QRgb b) {
        return std::max({std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)), std::abs(qBlue(a) - qBlue(b))});
    };
    auto drawnAt = [&](const QImage& img, int x, int y) {
        return x >= 0 && y >= 0 && x < w && y < h
            && distance(reinterpret_cast<const QRgb*>(img.constScanLine(y))[x], bg) > kFringe;
    };
    auto near = [&](const QImage& img, int x, int y) {
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx)
                if (drawnAt(img, x + dx, y + dy)) return true;
        return false;
    };
    Comparison c;
    QImage diff(w, h, QImage::Format_RGB32);
    diff.fill(Qt::white);
    for (int y = 0; y < h; ++y) {
        const auto* a = reinterpret_cast<const QRgb*>(plain.constScanLine(y));
        const auto* b = reinterpret_cast<const QRgb*>(fast.constScanLine(y));
        for (int x = 0; x < w; ++x) {
            if (a[x] == bg && b[x] == bg) continue;
            ++c.drawn;
            if (distance(a[x], b[x]) > kPixelThreshold) {
                ++c.differing;
                diff.setPixel(x, y, qRgb(255, 0, 0));
            }
            if ((drawnAt(plain, x, y) && !near(fast, x, y)) || (drawnAt(fast, x, y) && !near(plain, x, y))) {
                ++c.lost;
                diff.setPixel(x, y, qRgb(0, 0, 255));
            }
        }
    }
    if (c.lost > 0 || static_cast<double>(c.differing) > kMaxDifferingOfDrawn * static_cast<double>(c.drawn)) {
        const QString base = QDir::temp().filePath(QString::fromStdString("atlas-fast-path-" + name));
        plain.save(base + "-plain.png");
        fast.save(base + "-fast.png");
        diff.save(base + "-diff.png");
        WARN("images written to " << base.toStdString() << "-{plain,fast,diff}.png");
    }
    return c;
}

void checkSame(const MapScene& scene, const std::string& name)
{
    RenderStats plainStats, fastStats;
    const QImage plain = renderWith(scene, false, &plainStats);
    const QImage fast = renderWith(scene, true, &fastStats);
    const Comparison c = compare(plain, fast, scene.background, name);
    INFO(name << ": " << c.drawn << " pixels drawn, " << c.differing << " differ by more than " << kPixelThreshold
              << ", " << c.lost << " drawn in one image only");
    CHECK(c.drawn > 0);
    CHECK(c.lost == 0);
    CHECK(static_cast<double>(c.differing) <= kMaxDifferingOfDrawn * static_cast<double>(c.drawn));
    CHECK(fastStats.featuresDrawn == plainStats.featuresDrawn);
}

}  // namespace

TEST_CASE("The fast paths draw the same features as the plain path", "[render][fast]")
{
    const Fixture fx;
    SECTION("whole extent") { checkSame(sceneOf(fx, 1, 1, false), "whole"); }
    SECTION("zoomed in, polygons clipped to the view") { checkSame(sceneOf(fx, 6, 1, false), "zoomed"); }
    SECTION("deep zoom") { checkSame(sceneOf(fx, 40, 1, false), "deep"); }
    SECTION("outlined star markers, 2 px translucent lines, HiDPI") { checkSame(sceneOf(fx, 2, 2, true), "heavy"); }
}

TEST_CASE("Time state (subset, fades, categories) is drawn the same by both paths", "[render][fast]")
{
    const Fixture fx;
    for (const bool heavy : {false, true}) {
        MapScene scene = sceneOf(fx, 1.5, 1, heavy);
        for (SceneLayer& item : scene.layers) {
            auto state = std::make_shared<FeatureState>();
            for (uint32_t f = 0; f < item.layer->featureCount(); f += 2) {
                state->visible.push_back(f);
                state->opacity.push_back(static_cast<float>((f % 5) + 1) / 5.0f);
                state->category.push_back(static_cast<int16_t>(f % 3 == 0 ? -1 : static_cast<int>(f % 6)));
            }
            item.state = state;
            item.timeDependent = true;
        }
        checkSame(scene, heavy ? "state-heavy" : "state");
    }
}

TEST_CASE("A deferred time state is worked out by the renderer and draws exactly as the state itself", "[render][fast]")
{
    const Fixture fx;
    MapScene eager = sceneOf(fx, 1.5, 1, false);
    for (SceneLayer& item : eager.layers) {
        auto state = std::make_shared<FeatureState>();
        for (uint32_t f = 1; f < item.layer->featureCount(); f += 3) state->visible.push_back(f);
        item.state = state;
        item.timeDependent = true;
    }
    MapScene deferred = eager;
    int calls = 0;
    for (SceneLayer& item : deferred.layers) {
        item.deferredState = [state = item.state, &calls] { ++calls; return state; };
        item.state = nullptr;
    }
    for (const bool fast : {false, true}) {
        const QImage a = renderWith(eager, fast), b = renderWith(deferred, fast);
        CHECK(a == b);
        CHECK(a != renderWith(sceneOf(fx, 1.5, 1, false), fast));  // the subset shows
    }
    CHECK(calls == 6);  // once a layer a render: the scene handed in stays as it was
}

TEST_CASE("Every point is drawn in its category's colour by the fast path", "[render][fast]")
{
    const Fixture fx;
    MapScene scene = sceneOf(fx, 3, 1, false);
    scene.layers.erase(scene.layers.begin(), scene.layers.begin() + 2);  // points alone
    scene.layers[0].style.symbol.size = 5;
    for (Category& c : scene.layers[0].style.categories) c.symbol.size = 5;
    const QImage fast = renderWith(scene, true);
    const Layer& points = *fx.points;
    const Column* kind = points.column("kind");
    REQUIRE(kind);
    int checked = 0;
    for (std::size_t f = 0; f < points.featureCount(); ++f) {
        const Coord px = scene.viewport.toPixel(points.geometry().firstCoord(f));
        if (px.x < 3 || px.y < 3 || px.x > scene.viewport.width - 3 || px.y > scene.viewport.height - 3) continue;
        // Only points no later point covers: their centre pixel shows their own colour.
        bool covered = false;
        for (std::size_t g = f + 1; g < points.featureCount() && !covered; ++g) {
            const Coord q = scene.viewport.toPixel(points.geometry().firstCoord(g));
            covered = std::abs(q.x - px.x) < 6 && std::abs(q.y - px.y) < 6;
        }
        if (covered) continue;
        const QColor expected = scene.layers[0].style.symbolFor(kind->string(f)).fill;
        INFO("point " << f << " (" << kind->string(f) << ") at " << px.x << ", " << px.y);
        CHECK(test::colourDistance(fast.pixelColor(static_cast<int>(px.x), static_cast<int>(px.y)), expected) <= 8);
        ++checked;
    }
    CHECK(checked > 100);
}

TEST_CASE("The fast path is deterministic across threads and bands", "[render][fast]")
{
    const Fixture fx;
    const MapScene scene = sceneOf(fx, 1, 1, false);
    const QImage a = renderWith(scene, true), b = renderWith(scene, true);
    CHECK(a == b);
}

TEST_CASE("A painter with a transform, and a non-image device, keep the plain path", "[render][fast]")
{
    const Fixture fx;
    const MapScene scene = sceneOf(fx, 1, 1, false);
    // A translated painter: the plain path draws, so a fast render shifted by hand differs
    // from nothing but the translation.
    QImage shifted(scene.viewport.width + 10, scene.viewport.height, QImage::Format_ARGB32_Premultiplied);
    shifted.fill(scene.background);
    {
        QPainter p(&shifted);
        p.translate(10, 0);
        RenderOptions opts;
        opts.labels = false;
        REQUIRE(Renderer::render(scene, p, opts));
    }
    const QImage plain = renderWith(scene, false);
    CHECK(shifted.copy(10, 0, plain.width(), plain.height()) == plain);
}

TEST_CASE("At benchmark sizes (20,000+ features a layer, bands on every core) both paths draw the same", "[render][fast]")
{
    const LargeFixture fx;
    REQUIRE(fx.points->featureCount() >= 20'000);
    REQUIRE(fx.lines->featureCount() >= 20'000);
    REQUIRE(fx.areas->featureCount() >= 20'000);
    REQUIRE(fx.points->column("kind")->strings());  // dictionary codes, as a loaded layer has
    if (std::thread::hardware_concurrency() < 2) WARN("one core: the bands are drawn on one thread");
    SECTION("whole extent") { checkSame(sceneOf(fx, 1, 1, false, 1600, 1000), "large-whole"); }
    SECTION("zoomed in (R-tree query, large polygons on screen)") { checkSame(sceneOf(fx, 4, 1, false, 1600, 1000), "large-zoomed"); }
    SECTION("time state: a subset, fades, categories") {
        MapScene scene = sceneOf(fx, 1, 1, false, 1600, 1000);
        for (SceneLayer& item : scene.layers) {
            auto state = std::make_shared<FeatureState>();
            for (uint32_t f = 0; f < item.layer->featureCount(); f += 2) {
                state->visible.push_back(f);
                state->opacity.push_back(static_cast<float>((f % 5) + 1) / 5.0f);
                state->category.push_back(static_cast<int16_t>(f % 3 == 0 ? -1 : static_cast<int>(f % 6)));
            }
            item.state = state;
            item.timeDependent = true;
        }
        checkSame(scene, "large-state");
    }
    SECTION("the same image twice, whatever the threads' order") {
        const MapScene scene = sceneOf(fx, 1, 1, false, 1600, 1000);
        CHECK(renderWith(scene, true) == renderWith(scene, true));
    }
}
