// kachin-atlas validate [PATH…] — every problem as `file:feature-or-line: field: message`,
// then a summary line per PATH; exit 1 when any PATH has errors.
#include "atlas/data/validator.h"
#include "atlas/cli/cli_support.h"
#include "atlas/cli/reporter.h"
#include "atlas/cli/commands.h"
#include "atlas/model/data_paths.h"

#include <QCommandLineParser>

#include <cstdio>

namespace atlas::app::cli {

int runValidate(const QStringList& args, const LoadPolicy& /*policy*/)
{
    const Reporter report("validate");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Check a dataset: required fields, unique ids, references and source ids, dates and their precision, "
        "vocabularies, geometries (GEOS) and the region, controller and status histories. Bad rows are skipped when "
        "the data is loaded; this lists them.");
    parser.addHelpOption();
    addDatasetOption(parser);
    parser.addPositionalArgument("PATH", "Dataset directories with the geodata/ schema, or files in one "
                                         "(default: the bundled data).", "[PATH…]");
    if (!parser.parse(QStringList{"kachin-atlas validate"} + args)) {
        return report.usage(parser.errorText());
    }
    if (parser.isSet("help")) {
        printCommandHelp(parser, report);
        return kExitOk;
    }
    QStringList paths = datasetArguments(parser, parser.positionalArguments());
    if (paths.isEmpty()) {
        const QString bundled = DataPaths::locate().geodataDir;
        if (bundled.isEmpty()) {
            return report.failure(QString("bundled Kachin data not found (set KACHIN_ATLAS_DATA or give PATH)"));
        }
        paths << bundled;
    }
    bool errors = false;
    for (const QString& path : paths) {
        const ValidationReport result = validateDataset(path.toStdString());
        for (const Diagnostic& d : result.problems)
            std::printf("%s%s\n", d.severity == Severity::Warning ? "warning: " : "", d.format().c_str());
        std::printf("%s\n", result.summary().c_str());
        errors = errors || !result.ok();
    }
    return errors ? kExitDataErrors : kExitOk;
}

}  // namespace atlas::app::cli
