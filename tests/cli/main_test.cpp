#include "cli_support.h"

#include <catch2/catch.hpp>

#include <QFileInfo>
#include <QImage>
#include <QProcess>

using namespace atlas::test;

TEST_CASE("kachin-atlas --help lists the commands and --version prints the version", "[cli]")
{
    const RunResult help = runAtlas({"--help"});
    CHECK(help.exitCode == 0);
    CHECK(help.out.contains("kachin-atlas COMMAND"));
    CHECK(help.out.contains("export"));
    const RunResult version = runAtlas({"--version"});
    CHECK(version.exitCode == 0);
    CHECK(version.out.startsWith("kachin-atlas "));
}

TEST_CASE("An unknown option is a usage error", "[cli]")
{
    const RunResult r = runAtlas({"--frobnicate"});
    CHECK(r.exitCode == 2);
    CHECK(r.err.contains("unknown option --frobnicate"));
}

TEST_CASE("Without a display the window path explains itself and writes the map to a PNG", "[cli]")
{
    const QString dir = tempDir("nodisplay");
    QProcess* unused = nullptr;
    (void)unused;
    const RunResult r = [&] {
        QProcess proc;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        env.remove("QT_QPA_PLATFORM");
        proc.setProcessEnvironment(env);
        proc.setWorkingDirectory(dir);
        proc.start(ATLAS_BINARY, {});
        proc.waitForFinished(180'000);
        return RunResult{proc.exitCode(), QString::fromUtf8(proc.readAllStandardOutput()),
                         QString::fromUtf8(proc.readAllStandardError())};
    }();
    CHECK(r.exitCode == 0);
    CHECK(r.err.contains("no display found"));
    CHECK(r.err.contains("xvfb-run"));
    const QImage img(dir + "/kachin-atlas-map.png");
    CHECK(img.size() == QSize(1600, 1000));
}
