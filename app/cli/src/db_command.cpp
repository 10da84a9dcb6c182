// kachin-atlas db init URL | push DIR URL | pull URL DIR | log URL [--feature ID] [--since DATE]
// — the team record on PostgreSQL/PostGIS (atlas/teamdb). URL goes to libpq unchanged: a
// connection string, a postgresql:// URI or service=NAME; passwords only from .pgpass or
// PGPASSWORD, and never printed (masked in every message).
#include "atlas/cli/cli_support.h"
#include "atlas/cli/commands.h"
#include "atlas/cli/reporter.h"
#include "atlas/teamdb/audit_log.h"
#include "atlas/teamdb/schema_init.h"
#include "atlas/teamdb/transfer.h"

#include <QCommandLineParser>

#include <cstdio>

namespace atlas::app::cli {
namespace {

struct DbSubcommand {
    const char* name;
    const char* arguments;
    const char* summary;
};

constexpr DbSubcommand kSubcommands[] = {
    {"init", "URL", "create the team record's schema, audit table and roles in an empty database"},
    {"push", "DIR URL", "load a dataset folder (checked by the validator first) into the record, all or nothing"},
    {"pull", "URL DIR", "write the record into a dataset folder (the files as pushed, byte for byte)"},
    {"log", "URL", "the audit table: who changed what, when, on which sources, at which version"},
};

int usageList(const Reporter& report, bool asError)
{
    std::string text = "Usage: kachin-atlas db SUBCOMMAND ARGS\n\nSubcommands:\n";
    for (const DbSubcommand& s : kSubcommands)
        text += "  " + std::string(s.name) + " " + s.arguments + std::string(12 - std::string(s.arguments).size(), ' ') +
                s.summary + "\n";
    text += "\nURL: a libpq connection string (\"host=… dbname=…\"), a postgresql:// URI or service=NAME "
            "(pg_service.conf).\nPasswords come from ~/.pgpass or PGPASSWORD, never from the command line.\n";
    if (asError) {
        std::fprintf(stderr, "%s", text.c_str());
        return report.usage(QString("expected a subcommand"));
    }
    std::printf("%s", text.c_str());
    return kExitOk;
}

}  // namespace

int runDb(const QStringList& args, const LoadPolicy& /*policy*/)
{
    if (args.isEmpty()) return usageList(Reporter("db"), true);
    if (args.front() == "--help" || args.front() == "-h") return usageList(Reporter("db"), false);
    const QString sub = args.front();
    const Reporter report("db " + sub);
    const DbSubcommand* spec = nullptr;
    for (const DbSubcommand& s : kSubcommands)
        if (sub == QLatin1String(s.name)) spec = &s;
    if (!spec) return report.usage(QString("unknown subcommand; see kachin-atlas db --help"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QString("%1.").arg(spec->summary));
    parser.addHelpOption();
    if (sub == "log") {
        parser.addOption({"feature", "Only the history of this row (event:…, mine:…, S12…).", "id"});
        parser.addOption({"since", "Only changes from this day on (YYYY-MM-DD, UTC).", "date"});
    }
    for (const QString& a : QString(spec->arguments).split(' ')) parser.addPositionalArgument(a, a);
    if (!parser.parse(QStringList{"kachin-atlas db " + sub} + args.mid(1))) return report.usage(parser.errorText());
    if (parser.isSet("help")) {
        printCommandHelp(parser, report);
        return kExitOk;
    }
    const QStringList pos = parser.positionalArguments();
    const int wanted = static_cast<int>(QString(spec->arguments).split(' ').size());
    if (pos.size() != wanted) return report.usage(QString("expected %1").arg(spec->arguments));
    const auto s = [&](int i) { return pos[i].toStdString(); };

    if (sub == "init") {
        const Diagnostics d = teamdb::initDatabase(s(0));
        if (d.hasErrors()) return report.failure(d);
        report.say(QString("created the atlas schema in %1").arg(QString::fromStdString(teamdb::maskPassword(s(0)))));
        return kExitOk;
    }
    if (sub == "push") {
        const Diagnostics d = teamdb::pushFolder(s(0), s(1));
        if (d.hasErrors()) return report.failure(d);
        report.say(QString("loaded %1 into %2").arg(pos[0], QString::fromStdString(teamdb::maskPassword(s(1)))));
        return kExitOk;
    }
    if (sub == "pull") {
        const Diagnostics d = teamdb::pullFolder(s(0), s(1));
        if (d.hasErrors()) return report.failure(d);
        report.say(QString("wrote the record into %1").arg(pos[1]));
        return kExitOk;
    }
    const auto log = teamdb::readLog(s(0), {parser.value("feature").toStdString(), parser.value("since").toStdString()});
    if (!log) return report.failure(log.diagnostics());
    std::printf("%s", teamdb::formatLog(*log).c_str());
    return kExitOk;
}

}  // namespace atlas::app::cli
