// kachin-atlas state --date D [--window 30d|7d|instant|cumulative] [--format text|json] [PATH]
//
// Also the helpers the dataset commands (state, links, diff) share: locating and loading the
// dataset, parsing days. The reports themselves are built in core (atlas/analysis/reports.h).
#include "atlas/analysis/reports.h"
#include "atlas/cli/cli_support.h"
#include "atlas/cli/commands.h"
#include "atlas/cli/reporter.h"
#include "atlas/model/data_paths.h"
#include "atlas/teamdb/pg_store.h"
#include "atlas/teamdb/tables.h"

#include <QCommandLineParser>
#include <QRegularExpression>

#include <algorithm>
#include <cstdio>

namespace atlas::app::cli {

std::optional<DatasetContext> loadDatasetArgument(const QStringList& positional, const Reporter& report)
{
    QString dir;
    if (positional.size() > 1) {
        report.say(QString("expected at most one PATH (a dataset directory)"));
        return std::nullopt;
    }
    if (!positional.isEmpty()) {
        dir = positional.front();
    } else {
        dir = DataPaths::locate().geodataDir;
        if (dir.isEmpty()) {
            report.say(QString("bundled Kachin data not found (set KACHIN_ATLAS_DATA or give PATH)"));
            return std::nullopt;
        }
    }
    DatasetContext ctx;
    ctx.directory = dir.toStdString();
    Diagnostics diagnostics;
    auto dataset = std::make_shared<const Dataset>(Dataset::load(ctx.directory, DatasetOptions{}, diagnostics));
    report.diagnostics(diagnostics);
    ctx.dataErrors = diagnostics.hasErrors();
    ctx.links = std::make_shared<const LinkIndex>(std::move(dataset));
    return ctx;
}

std::optional<int32_t> parseDayOption(const QString& text, const Reporter& report, const char* option)
{
    const std::string s = text.toStdString();
    const auto d = Date::parse(s);
    if (!d) {
        report.say(QString("%1: \"%2\": %3 (expected a day, YYYY-MM-DD)").arg(option, QString::fromStdString(s), QString::fromStdString(d.reason())));
        return std::nullopt;
    }
    if (d->precision() != Date::Precision::Day) {
        report.say(QString("%1: \"%2\" is a %3, not a day (expected YYYY-MM-DD)").arg(option, QString::fromStdString(s), precisionName(d->precision())));
        return std::nullopt;
    }
    return d->first();
}

bool parseFormatOption(const QString& text, const Reporter& report, bool& json)
{
    if (text == "json" || text == "text") {
        json = text == "json";
        return true;
    }
    report.say(QString("--format: expected text or json, got \"%1\"").arg(text));
    return false;
}

namespace {

std::optional<TimeCursor::Window> parseWindow(const QString& text)
{
    if (text == "instant") return InstantWindow{};
    if (text == "cumulative") return CumulativeWindow{};
    static const QRegularExpression days(R"(^(\d{1,5})\s*d(ays?)?$)");
    const auto m = days.match(text.trimmed());
    if (m.hasMatch() && m.captured(1).toInt() >= 1) return DaysWindow{m.captured(1).toInt()};
    return std::nullopt;
}

}  // namespace

int runState(const QStringList& args, const LoadPolicy& /*policy*/)
{
    const Reporter report("state");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "The state of the whole map on a day: each mine's and crossing's controller and status, the events in the "
        "window, the front-line version in force, the export observations covering the day, and the km² each side "
        "holds in every control area in force.");
    parser.addHelpOption();
    parser.addOption({"date", "The day, YYYY-MM-DD (required).", "date"});
    parser.addOption({"window", "Events window ending on the day: Nd (e.g. 30d, 7d), instant or cumulative "
                                "(default 30d).", "window", "30d"});
    parser.addOption({"format", "Output format: text or json (default text).", "format", "text"});
    addDatasetOption(parser);
    parser.addOption({"db", "Read the team database (a libpq connection string, postgresql:// URI or service=NAME) "
                            "and also print every feature's row version (for edit update --expect-version).", "url"});
    parser.addPositionalArgument("PATH", "A dataset directory with the geodata/ schema (default: the bundled data).",
                                 "[PATH]");
    if (!parser.parse(QStringList{"kachin-atlas state"} + args)) {
        return report.usage(parser.errorText());
    }
    if (parser.isSet("help")) {
        printCommandHelp(parser, report);
        return kExitOk;
    }
    if (!parser.isSet("date")) {
        return report.usage(QString("--date YYYY-MM-DD is required"));
    }
    const auto day = parseDayOption(parser.value("date"), report, "--date");
    if (!day) return kExitUsage;
    const auto window = parseWindow(parser.value("window"));
    if (!window) {
        return report.usage(QString("--window: expected Nd (e.g. 30d), instant or cumulative, got \"%1\"").arg(parser.value("window")));
    }
    bool json = false;
    if (!parseFormatOption(parser.value("format"), report, json)) return kExitUsage;
    // --db: the record is read into the store's private mirror folder and reported from there.
    std::unique_ptr<teamdb::PgStore> db;
    QStringList source = datasetArguments(parser, parser.positionalArguments());
    if (parser.isSet("db")) {
        db = std::make_unique<teamdb::PgStore>(parser.value("db").toStdString());
        if (const Diagnostics d = db->refresh(); d.hasErrors()) return report.failure(d);
        source = {QString::fromStdString(db->mirrorDir())};
    }
    const auto ctx = loadDatasetArgument(source, report);
    if (!ctx) return kExitFailure;

    const StateReport state = buildStateReport(*ctx->links, TimeCursor(*day, *window));
    if (json) {
        nlohmann::ordered_json out = toJson(state, *ctx->links);
        if (db) {
            nlohmann::ordered_json versions = nlohmann::ordered_json::object();
            for (const auto& [file, rows] : *db->snapshot())
                if (const auto* spec = teamdb::specForFile(file); spec && !spec->keyColumn.empty())
                    for (const auto& r : rows.rows) versions[r.key] = r.version;
            out["versions"] = std::move(versions);
        }
        std::printf("%s\n", out.dump(2).c_str());
    } else {
        std::printf("%s", toText(state, *ctx->links).c_str());
        if (db) {
            std::printf("\nRow versions (team database; edit update --expect-version):\n");
            for (const auto& [file, rows] : *db->snapshot())
                if (const auto* spec = teamdb::specForFile(file); spec && !spec->keyColumn.empty())
                    for (const auto& r : rows.rows) std::printf("  %s  %lld\n", r.key.c_str(), static_cast<long long>(r.version));
        }
    }
    return ctx->dataErrors ? kExitDataErrors : kExitOk;
}

}  // namespace atlas::app::cli
