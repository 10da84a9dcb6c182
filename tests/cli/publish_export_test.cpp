// `kachin-atlas export` for publication, checked with real readers: pdftotext and pdffonts for
// the PDF, an XML parser for the SVG, QImage for the PNG.
#include "atlas/crs.h"
#include "atlas/vector_source.h"
#include "atlas/viewport.h"
#include "cli_support.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QXmlStreamReader>

using namespace atlas;
using namespace atlas::test;

namespace {

QString runTool(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(60'000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

// pdftotext without layout re-flow: words of a line stay in order.
QString pdfText(const QString& pdf)
{
    return runTool("pdftotext", {"-enc", "UTF-8", pdf, "-"}).simplified();
}

Coord placeInUtm(const char* id)
{
    static const LoadResult places = loadVectorSource(std::string(ATLAS_GEODATA_DIR) + "/places.geojson");
    REQUIRE(places.layers.size() == 1);
    const auto row = places.layers[0]->findById(id);
    REQUIRE(row);
    return places.layers[0]->geometry().firstCoord(*row);
}

// The page size pdfinfo reports, in points, and the paper name it recognises ("A4").
struct PdfPage {
    double width = 0, height = 0;
    QString paper;
};
PdfPage pdfPage(const QString& pdf)
{
    static const QRegularExpression re(R"(Page size:\s+([\d.]+) x ([\d.]+) pts(?: \((\w+)\))?)");
    const auto m = re.match(runTool("pdfinfo", {pdf}));
    if (!m.hasMatch()) return {};
    return {m.captured(1).toDouble(), m.captured(2).toDouble(), m.captured(3)};
}

QString writeProject(const QString& dir, const QByteArray& json)
{
    const QString path = dir + "/test.katlas";
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(json);
    return path;
}

}  // namespace

TEST_CASE("PDF export: title, date stamp, legend entries and credits are text with fonts embedded", "[cli][publish]")
{
    if (QStandardPaths::findExecutable("pdftotext").isEmpty()) FAIL("pdftotext (poppler-utils) is needed");
    const QString out = tempDir("publish-pdf") + "/map.pdf";
    const RunResult r = runAtlas({"export", "--date", "2025-02-20", "--format", "pdf", "--title",
                                  "Who holds the rare-earth belt", "--subtitle", "Kachin State", "-o", out});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains("A4 portrait"));  // Kachin State is tall: the orientation follows
    const QString text = pdfText(out);
    INFO(text.toStdString());
    CHECK(text.contains("Who holds the rare-earth belt"));
    CHECK(text.contains("Kachin State"));
    CHECK(text.contains("20 Feb 2025"));                   // the date stamp
    CHECK(text.contains("events of the last 30 days"));
    CHECK(text.contains("Rare-earth mining areas"));       // legend: the mines layer…
    CHECK(text.contains("KIA"));                           // …by controller on that day
    CHECK(text.contains("Border crossings"));
    CHECK(text.contains("International border"));          // basemap lines
    CHECK(text.contains("Global Witness"));                // credits from the visible rows' sources
    CHECK(text.contains("Natural Earth"));                 // and the basemap
    CHECK(text.contains("MYANMAR"));                       // the locator map's label
    // A4 portrait: 595 × 842 pt.
    const PdfPage page = pdfPage(out);
    CHECK(page.paper == "A4");
    CHECK(page.width == Approx(595.3).margin(0.5));
    CHECK(page.height == Approx(841.9).margin(0.5));
    // Every font embedded.
    const QStringList fonts = runTool("pdffonts", {out}).split('\n', Qt::SkipEmptyParts).mid(2);
    REQUIRE_FALSE(fonts.isEmpty());
    for (const QString& line : fonts) {
        INFO(line.toStdString());
        const QStringList cols = line.simplified().split(' ');
        REQUIRE(cols.size() >= 5);
        CHECK(cols[cols.size() - 5] == "yes");  // emb
    }
}

TEST_CASE("PDF export: paper, orientation and a built-in view", "[cli][publish]")
{
    const QString out = tempDir("publish-pdf-a3") + "/bhamo.pdf";
    const RunResult r = runAtlas({"export", "--view", "bhamo", "--date", "2025-01-27", "--paper", "A3",
                                  "--orientation", "portrait", "--title", "Bhamo", "-o", out});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const PdfPage page = pdfPage(out);
    CHECK(page.paper == "A3");
    CHECK(page.width == Approx(841.9).margin(0.5));
    CHECK(page.height == Approx(1190.6).margin(0.5));
    const QString text = pdfText(out);
    // Bhamo's neighbourhood: the front line is in view, the Pangwa belt is not.
    CHECK(text.contains("Front line, Bhamo"));
    CHECK_FALSE(text.contains("Rare-earth mining areas"));
}

TEST_CASE("SVG export: valid XML, the title as <text>, features as <path>", "[cli][publish]")
{
    const QString out = tempDir("publish-svg") + "/map.svg";
    const RunResult r = runAtlas({"export", "--date", "2025-02-20", "--format", "svg", "--size", "1400x1000",
                                  "--title", "Kachin rare-earth belt", "-o", out});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    QFile f(out);
    REQUIRE(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&f);
    QStringList texts;
    int paths = 0;
    QString viewBox;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        if (xml.name() == QLatin1String("svg")) {
            viewBox = xml.attributes().value("viewBox").toString();
        }
        if (xml.name() == QLatin1String("path")) ++paths;
        if (xml.name() == QLatin1String("text")) texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
    }
    INFO(xml.errorString().toStdString());
    REQUIRE_FALSE(xml.hasError());
    CHECK(texts.contains("Kachin rare-earth belt"));
    CHECK(texts.contains("20 Feb 2025"));
    CHECK(viewBox == "0 0 1400 1000");     // the page in pixels (width and height are in mm)
    // Country fills, state outlines, mines, control areas, markers…: hundreds of paths.
    CHECK(paths > 100);
    // A second renderer can read it (librsvg, as a publisher's tools would).
    if (!QStandardPaths::findExecutable("rsvg-convert").isEmpty()) {
        const QString png = out + ".png";
        QProcess::execute("rsvg-convert", {"-o", png, out});
        const QImage img(png);
        CHECK(img.width() > 100);
    }
}

