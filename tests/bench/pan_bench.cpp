// kachin-atlas-pan-bench: does the window stay responsive while the map pans and the clock moves
// over a large file? The application's own canvas (MapCanvas, RenderJob, MapDocument) over
// every layer of a GeoPackage with the schema of make_bench_gpkg, each with the interval time
// mode on t_start / t_end (30-day window) and the styles of issue 8.
//
//   kachin-atlas-pan-bench FILE.gpkg [--size 1920x1080] [--seconds S] [--steps N]
//
// Pan: a left-button drag posted through the event queue from another thread (as the window
// system delivers input, whatever the GUI thread is doing), one mouse move every 10 ms for S
// seconds, circling over the whole extent. Scrub: then the clock moves 30 days every 40 ms for
// S seconds (what the timeline's play does, faster). Meanwhile a 5 ms timer ticks on the GUI
// thread. Printed, as `key value` lines:
//
//   {pan,scrub}_input_latency_max_ms   longest wait of a posted event before the GUI handled it
//   {pan,scrub}_input_latency_p99_ms
//   {pan,scrub}_tick_gap_max_ms        longest gap between ticks of the 5 ms timer
//   {pan,scrub}_scene_max_ms           longest render snapshot built on the GUI thread (the
//                                      scene provider: visible sets from the temporal index);
//                                      the only per-frame work the GUI thread does
//   {pan,scrub}_frames                 finished frames shown (stale renders are cancelled)
//   {pan,scrub}_render_median_ms       the worker's median time per shown frame
//   step_window_ms, step_window_zoom_ms  median of --steps clock steps of 30 days through the
//                                      window's own path (document scene, render job,
//                                      composition), each waited for, full and 1/16-area view
//
// Figures only: it never fails on time (the machine's load shows in every figure).
#include "bench_style.h"

#include "atlas/model/map_document.h"
#include "atlas/gui/map_canvas.h"
#include "atlas/gui/render_job.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QPainter>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace atlas;
using namespace atlas::app;

namespace {

struct Phase {
    std::vector<double> latencies;
    std::vector<double> renderMs;
    double maxTickGap = 0;
    double maxSceneMs = 0;
    int frames = 0;
};

double percentile(std::vector<double> v, double p)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size()))) - 1)];
}

// Records how long each posted event waited before its receiver got it. Events are posted from
// a thread of their own, as the window system delivers input whatever the GUI thread is doing.
class LatencyProbe : public QObject {
public:
    QElapsedTimer clock;
    Phase* phase = nullptr;

    void post(QObject* target, QEvent* e)
    {
        {
            std::lock_guard lock(m_mutex);
            m_posted.push_back(ms());
        }
        QCoreApplication::postEvent(target, e);
    }
    bool pending()
    {
        std::lock_guard lock(m_mutex);
        return !m_posted.empty();
    }
    double ms() const { return static_cast<double>(clock.nsecsElapsed()) / 1e6; }

protected:
    bool eventFilter(QObject* o, QEvent* e) override
    {
        const auto t = e->type();
        if (t == QEvent::MouseMove || t == QEvent::MouseButtonPress || t == QEvent::MouseButtonRelease
            || t == QEvent::User) {
            std::lock_guard lock(m_mutex);
            if (!m_posted.empty()) {
                if (phase) phase->latencies.push_back(ms() - m_posted.front());
                m_posted.pop_front();
            }
        }
        return QObject::eventFilter(o, e);
    }

private:
    std::mutex m_mutex;
    std::deque<double> m_posted;  // post times, in delivery order
};

// Calls `tick(t)` every `periodMs` on a thread of its own until it returns false.
std::thread ticker(double periodMs, std::function<bool(double)> tick)
{
    return std::thread([periodMs, tick = std::move(tick)] {
        const auto start = std::chrono::steady_clock::now();
        for (int k = 1;; ++k) {
            std::this_thread::sleep_until(start + std::chrono::microseconds(static_cast<long>(k * periodMs * 1000)));
            const double t = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            if (!tick(t)) return;
        }
    });
}

// The GUI thread's last sign of life, for the watchdog (ms on the probe's clock).
std::atomic<double> g_alive{0};
std::atomic<const char*> g_phase{"load"};

// Ends the process with a message when the GUI thread shows no sign of life for a minute: a
// deadlock (issue 20's run sat idle after its first frame until killed — Qt's parallel fills
// waiting on a global pool that render jobs held, fixed in 33fdb65) then fails the run, with the
// phase it stopped in, instead of hanging it.
std::thread watchdog(const LatencyProbe& probe, std::atomic<bool>& finished)
{
    return std::thread([&probe, &finished] {
        while (!finished.load()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            if (probe.ms() - g_alive.load() > 60'000) {
                std::fprintf(stderr, "kachin-atlas-pan-bench: the GUI thread made no progress for 60 s (%s)\n",
                             g_phase.load());
                std::fflush(stderr);
                std::_Exit(3);
            }
        }
    });
}

