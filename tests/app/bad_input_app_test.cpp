// The bad-input corpus (tests/data/bad/) opened in the window: each file reported by name, the
// good features loaded, the window still working; invalid polygons repaired only when the person
// agrees; projects naming files from another machine or online sources.
#include "browse_test_support.h"

#include "atlas/network.h"
#include "atlas/model/load_policy.h"
#include "atlas/model/project_file.h"
#include "atlas/gui/open_data.h"
#include "atlas/gui/publish_tools.h"

#include <QAction>
#include <QFile>
#include <QMessageBox>
#include <QSettings>
#include <QTemporaryDir>

using namespace atlas;
using namespace atlas::app;

namespace {

QString bad(const char* name) { return QString(ATLAS_TEST_DATA_DIR "/bad/") + name; }

void waitDone(OpenDataController* open)
{
    REQUIRE(test::waitUntil([&] { return !open->isBusy(); }, 30000));
}

void closeReport(MainWindow& w)
{
    if (auto* b = w.findChild<QMessageBox*>("OpenDataReport")) b->close();
}

const LayerEntry* layerTitled(const MapDocument& doc, const QString& title)
{
    for (const LayerEntry& e : doc.layers())
        if (e.style.title == title) return &e;
    return nullptr;
}

}  // namespace

TEST_CASE("The bad-input corpus opened at once: every broken file named, every good feature loaded", "[app][bad]")
{
    test::useBundledData();
    test::BrowseWindow w;
    OpenDataController* open = w.tools->openData();
    open->askRepair = [](const QString&, std::size_t) { return false; };
    open->openPaths({bad("empty.geojson"), bad("garbage.geojson"), bad("truncated.geojson"), bad("no_crs.shp"),
                     bad("wrong_types.geojson"), bad("nan_inf.geojson"), bad("out_of_range.geojson"),
                     bad("projected_as_4326.geojson")},
                    false);
    waitDone(open);
    const OpenReport& report = open->lastReport();
    INFO(report.diagnostics.formatAll());
    // Four files cannot be read at all, each named with its reason.
    const QString failures = report.failures.join('\n');
    CHECK(failures.contains("empty.geojson: cannot open: the file is empty (0 bytes)"));
    CHECK(failures.contains("garbage.geojson: cannot open"));
    CHECK(failures.contains("truncated.geojson: cannot open"));
    CHECK(failures.contains("no_crs.shp"));
    CHECK(failures.contains("no coordinate reference system"));
    // The other four load their good features.
    CHECK(report.addedLayers.size() == 4);
    const MapDocument& doc = w.window.document();
    REQUIRE(layerTitled(doc, "out_of_range"));
    CHECK(layerTitled(doc, "out_of_range")->layer->featureCount() == 1);
    REQUIRE(layerTitled(doc, "projected_as_4326"));
    CHECK(layerTitled(doc, "projected_as_4326")->layer->featureCount() == 1);
    REQUIRE(layerTitled(doc, "wrong_types"));
    CHECK(layerTitled(doc, "wrong_types")->layer->featureCount() == 4);
    // The report on screen has everything, feature by feature.
    QMessageBox* box = w.window.findChild<QMessageBox*>("OpenDataReport");
    REQUIRE(box);
    CHECK(box->detailedText().contains("wrong_types.geojson:feature 1: geometry:"));
    CHECK(box->detailedText().contains("nan_inf.geojson:feature 1: geometry:"));
    box->close();

    // The window still works: the clock moves, the map redraws.
    w.window.clock()->setDay(w.window.clock()->day() + 1);
    CHECK(test::waitUntil([&] { return !w.window.canvas()->isRendering(); }));
}

TEST_CASE("Invalid polygons are repaired only when the person says so", "[app][bad]")
{
    test::useBundledData();
    test::BrowseWindow w;
    OpenDataController* open = w.tools->openData();
    int asked = 0;
    bool answer = false;
    open->askRepair = [&](const QString& path, std::size_t invalid) {
        ++asked;
        CHECK(path.endsWith("polygons.geojson"));
        CHECK(invalid == 2);
        return answer;
    };

    open->openPaths({bad("polygons.geojson")}, false);
    waitDone(open);
    CHECK(asked == 1);
    CHECK(open->lastReport().repairedPolygons == 0);
    CHECK(QString::fromStdString(open->lastReport().diagnostics.formatAll()).contains("kept as read"));
    closeReport(w.window);

    answer = true;
    open->openPaths({bad("polygons.geojson")}, false);
    waitDone(open);
    CHECK(asked == 2);
    CHECK(open->lastReport().repairedPolygons == 2);
    closeReport(w.window);
}

