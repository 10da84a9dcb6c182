// Trade series on the command line (issue 22): `series`, `links --project`, `export-data` with a
// series, and the chart advancing with the clock in `animate`. Every figure here is invented: the
// small sample below says so in its source column, and tests/data/trade/plain_made_up.csv is the
// made-up fixture described in that folder's README.
#include "cli_support.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <set>

using namespace atlas::test;

namespace {

const QString kFixture = QString(ATLAS_TEST_DATA_DIR) + "/trade/plain_made_up.csv";

// Invented figures (plain monthly layout): HS 2846 Jan–May 2024 with March missing (a gap),
// April in kg, May without a value; HS 2805 in bags (not a weight).
const char* const kSample =
    "period,reporter,partner,hs_code,commodity,tonnes,usd,source\n"
    "2024-01,China,Myanmar,2846,test compounds (invented),100,1000000,\"test sample, invented\"\n"
    "2024-02,China,Myanmar,2846,test compounds (invented),80,800000,\"test sample, invented\"\n"
    "2024-04,China,Myanmar,2846,test compounds (invented),60000 kg,600000,\"test sample, invented\"\n"
    "2024-05,China,Myanmar,2846,test compounds (invented),30,,\"test sample, invented\"\n"
    "2024-03,China,Myanmar,2805,second test commodity (invented),5 bags,50000,\"test sample, invented\"\n";
// The same with one bad row (line 7: month 13) and one bad figure (line 8: a thousands separator).
const char* const kBadRows =
    "2024-13,China,Myanmar,2846,test compounds (invented),10,100000,\"test sample, invented\"\n"
    "2024-06,China,Myanmar,2846,test compounds (invented),\"1,000\",5000,\"test sample, invented\"\n";

QString writeFile(const QString& dir, const QString& name, const QByteArray& text)
{
    const QString path = dir + "/" + name;
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(text);
    return path;
}

QString readText(const QString& path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return QString::fromUtf8(f.readAll());
}

// A project of the bundled data with the trade settings `trade` (JSON object text).
QString writeProject(const QString& dir, const QByteArray& trade, const QByteArray& extra = {})
{
    return writeFile(dir, "p.katlas",
                     "{\"format\": \"kachin-atlas-project\", \"version\": 1, \"dataset\": \"bundled\"" + extra +
                         ", \"trade\": " + trade + "}\n");
}

}  // namespace

TEST_CASE("series prints the monthly table as CSV and text, gaps as gaps", "[cli][trade]")
{
    const QString dir = tempDir("series");
    const QString sample = writeFile(dir, "sample.csv", kSample);

    const RunResult csv = runAtlas({"series", sample, "--hs", "2846", "--format", "csv"});
    INFO(csv.err.toStdString());
    CHECK(csv.exitCode == 0);
    // One row per month with a figure (the plain layout, readable back); March is not a row.
    CHECK(csv.out == "period,reporter,partner,hs_code,commodity,tonnes,usd,source\n"
                     "2024-01,China,Myanmar,2846,test compounds (invented),100,1000000,\"test sample, invented\"\n"
                     "2024-02,China,Myanmar,2846,test compounds (invented),80,800000,\"test sample, invented\"\n"
                     "2024-04,China,Myanmar,2846,test compounds (invented),60,600000,\"test sample, invented\"\n"
                     "2024-05,China,Myanmar,2846,test compounds (invented),30,,\"test sample, invented\"\n");

    const RunResult text = runAtlas({"series", sample, "--hs", "2846"});
    CHECK(text.exitCode == 0);
    const QStringList lines = text.out.split('\n');
    REQUIRE(lines.size() >= 7);
    CHECK(lines[0] == "China \u2190 Myanmar \u00b7 HS 2846 test compounds (invented)");
    CHECK(lines[1].simplified() == "month quantity value YoY MoM note");
    CHECK(lines[2].simplified() == "2024-01 100 t 1000000 USD");
    CHECK(lines[3].simplified() == "2024-02 80 t 800000 USD \u221220.0%");
    CHECK(lines[4].simplified() == "2024-03 \u2014 \u2014 gap (no row)");
    // Kilograms kept as given in the table, changes computed on the exact tonnes (60).
    CHECK(lines[5].simplified() == "2024-04 60000 kg 600000 USD");
    CHECK(lines[6].simplified() == "2024-05 30 t \u221250.0%");

    // --from/--to cut the months; json says a gap is a gap (null figures, "gap": true).
    const RunResult json = runAtlas({"series", sample, "--hs", "2846", "--from", "2024-02", "--to", "2024-03",
                                     "--format", "json"});
    CHECK(json.exitCode == 0);
    const QJsonArray tracks = QJsonDocument::fromJson(json.out.toUtf8()).array();
    REQUIRE(tracks.size() == 1);
    const QJsonArray months = tracks[0].toObject()["months"].toArray();
    REQUIRE(months.size() == 2);
    CHECK(months[0].toObject()["month"].toString() == "2024-02");
    CHECK(months[0].toObject()["tonnes"].toDouble() == 80);
    CHECK(months[1].toObject()["gap"].toBool());
    CHECK(months[1].toObject()["tonnes"].isNull());

    // HS 2805's quantity in bags is kept as given and not made tonnes.
    const RunResult bags = runAtlas({"series", sample, "--hs", "2805", "--format", "csv"});
    CHECK(bags.out.endsWith("2024-03,China,Myanmar,2805,second test commodity (invented),5 bags,50000,"
                            "\"test sample, invented\"\n"));
    CHECK(bags.err.contains(sample + ":line 6: tonnes: unit \"bags\" does not convert exactly to tonnes"));
}

