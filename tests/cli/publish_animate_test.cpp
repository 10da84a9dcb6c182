// `kachin-atlas animate`: one full page per date, PNG frames always, video through ffmpeg.
#include "cli_support.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

#include <set>

using namespace atlas::test;

TEST_CASE("An animation of 5 steps makes 5 frames with 5 different date stamps", "[cli][publish][animate]")
{
    const QString dir = tempDir("animate") + "/frames";
    const RunResult r = runAtlas({"animate", "--from", "2024-10-01", "--to", "2024-10-29", "--step", "7d", "--size",
                                  "800x520", "--title", "Pangwa, October 2024", "-o", dir});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QStringList frames = QDir(dir).entryList({"frame-*.png"}, QDir::Files, QDir::Name);
    REQUIRE(frames == QStringList{"frame-0001.png", "frame-0002.png", "frame-0003.png", "frame-0004.png", "frame-0005.png"});

    // Progress names each frame's day.
    static const QRegularExpression progress(R"(frame (\d)/5\s+(\d+ \w+ \d{4}))");
    QStringList days;
    for (auto it = progress.globalMatch(r.err); it.hasNext();) days << it.next().captured(2);
    CHECK(days == QStringList{"1 Oct 2024", "8 Oct 2024", "15 Oct 2024", "22 Oct 2024", "29 Oct 2024"});

    // The date stamp (top-left of the map frame, under the title) differs on every frame.
    std::set<QByteArray> stamps;
    for (const QString& f : frames) {
        const QImage img(QDir(dir).filePath(f));
        REQUIRE(img.size() == QSize(800, 520));
        const QImage stamp = img.copy(QRect(30, 64, 150, 30)).convertToFormat(QImage::Format_RGB32);
        stamps.insert(QByteArray(reinterpret_cast<const char*>(stamp.constBits()), stamp.sizeInBytes()));
    }
    CHECK(stamps.size() == 5);
}

namespace {

// What ffprobe reads in a video: "<width>,<height>,<frames>" of its first video stream.
QString probe(const QString& file)
{
    QProcess p;
    p.start("ffprobe", {"-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                        "stream=width,height,nb_read_frames", "-of", "csv=p=0", file});
    REQUIRE(p.waitForFinished(60000));
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

}  // namespace

// ffmpeg is a dependency (packaging/build-deps.txt): a missing one fails here, never skips.
TEST_CASE("animate makes an MP4 through ffmpeg and keeps the frames", "[cli][publish][animate]")
{
    REQUIRE_FALSE(QStandardPaths::findExecutable("ffmpeg").isEmpty());
    const QString dir = tempDir("animate-mp4");
    const RunResult r = runAtlas({"animate", "--from", "2024-12-01", "--to", "2025-02-01", "--step", "1m", "--size",
                                  "640x400", "--fps", "2", "-o", dir + "/bhamo.mp4", "--view", "bhamo"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    // Three frames (1 Dec, 1 Jan, 1 Feb) of the asked size.
    CHECK(probe(dir + "/bhamo.mp4") == "640,400,3");
    CHECK(QDir(dir + "/bhamo-frames").entryList({"frame-*.png"}, QDir::Files).size() == 3);
    // No temporary file is left next to it.
    CHECK(QDir(dir).entryList({".*encoding*"}, QDir::Files | QDir::Hidden).isEmpty());
}

TEST_CASE("animate makes a GIF whose frames are the pages of each date", "[cli][publish][animate]")
{
    REQUIRE_FALSE(QStandardPaths::findExecutable("ffmpeg").isEmpty());
    const QString dir = tempDir("animate-gif");
    const RunResult r = runAtlas({"animate", "--from", "2024-10-01", "--to", "2024-10-15", "--step", "7d", "--size",
                                  "480x300", "--fps", "2", "-o", dir + "/pangwa.gif"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    QFile gif(dir + "/pangwa.gif");
    REQUIRE(gif.open(QIODevice::ReadOnly));
    CHECK(gif.read(6) == "GIF89a");
    CHECK(probe(dir + "/pangwa.gif") == "480,300,3");  // 1, 8 and 15 Oct
    // The first frame of the GIF is the first PNG frame, within the palette's rounding.
    QImageReader reader(dir + "/pangwa.gif");
    const QImage first = reader.read().convertToFormat(QImage::Format_RGB32);
    const QImage png = QImage(dir + "/pangwa-frames/frame-0001.png").convertToFormat(QImage::Format_RGB32);
    REQUIRE(first.size() == png.size());
    int far = 0;
    for (int y = 0; y < png.height(); y += 7)
        for (int x = 0; x < png.width(); x += 7) {
            const QColor a = first.pixelColor(x, y), b = png.pixelColor(x, y);
            if (std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue()) > 60) ++far;
        }
    CHECK(far < 50);
}

TEST_CASE("animate explains a bad step or reversed dates", "[cli][publish][animate]")
{
    const QString dir = tempDir("animate-usage");
    const RunResult step = runAtlas({"animate", "--from", "2024-10-01", "--to", "2024-11-01", "--step", "7x", "-o", dir});
    CHECK(step.exitCode == 2);
    CHECK(step.err.contains("--step: expected Nd, Nw or Nm, got \"7x\""));
    const RunResult r = runAtlas({"animate", "--from", "2024-11-01", "--to", "2024-10-01", "-o", dir});
    CHECK(r.exitCode == 2);
    CHECK(r.err.contains("before"));
}
