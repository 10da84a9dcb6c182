#pragma once
// What a subcommand says on stderr, formatted in one place so every command speaks alike:
//   kachin-atlas export: -o FILE is required          (usage: exit 2)
//   kachin-atlas export: cannot write out.png: …      (failure: exit 3)
//   warning: project.katlas: layer 2 has no file      (warning; the command goes on)
//   error: events.geojson:feature 3: date: …          (a diagnostic of the input)
// Standard output stays for the command's result (tables, JSON), which scripts read.
#include "atlas/diagnostics.h"

#include <QString>

class QCommandLineParser;

namespace atlas::app::cli {

class Reporter {
public:
    explicit Reporter(QString command) : m_command(std::move(command)) {}

    const QString& command() const { return m_command; }

    // A mistake on the command line; returns kExitUsage.
    int usage(const QString& message) const;
    // The parser's own complaint (unknown option, missing value); returns kExitUsage.
    int usage(const QCommandLineParser& parser) const;
    // The command could not do what was asked; returns kExitFailure.
    int failure(const QString& message) const;
    // The same, with the diagnostics that say why.
    int failure(const Diagnostics& why) const;
    // The input had errors, already reported; returns kExitDataErrors after saying so.
    int dataErrors(const QString& message) const;
    // "kachin-atlas COMMAND: message", with no verdict (progress, a hint, a refusal's detail).
    void say(const QString& message) const;
    // An indented continuation line under the previous message.
    void detail(const QString& message) const;
    void warning(const QString& message) const;
    // Every diagnostic as "error|warning|note: file:location: field: message".
    void diagnostics(const Diagnostics& diagnostics) const;

private:
    QString m_command;
};

}  // namespace atlas::app::cli