TEST_CASE("series reports a bad row as file:line N: field: message, prints the good rows and exits 1", "[cli][trade]")
{
    const QString dir = tempDir("series-bad");
    const QString sample = writeFile(dir, "bad.csv", QByteArray(kSample) + kBadRows);
    const RunResult r = runAtlas({"series", sample, "--hs", "2846", "--format", "csv"});
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains(sample + ":line 7: period: \"2024-13\": expected a month, YYYY-MM; row skipped\n"));
    CHECK(r.err.contains(sample + ":line 8: tonnes: \"1,000\" has a comma: write numbers without thousands "
                                  "separators, '.' for decimals; figure left out\n"));
    // The good rows are all there; line 8 keeps its value without the bad quantity.
    CHECK(r.out == "period,reporter,partner,hs_code,commodity,tonnes,usd,source\n"
                   "2024-01,China,Myanmar,2846,test compounds (invented),100,1000000,\"test sample, invented\"\n"
                   "2024-02,China,Myanmar,2846,test compounds (invented),80,800000,\"test sample, invented\"\n"
                   "2024-04,China,Myanmar,2846,test compounds (invented),60,600000,\"test sample, invented\"\n"
                   "2024-05,China,Myanmar,2846,test compounds (invented),30,,\"test sample, invented\"\n"
                   "2024-06,China,Myanmar,2846,test compounds (invented),,5000,\"test sample, invented\"\n");
}

TEST_CASE("series refuses bad command lines and unreadable files", "[cli][trade]")
{
    const QString dir = tempDir("series-usage");
    const QString sample = writeFile(dir, "sample.csv", kSample);
    CHECK(runAtlas({"series"}).exitCode == 2);
    CHECK(runAtlas({"series", sample, "--format", "xml"}).exitCode == 2);
    const RunResult from = runAtlas({"series", sample, "--from", "May 2024"});
    CHECK(from.exitCode == 2);
    CHECK(from.err.contains("--from: expected a month, YYYY-MM, got \"May 2024\""));
    CHECK(runAtlas({"series", sample, "--metric", "kg"}).exitCode == 2);
    const QString odd = writeFile(dir, "odd.csv", "date,country,amount\n2024-01,X,5\n");
    const RunResult header = runAtlas({"series", odd});
    CHECK(header.exitCode == 1);
    CHECK(header.err.contains(odd + ":line 1: header is neither UN Comtrade's export"));
    CHECK(header.err.contains("no track matched"));
}

