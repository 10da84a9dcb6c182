// kachin-atlas: the window and the command line are one binary over the same core + render.
#include "atlas/cli/commands.h"
#include "atlas/cli/reporter.h"
#include "atlas/model/load_policy.h"
#include "atlas/network.h"
#include "atlas/gui/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QGuiApplication>
#include <QSettings>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName("KachinAtlas");
    QCoreApplication::setOrganizationDomain("kachin-atlas.org");
    QCoreApplication::setApplicationName("kachin-atlas");
    QCoreApplication::setApplicationVersion(KACHIN_ATLAS_VERSION);
}

void printUsage()
{
    std::printf("Kachin Atlas %s — a desktop GIS for the rare-earth mining conflict in Kachin State, Myanmar.\n\n"
                "Usage:\n"
                "  kachin-atlas [FILE…]              open the map window (on FILEs instead of the bundled data)\n"
                "  kachin-atlas COMMAND [OPTIONS]    run a command without a display\n"
                "  kachin-atlas COMMAND --help       options of a command\n\n"
                "Commands:\n",
                KACHIN_ATLAS_VERSION);
    for (const auto& c : atlas::app::cli::commands()) std::printf("  %-14s %s\n", c.name, c.summary);
    std::printf("\nOptions:\n"
                "  -h, --help       show this help\n"
                "  -v, --version    show the version\n"
                "  --allow-remote   let GDAL read online sources (http(s)://, /vsicurl/, /vsis3/…); off by\n"
                "                   default: Kachin Atlas works offline (the window also has a setting)\n"
                "  --repair-invalid repair invalid polygons with GEOS MakeValid (each one reported); without\n"
                "                   it they are reported and kept as read\n\n"
                "FILE is any vector source GDAL/OGR reads (GeoJSON, GeoPackage, Shapefile, KML, CSV with\n"
                "lon/lat columns, FlatGeobuf…). The Natural Earth basemap is always drawn underneath.\n");
}

// True when a window can be shown: a Wayland or X display, or a platform chosen explicitly.
bool displayAvailable()
{
    if (!qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) return true;
    if (!qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) return true;
    const QString display = qEnvironmentVariable("DISPLAY");
    if (display.isEmpty()) return false;
    // A local X display ":N" needs its socket; remote ones are left to Qt.
    if (display.startsWith(':')) {
        const QString number = display.mid(1).section('.', 0, 0);
        return QFileInfo::exists("/tmp/.X11-unix/X" + number);
    }
    return true;
}

int runCommand(const atlas::app::cli::Command& command, int argc, char** argv)
{
    QStringList args;
    for (int i = 2; i < argc; ++i) args << QString::fromLocal8Bit(argv[i]);
    atlas::app::LoadPolicy policy;
    args = atlas::app::takePolicyOptions(args, policy);
    atlas::setOnlineSourcesAllowed(policy.allowRemote);  // core's guard, a safety net under the policy
    std::unique_ptr<QCoreApplication> app;
    if (command.draws) {
        // Commands that draw need fonts and painting but never a display.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    setIdentity();
    return command.run(args, policy);
}

}  // namespace

int main(int argc, char** argv)
{
    using namespace atlas::app;
    if (argc > 1) {
        const QString first = QString::fromLocal8Bit(argv[1]);
        if (first == "-h" || first == "--help") { printUsage(); return cli::kExitOk; }
        if (first == "-v" || first == "--version") { std::printf("kachin-atlas %s\n", KACHIN_ATLAS_VERSION); return 0; }
        if (const cli::Command* c = cli::findCommand(first)) return runCommand(*c, argc, argv);
        if (first.startsWith('-') && first != "--allow-remote" && first != "--repair-invalid") {
            return cli::Reporter("").usage(QString("unknown option %1 (see kachin-atlas --help)").arg(first));
        }
    }

    QStringList files;
    for (int i = 1; i < argc; ++i) files << QString::fromLocal8Bit(argv[i]);
    LoadPolicy policy;
    files = takePolicyOptions(files, policy);

    if (!displayAvailable()) {
        const char* out = "kachin-atlas-map.png";
        const cli::Reporter report("");
        report.say("no display found (neither DISPLAY nor WAYLAND_DISPLAY points to a running server), so the "
                   "window cannot open.");
        report.detail(QString("To open it on a virtual display:  xvfb-run -a %1%2")
                          .arg(QString::fromLocal8Bit(argv[0]), files.isEmpty() ? "" : " FILE…"));
        report.detail(QString("Writing the default map to %1 instead.").arg(out));
        static char exportArg[] = "export";
        static char oArg[] = "-o";
        std::vector<char*> exportArgv = {argv[0], exportArg, oArg, const_cast<char*>(out)};
        for (int i = 1; i < argc; ++i) exportArgv.push_back(argv[i]);
        int exportArgc = static_cast<int>(exportArgv.size());
        return runCommand(*cli::findCommand("export"), exportArgc, exportArgv.data());
    }

    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName("Kachin Atlas");
    // Lets Wayland desktops match the window to kachin-atlas.desktop and its icon.
    QGuiApplication::setDesktopFileName("kachin-atlas");
    policy.allowRemote = policy.allowRemote || QSettings().value(kAllowOnlineSourcesKey, false).toBool();
    MainWindow window(files, policy);
    window.show();
    return app.exec();
}
