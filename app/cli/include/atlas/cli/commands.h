#pragma once
// Subcommands of the one `kachin-atlas` binary. Each runs with a QCoreApplication (or a
// QGuiApplication on the offscreen platform when it draws) already constructed.
#include "atlas/model/load_policy.h"

#include <QStringList>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace atlas {
class LinkIndex;
}

namespace atlas::app::cli {

class Reporter;

struct Command {
    const char* name;
    const char* summary;
    bool draws;                        // needs QtGui (fonts, painting) → offscreen QGuiApplication
    int (*run)(const QStringList& args, const LoadPolicy& policy);  // args: everything after the command name
};

const std::vector<Command>& commands();
const Command* findCommand(const QString& name);

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitDataErrors = 1;   // ran, but the input had errors (reported)
inline constexpr int kExitUsage = 2;        // bad command line
inline constexpr int kExitFailure = 3;      // could not do what was asked (e.g. cannot write)
inline constexpr int kExitConflict = 4;     // edit --db: the row changed since the version the edit was based on

int runExport(const QStringList& args, const LoadPolicy& policy);
// Data import and export (export_data_command.cpp, import_command.cpp).
int runExportData(const QStringList& args, const LoadPolicy& policy);
int runImportReport(const QStringList& args, const LoadPolicy& policy);
int runAnimate(const QStringList& args, const LoadPolicy& policy);
// The interactive web map (export_web_command.cpp, atlas/publishing/web_export.h).
int runExportWeb(const QStringList& args, const LoadPolicy& policy);
// Trade series (series_command.cpp).
int runSeries(const QStringList& args, const LoadPolicy& policy);

// The dataset commands; their reports are built in core (atlas/analysis/reports.h,
// atlas/data/validator.h). Shared helpers live in state_command.cpp.
int runValidate(const QStringList& args, const LoadPolicy& policy);
int runState(const QStringList& args, const LoadPolicy& policy);
int runLinks(const QStringList& args, const LoadPolicy& policy);
int runDiff(const QStringList& args, const LoadPolicy& policy);

// Curation (edit_command.cpp, atlas/edit/dataset_store.h): edits of a dataset folder.
int runEdit(const QStringList& args, const LoadPolicy& policy);
// The team record on PostgreSQL/PostGIS (db_command.cpp, atlas/teamdb).
int runDb(const QStringList& args, const LoadPolicy& policy);

struct DatasetContext {
    std::string directory;
    std::shared_ptr<const LinkIndex> links;  // holds the Dataset
    bool dataErrors = false;                 // rows were reported and skipped while loading
};
// Loads PATH (at most one positional argument) or the bundled data, printing load diagnostics;
// nullopt (after printing why) when there is nothing to load.
std::optional<DatasetContext> loadDatasetArgument(const QStringList& positional, const Reporter& report);
// A full day, YYYY-MM-DD; nullopt after printing what was expected.
std::optional<int32_t> parseDayOption(const QString& text, const Reporter& report, const char* option);
bool parseFormatOption(const QString& text, const Reporter& report, bool& json);

}  // namespace atlas::app::cli