TEST_CASE("links --project lists the series tied to a crossing, its drops and the coinciding events", "[cli][trade][links]")
{
    const QString dir = tempDir("links-trade");
    const QString project =
        writeProject(dir, "{\"files\": [\"" + kFixture.toUtf8() + "\"], \"track\": \"2846\", "
                          "\"links\": {\"2846\": [\"crossing:kanpaikti\"]}}");
    const RunResult r = runAtlas({"links", "crossing:kanpaikti", "--project", project});
    INFO(r.err.toStdString());
    // The fixture's planted bad rows are reported (exit 1), the rest is listed.
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains(kFixture + ":line 34: period: \"2024-13\": expected a month, YYYY-MM; row skipped"));
    const QString trade = r.out.mid(r.out.indexOf("Trade series (imported, tied in the project):"));
    REQUIRE_FALSE(trade.isEmpty());
    CHECK(trade.contains("  China \u2190 Myanmar \u00b7 HS 2846 test commodity (made up) (2023-01 \u2013 2025-06)\n"));
    CHECK(trade.contains("    2024-10 \u221250.0% (800 t \u2192 400 t)\n"
                         "      2024-10  event:2024-10-bgf-1003-hq-falls  (via crossing:kanpaikti)\n"
                         "      2024-10-22  event:2024-10-22-china-closes-kachin-crossings  (via crossing:kanpaikti)\n"));
    CHECK(trade.contains("    2024-11 \u221250.0% (400 t \u2192 200 t)\n"));
    CHECK(trade.contains("      2024-11-20  event:2024-11-20-kanpaikti-captured  (via crossing:kanpaikti)\n"));
    CHECK(trade.contains("    2024-05 \u221233.3% (1,500 t \u2192 1,000 t)\n"));

    // The same as JSON.
    const RunResult j = runAtlas({"links", "crossing:kanpaikti", "--project", project, "--format", "json"});
    const QJsonArray series = QJsonDocument::fromJson(j.out.toUtf8()).object()["trade_series"].toArray();
    REQUIRE(series.size() == 1);
    CHECK(series[0].toObject()["hs_code"].toString() == "2846");
    QStringList dropMonths;
    for (const QJsonValue& d : series[0].toObject()["drops"].toArray()) dropMonths << d.toObject()["month"].toString();
    CHECK(dropMonths == QStringList{"2024-05", "2024-10", "2024-11", "2025-02"});
    const QJsonObject oct = series[0].toObject()["drops"].toArray()[1].toObject();
    CHECK(oct["from"].toDouble() == 800);
    CHECK(oct["to"].toDouble() == 400);
    CHECK(oct["events"].toArray()[1].toObject()["id"].toString() == "event:2024-10-22-china-closes-kachin-crossings");

    // A crossing the series is not tied to; an id of the mapping that is no feature.
    const RunResult lweje = runAtlas({"links", "crossing:lweje", "--project", project});
    CHECK(lweje.out.contains("Trade series (imported, tied in the project):\n  none tied to this id\n"));
    const QString wrong = writeProject(dir, "{\"files\": [\"" + kFixture.toUtf8() + "\"], "
                                            "\"links\": {\"2846\": [\"crossing:nowhere\"]}}");
    const RunResult nowhere = runAtlas({"links", "crossing:kanpaikti", "--project", wrong});
    CHECK(nowhere.err.contains(wrong + ": trade.links: crossing:nowhere: no such feature in the dataset"));
}

