// kachin-atlas export -o map.png|map.svg|map.pdf [--project P.katlas] [--view bhamo] [--date D]
//   [--title T] [--subtitle S] [--format png|svg|pdf] [--size WxH] [--dpi N] [--paper A4|A3|Letter]
//   [--orientation landscape|portrait] [--layout full|map] [--extent lon0,lat0,lon1,lat1] [--labels en|my|zh|kac]
//   [FILE…]
#include "atlas/cli/export_command.h"

#include "atlas/crs.h"
#include "atlas/cli/cli_support.h"
#include "atlas/cli/commands.h"
#include "atlas/cli/reporter.h"
#include "atlas/model/bookmarks.h"
#include "atlas/model/label_names.h"
#include "atlas/model/project_file.h"

#include <QFileInfo>

#include <cstdio>

namespace atlas::app::cli {

void addPublishOptions(QCommandLineParser& parser, PublishKind kind)
{
    addDatasetOption(parser);
    const bool forAnimation = kind == PublishKind::Animation;
    const bool page = kind == PublishKind::Page;
    parser.addOption({"project", "Use the layers, styles, view, clock, annotations and export settings of <project> "
                                 "(.katlas); the other options override it.", "project"});
    parser.addOption({"view", "Show a built-in place: " + builtinViewIds() + ".", "name"});
    parser.addOption({"extent", "Area to show, lon0,lat0,lon1,lat1 in degrees (default: the project's view, else "
                                "Kachin State).", "extent"});
    parser.addOption({"crs", "Display CRS (default: the project's, else EPSG:32647, UTM 47N).", "crs"});
    if (!forAnimation)
        parser.addOption({"date", kind == PublishKind::WebMap
                                      ? "The day the page opens on: YYYY-MM-DD (default: the project's clock, else the "
                                        "latest dated item)."
                                      : "The map on this day: YYYY-MM-DD (default: the project's clock, else the latest "
                                        "dated item).",
                          "date"});
    parser.addOption({"window", "Events shown: instant, 7d, 30d (default) or cumulative.", "window"});
    if (page)
        parser.addOption({"format", "png, svg or pdf (default: from the output's suffix).", "format"});
    if (kind != PublishKind::WebMap) {
        parser.addOption({"size", QString("Page size in pixels for PNG%1, WIDTHxHEIGHT (default 1600x1000).")
                                      .arg(forAnimation ? "" : " and SVG"), "size"});
        parser.addOption({"dpi", forAnimation ? "Resolution: scales type and symbols (default: a frame reads as the A4 "
                                                "page at its width, never smaller than on screen)."
                                              : "Resolution: scales type and symbols for PNG (default: the image reads as "
                                                "the paper at its width, so 3200 px looks like the A4 PDF; never smaller "
                                                "than on screen) and sets PDF's (default 300).",
                          "dpi"});
    }
    if (page)
        parser.addOption({"paper", "Paper size for PDF (and PNG/SVG when given): A4 (default), A3 or Letter.", "paper"});
    if (page)
        parser.addOption({"orientation", "landscape or portrait, with --paper or PDF (default: the project's, else the "
                                         "one that suits the area).", "orientation"});
    parser.addOption({"title", kind == PublishKind::WebMap ? "Title above the map (default: the project's, else "
                                                             "\"Kachin Atlas\")." : "Title above the map.", "text"});
    parser.addOption({"subtitle", "Subtitle under the title.", "text"});
    parser.addOption({"labels", "Language of place names: en (default), my (Burmese), zh (Chinese) or kac (Jinghpaw); "
                                "names missing in that language stay in English.", "en|my|zh|kac"});
    if (kind != PublishKind::WebMap)
        parser.addOption({"layout", QString("full: title, legend, scale bar, north arrow, inset map, credits; map: the map "
                                            "with its scale bar and date stamp only. Default: %1.")
                                        .arg(forAnimation ? "full" : "full with --project, --title, SVG or PDF, else map"),
                          "full|map"});
    parser.addPositionalArgument("FILE", kind == PublishKind::WebMap
                                             ? "Vector files to show instead of the bundled Kachin layers."
                                             : "Vector files to show instead of the bundled Kachin layers; rasters "
                                               "(GeoTIFF, MBTiles, DEMs as hillshade) and OpenStreetMap extracts "
                                               "(.osm, .osm.pbf) are local detail drawn under the layers.",
                                 "[FILE…]");
}

std::optional<PublishContext> preparePublish(const QCommandLineParser& parser, const Reporter& report,
                                             const QString& output, const LoadPolicy& policy,
                                             int& exitCode)
{
    auto usage = [&](const QString& message) -> std::optional<PublishContext> {
        report.say(message);
        exitCode = kExitUsage;
        return std::nullopt;
    };
    auto has = [&](const char* name) { return parser.optionNames().contains(name) && parser.isSet(name); };

    // The project, when given: read first, so the options can override it.
    std::optional<Project> project;
    if (has("project")) {
        const QString path = parser.value("project");
        Result<Project> read = readProjectFile(path);
        report.diagnostics(read.diagnostics());  // why it was refused, or what was skipped
        if (!read) {
            exitCode = kExitFailure;
            return std::nullopt;
        }
        project = std::move(read).value();
    }

    const std::string crs = has("crs") ? parser.value("crs").toStdString()
                                       : project ? project->crs : std::string(kDefaultDisplayCrs);
    if (const auto check = CoordinateTransform::create(kWgs84, crs); !check)
        return usage(QString("--crs: %1").arg(QString::fromStdString(check.reason())));

    PublishContext ctx{MapDocument(crs), {}, {}, {}, {}, {}};
    ctx.doc.setLoadPolicy(policy);
    const QStringList files = parser.positionalArguments();
    if (project) {
        if (!files.isEmpty()) return usage("give either --project or FILEs, not both");
        if (has("dataset")) return usage("give either --project or --dataset, not both");
        QStringList problems;
        applyProjectLayers(ctx.doc, *project, ctx.diagnostics, problems);
        for (const QString& p : problems) report.warning(p);
        ctx.settings = project->exportSettings;
        ctx.annotations = project->annotations;
    } else {
        ctx.doc = loadMap(files, crs, policy, ctx.diagnostics, parser.value("dataset"));
        // Without a project the layout is opt-in (see --layout), so plain exports stay maps.
        ctx.settings.layout = false;
    }
    report.diagnostics(ctx.diagnostics);

    // Format and page.
    if (has("format")) {
        const auto f = exportFormatFromName(parser.value("format"));
        if (!f) return usage(QString("--format: expected png, svg or pdf, got \"%1\"").arg(parser.value("format")));
        ctx.settings.format = *f;
    } else if (const auto f = exportFormatForPath(output)) {
        ctx.settings.format = *f;
    } else if (!project) {
        ctx.settings.format = ExportFormat::Png;
    }
    if (has("size")) {
        const auto size = parseSize(parser.value("size"));
        if (!size) return usage(QString("--size: expected WIDTHxHEIGHT (16–20000 px), got \"%1\"").arg(parser.value("size")));
        ctx.settings.pixelSize = *size;
        ctx.settings.usePaper = false;
    }
    if (has("dpi")) {
        bool ok = false;
        const int dpi = parser.value("dpi").toInt(&ok);
        if (!ok || dpi < 36 || dpi > 1200) return usage(QString("--dpi: expected 36–1200, got \"%1\"").arg(parser.value("dpi")));
        ctx.settings.dpi = dpi;
    }
    if (has("paper")) {
        if (!paperFromName(parser.value("paper")))
            return usage(QString("--paper: expected A4, A3 or Letter, got \"%1\"").arg(parser.value("paper")));
        ctx.settings.paper = parser.value("paper");
        ctx.settings.usePaper = true;
    }
    if (has("orientation")) {
        const QString o = parser.value("orientation").trimmed().toLower();
        if (o != "landscape" && o != "portrait")
            return usage(QString("--orientation: expected landscape or portrait, got \"%1\"").arg(parser.value("orientation")));
        ctx.settings.landscape = o == "landscape";
    }
    if (has("title")) ctx.settings.title = parser.value("title");
    if (has("subtitle")) ctx.settings.subtitle = parser.value("subtitle");
    if (has("layout")) {
        const QString l = parser.value("layout").trimmed().toLower();
        if (l != "full" && l != "map") return usage(QString("--layout: expected full or map, got \"%1\"").arg(parser.value("layout")));
        ctx.settings.layout = l == "full";
    } else if (!project && (has("title") || has("subtitle") || has("paper") || ctx.settings.format != ExportFormat::Png)) {
        ctx.settings.layout = true;
    }

    if (has("labels")) {
        const auto language = parseNameLanguage(parser.value("labels"));
        if (!language) return usage(QString("--labels: expected en, my, zh or kac, got \"%1\"").arg(parser.value("labels")));
        applyNameLanguage(ctx.doc, *language);
    }

    // The area.
    bool implicitExtent = false;
    if (has("extent")) {
        const auto ll = parseLonLatExtent(parser.value("extent"));
        if (!ll) return usage(QString("--extent: expected lon0,lat0,lon1,lat1 in degrees, got \"%1\"").arg(parser.value("extent")));
        ctx.extent = CoordinateTransform(kWgs84, crs).transformBox(*ll);
    } else if (has("view")) {
        const BuiltinView* b = findBuiltinView(parser.value("view"));
        if (!b) return usage(QString("--view: no place \"%1\" (try %2)").arg(parser.value("view"), builtinViewIds()));
        ctx.extent = b->lonLat.isEmpty() ? ctx.doc.homeExtent() : CoordinateTransform(kWgs84, crs).transformBox(b->lonLat);
    } else if (project && project->view && project->crs == crs) {
        ctx.extent = project->view->viewport().extent();
    } else if ((!files.isEmpty() || (project && !ctx.doc.dataset())) && !ctx.doc.dataExtent().isEmpty()) {
        ctx.extent = ctx.doc.dataExtent();
        implicitExtent = true;
    } else {
        ctx.extent = ctx.doc.homeExtent();
        implicitExtent = true;
    }
    if (implicitExtent && !ctx.settings.layout) {
        // The map-only default view keeps a 20-pixel margin, as the window's Home does.
        const QSize px = ctx.settings.pixelSize;
        ctx.extent = Viewport::fit(ctx.extent, px.width(), px.height(), 20).extent();
    }

    // Paper without an orientation (and no project to say): the one that suits the area.
    if (!has("orientation") && !project && (ctx.settings.format == ExportFormat::Pdf || ctx.settings.usePaper))
        ctx.settings.landscape = ctx.extent.width() >= ctx.extent.height();

    // The clock.
    const bool dateOption = parser.optionNames().contains("date") && parser.isSet("date");
    if (project && project->clock && !dateOption) {
        ctx.cursor = project->clock->cursor;
        if (has("window")) {
            const auto w = parseCursor("", parser.value("window"), ctx.doc, report);
            if (!w) { exitCode = kExitUsage; return std::nullopt; }
            ctx.cursor.setWindowKind(w->windowKind());
        }
    } else {
        const QString window = has("window") ? parser.value("window")
                               : project && project->clock ? windowToText(project->clock->cursor.windowKind())
                                                           : QString("30d");
        const auto c = parseCursor(dateOption ? parser.value("date") : QString(), window, ctx.doc, report);
        if (!c) { exitCode = kExitUsage; return std::nullopt; }
        ctx.cursor = *c;
    }
    return ctx;
}

int runExport(const QStringList& args, const LoadPolicy& policy)
{
    const Reporter report("export");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Render the map headless (no display needed) with the window's renderer, as PNG, SVG (vector) or PDF "
        "(vector, fonts embedded), optionally laid out for publication.");
    parser.addHelpOption();
    parser.addOption({{"o", "output"}, "Write the map to <file> (.png, .svg or .pdf).", "file"});
    addPublishOptions(parser, PublishKind::Page);
    if (!parser.parse(QStringList{"kachin-atlas"} + args)) {
        return report.usage(parser.errorText());
    }
    if (parser.isSet("help")) {
        printCommandHelp(parser, report);
        return kExitOk;
    }
    const QString output = parser.value("output");
    if (output.isEmpty()) {
        return report.usage(QString("-o FILE is required"));
    }
    int exitCode = kExitOk;
    std::optional<PublishContext> ctx = preparePublish(parser, report, output, policy, exitCode);
    if (!ctx) return exitCode;

    ExportJob job;
    job.document = &ctx->doc;
    job.extent = ctx->extent;
    job.cursor = ctx->cursor;
    job.settings = ctx->settings;
    job.annotations = ctx->annotations;
    const ExportResult r = exportMap(job, output);
    if (!r.ok) {
        return report.failure(r.diagnostics);
    }
    if (job.settings.format == ExportFormat::Pdf) {
        const PageSpec spec = pageSpecFor(job.settings);
        std::printf("wrote %s (PDF, %s %s, %d dpi)\n", qPrintable(output), qPrintable(spec.pageSize.name()),
                    spec.landscape ? "landscape" : "portrait", spec.dpi);
    } else {
        std::printf("wrote %s (%s, %dx%d)\n", qPrintable(output), qPrintable(exportFormatName(job.settings.format).toUpper()),
                    r.pixelSize.width(), r.pixelSize.height());
    }
    return ctx->diagnostics.hasErrors() ? kExitDataErrors : kExitOk;
}

}  // namespace atlas::app::cli