TEST_CASE("PNG export: the requested size, and a known town in its colour at its pixel", "[cli][publish]")
{
    const QString dir = tempDir("publish-png");
    // Laid out: the page is the requested size.
    const RunResult full = runAtlas({"export", "--size", "1500x1000", "--title", "Kachin", "-o", dir + "/full.png"});
    INFO(full.err.toStdString());
    REQUIRE(full.exitCode == 0);
    const QImage page(dir + "/full.png");
    CHECK(page.size() == QSize(1500, 1000));
    CHECK(page.pixelColor(2, 2) == QColor(Qt::white));  // the page margin
    // 192 dpi: twice the pixels for the same page, furniture scaled with it; dpi in the file.
    const RunResult hi = runAtlas({"export", "--size", "3000x2000", "--dpi", "192", "--layout", "map", "-o", dir + "/hi.png"});
    REQUIRE(hi.exitCode == 0);
    const QImage hiImg(dir + "/hi.png");
    CHECK(hiImg.size() == QSize(3000, 2000));
    CHECK(hiImg.dotsPerMeterX() == Approx(192 / 0.0254).margin(1));

    // Map only over an exact extent: Myitkyina's symbol at its pixel. On a day before the
    // 20 Feb 2026 Myitkyina airport event, whose marker would otherwise sit on the town.
    const RunResult r = runAtlas({"export", "--layout", "map", "--size", "1200x900", "--extent", "96.5,23.8,99.0,26.2",
                                  "--date", "2026-02-10", "-o", dir + "/map.png"});
    REQUIRE(r.exitCode == 0);
    const QImage img(dir + "/map.png");
    REQUIRE(img.size() == QSize(1200, 900));
    const CoordinateTransform toUtm(kWgs84, kDefaultDisplayCrs);
    const Viewport vp = Viewport::fit(toUtm.transformBox(Box::of(96.5, 23.8, 99.0, 26.2)), 1200, 900, 0);
    const Coord myitkyina = vp.toPixel(placeInUtm("place:myitkyina"));
    CHECK(img.pixelColor(int(myitkyina.x), int(myitkyina.y)) == QColor(26, 26, 26));
}

