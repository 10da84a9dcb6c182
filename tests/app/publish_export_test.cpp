// Exports from the window match the window: the same scene on an offscreen canvas and in a
// map-only PNG of the same size differ in at most a small, stated fraction of pixels; a
// laid-out page puts a known feature in its colour where the page plan says.
#include "app_test_support.h"
#include "atlas/civil_date.h"
#include "atlas/crs.h"
#include "atlas/data/dataset.h"
#include "atlas/render/palette.h"
#include "atlas/gui/main_window.h"
#include "atlas/gui/map_canvas.h"
#include "atlas/gui/publish_animation_dialog.h"
#include "atlas/gui/publish_tools.h"
#include "atlas/model/time_controller.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace atlas;
using namespace atlas::app;

namespace {

int channelDistance(QColor a, QColor b)
{
    return std::max({std::abs(a.red() - b.red()), std::abs(a.green() - b.green()), std::abs(a.blue() - b.blue())});
}

struct Window {
    MainWindow window{{}};
    PublishTools* tools = nullptr;
    Window()
    {
        window.resize(1100, 800);
        window.show();
        REQUIRE(QTest::qWaitForWindowExposed(&window));
        tools = window.findChild<PublishTools*>();
        REQUIRE(tools);
    }
    ~Window() { tools->annotations()->markSaved(); }
    void settle()
    {
        QTest::qWait(60);
        REQUIRE(test::waitUntil([&] { return !window.canvas()->isRendering(); }));
        QTest::qWait(30);
        REQUIRE(test::waitUntil([&] { return !window.canvas()->isRendering(); }));
    }
};

}  // namespace

TEST_CASE("A map-only PNG export and the canvas showing the same scene differ in < 0.5 % of pixels",
          "[app][publish][export]")
{
    test::widgetApp();
    qputenv("KACHIN_ATLAS_DATA", ATLAS_APP_DATA_DIR);
    Window w;
    w.window.clock()->setDay(daysFromCivil(2025, 2, 20));
    render::MapAnnotation a = render::defaultAnnotation(render::AnnotationKind::Callout);
    a.points = {{97.23, 24.27}, {97.9, 24.9}};
    a.text = "Bhamo";
    w.tools->annotations()->add(a);
    w.tools->annotations()->setSelected(0);  // selection handles are screen-only
    w.settle();

    const QImage screen = w.window.canvas()->grabMap();
    ExportJob job = w.tools->exportJob();
    job.settings.layout = false;
    job.settings.format = ExportFormat::Png;
    job.settings.pixelSize = screen.size();
    job.settings.dpi = static_cast<int>(96 * w.window.canvas()->devicePixelRatioF());
    const QImage exported = renderPageImage(job);
    REQUIRE(exported.size() == screen.size());

    // A pixel differs when a channel is off by more than 24 (of 255); allowed: 0.5 % of them.
    constexpr int kThreshold = 24;
    constexpr double kAllowed = 0.005;
    std::size_t differ = 0;
    for (int y = 0; y < screen.height(); ++y)
        for (int x = 0; x < screen.width(); ++x)
            if (channelDistance(screen.pixelColor(x, y), exported.pixelColor(x, y)) > kThreshold) ++differ;
    const double fraction = static_cast<double>(differ) / (static_cast<double>(screen.width()) * screen.height());
    INFO("differing pixels: " << differ << " (" << fraction * 100 << " %)");
    if (fraction > kAllowed) {
        screen.save(QDir::temp().filePath("publish-screen.png"));
        exported.save(QDir::temp().filePath("publish-export.png"));
    }
    CHECK(fraction <= kAllowed);
}