// Handles the events that arrive, sleeping until one does. processEvents() with a time limit
// does not sleep (Qt drops WaitForMoreEvents there): the GUI thread then spun a whole core,
// which on two cores was half the machine the render threads it measured needed. The pulse
// timer in main() wakes it at least every 50 ms.
void waitForEvents(QApplication& app)
{
    app.processEvents(QEventLoop::WaitForMoreEvents);
}

// Runs the event loop until `done`, recording the gaps between ticks of a 5 ms timer.
void runLoop(QApplication& app, Phase& phase, LatencyProbe& probe, double phaseMs, const std::function<bool()>& done)
{
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(5);
    double last = probe.ms();
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const double now = probe.ms();
        phase.maxTickGap = std::max(phase.maxTickGap, now - last);
        last = now;
    });
    heartbeat.start();
    const double deadline = probe.ms() + phaseMs + 60'000;
    while (!done()) {
        g_alive = probe.ms();
        waitForEvents(app);
        if (probe.ms() > deadline) {  // alive, but posted input never arrived
            std::fprintf(stderr, "kachin-atlas-pan-bench: %s did not end a minute after its input stopped\n", g_phase.load());
            std::fflush(stderr);
            std::_Exit(3);
        }
    }
}

void print(const char* name, const Phase& p)
{
    std::printf("%s_input_latency_max_ms %.1f\n", name, percentile(p.latencies, 1.0));
    std::printf("%s_input_latency_p99_ms %.1f\n", name, percentile(p.latencies, 0.99));
    std::printf("%s_tick_gap_max_ms %.1f\n", name, p.maxTickGap);
    std::printf("%s_scene_max_ms %.2f\n", name, p.maxSceneMs);
    std::printf("%s_frames %d\n", name, p.frames);
    std::printf("%s_render_median_ms %.1f\n", name, percentile(p.renderMs, 0.5));
    std::printf("%s_events %zu\n", name, p.latencies.size());
}

