// kachin-atlas diff --from D1 --to D2 [--format text|json] [PATH]
#include "atlas/analysis/reports.h"
#include "atlas/cli/cli_support.h"
#include "atlas/cli/commands.h"

#include <QCommandLineParser>

#include <cstdio>

namespace atlas::app::cli {

int runDiff(const QStringList& args, const LoadPolicy& /*policy*/)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "What changed after one day up to and including another: controller changes (captures), crossing status "
        "changes, front-line movement and the km² each side gained and lost in every control area.");
    parser.addHelpOption();
    parser.addOption({"from", "The earlier day, YYYY-MM-DD (required).", "date"});
    parser.addOption({"to", "The later day, YYYY-MM-DD (required).", "date"});
    parser.addOption({"format", "Output format: text or json (default text).", "format", "text"});
    parser.addPositionalArgument("PATH", "A dataset directory with the geodata/ schema (default: the bundled data).",
                                 "[PATH]");
    if (!parser.parse(QStringList{"kachin-atlas diff"} + args)) {
        std::fprintf(stderr, "kachin-atlas diff: %s\n", qPrintable(parser.errorText()));
        return kExitUsage;
    }
    if (parser.isSet("help")) {
        printCommandHelp(parser, "diff");
        return kExitOk;
    }
    if (!parser.isSet("from") || !parser.isSet("to")) {
        std::fprintf(stderr, "kachin-atlas diff: --from YYYY-MM-DD and --to YYYY-MM-DD are required\n");
        return kExitUsage;
    }
    const auto from = parseDayOption(parser.value("from"), "diff", "--from");
    const auto to = parseDayOption(parser.value("to"), "diff", "--to");
    if (!from || !to) return kExitUsage;
    if (*to < *from) {
        std::fprintf(stderr, "kachin-atlas diff: --to %s is before --from %s\n", qPrintable(parser.value("to")),
                     qPrintable(parser.value("from")));
        return kExitUsage;
    }
    bool json = false;
    if (!parseFormatOption(parser.value("format"), "diff", json)) return kExitUsage;
    const auto ctx = loadDatasetArgument(parser.positionalArguments(), "diff");
    if (!ctx) return kExitFailure;

    const DiffReport report = buildDiffReport(*ctx->links, *from, *to);
    if (json) std::printf("%s\n", toJson(report, *ctx->links).dump(2).c_str());
    else std::printf("%s", toText(report, *ctx->links).c_str());
    return ctx->dataErrors ? kExitDataErrors : kExitOk;
}

}  // namespace atlas::app::cli
