// kachin-atlas-soak: the real main window driven for a fixed number of steps over a benchmark
// GeoPackage (make_bench_gpkg), printing the process's resident memory as it goes — does a long
// session stay within its memory, and does every step keep working?
//
//   kachin-atlas-soak FILE.gpkg [--steps N] [--size WxH (the map's)] [--report-every K] [--out DIR]
//                     [--open-layer NAME] [--close undo|remove] [--timeout S] [--only KIND,…]
//
// The window (atlas::app::MainWindow, offscreen) opens FILE's layers as `kachin-atlas FILE`
// does; they get the benchmark's styles and the interval time mode on t_start / t_end (as
// kachin-atlas-pan-bench). Each step is one of, in a fixed rotation with parameters from the
// step number (so two runs do the same):
//
//   pan       a left-button drag on the canvas (press, five moves, release)
//   zoom      a wheel notch in or out at a point of the canvas (the view's scale stays bounded)
//   scrub     the clock moved to another day (what dragging the timeline's handle does)
//   open      one layer of FILE (--open-layer, default `areas`) read through Open Data, as
//             when the person picks it in the layer chooser
//   identify  a click on a pixel where the identify tool finds something drawn on the clock's day
//   play      the timeline's play for three rendered frames, then pause
//   close     the layer opened last taken away again: by Edit → Undo (default), or with
//             --close remove by the layer panel's Remove (an undoable command)
//   export    File → Export's PNG of the current view (publishing's exportMap), read back
//
// After every step it waits, within --timeout seconds, for the canvas to show the new frame and
// for no render to be running, so stale renders never pile up. Printed, as `key value` lines:
// rss_mb_step_<n> every K steps (VmRSS of /proc/self/status), then steps, frames, exports,
// identify_hits, layers_opened, seconds, rss_start_mb (file loaded, first frame), rss_warm_mb
// (after the whole rotation that ends the first tenth of the steps), rss_end_mb (after the last
// whole rotation: no layer opened), rss_peak_mb, rss_growth_after_warmup_mb, and the
// same for the heap in use (heap_mb_step_<n>, heap_*_mb: mallinfo2, freed memory not counted).
//
// It exits 1 on any failure it can see (a render that never finishes, a file that does not open,
// an export that writes no image) and 2 on bad arguments. It never fails on memory figures:
// leaks are LeakSanitizer's business in the sanitizer build; the README gives a long run's RSS.
#include "bench_style.h"

#include "atlas/civil_date.h"
#include "atlas/gui/background_task.h"
#include "atlas/gui/browse_tools.h"
#include "atlas/gui/identify.h"
#include "atlas/gui/main_window.h"
#include "atlas/gui/map_canvas.h"
#include "atlas/gui/open_data.h"
#include "atlas/gui/publish_tools.h"
#include "atlas/model/layer_commands.h"
#include "atlas/model/time_controller.h"
#include "atlas/publishing/project_export.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImageReader>
#include <QMouseEvent>
#include <QTemporaryDir>
#include <QThread>
#include <QThreadPool>
#include <QUndoStack>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <malloc.h>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace atlas;
using namespace atlas::app;