int usage()
{
    std::fprintf(stderr, "usage: kachin-atlas-pan-bench FILE.gpkg [--size WxH] [--seconds S] [--steps N]\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2) return usage();
    const std::string path = argv[1];
    int width = 1920, height = 1080;
    double seconds = 5;
    int steps = 5;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        if (i + 1 >= argc) return usage();
        const std::string v = argv[++i];
        if (a == "--size") {
            if (std::sscanf(v.c_str(), "%dx%d", &width, &height) != 2 || width < 200 || height < 150) return usage();
        } else if (a == "--steps") {
            steps = std::max(1, std::atoi(v.c_str()));
        } else if (a == "--seconds") {
            seconds = std::max(0.2, std::atof(v.c_str()));
        } else {
            return usage();
        }
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);

    QElapsedTimer loadTimer;
    loadTimer.start();
    MapDocument doc;
    Diagnostics diag;
    doc.loadFiles({QString::fromStdString(path)}, diag);
    if (doc.layers().empty()) {
        std::fprintf(stderr, "kachin-atlas-pan-bench: no layers loaded from %s\n%s\n", path.c_str(),
                     diag.formatAll().c_str());
        return 1;
    }
    std::size_t features = 0;
    for (std::size_t i = 0; i < doc.layers().size(); ++i) {
        const Layer& layer = *doc.layers()[i].layer;
        features += layer.featureCount();
        doc.setLayerStyle(i, bench::benchStyle(bench::kindOf(layer)));
        doc.setLayerTime(i, IntervalTime{"t_start", "t_end"}, diag);
    }
    std::printf("load_ms %.1f\n", static_cast<double>(loadTimer.nsecsElapsed()) / 1e6);

    TimeCursor cursor(19083, DaysWindow{30});  // 2022-04-01, as kachin-atlas-bench
    LatencyProbe probe;
    probe.clock.start();
    std::atomic<bool> finished{false};
    std::thread guard = watchdog(probe, finished);
    QTimer pulse;  // wakes waitForEvents() so the loops check their limits
    pulse.start(50);
    Phase pan, scrub;
    Phase* current = nullptr;

    MapCanvas canvas;
    canvas.setSceneProvider([&](const Viewport& vp, double ratio) {
        const double t0 = probe.ms();
        auto scene = std::make_pair(doc.scene(vp, ratio, cursor, true), doc.revision());
        if (current) current->maxSceneMs = std::max(current->maxSceneMs, probe.ms() - t0);
        return scene;
    });
    QObject::connect(&canvas, &MapCanvas::frameRendered, [&](double ms) {
        if (!current) return;
        ++current->frames;
        current->renderMs.push_back(ms);
    });
    canvas.installEventFilter(&probe);
    canvas.resize(width, height);
    canvas.show();
    canvas.zoomToExtent(doc.dataExtent());

    // The first frame, before measuring.
    bool firstFrame = false;
    auto firstConn = QObject::connect(&canvas, &MapCanvas::frameRendered, [&] { firstFrame = true; });
    QElapsedTimer wait;
    wait.start();
    g_phase = "first frame";
    while (!firstFrame && wait.elapsed() < 120'000) {
        g_alive = probe.ms();
        waitForEvents(app);
    }
    QObject::disconnect(firstConn);
    std::printf("first_frame_ms %.1f\n", static_cast<double>(wait.nsecsElapsed()) / 1e6);

    // Pan: press in the centre, then a circle of radius a third of the height, one turn a second.
    current = &pan;
    probe.phase = &pan;
    g_phase = "pan";
    const QPointF centre(width / 2.0, height / 2.0);
    const double radius = height / 3.0;
    const double panMs = seconds * 1000;
    auto mouse = [&](QEvent::Type type, QPointF pos, Qt::MouseButton button, Qt::MouseButtons buttons) {
        probe.post(&canvas, new QMouseEvent(type, pos, pos, button, buttons, Qt::NoModifier));
    };
    const QPointF start = centre + QPointF(radius, 0);
    mouse(QEvent::MouseButtonPress, start, Qt::LeftButton, Qt::LeftButton);
    std::atomic<bool> released{false};
    std::thread mover = ticker(10, [&](double t) {
        const double a = 2 * M_PI * t / 1000.0;
        const QPointF pos = centre + QPointF(radius * std::cos(a), radius * std::sin(a));
        if (t >= panMs) {
            mouse(QEvent::MouseButtonRelease, pos, Qt::LeftButton, Qt::NoButton);
            released = true;
            return false;
        }
        mouse(QEvent::MouseMove, pos, Qt::NoButton, Qt::LeftButton);
        return true;
    });
    runLoop(app, pan, probe, panMs, [&] { return released && !probe.pending(); });
    mover.join();
    // Let the last frame arrive (counted in the pan phase).
    wait.restart();
    g_phase = "last pan frame";
    while ((canvas.isRendering() || pan.frames == 0) && wait.elapsed() < 60'000) {
        g_alive = probe.ms();
        waitForEvents(app);
    }

    // Scrub: the clock moves 30 days every 40 ms, each move an event through the queue.
    current = &scrub;
    probe.phase = &scrub;
    g_phase = "scrub";
    struct ClockStep : QObject {
        TimeCursor* cursor;
        MapCanvas* canvas;
        bool event(QEvent* e) override
        {
            if (e->type() != QEvent::User) return QObject::event(e);
            *cursor = cursor->movedBy(30);
            canvas->refresh();
            return true;
        }
    } clockStep;
    clockStep.cursor = &cursor;
    clockStep.canvas = &canvas;
    clockStep.installEventFilter(&probe);
    std::atomic<bool> scrubbed{false};
    std::thread stepper = ticker(40, [&](double t) {
        if (t >= panMs) {
            scrubbed = true;
            return false;
        }
        probe.post(&clockStep, new QEvent(QEvent::User));
        return true;
    });
    runLoop(app, scrub, probe, panMs, [&] { return scrubbed && !probe.pending(); });
    stepper.join();
    wait.restart();
    g_phase = "last scrub frame";
    while (canvas.isRendering() && wait.elapsed() < 60'000) {
        g_alive = probe.ms();
        waitForEvents(app);
    }
    finished = true;
    guard.join();

    // Clock steps through the window's own path, one after another, each waited for: the
    // document's scene (time states with opacity and fade, the time mode's own window), the
    // render job (visible sets resolved on its thread, static layers reused, time layers and the
    // label pass drawn into new images) and the canvas's composition of the three images.
    // Without the canvas's 15 ms coalescing timer, which only delays a step.
    g_phase = "window steps";
    auto windowSteps = [&](const Viewport& vp) {
        RenderJob job;
        bool arrived = false;
        QObject::connect(&job, &RenderJob::finished, [&] { arrived = true; });
        TimeCursor stepCursor(19083, DaysWindow{30});
        std::vector<double> ms;
        for (int k = 0; k <= steps; ++k) {  // the first frame draws the static layers: not counted
            stepCursor = stepCursor.movedBy(30);
            const double t0 = probe.ms();
            render::MapScene scene = doc.scene(vp, 1.0, stepCursor, true);
            scene.viewport = vp;
            job.start(std::move(scene), doc.revision());
            arrived = false;
            while (!arrived) {
                g_alive = probe.ms();
                waitForEvents(app);
            }
            const RenderedFrame& f = job.lastFrame();
            QImage shown(vp.width, vp.height, QImage::Format_ARGB32_Premultiplied);
            QPainter p(&shown);
            p.drawImage(0, 0, f.staticLayers);
            if (!f.timeLayers.isNull()) p.drawImage(0, 0, f.timeLayers);
            if (!f.labels.isNull()) p.drawImage(0, 0, f.labels);
            p.end();
            if (k > 0) ms.push_back(probe.ms() - t0);
        }
        return percentile(ms, 0.5);
    };
    const Viewport fullView = Viewport::fit(doc.dataExtent(), width, height);
    Viewport zoomView = fullView;
    zoomView.unitsPerPixel /= 4;
    const double stepWindowMs = windowSteps(fullView), stepWindowZoomMs = windowSteps(zoomView);

    print("pan", pan);
    print("scrub", scrub);
    std::printf("step_window_ms %.2f\n", stepWindowMs);
    std::printf("step_window_zoom_ms %.2f\n", stepWindowZoomMs);
    std::printf("features %zu\n", features);
    return 0;
}