TEST_CASE("A laid-out PNG page has the requested size and Myitkyina in the town colour at its pixel",
          "[app][publish][export]")
{
    test::widgetApp();
    qputenv("KACHIN_ATLAS_DATA", ATLAS_APP_DATA_DIR);
    Window w;
    QTemporaryDir dir;
    ExportJob job = w.tools->exportJob();
    job.extent = CoordinateTransform(kWgs84, w.window.document().displayCrs()).transformBox(Box::of(96.8, 24.8, 98.0, 25.9));
    job.cursor = TimeCursor(daysFromCivil(2025, 2, 20), DaysWindow{30});
    job.settings.format = ExportFormat::Png;
    job.settings.pixelSize = QSize(1400, 900);
    job.settings.title = "Myitkyina";
    const QString path = dir.filePath("page.png");
    const ExportResult r = exportMap(job, path);
    REQUIRE(r.ok);
    const QImage page(path);
    REQUIRE(page.size() == QSize(1400, 900));

    const PagePlan plan = planExportPage(job);
    const Dataset* ds = w.window.document().dataset();
    REQUIRE(ds);
    const DatasetLayer* places = ds->layer("places");
    REQUIRE(places);
    const auto row = places->layer->findById("place:myitkyina");
    REQUIRE(row);
    const Coord px = plan.viewport.toPixel(places->layer->geometry().firstCoord(*row));
    const QPointF onPage = plan.geometry.map.topLeft() + QPointF(px.x, px.y);
    REQUIRE(plan.geometry.map.contains(onPage));
    CHECK(channelDistance(page.pixelColor(int(onPage.x()), int(onPage.y())), render::palette::kTownSymbol) <= 2);
    // The legend and credits of what is drawn went onto the page.
    CHECK(r.content.credits.contains("Natural Earth"));
    bool places_in_legend = false;
    for (const auto& s : r.content.legend)
        for (const auto& i : s.items) places_in_legend = places_in_legend || i.label == "State capital";
    CHECK(places_in_legend);
}


TEST_CASE("The animation dialog renders its frames on a worker thread and reports them", "[app][publish][animate]")
{
    test::widgetApp();
    qputenv("KACHIN_ATLAS_DATA", ATLAS_APP_DATA_DIR);
    Window w;
    QTemporaryDir dir;
    auto doc = std::make_shared<const MapDocument>(w.window.document());
    ExportJob job = w.tools->exportJob();
    job.settings.title = "Three weeks";
    AnimationDialog dialog(doc, job, daysFromCivil(2024, 1, 1), daysFromCivil(2025, 12, 1), &w.window);
    dialog.setDates(daysFromCivil(2024, 10, 1), daysFromCivil(2024, 10, 15), AnimationStep{7, AnimationStep::Unit::Day});
    dialog.setOutput(dir.filePath("frames"));
    QSignalSpy done(&dialog, &AnimationDialog::finished);
    dialog.start();
    CHECK(dialog.isRunning());
    REQUIRE(test::waitUntil([&] { return done.count() == 1; }, 60000));
    CHECK(dialog.result().ok);
    CHECK(dialog.result().dateLabels == QStringList{"1 Oct 2024", "8 Oct 2024", "15 Oct 2024"});
    CHECK(QDir(dir.filePath("frames")).entryList({"frame-*.png"}, QDir::Files).size() == 3);
}

// The window's File → Export Animation… with an .mp4 name: ffmpeg is a dependency
// (packaging/build-deps.txt, and Recommends of the .deb), so a missing one fails here.
TEST_CASE("The animation dialog makes an MP4 of its frames through ffmpeg", "[app][publish][animate]")
{
    test::widgetApp();
    qputenv("KACHIN_ATLAS_DATA", ATLAS_APP_DATA_DIR);
    REQUIRE_FALSE(QStandardPaths::findExecutable("ffmpeg").isEmpty());
    Window w;
    QTemporaryDir dir;
    auto doc = std::make_shared<const MapDocument>(w.window.document());
    ExportJob job = w.tools->exportJob();
    job.settings.layout = false;
    job.settings.pixelSize = QSize(320, 200);
    AnimationDialog dialog(doc, job, daysFromCivil(2024, 1, 1), daysFromCivil(2025, 12, 1), &w.window);
    dialog.setDates(daysFromCivil(2024, 10, 1), daysFromCivil(2024, 10, 15), AnimationStep{7, AnimationStep::Unit::Day});
    const QString video = dir.filePath("bhamo.mp4");
    dialog.setOutput(video);
    QSignalSpy done(&dialog, &AnimationDialog::finished);
    dialog.start();
    REQUIRE(test::waitUntil([&] { return done.count() == 1; }, 120000));
    INFO(dialog.result().diagnostics.formatAll());
    REQUIRE(dialog.result().ok);
    CHECK(dialog.result().frames.size() == 3);
    // What ffprobe reads back: the first video stream's size and its frame count.
    QProcess probe;
    probe.start("ffprobe", {"-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                            "stream=width,height,nb_read_frames", "-of", "csv=p=0", video});
    REQUIRE(probe.waitForFinished(60000));
    CHECK(QString::fromUtf8(probe.readAllStandardOutput()).trimmed() == "320,200,3");
}
