// Trade series in the window (issue 22), on the made-up fixture tests/data/trade/plain_made_up.csv
// (every figure invented; see its README): import, the timeline track and its readout, links to
// Kanpaikti in the inspector, the project keeping files and links, the chart on a PDF page.
#include "browse_test_support.h"

#include "atlas/gui/inspector.h"
#include "atlas/gui/publish_animation_dialog.h"
#include "atlas/gui/publish_tools.h"
#include "atlas/gui/timeline_dock.h"
#include "atlas/gui/trade_tools.h"
#include "atlas/model/project_file.h"
#include "atlas/publishing/project_export.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace atlas;
using namespace atlas::app;

namespace {

const QString kPlain = QString(ATLAS_TEST_DATA_DIR) + "/trade/plain_made_up.csv";

QString pdfText(const QString& pdf)
{
    QProcess p;
    p.start("pdftotext", {"-enc", "UTF-8", pdf, "-"});
    REQUIRE(p.waitForFinished(30000));
    return QString::fromUtf8(p.readAllStandardOutput()).simplified();
}

}  // namespace

TEST_CASE("Import a trade series: the timeline's track follows the clock, gaps said as gaps", "[app][trade]")
{
    test::useBundledData();
    test::BrowseWindow w;
    TradeTools* trade = w.window.tradeTools();
    REQUIRE(trade);
    REQUIRE(trade->importFiles({kPlain}));
    const TradeDocument& doc = w.window.document().trade();
    REQUIRE_FALSE(doc.empty());
    CHECK(doc.track()->hsCode() == "2805");  // the first track by code
    // Show HS 2846, as the track combo would.
    TradeSettings s = doc.settings;
    s.hsCode = "2846";
    w.window.model().setTradeSettings(s);
    TimelineWidget* timeline = w.window.timelineDock()->timeline();
    REQUIRE(timeline->tradeChart());
    CHECK(timeline->tradeChart()->track->hsCode() == "2846");

    w.setDay(2024, 11, 15);
    CHECK(timeline->tradeReadoutText() ==
          QString::fromUtf8("Nov 2024: 200 t \u00b7 vs Nov 2023 \u221290.0% \u00b7 vs Oct 2024 \u221250.0%"));
    w.setDay(2024, 3, 10);
    CHECK(timeline->tradeReadoutText() == "Mar 2024: no data (a gap)");
    w.setDay(2024, 4, 1);
    CHECK(timeline->tradeReadoutText() ==
          QString::fromUtf8("Apr 2024: 1,500 t \u00b7 vs Apr 2023 +25.0% \u00b7 vs Mar 2024 n/a"));

    // The gap is not drawn as zero: the month's column is hatched grey, not the series' blue.
    timeline->setVisibleRange(daysFromCivil(2023, 12, 1), daysFromCivil(2024, 7, 1));
    const QImage img = timeline->grab().toImage();
    const double midMarch = daysFromCivil(2024, 3, 16);
    // Only the trade band: the event lane above it draws March's events in their kinds' colours.
    const QRectF band = timeline->tradeBandRect();
    REQUIRE(band.height() > 20);
    const int top = static_cast<int>(band.top()), bottom = static_cast<int>(band.bottom());
    int blue = 0;
    for (int y = top; y < bottom; ++y) {
        const QColor c = img.pixelColor(static_cast<int>(timeline->xOf(midMarch)), y);
        if (c.blue() > 170 && c.red() < 100) ++blue;
    }
    CHECK(blue == 0);
    // … but hatched in the gap grey, which a zero bar would not be.
    int hatch = 0;
    for (int y = top; y < bottom; ++y) {
        const QColor c = img.pixelColor(static_cast<int>(timeline->xOf(midMarch)), y);
        if (std::abs(c.red() - c.green()) < 12 && std::abs(c.green() - c.blue()) < 12 && c.red() > 120 && c.red() < 200)
            ++hatch;
    }
    CHECK(hatch >= 3);
    int febBlue = 0;
    for (int y = top; y < bottom; ++y) {
        const QColor c = img.pixelColor(static_cast<int>(timeline->xOf(daysFromCivil(2024, 2, 15))), y);
        if (c.blue() > 170 && c.red() < 100) ++febBlue;
    }
    CHECK(febBlue > 10);
}

TEST_CASE("Links: Kanpaikti's inspector shows the series and the events of its drops, the project keeps them", "[app][trade]")
{
    test::useBundledData();
    test::BrowseWindow w;
    REQUIRE(w.window.tradeTools()->importFiles({kPlain}));
    TradeSettings s = w.window.document().trade().settings;
    s.hsCode = "2846";
    s.links.set("2846", {"crossing:kanpaikti"});
    w.window.model().setTradeSettings(s);
    w.setDay(2024, 12, 1);
    const auto ref = featureRefOf(w.window.document(), "crossing:kanpaikti");
    REQUIRE(ref);
    w.tools->inspect(*ref);
    const QString text = w.tools->inspector()->tradeText();
    CHECK(text.contains(QString::fromUtf8("Oct 2024: \u221250.0% (800 t \u2192 400 t)")));
    CHECK(text.contains("China closes")); // the 22 Oct 2024 closure, by its title
    CHECK(text.contains(QString::fromUtf8("Dec 2024: 200 t")));

    // Saved in the project (paths relative to it) and read back equal.
    QTemporaryDir dir;
    Project p;
    p.trade = w.window.document().trade().settings;
    const QString file = dir.filePath("t.katlas");
    REQUIRE(writeProjectFile(p, file).empty());
    const Result<Project> back = readProjectFile(file);
    REQUIRE(back);
    REQUIRE(back->trade);
    CHECK(*back->trade == *p.trade);
    const QByteArray json = projectToJson(p, file);
    CHECK(json.contains("\"crossing:kanpaikti\""));
    const QString written = QJsonDocument::fromJson(json).object()["trade"].toObject()["files"].toArray().at(0).toString();
    CHECK(written.endsWith("trade/plain_made_up.csv"));
    CHECK_FALSE(written.startsWith("/"));  // written relative to the project

    // A crossing without a link shows no trade section.
    const auto lweje = featureRefOf(w.window.document(), "crossing:lweje");
    REQUIRE(lweje);
    w.tools->inspect(*lweje);
    CHECK(w.tools->inspector()->tradeText().isEmpty());
}

