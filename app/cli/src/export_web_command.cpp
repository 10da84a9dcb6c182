// kachin-atlas export-web -o DIR [--project P.katlas] [--view bhamo] [--date D] [--from D] [--to D]
//   [--title T] [--subtitle S] [--window 30d] [--extent …] [FILE…]
#include "atlas/time/date.h"
#include "atlas/cli/cli_support.h"
#include "atlas/cli/commands.h"
#include "atlas/cli/reporter.h"
#include "atlas/cli/export_command.h"
#include "atlas/publishing/web_export.h"

#include <QDir>

#include <cstdio>

namespace atlas::app::cli {

int runExportWeb(const QStringList& args, const LoadPolicy& policy)
{
    const Reporter report("export-web");
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
        return report.usage(parser.errorText());
    }
    if (parser.isSet("help")) {
        printCommandHelp(parser, report);
        return kExitOk;
    }
    const QString output = parser.value("output");
    if (output.isEmpty()) {
        return report.usage(QString("-o DIR is required"));
    }
    std::optional<int32_t> from, to;
    if (parser.isSet("from")) {
        from = parseDayOption(parser.value("from"), report, "--from");
        if (!from) return kExitUsage;
    }
    if (parser.isSet("to")) {
        to = parseDayOption(parser.value("to"), report, "--to");
        if (!to) return kExitUsage;
    }
    if (from && to && *to < *from) {
        return report.usage(QString("--to is before --from"));
    }

    int exitCode = kExitOk;
    std::optional<PublishContext> ctx = preparePublish(parser, report, QString(), policy, exitCode);
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
        return report.failure(r.diagnostics);
    }
    std::printf("wrote %s (web map, %lld files, %.1f MB; open %s)\n", qPrintable(output),
                static_cast<long long>(r.files.size()), static_cast<double>(r.bytes) / 1e6,
                qPrintable(QDir(output).filePath("index.html")));
    return ctx->diagnostics.hasErrors() ? kExitDataErrors : kExitOk;
}

}  // namespace atlas::app::cli