TEST_CASE("export --project: the project's layers, annotations, clock and title", "[cli][publish]")
{
    const QString dir = tempDir("publish-project");
    const QString project = writeProject(dir, R"({
  "format": "kachin-atlas-project", "version": 1, "crs": "EPSG:32647", "dataset": "bundled",
  "layers": [
    {"source": "basemap", "layer": "countries", "visible": true,
     "style": {"title": "Countries", "symbol": {"fill": "#f1f1ed", "stroke": "#00000000", "strokeWidth": 0}}},
    {"source": "dataset", "layer": "mines", "visible": true,
     "style": {"title": "Mines as the project styles them", "symbol": {"fill": "#c81e3c", "size": 14, "shape": "star"}}},
    {"source": "dataset", "layer": "events", "visible": false, "style": {"title": "Hidden events"}},
    {"source": "file", "path": "https://example.org/leak.geojson", "layer": "leak", "style": {"title": "Remote"}}
  ],
  "clock": {"date": "2024-10-20", "window": "7d"},
  "annotations": [
    {"id": 1, "kind": "callout", "points": [[98.38, 25.6], [98.9, 26.3]], "text": "Pangwa seized by the KIA",
     "color": "#282828", "size": 12},
    {"id": 2, "kind": "text", "points": [[97.4, 25.9]], "text": "Only before the offensive", "to": "2024-10-01"}
  ],
  "export": {"format": "pdf", "title": "The project's own title", "paper": "A4", "orientation": "landscape"}
})");
    const QString out = dir + "/out.pdf";
    const RunResult r = runAtlas({"export", "--project", project, "-o", out});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    // The remote layer is refused, said so, and the rest exported.
    CHECK(r.err.contains("remote source, refused"));
    const QString text = pdfText(out);
    INFO(text.toStdString());
    CHECK(text.contains("The project's own title"));
    CHECK(text.contains("20 Oct 2024"));
    CHECK(text.contains("events of the last 7 days"));
    CHECK(text.contains("Pangwa seized by the KIA"));       // annotation text stays text
    CHECK_FALSE(text.contains("Only before the offensive")); // its date range ended on 1 Oct
    CHECK(text.contains("Mines as the project styles them"));
    CHECK_FALSE(text.contains("Hidden events"));
    CHECK_FALSE(text.contains("Kachin State"));              // the states layer is not in this project

    // Options override the project: a new title and a PNG.
    const RunResult png = runAtlas({"export", "--project", project, "--title", "Overridden", "--format", "png",
                                    "--size", "900x600", "-o", dir + "/out.png"});
    REQUIRE(png.exitCode == 0);
    CHECK(QImage(dir + "/out.png").size() == QSize(900, 600));
}

TEST_CASE("export --project refuses a damaged or newer project with a clear message", "[cli][publish]")
{
    const QString dir = tempDir("publish-bad-project");
    const QString damaged = writeProject(dir, R"({"format": "kachin-atlas-project", "version": 1, "layers": [)");
    RunResult r = runAtlas({"export", "--project", damaged, "-o", dir + "/x.png"});
    CHECK(r.exitCode == 3);
    CHECK(r.err.contains("damaged"));
    CHECK(r.err.contains("not changed"));
    CHECK_FALSE(QFile::exists(dir + "/x.png"));

    QFile::remove(damaged);
    const QString newer = writeProject(dir, R"({"format": "kachin-atlas-project", "version": 99, "layers": []})");
    r = runAtlas({"export", "--project", newer, "-o", dir + "/x.png"});
    CHECK(r.exitCode == 3);
    CHECK(r.err.contains("newer Kachin Atlas"));
    CHECK(r.err.contains("format 99"));
}

TEST_CASE("export rejects unknown formats, papers and views", "[cli][publish]")
{
    const QString out = tempDir("publish-usage") + "/x.pdf";
    CHECK(runAtlas({"export", "--format", "tiff", "-o", out}).exitCode == 2);
    CHECK(runAtlas({"export", "--paper", "B5", "-o", out}).exitCode == 2);
    const RunResult v = runAtlas({"export", "--view", "atlantis", "-o", out});
    CHECK(v.exitCode == 2);
    CHECK(v.err.contains("bhamo"));  // lists the places it knows
}

TEST_CASE("A project's file layers are found relative to the project, with its styles", "[cli][publish]")
{
    const QString dir = tempDir("publish-fixture");
    const QString project = QString(ATLAS_TEST_DATA_DIR) + "/publish/towns.katlas";
    const RunResult r = runAtlas({"export", "--project", project, "-o", dir + "/towns.png"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK_FALSE(r.err.contains("not found"));
    const QImage img(dir + "/towns.png");
    REQUIRE(img.size() == QSize(900, 700));  // the project's export size
    // The fixture styles its towns as vermillion squares: that colour is on the page.
    int vermillion = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            if (colourDistance(img.pixelColor(x, y), QColor(0xd5, 0x5e, 0x00)) <= 3) ++vermillion;
    CHECK(vermillion > 4 * 40);  // four towns, 12-px squares
    // The same as SVG: the layer's title is in the legend, as text.
    const RunResult svg = runAtlas({"export", "--project", project, "--format", "svg", "-o", dir + "/towns.svg"});
    REQUIRE(svg.exitCode == 0);
    QFile f(dir + "/towns.svg");
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    CHECK(text.contains(">Towns (test fixture)<"));
    CHECK(text.contains(">Laiza (fixture)<"));
    CHECK(text.contains("towns.geojson"));  // credited by file name
}
