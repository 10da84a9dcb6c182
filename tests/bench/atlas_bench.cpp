// kachin-atlas-bench: load a GeoPackage with the schema of make_bench_gpkg, draw it, step the
// clock and identify, printing medians as `key value` lines (milliseconds unless named).
//
//   kachin-atlas-bench FILE.gpkg [--size 1920x1080] [--runs N] [--save PREFIX]
//
// --save writes the full and zoomed frames as PREFIX-full.png and PREFIX-zoom.png.
// Figures only: it never fails on time. Styles as in issue 8: points 3 px circles coloured by
// `kind`, lines 1 px, polygons a translucent fill with a 1 px outline; every layer is time
// dependent (interval mode on t_start / t_end, 30-day window).
//
//   load_ms             open → reprojected, spatially and temporally indexed, ready to draw
//                       (load_cpu_ms: the CPU time it took, all threads, user and system)
//   full_frame_ms       every feature, whole extent (no time filter)
//   zoom_frame_ms       every feature, 1/16 of the area around the centre
//   step_frame_ms       the clock moves one 30-day window: new visible sets from the temporal
//                       index, the time layers re-rendered (static layers stay cached)
//   step_zoom_frame_ms  the same in the zoomed view
//   identify_ms         one click (3 px tolerance, exact hit tests) over all layers, zoomed view
//   peak_rss_mb         the process's peak resident memory over the loads and every frame
//                       (the cache's runs come after it, with their own figure)
//   load_peak_rss_mb    … as it was once the loads were done (before any frame)
//   cache_write_ms      a first open with the columnar cache on (layer_cache.h, in a temporary
//                       folder): the load above plus writing the cache
//   cached_load_ms      a second open of the same file: layers read back from the cache, then
//                       times and temporal indexes as in load_ms (median); cached_load_ratio
//                       is cached_load_ms / load_ms, cached_read_ms its loadVectorSource alone
//                       (the rest is the temporal indexes), cached_load_cpu_ms its CPU time,
//                       cached_load_peak_rss_mb its peak,
//                       cached_load_hits how many of those opens read the cache (all of them)
//   layers_mb           what the loaded layers hold (Layer::memoryBytes: geometry, attributes,
//                       FIDs, spatial index), of which coords_mb the coordinates
//   features_drawn      features the full frame drew (RenderStats; the smoke test wants > 0)
//   zoom_share_LAYER    features of LAYER the zoomed frame draws / those the full frame draws
//   points_*            the largest point layer alone in the full view, drawn by the fast paths
//                       and by the plain QPainter path: both times, the pixels either draws
//                       on, how many differ by more than 40 of 255 in a channel (and what
//                       percentage), and how many are drawn by one with nothing within a pixel
//                       in the other (features lost or added: should be 0)
#include "bench_style.h"
#include "atlas/render/palette.h"
#include "atlas/render/renderer.h"
#include "atlas/time/temporal_index.h"
#include "atlas/layer_cache.h"
#include "atlas/time/time_mode.h"
#include "atlas/vector_source.h"

#include <QGuiApplication>
#include <QImage>

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>
#include <vector>

using namespace atlas;
using namespace atlas::render;
using atlas::bench::benchStyle;
using atlas::bench::kindOf;

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double median(std::vector<double> v)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double peakRssMb()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::strtod(line.c_str() + 6, nullptr) / 1024.0;
    return 0;
}

// Frees a finished load for good before the cache's runs: glibc keeps freed blocks below its
// mmap threshold in each thread's arena, so without this those runs would count the earlier
// loads' freed memory in their peak. (loadVectorSource itself now gives freed memory back
// before a large load and fixes glibc's thresholds, as it does in the app, so every load_ms
// and cached_load_ms run includes that; this trim only keeps the frames' memory out of the
// cache runs' peak, as before.)
void releaseFreedMemory()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