TEST_CASE("A project made on another machine finds its file beside it, and online sources stay refused", "[app][bad]")
{
    test::useBundledData();
    QTemporaryDir dir;
    REQUIRE(QFile::copy(ATLAS_TEST_DATA_DIR "/towns.geojson", dir.filePath("towns.geojson")));
    const QString project = dir.filePath("from-alice.katlas");
    REQUIRE(QFile::copy(bad("projects/other_machine.katlas"), project));
    QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
    test::BrowseWindow w;
    auto* tools = w.window.findChild<PublishTools*>();
    REQUIRE(tools);
    const Diagnostics opened = tools->openProject(project);
    REQUIRE_FALSE(opened.hasErrors());
    const QString all = QString::fromStdString(opened.formatAll());
    INFO(all.toStdString());
    CHECK(all.contains("/home/alice/kachin/towns.geojson is not on this machine; using towns.geojson beside the project"));
    CHECK(all.contains("remote source, refused"));
    CHECK(layerTitled(w.window.document(), "Towns (Alice)"));
    CHECK_FALSE(layerTitled(w.window.document(), "Online layer"));

    // The setting that allows online sources is off, and switching it on reaches core's guard.
    QAction* online = w.window.findChild<QAction*>("allowOnlineSources");
    REQUIRE(online);
    CHECK_FALSE(online->isChecked());
    CHECK_FALSE(onlineSourcesAllowed());
    online->setChecked(true);
    CHECK(w.window.document().loadPolicy().allowRemote);
    CHECK(onlineSourcesAllowed());
    CHECK(QSettings().value(kAllowOnlineSourcesKey).toBool());
    online->setChecked(false);
    CHECK_FALSE(onlineSourcesAllowed());
    CHECK_FALSE(QSettings().value(kAllowOnlineSourcesKey).toBool());
}

TEST_CASE("A project from a newer version is refused, one with a missing file opens without it", "[app][bad]")
{
    test::useBundledData();
    const Result<Project> newer = readProjectFile(bad("projects/newer_version.katlas"));
    CHECK_FALSE(newer);
    REQUIRE(newer.diagnostics().size() == 1);
    const Diagnostic& why = newer.diagnostics().items().front();
    CHECK(why.severity == Severity::Error);
    CHECK(why.file == "newer_version.katlas");
    CHECK(why.field == "version");
    CHECK(why.message.find("saved by a newer Kachin Atlas") == 0);

    test::BrowseWindow w;
    auto* tools = w.window.findChild<PublishTools*>();
    REQUIRE(tools);
    const Diagnostics opened = tools->openProject(bad("projects/missing_files.katlas"));
    REQUIRE_FALSE(opened.hasErrors());
    const std::string all = opened.formatAll();
    INFO(all);
    CHECK(all.find("layer Footprints") != std::string::npos);
    CHECK(all.find("file not found; it stays in the project") != std::string::npos);
    CHECK(tools->annotations()->annotations().size() == 1);
    CHECK(layerTitled(w.window.document(), "Mines"));
}

TEST_CASE("An event file with bad rows opens with its good rows and lists the bad ones as problems not failures", "[app][bad]")
{
    test::useBundledData();
    test::BrowseWindow w;
    OpenDataController* open = w.tools->openData();
    open->openPaths({bad("acled_bad_values.csv")}, false);
    waitDone(open);
    const OpenReport& report = open->lastReport();
    INFO(report.diagnostics.formatAll());
    CHECK(report.failures.isEmpty());
    REQUIRE(report.addedLayers.size() == 1);
    CHECK(report.diagnostics.size() == 6);
    QMessageBox* box = w.window.findChild<QMessageBox*>("OpenDataReport");
    REQUIRE(box);
    CHECK(box->text().contains("6 problem(s) in the files read"));
    CHECK(box->detailedText().contains("acled_bad_values.csv:line 3: event_date: \"2025-02-30\" is not a day"));
    box->close();
}
