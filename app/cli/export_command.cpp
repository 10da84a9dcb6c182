// kachin-atlas export -o map.png [--size 1600x1000] [--extent lon0,lat0,lon1,lat1] [FILE…]
#include "atlas/crs.h"
#include "atlas/render/map_overlays.h"
#include "atlas/render/renderer.h"
#include "atlas/render/scale_bar.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "time/time_controller.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QImageWriter>
#include <QSaveFile>

#include <cstdio>

namespace atlas::app::cli {

int runExport(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Render the map headless (no display needed) with the window's renderer.");
    parser.addHelpOption();
    parser.addOption({{"o", "output"}, "Write the image to <file> (.png).", "file"});
    parser.addOption({"size", "Image size in pixels, WIDTHxHEIGHT (default 1600x1000).", "size", "1600x1000"});
    parser.addOption({"extent", "Area to show, lon0,lat0,lon1,lat1 in degrees (default: Kachin State).", "extent"});
    parser.addOption({"crs", "Display CRS (default EPSG:32647, UTM 47N).", "crs", kDefaultDisplayCrs});
    parser.addOption({"date", "The map on this day: YYYY-MM-DD (default: the latest dated item).", "date"});
    parser.addOption({"window", "Events shown: instant, 7d, 30d (default) or cumulative.", "window", "30d"});
    parser.addPositionalArgument("FILE", "Vector files to show instead of the bundled Kachin layers.", "[FILE…]");
    if (!parser.parse(QStringList{"kachin-atlas"} + args)) {
        std::fprintf(stderr, "kachin-atlas export: %s\n", qPrintable(parser.errorText()));
        return kExitUsage;
    }
    if (parser.isSet("help")) {
        printCommandHelp(parser, "export");
        return kExitOk;
    }
    const QString output = parser.value("output");
    if (output.isEmpty()) {
        std::fprintf(stderr, "kachin-atlas export: -o FILE is required\n");
        return kExitUsage;
    }
    const auto size = parseSize(parser.value("size"));
    if (!size) {
        std::fprintf(stderr, "kachin-atlas export: --size: expected WIDTHxHEIGHT (16–20000 px), got \"%s\"\n",
                     qPrintable(parser.value("size")));
        return kExitUsage;
    }
    const std::string crs = parser.value("crs").toStdString();
    try {
        (void)crsName(crs);
    } catch (const CrsError& e) {
        std::fprintf(stderr, "kachin-atlas export: --crs: %s\n", e.what());
        return kExitUsage;
    }

    Diagnostics diagnostics;
    const MapDocument doc = loadMap(parser.positionalArguments(), crs, diagnostics);
    printDiagnostics(diagnostics);

    Box extent = doc.homeExtent();
    if (parser.isSet("extent")) {
        const auto ll = parseLonLatExtent(parser.value("extent"));
        if (!ll) {
            std::fprintf(stderr, "kachin-atlas export: --extent: expected lon0,lat0,lon1,lat1 in degrees, got \"%s\"\n",
                         qPrintable(parser.value("extent")));
            return kExitUsage;
        }
        extent = CoordinateTransform(kWgs84, crs).transformBox(*ll);
    } else if (!parser.positionalArguments().isEmpty() && !doc.dataExtent().isEmpty()) {
        extent = doc.dataExtent();
    }

    // An explicit --extent is honoured exactly (no margin); the default view gets a small one.
    const auto cursor = parseCursor(parser.value("date"), parser.value("window"), doc);
    if (!cursor) return kExitUsage;

    const Viewport vp = Viewport::fit(extent, size->width(), size->height(), parser.isSet("extent") ? 0 : 20);
    const render::MapScene scene = doc.scene(vp, 1.0, *cursor);
    QImage image = render::Renderer::renderImage(scene);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        render::drawScaleBarOverlay(p, vp, crs, 1.0);
        if (doc.dataset()) render::drawDateStamp(p, vp, cursorDateLabel(*cursor), cursorWindowLabel(*cursor), 1.0);
    }

    QSaveFile file(output);
    QImageWriter writer(&file, "png");
    if (!file.open(QIODevice::WriteOnly) || !writer.write(image) || !file.commit()) {
        std::fprintf(stderr, "kachin-atlas export: cannot write %s: %s\n", qPrintable(output),
                     qPrintable(file.errorString().isEmpty() ? writer.errorString() : file.errorString()));
        return kExitFailure;
    }
    std::printf("wrote %s (%dx%d)\n", qPrintable(output), image.width(), image.height());
    return diagnostics.hasErrors() ? kExitDataErrors : kExitOk;
}

}  // namespace atlas::app::cli