TEST_CASE("A PDF page carries the trade chart under the map, its axis labels as text", "[app][trade][publish]")
{
    test::useBundledData();
    test::BrowseWindow w;
    REQUIRE(w.window.tradeTools()->importFiles({kPlain}));
    TradeSettings s = w.window.document().trade().settings;
    s.hsCode = "2846";
    w.window.model().setTradeSettings(s);
    ExportJob job;
    job.document = &w.window.document();
    job.extent = w.window.document().homeExtent();
    job.cursor = TimeCursor(daysFromCivil(2024, 11, 20), InstantWindow{});
    job.settings.format = ExportFormat::Pdf;
    job.settings.title = "Trade chart test";
    QTemporaryDir dir;
    const QString pdf = dir.filePath("page.pdf");
    const ExportResult r = exportMap(job, pdf);
    REQUIRE(r.ok);
    REQUIRE(r.content.tradeChart);
    const QString text = pdfText(pdf);
    CHECK(text.contains(QString::fromUtf8("HS 2846 test commodity (made up), tonnes by month")));
    CHECK(text.contains(QString::fromUtf8("Nov 2024: 200 t")));
    // The axis: years and value labels as text.
    CHECK(text.contains("2023"));
    CHECK(text.contains("2025"));
    CHECK(text.contains("1,000 t"));
    CHECK(text.contains("No data (a gap, not zero)"));
    CHECK(text.contains("Trade series: plain_made_up.csv (imported)."));

    // Not on pages when switched off.
    s.onPages = false;
    w.window.model().setTradeSettings(s);
    CHECK_FALSE(tradeChartFor(job));
}

TEST_CASE("The window's animation dialog draws the trade chart on every frame, its month advancing with the clock",
          "[app][trade][animate]")
{
    test::useBundledData();
    test::BrowseWindow w;
    REQUIRE(w.window.tradeTools()->importFiles({kPlain}));
    TradeSettings s = w.window.document().trade().settings;
    s.hsCode = "2846";
    w.window.model().setTradeSettings(s);
    auto* publish = w.window.findChild<PublishTools*>();
    REQUIRE(publish);
    // What File → Export Animation… hands its dialog: a copy of the document, and the page.
    auto doc = std::make_shared<const MapDocument>(w.window.document());
    const ExportJob page = publish->exportJob();
    AnimationDialog dialog(doc, page, daysFromCivil(2023, 1, 1), daysFromCivil(2025, 12, 1), &w.window);
    dialog.setDates(daysFromCivil(2024, 10, 15), daysFromCivil(2024, 12, 15), AnimationStep{2, AnimationStep::Unit::Month});
    QTemporaryDir dir;
    dialog.setOutput(dir.filePath("frames"));
    QSignalSpy done(&dialog, &AnimationDialog::finished);
    dialog.start();
    REQUIRE(test::waitUntil([&] { return done.count() == 1; }, 60000));
    REQUIRE(dialog.result().ok);
    REQUIRE(dialog.result().frames.size() == 2);

    // Where the page puts the chart: the same layout for the frames' size, on the first day.
    const QImage oct(dialog.result().frames[0]), dec(dialog.result().frames[1]);
    REQUIRE(oct.size() == dec.size());
    ExportJob frameJob = page;
    frameJob.document = doc.get();
    frameJob.settings.layout = true;
    frameJob.settings.usePaper = false;
    frameJob.settings.format = ExportFormat::Png;
    frameJob.settings.dpi = 96;
    frameJob.settings.pixelSize = oct.size();
    frameJob.cursor.setDay(daysFromCivil(2024, 10, 15));
    const QRectF chart = planExportPage(frameJob).geometry.chart;
    REQUIRE_FALSE(chart.isEmpty());

    // The solid highlight (vermillion) of each frame inside the chart's plot, by column; the
    // plot spans the fixture's whole years, Jan 2023 – Dec 2025 (36 months).
    const double month = chart.width() / 36;
    auto highlightAt = [&](const QImage& img, double monthsFromStart) {
        int hits = 0;
        const int x0 = static_cast<int>(chart.left() + (monthsFromStart + 0.2) * month);
        const int x1 = static_cast<int>(chart.left() + (monthsFromStart + 0.8) * month);
        for (int y = static_cast<int>(chart.top()); y < static_cast<int>(chart.bottom()); ++y)
            for (int x = x0; x <= x1; ++x)
                if (const QColor c = img.pixelColor(x, y);
                    std::abs(c.red() - 213) <= 6 && std::abs(c.green() - 94) <= 6 && c.blue() <= 6)
                    ++hits;
        return hits;
    };
    // October 2024 is month 21 from January 2023, December month 23.
    CHECK(highlightAt(oct, 21) > 20);
    CHECK(highlightAt(oct, 23) == 0);
    CHECK(highlightAt(dec, 23) > 20);
    CHECK(highlightAt(dec, 21) == 0);
}