// CPU time of the whole process, user and system, every thread (a measure a busy machine
// disturbs less than the wall clock).
double cpuMs()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3; };
    return ms(u.ru_utime) + ms(u.ru_stime);
}

// Starts a new peak: Linux resets VmHWM to the current RSS on "5" written to clear_refs.
void resetPeakRss()
{
    std::ofstream("/proc/self/clear_refs") << "5";
}

struct TimeLayer {
    LayerPtr layer;
    LayerStyle style;
    FeatureTimes times;
    TemporalIndex index;
};

struct Loaded {
    std::vector<TimeLayer> layers;
    Box extent;
};

Loaded load(const std::string& path, const LoadOptions& options = {}, bool* fromCache = nullptr, double* readMs = nullptr)
{
    Loaded out;
    const auto t0 = Clock::now();
    LoadResult r = loadVectorSource(path, options);
    if (readMs) *readMs = msSince(t0);
    if (fromCache) *fromCache = r.fromCache;
    for (const auto& d : r.diagnostics.items())
        if (d.severity == Severity::Error) std::fprintf(stderr, "%s\n", d.format().c_str());
    // Each layer's times and temporal index: layers of 5,000 features and more concurrently,
    // smaller ones right here (a thread costs more than indexing a few thousand spans).
    std::vector<std::future<TimeLayer>> pending;
    for (auto& l : r.layers) {
        out.extent.expand(l->extent());
        auto build = [layer = LayerPtr(l)] {
            Diagnostics diag;
            TimeLayer t;
            t.times = compileFeatureTimes(*layer, IntervalTime{"t_start", "t_end"}, diag);
            t.index = TemporalIndex(t.times);
            t.style = benchStyle(kindOf(*layer));
            t.layer = layer;
            return t;
        };
        pending.push_back(std::async(l->featureCount() >= 5'000 ? std::launch::async : std::launch::deferred, build));
    }
    for (auto& p : pending) out.layers.push_back(p.get());
    return out;
}

// Visible features of one layer in a window, ascending (as FeatureState wants), through a
// reused mark array instead of a sort.
class VisibleSet {
public:
    std::shared_ptr<FeatureState> compute(const TimeLayer& t, const Interval& window)
    {
        m_ids.clear();
        t.index.query(window, m_ids);
        m_marks.assign(t.layer->featureCount(), 0);
        for (uint32_t id : m_ids) m_marks[id] = 1;
        auto state = std::make_shared<FeatureState>();
        state->visible.reserve(m_ids.size());
        for (uint32_t f = 0; f < m_marks.size(); ++f)
            if (m_marks[f]) state->visible.push_back(f);
        return state;
    }

private:
    std::vector<uint32_t> m_ids;
    std::vector<uint8_t> m_marks;
};

MapScene sceneOf(const Loaded& data, const Viewport& vp)
{
    MapScene scene;
    scene.viewport = vp;
    scene.labels = false;
    for (const TimeLayer& t : data.layers) scene.layers.push_back({t.layer, t.style, nullptr, true, nullptr});
    return scene;
}

double frameMs(const MapScene& scene, QImage& image, LayerPass pass)
{
    const auto t0 = Clock::now();
    image.fill(pass == LayerPass::TimeOnly ? QColor(Qt::transparent) : scene.background);
    QPainter p(&image);
    RenderOptions opts;
    opts.pass = pass;
    opts.labels = false;
    Renderer::render(scene, p, opts);
    p.end();
    return msSince(t0);
}

double stepMs(const Loaded& data, MapScene scene, QImage& image, std::vector<VisibleSet>& sets, const Interval& window)
{
    const auto t0 = Clock::now();
    for (std::size_t i = 0; i < data.layers.size(); ++i)
        scene.layers[i].state = sets[i].compute(data.layers[i], window);
    image.fill(Qt::transparent);
    QPainter p(&image);
    RenderOptions opts;
    opts.pass = LayerPass::TimeOnly;
    opts.labels = false;
    Renderer::render(scene, p, opts);
    p.end();
    return msSince(t0);
}

// --- fast paths against the plain QPainter path, on the file's largest point layer ----------

struct PathComparison {
    double fastMs = 0, plainMs = 0;
    long drawn = 0;      // pixels either image draws on
    long differing = 0;  // … whose colours differ by more than 40 of 255 in a channel
    long lost = 0;       // drawn in one image with nothing drawn within a pixel in the other
};

// The tolerances of tests/render/fast_path_test.cpp (sprites placed to 1/16 px move antialiased
// edges by a fraction of a pixel), at the benchmark's size: a million points, every core.
PathComparison comparePaths(const TimeLayer& t, const Viewport& vp)
{
    MapScene scene;
    scene.viewport = vp;
    scene.labels = false;
    scene.layers.push_back({t.layer, t.style, nullptr, false, nullptr, {}});
    auto draw = [&](bool fast, double& ms) {
        QImage image(vp.width, vp.height, QImage::Format_ARGB32_Premultiplied);
        image.fill(scene.background);  // the pages touched before timing, as the frames' image is
        const auto t0 = Clock::now();
        image.fill(scene.background);
        QPainter p(&image);
        RenderOptions opts;
        opts.labels = false;
        opts.fastPaths = fast;
        Renderer::render(scene, p, opts);
        p.end();
        ms = msSince(t0);
        return image;
    };
    PathComparison c;
    const QImage plain = draw(false, c.plainMs), fast = draw(true, c.fastMs);
    const QRgb bg = scene.background.rgba();
    const int w = plain.width(), h = plain.height();
    auto distance = [](QRgb a, QRgb b) {
        return std::max({std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)), std::abs(qBlue(a) - qBlue(b))});
    };
    auto near = [&](const QImage& img, int x, int y) {
        for (int yy = std::max(0, y - 1); yy <= std::min(h - 1, y + 1); ++yy)
            for (int xx = std::max(0, x - 1); xx <= std::min(w - 1, x + 1); ++xx)
                if (distance(reinterpret_cast<const QRgb*>(img.constScanLine(yy))[xx], bg) > 16) return true;
        return false;
    };
    for (int y = 0; y < h; ++y) {
        const auto* a = reinterpret_cast<const QRgb*>(plain.constScanLine(y));
        const auto* b = reinterpret_cast<const QRgb*>(fast.constScanLine(y));
        for (int x = 0; x < w; ++x) {
            if (a[x] == bg && b[x] == bg) continue;
            ++c.drawn;
            if (distance(a[x], b[x]) > 40) ++c.differing;
            if ((distance(a[x], bg) > 16 && !near(fast, x, y)) || (distance(b[x], bg) > 16 && !near(plain, x, y))) ++c.lost;
        }
    }
    return c;
}

