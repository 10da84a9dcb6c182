// kachin-atlas import-report OLD.csv NEW.csv [--format text|json]
#include "atlas/io/reimport_diff.h"
#include "atlas/cli/cli_support.h"
#include "atlas/cli/reporter.h"
#include "atlas/cli/commands.h"

#include <QCommandLineParser>

#include <nlohmann/json.hpp>

#include <cstdio>

namespace atlas::app::cli {

int runImportReport(const QStringList& args, const LoadPolicy& /*policy*/)
{
    const Reporter report("import-report");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Compare an older and a newer export of the same ACLED (or UCDP GED) data: which events were added, "
        "changed (which fields, before → after) and deleted, matched by event_id_cnty (UCDP: id).");
    parser.addHelpOption();
    parser.addOption({"format", "text (default) or json.", "format", "text"});
    parser.addPositionalArgument("OLD", "The export you had.", "OLD.csv");
    parser.addPositionalArgument("NEW", "The newer export of the same data.", "NEW.csv");
    if (!parser.parse(QStringList{"kachin-atlas"} + args)) {
        return report.usage(parser.errorText());
    }
    if (parser.isSet("help")) {
        printCommandHelp(parser, report);
        return kExitOk;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() != 2) {
        return report.usage(QString("expected two files, OLD.csv NEW.csv"));
    }
    const QString format = parser.value("format").toLower();
    if (format != "text" && format != "json") {
        return report.usage(QString("--format: expected text or json, got \"%1\"").arg(parser.value("format")));
    }
    Diagnostics diagnostics;
    const auto changes = io::compareEventExports(files[0].toStdString(), files[1].toStdString(), diagnostics);
    report.diagnostics(diagnostics);
    if (!changes) return kExitFailure;
    if (format == "json") std::printf("%s\n", io::reimportReportJson(*changes).dump(2).c_str());
    else std::printf("%s", io::formatReimportReport(*changes).c_str());
    return diagnostics.hasErrors() ? kExitDataErrors : kExitOk;
}

}  // namespace atlas::app::cli
