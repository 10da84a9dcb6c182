// kachin-atlas export-web -o DIR [--project P.katlas] [--view bhamo] [--date D] [--from D] [--to D]
//   [--title T] [--subtitle S] [--window 30d] [--extent …] [FILE…]
#include "atlas/time/date.h"
#include "atlas/cli/cli_support.h"
#include "atlas/cli/commands.h"
#include "atlas/cli/export_command.h"
#include "atlas/publishing/web_export.h"

#include <QDir>

#include <cstdio>

namespace atlas::app::cli {

int runExportWeb(const QStringList& args, const LoadPolicy& policy)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Write the map as an interactive web page: a folder (index.html, its script, style and data, Leaflet) that "
        "opens from disk or any static host and asks no other host for anything — the window's layers and styles, a "
        "timeline slider with the same time modes, popups with names, controllers, events and sources, the legend "
        "and the credits. Embed it in an article with an <iframe>.");
    parser.addHelpOption();
    parser.addOption({{"o", "output"}, "Write the page into folder <dir> (created when missing).", "dir"});
    parser.addOption({"from", "The slider's first day, YYYY-MM-DD (default: the first dated item).", "date"});
    parser.addOption({"to", "The slider's last day, YYYY-MM-DD (default: a month after the last dated item).", "date"});
    addPublishOptions(parser, PublishKind::WebMap);
    if (!parser.parse(QStringList{"kachin-atlas"} + args)) {
        std::fprintf(stderr, "kachin-atlas export-web: %s\n", qPrintable(parser.errorText()));
        return kExitUsage;
    }
    if (parser.isSet("help")) {
        printCommandHelp(parser, "export-web");
        return kExitOk;
    }
    const QString output = parser.value("output");
    if (output.isEmpty()) {
        std::fprintf(stderr, "kachin-atlas export-web: -o DIR is required\n");
        return kExitUsage;
    }
    std::optional<int32_t> from, to;
    if (parser.isSet("from")) {
        from = parseDayOption(parser.value("from"), "export-web", "--from");
        if (!from) return kExitUsage;
    }
    if (parser.isSet("to")) {
        to = parseDayOption(parser.value("to"), "export-web", "--to");
        if (!to) return kExitUsage;
    }
    if (from && to && *to < *from) {
        std::fprintf(stderr, "kachin-atlas export-web: --to is before --from\n");
        return kExitUsage;
    }

    int exitCode = kExitOk;
    std::optional<PublishContext> ctx = preparePublish(parser, "export-web", QString(), policy, exitCode);
    if (!ctx) return exitCode;

    WebExportJob job;
    job.document = &ctx->doc;
    job.extent = ctx->extent;
    job.cursor = ctx->cursor;
    job.from = from;
    job.to = to;
    job.title = ctx->settings.title;
    job.subtitle = ctx->settings.subtitle;
    const WebExportResult r = exportWebMap(job, output);
    if (!r.ok) {
        std::fprintf(stderr, "kachin-atlas export-web: %s\n", qPrintable(r.error));
        return kExitFailure;
    }
    std::printf("wrote %s (web map, %lld files, %.1f MB; open %s)\n", qPrintable(output),
                static_cast<long long>(r.files.size()), static_cast<double>(r.bytes) / 1e6,
                qPrintable(QDir(output).filePath("index.html")));
    return ctx->diagnostics.hasErrors() ? kExitDataErrors : kExitOk;
}

}  // namespace atlas::app::cli
