// kachin-atlas diff --from D1 --to D2 [--format text|json] [PATH]
#include "atlas/analysis/reports.h"
#include "atlas/cli/cli_support.h"
#include "atlas/cli/commands.h"
#include "atlas/cli/reporter.h"

#include <QCommandLineParser>

#include <cstdio>

namespace atlas::app::cli {

int runDiff(const QStringList& args, const LoadPolicy& /*policy*/)
{
    const Reporter report("diff");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "What changed after one day up to and including another: controller changes (captures), crossing status "
        "changes, front-line movement and the km² each side gained and lost in every control area.");
    parser.addHelpOption();
    parser.addOption({"from", "The earlier day, YYYY-MM-DD (required).", "date"});
    parser.addOption({"to", "The later day, YYYY-MM-DD (required).", "date"});
    parser.addOption({"format", "Output format: text or json (default text).", "format", "text"});
    addDatasetOption(parser);
    parser.addPositionalArgument("PATH", "A dataset directory with the geodata/ schema (default: the bundled data).",
                                 "[PATH]");
    if (!parser.parse(QStringList{"kachin-atlas diff"} + args)) {
        return report.usage(parser.errorText());
    }
    if (parser.isSet("help")) {
        printCommandHelp(parser, report);
        return kExitOk;
    }
    if (!parser.isSet("from") || !parser.isSet("to")) {
        return report.usage(QString("--from YYYY-MM-DD and --to YYYY-MM-DD are required"));
    }
    const auto from = parseDayOption(parser.value("from"), report, "--from");
    const auto to = parseDayOption(parser.value("to"), report, "--to");
    if (!from || !to) return kExitUsage;
    if (*to < *from) {
        return report.usage(QString("--to %1 is before --from %2").arg(parser.value("to"), parser.value("from")));
    }
    bool json = false;
    if (!parseFormatOption(parser.value("format"), report, json)) return kExitUsage;
    const auto ctx = loadDatasetArgument(datasetArguments(parser, parser.positionalArguments()), report);
    if (!ctx) return kExitFailure;

    const DiffReport diff = buildDiffReport(*ctx->links, *from, *to);
    if (json) std::printf("%s\n", toJson(diff, *ctx->links).dump(2).c_str());
    else std::printf("%s", toText(diff, *ctx->links).c_str());
    return ctx->dataErrors ? kExitDataErrors : kExitOk;
}

}  // namespace atlas::app::cli