// --- identify: the features under a click, exact hit tests within a pixel tolerance ---------

double segmentDistance2(Coord p, Coord a, Coord b)
{
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    const double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return ex * ex + ey * ey;
}

bool hits(const GeometryColumn& g, uint32_t f, Coord p, double tol)
{
    const double tol2 = tol * tol;
    bool inside = false;
    for (uint32_t part = g.partBegin(f); part < g.partEnd(f); ++part)
        for (uint32_t r = g.ringBegin(part); r < g.ringEnd(part); ++r) {
            const auto ring = g.ring(r);
            if (g.kind(f) == GeometryKind::Point) {
                for (const Coord& c : ring)
                    if ((c.x - p.x) * (c.x - p.x) + (c.y - p.y) * (c.y - p.y) <= tol2) return true;
                continue;
            }
            for (std::size_t i = 1; i < ring.size(); ++i) {
                if (segmentDistance2(p, ring[i - 1], ring[i]) <= tol2) return true;
                const Coord a = ring[i - 1], b = ring[i];
                if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
            }
        }
    return g.kind(f) == GeometryKind::Polygon && inside;
}

std::size_t identify(const Loaded& data, const Viewport& vp, Coord clickPx, double tolPx)
{
    const Coord p = vp.toMap(clickPx);
    const double tol = tolPx * vp.unitsPerPixel;
    std::size_t found = 0;
    for (const TimeLayer& t : data.layers) {
        const GeometryColumn& g = t.layer->geometry();
        t.layer->index().query(Box{p.x - tol, p.y - tol, p.x + tol, p.y + tol}, [&](uint32_t f) {
            if (hits(g, f, p, tol)) ++found;
            return true;
        });
    }
    return found;
}