namespace {

struct Options {
    std::string file;
    int steps = 1000;
    int width = 1280, height = 800;
    int reportEvery = 0;  // 0: a twentieth of the steps
    QString outDir;
    std::string openLayer = "areas";
    bool closeByUndo = true;
    int timeoutMs = 120'000;
    std::vector<std::string> only;  // --only: a subset of the rotation, to find which step grows memory
};

int usage()
{
    std::fprintf(stderr,
                 "usage: kachin-atlas-soak FILE.gpkg [--steps N] [--size WxH] [--report-every K] [--out DIR]\n"
                 "                         [--open-layer NAME] [--close undo|remove] [--timeout S]\n");
    return 2;
}

std::optional<Options> parse(int argc, char** argv)
{
    if (argc < 2) return std::nullopt;
    Options o;
    o.file = argv[1];
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        if (i + 1 >= argc) return std::nullopt;
        const std::string v = argv[++i];
        if (a == "--steps") {
            o.steps = std::atoi(v.c_str());
            if (o.steps < 8) return std::nullopt;
        } else if (a == "--size") {
            if (std::sscanf(v.c_str(), "%dx%d", &o.width, &o.height) != 2 || o.width < 320 || o.height < 200) return std::nullopt;
        } else if (a == "--report-every") {
            o.reportEvery = std::atoi(v.c_str());
            if (o.reportEvery < 1) return std::nullopt;
        } else if (a == "--out") {
            o.outDir = QString::fromStdString(v);
        } else if (a == "--open-layer") {
            o.openLayer = v;
        } else if (a == "--close") {
            if (v != "undo" && v != "remove") return std::nullopt;
            o.closeByUndo = v == "undo";
        } else if (a == "--only") {
            for (std::size_t b = 0, e; b <= v.size(); b = e + 1) {
                e = std::min(v.find(',', b), v.size());
                o.only.push_back(v.substr(b, e - b));
            }
        } else if (a == "--timeout") {
            o.timeoutMs = static_cast<int>(std::atof(v.c_str()) * 1000);
            if (o.timeoutMs < 1000) return std::nullopt;
        } else {
            return std::nullopt;
        }
    }
    if (o.reportEvery == 0) o.reportEvery = std::max(1, o.steps / 20);
    return o;
}

// Resident set size in MB, as the kernel counts it.
double rssMb()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
    return 0;
}

// The heap malloc has handed out and not had back, in MB: unlike RSS it does not count freed
// memory the allocator keeps, so it tells a leak (or a cache that keeps growing) from
// fragmentation.
double heapMb()
{
    const struct mallinfo2 m = mallinfo2();
    return static_cast<double>(m.uordblks + m.hblkhd) / (1024.0 * 1024.0);
}

enum class Step { Pan, Zoom, Scrub, Open, Identify, Play, Close, Export };
constexpr Step kRotation[] = {Step::Pan, Step::Zoom, Step::Scrub, Step::Open,
                              Step::Identify, Step::Play, Step::Close, Step::Export};
const char* nameOf(Step s)
{
    switch (s) {
    case Step::Pan: return "pan";
    case Step::Zoom: return "zoom";
    case Step::Scrub: return "scrub";
    case Step::Open: return "open";
    case Step::Identify: return "identify";
    case Step::Play: return "play";
    case Step::Close: return "close";
    case Step::Export: return "export";
    }
    return "?";
}

// Deterministic numbers from the step index (splitmix64), so two runs do the same steps.
double unitOf(uint64_t step, uint64_t salt)
{
    uint64_t z = step * 0x9E3779B97F4A7C15ull + salt * 0xD1B54A32D192ED03ull + 1;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return static_cast<double>(z >> 11) * 0x1.0p-53;
}

class Soak {
public:
    Soak(MainWindow& window, const Options& options, QString outDir)
        : m_w(window), m_o(options), m_outDir(std::move(outDir)), m_canvas(window.canvas())
    {
        m_browse = window.findChild<BrowseTools*>();
        m_publish = window.findChild<PublishTools*>();
        QObject::connect(m_canvas, &MapCanvas::frameRendered, [this](double) { ++m_frames; });
        if (m_browse)
            QObject::connect(m_browse->identify(), &IdentifyController::identified,
                             [this](const FeatureRef&, int, int) { ++m_identified; });
    }

    bool ready() const { return m_browse && m_publish; }
    int frames() const { return m_frames; }
    int exports() const { return m_exports; }
    int identifyHits() const { return m_identifyHits; }
    int layersOpened() const { return m_opened; }

