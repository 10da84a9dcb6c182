// Map labels in exports (issue 18): the state-wide map at 20 Feb 2025 names the story's towns as
// text — pdftotext reads them from the PDF, the SVG has them as <text> — and --labels picks the
// language of the names.
#include "cli_support.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

using namespace atlas::test;

namespace {

QString svgTexts(const QString& path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QString svg = QString::fromUtf8(f.readAll());
    static const QRegularExpression element(R"(<text[^>]*>\s*([^<]*?)\s*</text>)");
    QStringList texts;
    for (auto it = element.globalMatch(svg); it.hasNext();) texts << it.next().captured(1);
    return texts.join('\n');
}

bool hasLine(const QString& lines, const QString& text)
{
    return lines.split('\n').contains(text);
}

const QStringList kStoryTowns = {"Bhamo", "Myitkyina", "Laiza", "Pangwa"};

}  // namespace

TEST_CASE("PDF export at 20 Feb 2025 has the story's towns as text (pdftotext)", "[cli][labels]")
{
    if (QStandardPaths::findExecutable("pdftotext").isEmpty()) FAIL("pdftotext (poppler-utils) is needed");
    const QString out = tempDir("labels-pdf") + "/state.pdf";
    const RunResult r = runAtlas({"export", "--date", "2025-02-20", "--format", "pdf", "-o", out});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    QProcess p;
    p.start("pdftotext", {"-enc", "UTF-8", out, "-"});
    REQUIRE(p.waitForFinished(60'000));
    const QString text = QString::fromUtf8(p.readAllStandardOutput());
    const QStringList words = text.split(QRegularExpression(R"(\s+)"), Qt::SkipEmptyParts);
    for (const QString& town : kStoryTowns) {
        INFO(town.toStdString());
        CHECK(words.contains(town));
    }
}

TEST_CASE("SVG export at 20 Feb 2025 has the story's towns as <text> elements", "[cli][labels]")
{
    const QString out = tempDir("labels-svg") + "/state.svg";
    const RunResult r = runAtlas({"export", "--date", "2025-02-20", "-o", out});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QString texts = svgTexts(out);
    for (const QString& town : kStoryTowns) {
        INFO(town.toStdString());
        CHECK(hasLine(texts, town));
    }
}

TEST_CASE("export --labels my names places in Burmese, falling back to English", "[cli][labels]")
{
    const QString out = tempDir("labels-my") + "/state.svg";
    const RunResult r = runAtlas({"export", "--date", "2025-02-20", "--labels", "my", "-o", out});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QString texts = svgTexts(out);
    // geodata/places.geojson: Bhamo's name_my; Pangwa has none, so it stays in English.
    CHECK(hasLine(texts, QString::fromUtf8("ဗန်းမော်မြို့")));
    CHECK_FALSE(hasLine(texts, "Bhamo"));
    CHECK(hasLine(texts, "Pangwa"));
}

TEST_CASE("export --labels zh names places in Chinese, a bad language is a usage error", "[cli][labels]")
{
    const QString dir = tempDir("labels-zh");
    const RunResult r = runAtlas({"export", "--date", "2025-02-20", "--labels", "zh", "-o", dir + "/state.svg"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(hasLine(svgTexts(dir + "/state.svg"), QString::fromUtf8("密支那")));

    const RunResult bad = runAtlas({"export", "--labels", "fr", "-o", dir + "/bad.svg"});
    CHECK(bad.exitCode != 0);
    CHECK(bad.err.contains("--labels"));
}

TEST_CASE("export --view bhamo names the front line, who holds each area and the Irrawaddy, as text", "[cli][labels]")
{
    const QString out = tempDir("labels-bhamo") + "/bhamo.svg";
    // The map alone: no legend to say "contested" for it. At screen scale (96 dpi), where the
    // junta's ring around Bhamo has room for its name; at A4's print scale it is narrower than
    // the name, which is then left out (labelsOf(30) in label_story_test.cpp) for the legend.
    const RunResult r = runAtlas({"export", "--date", "2025-02-20", "--view", "bhamo", "--layout", "map", "--dpi", "96", "-o", out});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QString texts = svgTexts(out);
    INFO(texts.toStdString());
    CHECK(hasLine(texts, "Bhamo"));
    CHECK(hasLine(texts, "Front line"));   // along the 20 Feb 2025 front line
    CHECK(hasLine(texts, "Junta (SAC)"));  // inside the junta's area
    CHECK(hasLine(texts, "contested"));
    // The GSHHG line the river row names: the stretch past Bhamo (resources/rivers builds it).
    CHECK(hasLine(texts, "Irrawaddy"));
    // Water is named in italics, the land in roman.
    QFile f(out);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QString svg = QString::fromUtf8(f.readAll());
    const auto styleOf = [&](const QString& name) {
        const QRegularExpression element(QString(R"re(<text[^>]*font-style="(\w+)"[^>]*>\s*%1\s*</text>)re").arg(name));
        return element.match(svg).captured(1);
    };
    CHECK(styleOf("Irrawaddy") == "italic");
    CHECK(styleOf("Bhamo") == "normal");
}
