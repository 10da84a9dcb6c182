#include "atlas/cli/reporter.h"

#include "atlas/cli/commands.h"

#include <QCommandLineParser>

#include <cstdio>

namespace atlas::app::cli {

namespace {
void line(const QString& text)
{
    std::fprintf(stderr, "%s\n", text.toUtf8().constData());
}
}  // namespace

void Reporter::say(const QString& message) const
{
    line(m_command.isEmpty() ? QString("kachin-atlas: %1").arg(message)
                             : QString("kachin-atlas %1: %2").arg(m_command, message));
}

int Reporter::usage(const QString& message) const
{
    say(message);
    return kExitUsage;
}

int Reporter::usage(const QCommandLineParser& parser) const
{
    return usage(parser.errorText());
}

int Reporter::failure(const QString& message) const
{
    say(message);
    return kExitFailure;
}

int Reporter::failure(const Diagnostics& why) const
{
    diagnostics(why);
    return kExitFailure;
}

int Reporter::dataErrors(const QString& message) const
{
    say(message);
    return kExitDataErrors;
}

void Reporter::detail(const QString& message) const
{
    line("  " + message);
}

void Reporter::warning(const QString& message) const
{
    line("warning: " + message);
}

void Reporter::diagnostics(const Diagnostics& diagnostics) const
{
    for (const Diagnostic& d : diagnostics.items()) {
        const char* level = d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "note";
        line(QString("%1: %2").arg(level, QString::fromStdString(d.format())));
    }
}

}  // namespace atlas::app::cli
