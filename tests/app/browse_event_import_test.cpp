// ACLED / UCDP files opened in the window (issue 10): through Open Data they become event
// layers on the clock with their widened dates, and a newer export replaces the open one,
// reporting what changed.
#include "browse_test_support.h"

#include "atlas/model/event_layers.h"
#include "atlas/gui/open_data.h"

#include <QFile>
#include <QMessageBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QUndoStack>

using namespace atlas;
using namespace atlas::app;

namespace {

QString acledData(const char* name)
{
    return QString(ATLAS_TEST_DATA_DIR) + "/acled/" + name;
}

void openAndWait(test::BrowseWindow& w, const QString& path)
{
    OpenDataController* open = w.tools->openData();
    open->openPaths({path}, false);
    REQUIRE(test::waitUntil([&] { return !open->isBusy(); }, 30000));
    if (auto* b = w.window.findChild<QMessageBox*>("OpenDataReport")) b->close();
}

// Entries of the document read from an ACLED import.
std::vector<std::size_t> acledEntries(const MapDocument& doc)
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < doc.layers().size(); ++i)
        if (eventFormatOf(*doc.layers()[i].layer) == io::EventFormat::Acled) out.push_back(i);
    return out;
}

int32_t dayOf(int y, int m, int d)
{
    return daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

}  // namespace

TEST_CASE("An ACLED export opened like any data becomes an event layer the clock filters by its widened dates", "[app][browse][open][acled]")
{
    test::useBundledData();
    test::BrowseWindow w;
    const std::size_t before = w.window.document().layers().size();
    openAndWait(w, acledData("acled_kachin_sample.csv"));
    const OpenReport& report = w.tools->openData()->lastReport();
    INFO(report.diagnostics.formatAll());
    CHECK(report.failures.isEmpty());
    CHECK(report.addedLayers == QStringList{"acled_kachin_sample"});

    const MapDocument& doc = w.window.document();
    REQUIRE(doc.layers().size() == before + 1);
    const std::size_t at = before;
    const LayerEntry& e = doc.layers()[at];
    REQUIRE(eventFormatOf(*e.layer) == io::EventFormat::Acled);
    CHECK(e.layer->featureCount() == 10);
    REQUIRE(e.time);
    CHECK(std::holds_alternative<InstantTime>(e.time->mode));
    CHECK(e.style.categoryField == "kind");
    CHECK(e.style.uncertainty.field == "halo_m");
    // Actors and sources stay columns, so identify and the attribute table show them.
    for (const char* field : {"actor1", "actor2", "assoc_actor_1", "source", "notes", "actors", "date_from", "date_to"})
        CHECK(e.layer->column(field));

    const auto rowOf = [&](const char* id) {
        const auto row = e.layer->findById(id);
        if (row) return *row;
        const Column* ids = e.layer->column("event_id_cnty");
        for (std::size_t f = 0; f < e.layer->featureCount(); ++f)
            if (ids->text(f) == id) return f;
        FAIL("no event " << id);
        return std::size_t{0};
    };
    const auto drawnOn = [&](int32_t day, const char* id) {
        const TimeCursor cursor(day, InstantWindow{});
        const std::vector<uint32_t> rows = doc.drawnRows(at, cursor);
        return std::find(rows.begin(), rows.end(), static_cast<uint32_t>(rowOf(id))) != rows.end();
    };
    const auto opacityOn = [&](int32_t day, const char* id) {
        return doc.featureTimes(at)->opacity(rowOf(id), TimeCursor(day, InstantWindow{}));
    };

    SECTION("time_precision 2: 2024-10-23 is the ISO week Monday 10-21 … Sunday 10-27")
    {
        CHECK(e.layer->text(rowOf("MMRX0002"), "date_from") == "2024-10-21");
        CHECK(e.layer->text(rowOf("MMRX0002"), "date_to") == "2024-10-27");
        CHECK_FALSE(drawnOn(dayOf(2024, 10, 20), "MMRX0002"));
        CHECK(drawnOn(dayOf(2024, 10, 21), "MMRX0002"));
        CHECK(opacityOn(dayOf(2024, 10, 27), "MMRX0002") == 1.0);
        // Then it fades like the bundled events, for 30 days, and is gone.
        CHECK(opacityOn(dayOf(2024, 10, 28), "MMRX0002") < 1.0);
        CHECK(drawnOn(dayOf(2024, 11, 26), "MMRX0002"));
        CHECK_FALSE(drawnOn(dayOf(2024, 11, 27), "MMRX0002"));
    }
    SECTION("time_precision 3: 2024-10-15 is all of October")
    {
        CHECK_FALSE(drawnOn(dayOf(2024, 9, 30), "MMRX0003"));
        CHECK(opacityOn(dayOf(2024, 10, 1), "MMRX0003") == 1.0);
        CHECK(opacityOn(dayOf(2024, 10, 31), "MMRX0003") == 1.0);
        CHECK(opacityOn(dayOf(2024, 11, 1), "MMRX0003") < 1.0);
        CHECK(drawnOn(dayOf(2024, 11, 30), "MMRX0003"));
        CHECK_FALSE(drawnOn(dayOf(2024, 12, 1), "MMRX0003"));
    }
    SECTION("time_precision 1: its own day only, then the fade")
    {
        CHECK_FALSE(drawnOn(dayOf(2024, 10, 17), "MMRX0001"));
        CHECK(opacityOn(dayOf(2024, 10, 18), "MMRX0001") == 1.0);
        CHECK(opacityOn(dayOf(2024, 10, 19), "MMRX0001") < 1.0);
    }
    SECTION("the window's clock draws them: the scene holds what drawnRows says")
    {
        w.window.clock()->setCursor(TimeCursor(dayOf(2024, 10, 21), InstantWindow{}));
        QCoreApplication::processEvents();
        const render::MapScene scene = doc.scene(w.window.canvas()->viewport(), 1.0, w.window.clock()->cursor());
        bool found = false;
        for (const render::SceneLayer& l : scene.layers) {
            if (l.layer != e.layer) continue;
            found = true;
            REQUIRE(l.state);
            CHECK(l.state->visible == doc.drawnRows(at, w.window.clock()->cursor()));
        }
        CHECK(found);
    }
}