    // Processes events until `pred` holds or the timeout passes; returns pred().
    bool waitFor(const std::function<bool()>& pred) const
    {
        QElapsedTimer t;
        t.start();
        while (!pred() && t.elapsed() < m_o.timeoutMs) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            if (!pred()) QThread::msleep(1);
        }
        return pred();
    }
    // Lets the canvas's render timer (15 ms) fire, then waits for the render it started.
    bool settle() const
    {
        deleteLaterNow();
        for (int round = 0; round < 2; ++round) {
            QElapsedTimer t;
            t.start();
            while (t.elapsed() < 25) QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if (!waitFor([&] { return !m_canvas->isRendering(); })) return false;
        }
        return true;
    }
    // After a change the map must show: a new frame, then nothing rendering.
    bool newFrameSince(int before) const
    {
        return waitFor([&] { return m_frames > before && !m_canvas->isRendering(); }) && settle();
    }

    // What the window's event loop does each time control returns to it: objects given to
    // deleteLater() are deleted. processEvents() called outside exec(), as the soak drives the
    // window, never does it, so without this every frame's discarded widgets and watchers would
    // pile up here as they never do in the program (QTest::qWait does the same).
    static void deleteLaterNow() { QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); }

    // The steps in turn (all of them, or --only's).
    std::vector<Step> rotation() const
    {
        std::vector<Step> out;
        for (Step k : kRotation)
            if (m_o.only.empty() || std::find(m_o.only.begin(), m_o.only.end(), nameOf(k)) != m_o.only.end())
                out.push_back(k);
        if (out.empty()) out.assign(std::begin(kRotation), std::end(kRotation));
        return out;
    }

    // Runs step `i`; false (with a message on stderr) on a failure.
    bool run(int i)
    {
        const std::vector<Step> rotation = this->rotation();
        const Step s = rotation[static_cast<std::size_t>(i) % rotation.size()];
        std::string error;
        switch (s) {
        case Step::Pan: error = pan(i); break;
        case Step::Zoom: error = zoom(i); break;
        case Step::Scrub: error = scrub(i); break;
        case Step::Open: error = open(); break;
        case Step::Identify: error = identify(i); break;
        case Step::Play: error = play(); break;
        case Step::Close: error = close(); break;
        case Step::Export: error = exportPng(i); break;
        }
        if (error.empty()) return true;
        std::fprintf(stderr, "kachin-atlas-soak: step %d (%s): %s\n", i + 1, nameOf(s), error.c_str());
        return false;
    }

