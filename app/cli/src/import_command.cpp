// kachin-atlas import-report OLD.csv NEW.csv [--format text|json]
#include "atlas/io/reimport_diff.h"
#include "atlas/cli/cli_support.h"
#include "atlas/cli/commands.h"

#include <QCommandLineParser>

#include <nlohmann/json.hpp>

#include <cstdio>

namespace atlas::app::cli {

int runImportReport(const QStringList& args, const LoadPolicy& /*policy*/)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Compare an older and a newer export of the same ACLED (or UCDP GED) data: which events were added, "
        "changed (which fields, before → after) and deleted, matched by event_id_cnty (UCDP: id).");
    parser.addHelpOption();
    parser.addOption({"format", "text (default) or json.", "format", "text"});
    parser.addPositionalArgument("OLD", "The export you had.", "OLD.csv");
    parser.addPositionalArgument("NEW", "The newer export of the same data.", "NEW.csv");
    if (!parser.parse(QStringList{"kachin-atlas"} + args)) {
        std::fprintf(stderr, "kachin-atlas import-report: %s\n", qPrintable(parser.errorText()));
        return kExitUsage;
    }
    if (parser.isSet("help")) {
        printCommandHelp(parser, "import-report");
        return kExitOk;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() != 2) {
        std::fprintf(stderr, "kachin-atlas import-report: expected two files, OLD.csv NEW.csv\n");
        return kExitUsage;
    }
    const QString format = parser.value("format").toLower();
    if (format != "text" && format != "json") {
        std::fprintf(stderr, "kachin-atlas import-report: --format: expected text or json, got \"%s\"\n",
                     qPrintable(parser.value("format")));
        return kExitUsage;
    }
    Diagnostics diagnostics;
    const auto report = io::compareEventExports(files[0].toStdString(), files[1].toStdString(), diagnostics);
    printDiagnostics(diagnostics);
    if (!report) return kExitFailure;
    if (format == "json") std::printf("%s\n", io::reimportReportJson(*report).dump(2).c_str());
    else std::printf("%s", io::formatReimportReport(*report).c_str());
    return diagnostics.hasErrors() ? kExitDataErrors : kExitOk;
}

}  // namespace atlas::app::cli