int usage()
{
    std::fprintf(stderr, "usage: kachin-atlas-bench FILE.gpkg [--size WxH] [--runs N] [--save PREFIX] [--pg CONNINFO]\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2) return usage();
    const std::string path = argv[1];
    int width = 1920, height = 1080, runs = 5;
    std::string savePrefix;
    std::string pg;  // the same layers in PostGIS (ogr2ogr -f PostgreSQL PG:… FILE.gpkg), read by GDAL's PG driver
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        if (i + 1 >= argc) return usage();
        const std::string v = argv[++i];
        if (a == "--size") {
            if (std::sscanf(v.c_str(), "%dx%d", &width, &height) != 2 || width < 1 || height < 1) return usage();
        } else if (a == "--runs") {
            runs = std::max(1, std::atoi(v.c_str()));
        } else if (a == "--save") {
            savePrefix = v;
        } else if (a == "--pg") {
            pg = v;
        } else {
            return usage();
        }
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);

    // Load: each run from scratch (the previous result freed first, so the peak is one load).
    std::vector<double> loadTimes, loadCpuTimes;
    Loaded data;
    for (int run = 0; run < runs; ++run) {
        data = {};
        const auto t0 = Clock::now();
        const double cpu0 = cpuMs();
        data = load(path);
        loadTimes.push_back(msSince(t0));
        loadCpuTimes.push_back(cpuMs() - cpu0);
    }
    if (data.layers.empty()) {
        std::fprintf(stderr, "kachin-atlas-bench: no layers loaded from %s\n", path.c_str());
        return 1;
    }
    // The same load from PostGIS (DESIGN.md: large layers of the team database are read through
    // GDAL's PG driver into the same columnar store), for the figure next to load_ms.
    std::vector<double> pgLoadTimes;
    LoadOptions pgOptions;
    pgOptions.allowRemote = true;  // a PG: connection the person named with --pg (remote to the network guard)
    std::size_t pgFeatures = 0;
    for (int run = 0; !pg.empty() && run < runs; ++run) {
        const auto t0 = Clock::now();
        const Loaded fromPg = load("PG:" + pg, pgOptions);
        pgLoadTimes.push_back(msSince(t0));
        pgFeatures = 0;
        for (const TimeLayer& t : fromPg.layers) pgFeatures += t.layer->featureCount();
    }
    const double loadPeakRssMb = peakRssMb();
    std::size_t layerBytes = 0, coordBytes = 0;
    for (const TimeLayer& t : data.layers) {
        layerBytes += t.layer->memoryBytes();
        coordBytes += t.layer->geometry().coordCount() * sizeof(GridCoord);
    }

    const Viewport full = Viewport::fit(data.extent, width, height);
    Viewport zoom = full;
    zoom.unitsPerPixel /= 4;  // 1/16 of the area, same centre

    QImage image(width, height, QImage::Format_ARGB32_Premultiplied);
    std::vector<double> fullTimes, zoomTimes, stepTimes, stepZoomTimes, identifyTimes;
    MapScene fullScene = sceneOf(data, full), zoomScene = sceneOf(data, zoom);
    frameMs(fullScene, image, LayerPass::All);  // warm-up: fonts, caches, thread pool
    if (!savePrefix.empty()) {
        image.save(QString::fromStdString(savePrefix + "-full.png"));
        frameMs(zoomScene, image, LayerPass::All);
        image.save(QString::fromStdString(savePrefix + "-zoom.png"));
    }
    auto drawnIn = [&](const MapScene& scene) {
        RenderStats stats;
        image.fill(scene.background);
        QPainter p(&image);
        RenderOptions opts;
        opts.labels = false;
        Renderer::render(scene, p, opts, &stats);
        return stats.featuresDrawn;
    };
    const std::size_t featuresDrawn = drawnIn(fullScene);
    // What the zoomed view holds of each layer against the full view: the share of the work a
    // frame that draws only what meets its view cannot go below.
    std::vector<std::pair<std::string, double>> zoomShares;
    for (std::size_t i = 0; i < data.layers.size(); ++i) {
        MapScene one = fullScene, oneZoomed = zoomScene;
        one.layers = {fullScene.layers[i]};
        oneZoomed.layers = {zoomScene.layers[i]};
        const std::size_t inFull = drawnIn(one);
        zoomShares.emplace_back(data.layers[i].layer->name(),
                                inFull ? static_cast<double>(drawnIn(oneZoomed)) / static_cast<double>(inFull) : 0.0);
    }
    for (int run = 0; run < runs; ++run) fullTimes.push_back(frameMs(fullScene, image, LayerPass::All));
    for (int run = 0; run < runs; ++run) zoomTimes.push_back(frameMs(zoomScene, image, LayerPass::All));

    std::vector<VisibleSet> sets(data.layers.size());
    const int32_t firstDay = 19083;  // 2022-04-01: one window ends 2022-03-31
    TimeCursor cursor(firstDay, DaysWindow{30});
    std::size_t visibleSum = 0;
    for (int run = 0; run < runs; ++run) {
        cursor = cursor.movedBy(30);
        stepTimes.push_back(stepMs(data, fullScene, image, sets, cursor.window()));
    }
    cursor = TimeCursor(firstDay, DaysWindow{30});
    for (int run = 0; run < runs; ++run) {
        cursor = cursor.movedBy(30);
        stepZoomTimes.push_back(stepMs(data, zoomScene, image, sets, cursor.window()));
    }
    for (std::size_t i = 0; i < data.layers.size(); ++i)
        visibleSum += sets[i].compute(data.layers[i], cursor.window())->visible.size();

    // Clicks spread over the zoomed view on a fixed pseudo-random sequence.
    std::size_t hitsFound = 0;
    uint32_t seed = 12345;
    auto nextUnit = [&seed] {
        seed = seed * 1664525u + 1013904223u;
        return static_cast<double>(seed >> 8) / static_cast<double>(1u << 24);
    };
    for (int run = 0; run < std::max(runs, 25); ++run) {
        const Coord click{nextUnit() * width, nextUnit() * height};
        const auto t0 = Clock::now();
        hitsFound += identify(data, zoom, click, 3.0);
        identifyTimes.push_back(msSince(t0));
    }

    std::size_t features = 0;
    const TimeLayer* largestPoints = nullptr;
    for (const TimeLayer& t : data.layers) {
        features += t.layer->featureCount();
        if (kindOf(*t.layer) == GeometryKind::Point
            && (!largestPoints || t.layer->featureCount() > largestPoints->layer->featureCount()))
            largestPoints = &t;
    }
    const PathComparison paths = largestPoints ? comparePaths(*largestPoints, full) : PathComparison{};
    const double peakMb = peakRssMb();
    const std::size_t pointsCompared = largestPoints ? largestPoints->layer->featureCount() : 0;

    // The columnar cache: a first open that writes it, then second opens that read it, each
    // after the previous data is freed.
    data = {};
    fullScene = {};  // the scenes hold the layers too
    zoomScene = {};
    releaseFreedMemory();
    namespace fs = std::filesystem;
    std::string cacheTemplate = (fs::temp_directory_path() / "kachin-atlas-bench-cache-XXXXXX").string();
    double cacheWriteMs = 0, cachedPeakMb = 0;
    std::vector<double> cachedTimes, cachedReadTimes, cachedCpuTimes;
    int cacheHits = 0;
    if (mkdtemp(cacheTemplate.data())) {
        LoadOptions cached;
        cached.cacheDir = cacheTemplate;
        cached.cacheMinBytes = 0;
        auto t0 = Clock::now();
        data = load(path, cached);
        cacheWriteMs = msSince(t0);
        for (int run = 0; run < runs; ++run) {
            data = {};
            releaseFreedMemory();
            resetPeakRss();
            t0 = Clock::now();
            const double cpu0 = cpuMs();
            bool hit = false;
            double readMs = 0;
            data = load(path, cached, &hit, &readMs);
            cachedTimes.push_back(msSince(t0));
            cachedReadTimes.push_back(readMs);
            cachedCpuTimes.push_back(cpuMs() - cpu0);
            cacheHits += hit ? 1 : 0;
            cachedPeakMb = std::max(cachedPeakMb, peakRssMb());
        }
        std::error_code ec;
        fs::remove_all(cacheTemplate, ec);
    }
    if (cacheHits < runs) std::fprintf(stderr, "kachin-atlas-bench: a second open did not read the cache\n");
    std::printf("load_ms %.1f\n", median(loadTimes));
    if (!pg.empty()) {
        std::printf("load_pg_ms %.1f\n", median(pgLoadTimes));
        std::printf("pg_features %zu\n", pgFeatures);
    }
    std::printf("load_cpu_ms %.1f\n", median(loadCpuTimes));
    std::printf("full_frame_ms %.1f\n", median(fullTimes));
    std::printf("zoom_frame_ms %.1f\n", median(zoomTimes));
    std::printf("step_frame_ms %.2f\n", median(stepTimes));
    std::printf("step_zoom_frame_ms %.2f\n", median(stepZoomTimes));
    std::printf("identify_ms %.3f\n", median(identifyTimes));
    std::printf("peak_rss_mb %.0f\n", peakMb);
    std::printf("load_peak_rss_mb %.0f\n", loadPeakRssMb);
    std::printf("layers_mb %.1f\n", static_cast<double>(layerBytes) / (1 << 20));
    std::printf("coords_mb %.1f\n", static_cast<double>(coordBytes) / (1 << 20));
    std::printf("cache_write_ms %.1f\n", cacheWriteMs);
    std::printf("cached_load_ms %.1f\n", median(cachedTimes));
    std::printf("cached_read_ms %.1f\n", median(cachedReadTimes));
    std::printf("cached_load_cpu_ms %.1f\n", median(cachedCpuTimes));
    std::printf("cached_load_ratio %.3f\n", median(loadTimes) > 0 ? median(cachedTimes) / median(loadTimes) : 0.0);
    std::printf("cached_load_peak_rss_mb %.0f\n", cachedPeakMb);
    std::printf("cached_load_hits %d\n", cacheHits);
    std::printf("features %zu\n", features);
    std::printf("features_drawn %zu\n", featuresDrawn);
    for (const auto& [name, share] : zoomShares) std::printf("zoom_share_%s %.3f\n", name.c_str(), share);
    std::printf("points_compared %zu\n", pointsCompared);
    std::printf("points_fast_ms %.1f\n", paths.fastMs);
    std::printf("points_plain_ms %.1f\n", paths.plainMs);
    std::printf("points_pixels_drawn %ld\n", paths.drawn);
    std::printf("points_pixels_differing %ld\n", paths.differing);
    std::printf("points_pixels_differing_pct %.3f\n", paths.drawn ? 100.0 * static_cast<double>(paths.differing) / static_cast<double>(paths.drawn) : 0.0);
    std::printf("points_pixels_lost %ld\n", paths.lost);
    std::printf("step_visible_features %zu\n", visibleSum);
    std::printf("identify_hits %zu\n", hitsFound);
    return 0;
}