TEST_CASE("export-data writes the trade series as CSV beside the data: every month, gaps empty, units as given",
          "[cli][trade][export-data]")
{
    const QString dir = tempDir("export-data-series");
    const QString sample = writeFile(dir, "sample.csv", kSample);
    const RunResult r = runAtlas({"export-data", "--date", "2025-02-21", "--layers", "crossings", "--series", sample,
                                  "-o", dir + "/k.csv"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(QFile::exists(dir + "/k.csv"));
    CHECK(r.out.contains("wrote " + dir + "/k_series.csv (csv, trade series: 2 tracks, 6 months, gaps: 1; from sample.csv)\n"));
    CHECK(readText(dir + "/k_series.csv") ==
          "month,reporter,partner,flow,hs_code,commodity,tonnes,usd,quantity_as_given,value_as_given,source,row,note\n"
          "2024-03,China,Myanmar,,2805,second test commodity (invented),,50000,5 bags,50000 USD,"
          "\"test sample, invented\",sample.csv:line 6,not converted to tonnes\n"
          "2024-01,China,Myanmar,,2846,test compounds (invented),100,1000000,100 t,1000000 USD,"
          "\"test sample, invented\",sample.csv:line 2,\n"
          "2024-02,China,Myanmar,,2846,test compounds (invented),80,800000,80 t,800000 USD,"
          "\"test sample, invented\",sample.csv:line 3,\n"
          "2024-03,China,Myanmar,,2846,test compounds (invented),,,,,\"test sample, invented\",,gap\n"
          "2024-04,China,Myanmar,,2846,test compounds (invented),60,600000,60000 kg,600000 USD,"
          "\"test sample, invented\",sample.csv:line 4,\n"
          "2024-05,China,Myanmar,,2846,test compounds (invented),30,,30 t,,\"test sample, invented\",sample.csv:line 5,\n");

    // A project's series goes the same way; a range export writes the months it overlaps.
    const QString project = writeProject(dir, "{\"files\": [\"sample.csv\"]}");
    const RunResult p = runAtlas({"export-data", "--project", project, "--from", "2024-02-10", "--to", "2024-03-31",
                                  "--layers", "crossings", "-o", dir + "/range.geojson"});
    INFO(p.err.toStdString());
    REQUIRE(p.exitCode == 0);
    CHECK(readText(dir + "/range_series.csv") ==
          "month,reporter,partner,flow,hs_code,commodity,tonnes,usd,quantity_as_given,value_as_given,source,row,note\n"
          "2024-03,China,Myanmar,,2805,second test commodity (invented),,50000,5 bags,50000 USD,"
          "\"test sample, invented\",sample.csv:line 6,not converted to tonnes\n"
          "2024-02,China,Myanmar,,2846,test compounds (invented),80,800000,80 t,800000 USD,"
          "\"test sample, invented\",sample.csv:line 3,\n"
          "2024-03,China,Myanmar,,2846,test compounds (invented),,,,,\"test sample, invented\",,gap\n");

    // Without a series, no table.
    const RunResult none = runAtlas({"export-data", "--date", "2025-02-21", "--layers", "crossings", "-o", dir + "/n.csv"});
    REQUIRE(none.exitCode == 0);
    CHECK_FALSE(QFile::exists(dir + "/n_series.csv"));
    CHECK_FALSE(none.out.contains("trade series"));
}

namespace {

// Columns of `img` holding the chart's highlight colour (vermillion, 213,94,0) in solid fill.
std::set<int> highlightColumns(const QImage& img)
{
    std::set<int> xs;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            if (colourDistance(img.pixelColor(x, y), QColor(213, 94, 0)) <= 6) xs.insert(x);
    return xs;
}

double meanOfDifference(const std::set<int>& a, const std::set<int>& b)
{
    double sum = 0;
    int n = 0;
    for (int x : a)
        if (!b.count(x)) {
            sum += x;
            ++n;
        }
    return n ? sum / n : -1;
}

}  // namespace

TEST_CASE("animate draws the trade chart on every frame, its highlighted month advancing with the clock",
          "[cli][trade][animate]")
{
    const QString dir = tempDir("animate-trade");
    // No map layers: the only vermillion on the page is the chart's (the highlighted month and
    // its key swatch).
    const QString project = writeProject(dir, "{\"files\": [\"" + kFixture.toUtf8() + "\"], \"track\": \"2846\"}",
                                         ", \"layers\": []");
    const RunResult r = runAtlas({"animate", "--project", project, "--from", "2024-10-15", "--to", "2024-12-15",
                                  "--step", "2m", "--size", "1000x640", "--title", "Trade chart frames", "-o",
                                  dir + "/frames"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 1);  // the fixture's planted bad rows, reported
    const QImage oct(dir + "/frames/frame-0001.png");
    const QImage dec(dir + "/frames/frame-0002.png");
    REQUIRE(oct.size() == QSize(1000, 640));
    REQUIRE(dec.size() == QSize(1000, 640));
    const std::set<int> a = highlightColumns(oct), b = highlightColumns(dec);
    // The chart is on both frames …
    REQUIRE(a.size() >= 8);
    REQUIRE(b.size() >= 8);
    // … and its highlight moved from October to December: two months of a plot spanning the
    // fixture's three whole years (36 months) across the page's width less its margins.
    const double xOct = meanOfDifference(a, b), xDec = meanOfDifference(b, a);
    INFO("highlight columns: October at x " << xOct << ", December at x " << xDec);
    REQUIRE(xOct > 0);
    REQUIRE(xDec > 0);
    // The page's outer margin is 18 px (render/layout.cpp).
    const double month = (1000 - 2 * 18) / 36.0;  // ≈ 26.8 px
    CHECK(xDec - xOct == Approx(2 * month).margin(0.25 * month));
    // October 2024 is the 22nd of those months (Jan 2023 the 1st): its middle at 21.5 months.
    CHECK(xOct == Approx(18 + 21.5 * month).margin(month / 2));
}