private:
    void mouse(QEvent::Type type, QPointF pos, Qt::MouseButton button, Qt::MouseButtons buttons)
    {
        QMouseEvent e(type, pos, m_canvas->mapToGlobal(pos), button, buttons, Qt::NoModifier);
        QCoreApplication::sendEvent(m_canvas, &e);
    }

    // Back to the whole data when a pan has taken the view off it.
    void keepOnData()
    {
        const Box data = m_w.document().dataExtent();
        const Box view = m_canvas->viewport().extent();
        if (!data.isEmpty() && !data.intersects(view)) m_canvas->zoomToExtent(data);
    }

    std::string pan(int i)
    {
        const int before = m_frames;
        const double a = 2 * M_PI * unitOf(static_cast<uint64_t>(i), 1);
        const double len = 0.15 * std::min(m_canvas->width(), m_canvas->height());
        const QPointF start(m_canvas->width() * (0.3 + 0.4 * unitOf(static_cast<uint64_t>(i), 2)),
                            m_canvas->height() * (0.3 + 0.4 * unitOf(static_cast<uint64_t>(i), 3)));
        mouse(QEvent::MouseButtonPress, start, Qt::LeftButton, Qt::LeftButton);
        QPointF pos = start;
        for (int k = 1; k <= 5; ++k) {
            pos = start + QPointF(std::cos(a), std::sin(a)) * (len * k / 5.0);
            mouse(QEvent::MouseMove, pos, Qt::NoButton, Qt::LeftButton);
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        }
        mouse(QEvent::MouseButtonRelease, pos, Qt::LeftButton, Qt::NoButton);
        if (!newFrameSince(before)) return "no frame of the panned view";
        keepOnData();
        return settle() ? "" : "a render never finished";
    }

    std::string zoom(int i)
    {
        // In, in, out, out: the scale wanders within two notches of where it started.
        const bool in = (m_zoomSteps++ % 4) < 2;
        const int before = m_frames;
        const QPointF at(m_canvas->width() * (0.25 + 0.5 * unitOf(static_cast<uint64_t>(i), 4)),
                         m_canvas->height() * (0.25 + 0.5 * unitOf(static_cast<uint64_t>(i), 5)));
        QWheelEvent e(at, m_canvas->mapToGlobal(at), QPoint(), QPoint(0, in ? 120 : -120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(m_canvas, &e);
        if (!newFrameSince(before)) return "no frame of the zoomed view";
        keepOnData();
        return settle() ? "" : "a render never finished";
    }

    std::string scrub(int i)
    {
        TimeController* clock = m_w.clock();
        const int32_t first = clock->firstDay(), last = clock->lastDay();
        if (last <= first) return "the clock has no range (no dated layer?)";
        int32_t day = first + static_cast<int32_t>(unitOf(static_cast<uint64_t>(i), 6) * (last - first));
        if (day == clock->day()) day = day > first ? day - 1 : day + 1;
        const int before = m_frames;
        clock->setDay(day);
        if (clock->day() != day) return "the clock did not move to day " + std::to_string(day);
        return newFrameSince(before) ? "" : "no frame of the new day";
    }

    std::string open()
    {
        OpenDataController* opener = m_browse->openData();
        const std::size_t layersBefore = m_w.document().layers().size();
        bool finished = false;
        OpenReport report;
        auto conn = QObject::connect(opener, &OpenDataController::finished, [&](const OpenReport& r) {
            finished = true;
            report = r;
        });
        const int before = m_frames;
        opener->openLayers(QString::fromStdString(m_o.file), {m_o.openLayer});
        const bool done = waitFor([&] { return finished; });
        QObject::disconnect(conn);
        if (!done) return "Open Data did not finish";
        if (!report.failures.isEmpty()) return "Open Data failed: " + report.failures.join("; ").toStdString();
        if (report.addedLayers.size() != 1 || m_w.document().layers().size() != layersBefore + 1)
            return "Open Data added " + std::to_string(report.addedLayers.size()) + " layers, not one (layer "
                   + m_o.openLayer + ")";
        ++m_opened;
        m_openLayer = m_w.document().layers().back().layer;
        return newFrameSince(before) ? "" : "no frame with the opened layer";
    }

    std::string close()
    {
        if (!m_openLayer) return "";  // nothing opened (the rotation always opens first)
        const auto& layers = m_w.document().layers();
        const auto it = std::find_if(layers.begin(), layers.end(), [&](const LayerEntry& e) { return e.layer == m_openLayer; });
        if (it == layers.end()) return "the opened layer is no longer in the document";
        const std::size_t at = static_cast<std::size_t>(it - layers.begin());
        const std::size_t layersBefore = layers.size();
        const int before = m_frames;
        QUndoStack* undo = m_w.undoStack();
        if (m_o.closeByUndo) {
            if (!undo->canUndo() || !undo->undoText().startsWith(QObject::tr("Add")))
                return "Edit → Undo would not undo the opening but \"" + undo->undoText().toStdString() + "\"";
            undo->undo();
        } else {
            undo->push(new RemoveLayerCommand(m_w.model(), at));
        }
        m_openLayer.reset();
        if (m_w.document().layers().size() != layersBefore - 1) return "the layer was not taken away";
        return newFrameSince(before) ? "" : "no frame without the closed layer";
    }

    // A pixel where the identify tool finds something: the first of a grid of candidates, from a
    // place that moves with the step, that hitsAt() answers.
    std::optional<QPointF> pixelWithHits(int i) const
    {
        IdentifyController* id = m_browse->identify();
        constexpr int nx = 24, ny = 16;
        const int offset = static_cast<int>(unitOf(static_cast<uint64_t>(i), 7) * nx * ny);
        for (int k = 0; k < nx * ny; ++k) {
            const int c = (k + offset) % (nx * ny);
            const QPointF logical(m_canvas->width() * ((c % nx) + 0.5) / nx, m_canvas->height() * ((c / nx) + 0.5) / ny);
            const double r = m_canvas->devicePixelRatioF();
            if (!id->hitsAt({logical.x() * r, logical.y() * r}).empty()) return logical;
        }
        return std::nullopt;
    }

    std::string identify(int i)
    {
        const std::optional<QPointF> at = pixelWithHits(i);
        const QPointF pos = at.value_or(QPointF(m_canvas->width() / 2.0, m_canvas->height() / 2.0));
        const int identifiedBefore = m_identified;
        mouse(QEvent::MouseButtonPress, pos, Qt::LeftButton, Qt::LeftButton);
        mouse(QEvent::MouseButtonRelease, pos, Qt::LeftButton, Qt::NoButton);
        if (at) {
            if (m_identified == identifiedBefore) return "a click where hitsAt() finds features identified nothing";
            ++m_identifyHits;
        }
        return settle() ? "" : "a render never finished";
    }

    std::string play()
    {
        TimeController* clock = m_w.clock();
        // Not from the last day: play stops there (or loops) before three frames are drawn.
        if (clock->lastDay() - clock->day() < 120) clock->setDay(clock->firstDay());
        if (!settle()) return "a render never finished";
        const int before = m_frames;
        clock->setDaysPerSecond(30);
        clock->play();
        if (!clock->isPlaying()) return "play did not start";
        const bool drawn = waitFor([&] { return m_frames >= before + 3 || !clock->isPlaying(); });
        clock->pause();
        if (!drawn) return "no frames while playing";
        if (m_frames < before + 3) return "play stopped after " + std::to_string(m_frames - before) + " frames";
        return settle() ? "" : "a render never finished";
    }

    std::string exportPng(int i)
    {
        ExportJob job = m_publish->exportJob();
        job.settings.format = ExportFormat::Png;
        job.settings.pixelSize = QSize(m_canvas->width(), m_canvas->height());
        job.settings.title = QString("Soak step %1").arg(i + 1);
        // Two names in turn: each export replaces a file, as re-exporting does.
        const QString path = QDir(m_outDir).filePath(QString("soak-%1.png").arg(m_exports % 2));
        const ExportResult r = exportMap(job, path);
        if (!r.ok) return "export failed: " + r.diagnostics.formatAll();
        QImageReader reader(path);
        const QSize size = reader.size();
        if (!QFileInfo(path).isFile() || size != job.settings.pixelSize)
            return "the export wrote no " + std::to_string(job.settings.pixelSize.width()) + "×"
                   + std::to_string(job.settings.pixelSize.height()) + " PNG at " + path.toStdString();
        ++m_exports;
        return "";
    }

    MainWindow& m_w;
    const Options& m_o;
    QString m_outDir;
    MapCanvas* m_canvas;
    BrowseTools* m_browse = nullptr;
    PublishTools* m_publish = nullptr;
    int m_frames = 0;
    int m_exports = 0;
    int m_identified = 0;    // identified() signals
    int m_identifyHits = 0;  // identify steps that found something
    int m_opened = 0;
    int m_zoomSteps = 0;
    LayerPtr m_openLayer;
};

}  // namespace