TEST_CASE("A newer ACLED export replaces the open one and reports added, changed and deleted events", "[app][browse][open][acled]")
{
    test::useBundledData();
    test::BrowseWindow w;
    openAndWait(w, acledData("acled_kachin_sample.csv"));
    const MapDocument& doc = w.window.document();
    const std::size_t layers = doc.layers().size();
    REQUIRE(acledEntries(doc).size() == 1);
    const LayerPtr older = doc.layers()[acledEntries(doc).front()].layer;

    OpenDataController* open = w.tools->openData();
    open->openPaths({acledData("acled_kachin_sample_v2.csv")}, false);
    REQUIRE(test::waitUntil([&] { return !open->isBusy(); }, 30000));
    const OpenReport& report = open->lastReport();
    INFO(report.diagnostics.formatAll());
    REQUIRE(report.reimports.size() == 1);
    const EventReimport& r = report.reimports.front();
    CHECK(r.itemised);
    CHECK(r.replaced == older);
    // tests/data/acled/README.md: MMRX0011, MMRX0012 added; MMRX0001, MMRX0006 changed;
    // MMRX0003 deleted; MMRX0009 only re-timestamped, MMRX0004/5 re-written alike: unchanged.
    CHECK(r.report.added.size() == 2);
    CHECK(r.report.changed.size() == 2);
    CHECK(r.report.deleted.size() == 1);
    CHECK(r.report.unchanged == 7);
    CHECK(r.report.deleted.front().id == "MMRX0003");
    CHECK(report.addedLayers.isEmpty());
    // Said in the status bar and, event by event, in the report's details.
    const QString status = w.window.statusBar()->currentMessage();
    INFO(status.toStdString());
    CHECK(status.contains("2 added, 2 changed, 1 deleted, 7 unchanged"));
    QMessageBox* box = w.window.findChild<QMessageBox*>("OpenDataReport");
    REQUIRE(box);
    CHECK(box->detailedText().contains("MMRX0011"));
    box->close();

    // The layer is replaced in place, not added.
    CHECK(doc.layers().size() == layers);
    REQUIRE(acledEntries(doc).size() == 1);
    CHECK(doc.layers()[acledEntries(doc).front()].layer->featureCount() == 11);
    CHECK(doc.layers()[acledEntries(doc).front()].style.title == "acled_kachin_sample_v2");

    // One undo step brings the older export back.
    w.window.undoStack()->undo();
    REQUIRE(acledEntries(doc).size() == 1);
    CHECK(doc.layers()[acledEntries(doc).front()].layer == older);
    w.window.undoStack()->redo();
    CHECK(doc.layers()[acledEntries(doc).front()].layer->featureCount() == 11);
}

TEST_CASE("A newer export downloaded over the older file is compared by event id", "[app][browse][open][acled]")
{
    test::useBundledData();
    test::BrowseWindow w;
    QTemporaryDir dir;
    const QString path = dir.filePath("acled.csv");
    REQUIRE(QFile::copy(acledData("acled_kachin_sample.csv"), path));
    openAndWait(w, path);
    REQUIRE(QFile::remove(path));
    REQUIRE(QFile::copy(acledData("acled_kachin_sample_v2.csv"), path));

    OpenDataController* open = w.tools->openData();
    open->openPaths({path}, false);
    REQUIRE(test::waitUntil([&] { return !open->isBusy(); }, 30000));
    const OpenReport& report = open->lastReport();
    REQUIRE(report.reimports.size() == 1);
    const EventReimport& r = report.reimports.front();
    CHECK_FALSE(r.itemised);
    CHECK(r.report.added.size() == 2);
    CHECK(r.report.deleted.size() == 1);
    CHECK(reimportSummary(r).contains("changes not compared"));
    if (auto* b = w.window.findChild<QMessageBox*>("OpenDataReport")) b->close();
    CHECK(acledEntries(w.window.document()).size() == 1);
}

TEST_CASE("A UCDP GED CSV opens as an event layer too", "[app][browse][open][ucdp]")
{
    test::useBundledData();
    test::BrowseWindow w;
    openAndWait(w, QString(ATLAS_TEST_DATA_DIR) + "/ucdp/ucdp_ged_kachin_sample.csv");
    const MapDocument& doc = w.window.document();
    const LayerEntry& e = doc.layers().back();
    CHECK(eventFormatOf(*e.layer) == io::EventFormat::UcdpGed);
    CHECK(e.time);
    CHECK(e.style.uncertainty.field == "halo_m");
}
