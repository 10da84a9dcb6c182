#pragma once
// Subcommands of the one `kachin-atlas` binary. Each runs with a QCoreApplication (or a
// QGuiApplication on the offscreen platform when it draws) already constructed.
#include <QStringList>

#include <vector>

namespace atlas::app::cli {

struct Command {
    const char* name;
    const char* summary;
    bool draws;                        // needs QtGui (fonts, painting) → offscreen QGuiApplication
    int (*run)(const QStringList& args);  // args: everything after the command name
};

const std::vector<Command>& commands();
const Command* findCommand(const QString& name);

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitDataErrors = 1;   // ran, but the input had errors (reported)
inline constexpr int kExitUsage = 2;        // bad command line
inline constexpr int kExitFailure = 3;      // could not do what was asked (e.g. cannot write)

int runExport(const QStringList& args);

}  // namespace atlas::app::cli