int main(int argc, char** argv)
{
    const std::optional<Options> parsed = parse(argc, argv);
    if (!parsed) return usage();
    const Options& o = *parsed;
    if (!QFileInfo::exists(QString::fromStdString(o.file))) {
        std::fprintf(stderr, "kachin-atlas-soak: %s: no such file\n", o.file.c_str());
        return 1;
    }

    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    // Its own settings and app data (remembered view, autosaves): a soak never reads or changes
    // the person's.
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", (home.path() + "/config").toUtf8());
    qputenv("XDG_DATA_HOME", (home.path() + "/data").toUtf8());
    int result = 0;
    {
        QApplication app(argc, argv);
        QCoreApplication::setOrganizationName("KachinAtlasSoak");
        QCoreApplication::setApplicationName("kachin-atlas-soak");
        const QString outDir = o.outDir.isEmpty() ? home.path() + "/out" : o.outDir;
        if (!QDir().mkpath(outDir)) {
            std::fprintf(stderr, "kachin-atlas-soak: cannot create %s\n", qPrintable(outDir));
            return 1;
        }

        QElapsedTimer clock;
        clock.start();
        auto window = std::make_unique<MainWindow>(QStringList{QString::fromStdString(o.file)});
        if (window->document().layers().empty()) {
            std::fprintf(stderr, "kachin-atlas-soak: no layers loaded from %s\n", o.file.c_str());
            return 1;
        }
        // The benchmark's styles and time mode (issue 8), through the model as the layer
        // properties dialog sets them.
        DocumentModel& model = window->model();
        for (std::size_t i = 0; i < model.layers().size(); ++i) {
            // The basemap (when the bundled data are found) keeps its own style and no time.
            if (model.layers()[i].role == LayerRole::Basemap) continue;
            const Layer& layer = *model.layers()[i].layer;
            Diagnostics d;
            model.setLayerStyle(i, bench::benchStyle(bench::kindOf(layer)));
            model.setLayerTime(i, IntervalTime{"t_start", "t_end"}, d);
            if (d.errorCount() > 0) {
                std::fprintf(stderr, "kachin-atlas-soak: time mode: %s\n", d.formatAll().c_str());
                return 1;
            }
        }
        // --size is the map's: the window grows by what its docks and bars take.
        window->resize(o.width, o.height);
        window->show();
        QCoreApplication::processEvents();
        const QSize chrome = window->size() - window->canvas()->size();
        window->resize(o.width + chrome.width(), o.height + chrome.height());
        QCoreApplication::processEvents();
        Soak soak(*window, o, outDir);
        if (!soak.ready()) {
            std::fprintf(stderr, "kachin-atlas-soak: the window has no browse or publish tools\n");
            return 1;
        }
        // The map over the whole file on a day with data, as the first frame.
        window->canvas()->zoomToExtent(window->document().dataExtent());
        window->clock()->setDay(daysFromCivil(2022, 4, 1));
        if (!soak.waitFor([&] { return soak.frames() > 0; }) || !soak.settle()) {
            std::fprintf(stderr, "kachin-atlas-soak: the first frame never came\n");
            return 1;
        }
        const double rssStart = rssMb();
        std::printf("load_and_first_frame_ms %.0f\n", static_cast<double>(clock.nsecsElapsed()) / 1e6);
        std::printf("canvas_size %dx%d\n", window->canvas()->width(), window->canvas()->height());
        std::printf("rss_start_mb %.1f\n", rssStart);
        std::printf("heap_start_mb %.1f\n", heapMb());
        std::fflush(stdout);

        clock.restart();
        // Memory is compared at the ends of whole rotations (the opened layer closed again):
        // warm after the rotation that completes the first tenth of the steps, end after the last
        // whole rotation.
        const int rotation = static_cast<int>(soak.rotation().size());
        const int warmup = std::max(1, (o.steps / 10 + rotation - 1) / rotation) * rotation;
        double rssRotationEnd = 0, heapRotationEnd = 0;
        double rssWarm = 0, rssPeak = rssStart, heapWarm = 0;
        int done = 0;
        for (int i = 0; i < o.steps; ++i) {
            if (!soak.run(i)) {
                result = 1;
                break;
            }
            done = i + 1;
            Soak::deleteLaterNow();
            const double rss = rssMb();
            rssPeak = std::max(rssPeak, rss);
            if (done == warmup) {
                rssWarm = rss;
                heapWarm = heapMb();
            }
            if (done % rotation == 0) {
                rssRotationEnd = rss;
                heapRotationEnd = heapMb();
            }
            if (done % o.reportEvery == 0 || done == o.steps) {
                std::printf("rss_mb_step_%d %.1f\n", done, rss);
                std::printf("heap_mb_step_%d %.1f\n", done, heapMb());
                std::fflush(stdout);
            }
        }
        const double rssEnd = rssRotationEnd > 0 ? rssRotationEnd : rssMb();
        std::printf("steps %d\n", done);
        std::printf("frames %d\n", soak.frames());
        std::printf("exports %d\n", soak.exports());
        std::printf("identify_hits %d\n", soak.identifyHits());
        std::printf("layers_opened %d\n", soak.layersOpened());
        std::printf("seconds %.1f\n", static_cast<double>(clock.nsecsElapsed()) / 1e9);
        std::printf("rss_warm_mb %.1f\n", rssWarm);
        std::printf("rss_end_mb %.1f\n", rssEnd);
        std::printf("rss_peak_mb %.1f\n", rssPeak);
        std::printf("rss_growth_after_warmup_mb %.1f\n", rssEnd - rssWarm);
        const double heapEnd = heapRotationEnd > 0 ? heapRotationEnd : heapMb();
        std::printf("heap_warm_mb %.1f\n", heapWarm);
        std::printf("heap_end_mb %.1f\n", heapEnd);
        std::printf("heap_growth_after_warmup_mb %.1f\n", heapEnd - heapWarm);
        std::fflush(stdout);

        // As the program's main() ends: the window first, then Qt's thread pool drained before
        // the libraries its workers use are torn down.
        window.reset();
        backgroundPool()->waitForDone();
        QThreadPool::globalInstance()->waitForDone();
    }
    return result;
}
