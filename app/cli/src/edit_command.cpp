// kachin-atlas edit SUBCOMMAND --dataset DIR | --db URL … — the curation edits of core
// (atlas/edit/edit.h) for scripts: add-event, update, delete, record-control, record-status,
// add-version, add-source. Each prints the id it wrote; a refusal prints the validator's
// diagnostics (`file:location: field: message`), changes no file and exits 1; --dry-run prints the
// unified diff of what would be written. With --db the edit goes to the team database
// (atlas/teamdb/pg_store.h): a row changed by someone else since the version the edit was based
// on (--expect-version N, or the version read when the command started) is a conflict: both rows
// are printed and the exit status is 4.
#include "atlas/analysis/links.h"
#include "atlas/cli/cli_support.h"
#include "atlas/cli/commands.h"
#include "atlas/cli/reporter.h"
#include "atlas/data/csv_table.h"
#include "atlas/edit/dataset_store.h"
#include "atlas/edit/version_change.h"
#include "atlas/teamdb/pg_store.h"
#include "atlas/time/date.h"

#include <QCommandLineParser>
#include <QFile>
#include <QRegularExpression>

#include <cstdio>
#include <cstring>
#include <functional>
#include <map>

namespace atlas::app::cli {
namespace {

using atlas::edit::Json;

struct Subcommand {
    const char* name;
    const char* summary;
    void (*options)(QCommandLineParser&);
    // Builds the edit; nullopt after reporting a usage error.
    std::optional<edit::Edit> (*build)(const QCommandLineParser&, const Reporter&);
};

std::string str(const QString& s) { return s.toStdString(); }

// Values of a repeatable option, each also split at ';' ("--link a --link b" or "--link 'a;b'").
std::vector<std::string> listOption(const QCommandLineParser& p, const char* name)
{
    std::vector<std::string> out;
    for (const QString& v : p.values(name))
        for (std::string& item : splitList(str(v))) out.push_back(std::move(item));
    return out;
}

void sourceOptions(QCommandLineParser& p)
{
    p.addOption({"source", "A source id of SOURCES.md the edit rests on (repeatable; at least one).", "id"});
    p.addOption({"confidence", "high, medium or low (default medium).", "level", "medium"});
    p.addOption({"note", "Why, disagreements, how a shape was drawn.", "text"});
}

// "97.27,24.25" → lon, lat.
std::optional<std::pair<double, double>> parseLonLat(const QString& text)
{
    const QStringList parts = text.split(',');
    if (parts.size() != 2) return std::nullopt;
    bool okLon = false, okLat = false;
    const double lon = parts[0].trimmed().toDouble(&okLon), lat = parts[1].trimmed().toDouble(&okLat);
    if (!okLon || !okLat) return std::nullopt;
    return std::pair{lon, lat};
}

// "2km", "500 m" → the precision text of the schema ("~2 km", "~500 m").
std::optional<std::string> parseRadius(const QString& text)
{
    static const QRegularExpression re(R"(^\s*(\d+(?:\.\d+)?)\s*(km|m)\s*$)");
    const auto m = re.match(text);
    if (!m.hasMatch()) return std::nullopt;
    return "~" + str(m.captured(1)) + " " + str(m.captured(2));
}

// A GeoJSON file's geometries: a FeatureCollection, a Feature or a bare geometry. Each part
// carries its feature's `controller` (control areas).
std::optional<std::vector<edit::VersionPart>> readGeometries(const QString& path, const Reporter& report)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        report.say(QString("--geometry: cannot read %1").arg(path));
        return std::nullopt;
    }
    const Json j = Json::parse(f.readAll().toStdString(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        report.say(QString("--geometry: %1 is not GeoJSON").arg(path));
        return std::nullopt;
    }
    std::vector<edit::VersionPart> parts;
    auto addFeature = [&](const Json& feature) {
        const Json props = feature.value("properties", Json::object());
        parts.push_back({feature.value("geometry", Json(nullptr)),
                         props.is_object() ? props.value("controller", std::string()) : std::string()});
    };
    const std::string type = j.value("type", "");
    if (type == "FeatureCollection") {
        for (const Json& feature : j.value("features", Json::array())) addFeature(feature);
    } else if (type == "Feature") {
        addFeature(j);
    } else {
        parts.push_back({j, {}});
    }
    if (parts.empty()) {
        report.say(QString("--geometry: %1 has no geometry").arg(path));
        return std::nullopt;
    }
    return parts;
}

// --expect-version N (a positive integer), when given.
bool expectedVersion(const QCommandLineParser& p, const Reporter& report, std::optional<int64_t>& out)
{
    if (!p.isSet("expect-version")) return true;
    bool ok = false;
    const qlonglong v = p.value("expect-version").toLongLong(&ok);
    if (!ok || v < 1) {
        report.usage(QString("--expect-version: expected a row version (1, 2, …), got \"%1\"").arg(p.value("expect-version")));
        return false;
    }
    out = v;
    return true;
}

// --- the subcommands -------------------------------------------------------------------------

void addEventOptions(QCommandLineParser& p)
{
    p.addOption({"date", "Date of the event: YYYY-MM-DD, YYYY-MM or YYYY (required).", "date"});
    p.addOption({"date-end", "Last day (inclusive) when it lasted.", "date"});
    p.addOption({"approx", "The source gives the date as approximate (~, mid-, late)."});
    p.addOption({"kind", "battle, capture, airstrike, border, trade, policy, political, disaster or report.", "kind"});
    p.addOption({"title", "Short title (required).", "text"});
    p.addOption({"summary", "One line, own words.", "text"});
    p.addOption({"actors", "Actors, ';'-separated (KIA;junta).", "list"});
    p.addOption({"link", "An id the event concerns (repeatable).", "id"});
    p.addOption({"place", "The place whose point is the event's point (place:…).", "id"});
    p.addOption({"at", "The event's point, lon,lat in degrees (default: the --place's point).", "lon,lat"});
    p.addOption({"radius", "How far the point may be from where it happened (2km, 500m).", "distance"});
    p.addOption({"slug", "The id's slug after the date (default: from the title).", "slug"});
    sourceOptions(p);
}

std::optional<edit::Edit> buildAddEvent(const QCommandLineParser& p, const Reporter& report)
{
    if (!p.isSet("date") || !p.isSet("kind") || !p.isSet("title")) {
        report.usage(QString("--date, --kind and --title are required"));
        return std::nullopt;
    }
    edit::AddEvent e;
    e.date = str(p.value("date"));
    e.dateEnd = str(p.value("date-end"));
    e.dateApprox = p.isSet("approx");
    e.kind = str(p.value("kind"));
    e.title = str(p.value("title"));
    e.summary = str(p.value("summary"));
    e.actors = listOption(p, "actors");
    e.links = listOption(p, "link");
    e.placeId = str(p.value("place"));
    e.slug = str(p.value("slug"));
    if (p.isSet("at")) {
        e.lonLat = parseLonLat(p.value("at"));
        if (!e.lonLat) {
            report.usage(QString("--at: expected lon,lat in degrees (97.27,24.25), got \"%1\"").arg(p.value("at")));
            return std::nullopt;
        }
    }
    if (p.isSet("radius")) {
        const auto r = parseRadius(p.value("radius"));
        if (!r) {
            report.usage(QString("--radius: expected a distance such as 2km or 500m, got \"%1\"").arg(p.value("radius")));
            return std::nullopt;
        }
        e.precision = *r;
    }
    e.confidence = str(p.value("confidence"));
    e.sources = listOption(p, "source");
    e.note = str(p.value("note"));
    return e;
}

void updateOptions(QCommandLineParser& p)
{
    p.addOption({"id", "The feature to change (required).", "id"});
    p.addOption({"set", "FIELD=VALUE (repeatable); an empty VALUE writes \"\".", "field=value"});
    p.addOption({"unset", "Remove a property (repeatable).", "field"});
    p.addOption({"geometry", "A GeoJSON file whose (first) geometry replaces the feature's.", "file"});
    p.addOption({"source", "A source id of SOURCES.md the change rests on (repeatable; at least one).", "id"});
    p.addOption({"expect-version", "With --db: the row version the change is based on (from state --db or db log); "
                                   "a row changed since is a conflict (exit status 4).", "N"});
}

std::optional<edit::Edit> buildUpdate(const QCommandLineParser& p, const Reporter& report)
{
    if (!p.isSet("id") || (!p.isSet("set") && !p.isSet("unset") && !p.isSet("geometry"))) {
        report.usage(QString("--id and at least one --set FIELD=VALUE, --unset FIELD or --geometry FILE are required"));
        return std::nullopt;
    }
    edit::UpdateFeature u;
    u.id = str(p.value("id"));
    for (const QString& s : p.values("set")) {
        const auto eq = s.indexOf('=');
        if (eq <= 0) {
            report.usage(QString("--set: expected FIELD=VALUE, got \"%1\"").arg(s));
            return std::nullopt;
        }
        u.set.emplace_back(str(s.left(eq)), Json(str(s.mid(eq + 1))));
    }
    for (const QString& s : p.values("unset")) u.set.emplace_back(str(s), Json(nullptr));
    if (p.isSet("geometry")) {
        const auto parts = readGeometries(p.value("geometry"), report);
        if (!parts) return std::nullopt;
        u.geometry = parts->front().geometry;
    }
    u.sources = listOption(p, "source");
    if (!expectedVersion(p, report, u.expectVersion)) return std::nullopt;
    return u;
}

void deleteOptions(QCommandLineParser& p)
{
    p.addOption({"id", "The feature to delete (required).", "id"});
    p.addOption({"source", "A source id of SOURCES.md the deletion rests on (repeatable; at least one).", "id"});
    p.addOption({"expect-version", "With --db: the row version the deletion is based on; a row changed since is a "
                                   "conflict (exit status 4).", "N"});
}

std::optional<edit::Edit> buildDelete(const QCommandLineParser& p, const Reporter& report)
{
    if (!p.isSet("id")) {
        report.usage(QString("--id is required"));
        return std::nullopt;
    }
    edit::DeleteFeature d{str(p.value("id")), listOption(p, "source"), std::nullopt};
    if (!expectedVersion(p, report, d.expectVersion)) return std::nullopt;
    return d;
}

void recordControlOptions(QCommandLineParser& p)
{
    p.addOption({"feature", "The place, mine or crossing (required).", "id"});
    p.addOption({"date", "First day of the new controller: YYYY-MM-DD, YYYY-MM or YYYY (required).", "date"});
    p.addOption({"controller", "The new controller (KIA, junta, NDA-K/BGF, UWSA, NDAA, MNDAA, contested).", "name"});
    sourceOptions(p);
}

std::optional<edit::Edit> buildRecordControl(const QCommandLineParser& p, const Reporter& report)
{
    if (!p.isSet("feature") || !p.isSet("date") || !p.isSet("controller")) {
        report.usage(QString("--feature, --date and --controller are required"));
        return std::nullopt;
    }
    return edit::RecordControl{str(p.value("feature")), str(p.value("date")), str(p.value("controller")),
                               listOption(p, "source"), str(p.value("confidence")), str(p.value("note"))};
}

void recordStatusOptions(QCommandLineParser& p)
{
    p.addOption({"feature", "The crossing (required).", "id"});
    p.addOption({"date", "First day of the new status (required).", "date"});
    p.addOption({"status", "open, closed or restricted (required).", "status"});
    p.addOption({"by", "Who closed or restricted it: China, KIA or China;KIA.", "who"});
    sourceOptions(p);
}

std::optional<edit::Edit> buildRecordStatus(const QCommandLineParser& p, const Reporter& report)
{
    if (!p.isSet("feature") || !p.isSet("date") || !p.isSet("status")) {
        report.usage(QString("--feature, --date and --status are required"));
        return std::nullopt;
    }
    return edit::RecordStatus{str(p.value("feature")), str(p.value("date")), str(p.value("status")), str(p.value("by")),
                              listOption(p, "source"), str(p.value("confidence")), str(p.value("note"))};
}

void addVersionOptions(QCommandLineParser& p)
{
    p.addOption({"feature", "The front line (front:…) or control area (area:…) (required).", "id"});
    p.addOption({"as-of", "First day of the new version (required).", "date"});
    p.addOption({"geometry", "GeoJSON file of the version: a line, or a control area's polygons each with its "
                             "`controller` property (required).", "file"});
    p.addOption({"description", "What changed (front lines).", "text"});
    sourceOptions(p);
}

std::optional<edit::Edit> buildAddVersion(const QCommandLineParser& p, const Reporter& report)
{
    if (!p.isSet("feature") || !p.isSet("as-of") || !p.isSet("geometry")) {
        report.usage(QString("--feature, --as-of and --geometry are required"));
        return std::nullopt;
    }
    const auto parts = readGeometries(p.value("geometry"), report);
    if (!parts) return std::nullopt;
    edit::AddVersion v;
    v.group = str(p.value("feature"));
    v.asOf = str(p.value("as-of"));
    v.parts = *parts;
    v.sources = listOption(p, "source");
    v.confidence = str(p.value("confidence"));
    v.description = str(p.value("description"));
    v.note = str(p.value("note"));
    return v;
}

void addSourceOptions(QCommandLineParser& p)
{
    p.addOption({"outlet", "Outlet or author (required).", "text"});
    p.addOption({"title", "Title (required).", "text"});
    p.addOption({"date", "Publication date, as given (required).", "date"});
    p.addOption({"url", "URL, host and path (\"—\" when none) (required).", "url"});
    p.addOption({"grade", "H, M or L (required).", "grade"});
}

std::optional<edit::Edit> buildAddSource(const QCommandLineParser& p, const Reporter& report)
{
    for (const char* o : {"outlet", "title", "date", "url", "grade"}) {
        if (!p.isSet(o)) {
            report.usage(QString("--outlet, --title, --date, --url and --grade are required"));
            return std::nullopt;
        }
    }
    return edit::AddSource{str(p.value("outlet")), str(p.value("title")), str(p.value("date")), str(p.value("url")),
                           str(p.value("grade")), {}};
}

const std::vector<Subcommand>& subcommands()
{
    static const std::vector<Subcommand> table = {
        {"add-event", "add an event (date, kind, title, point or place, links, sources)", &addEventOptions, &buildAddEvent},
        {"update", "set fields (and the geometry) of a feature", &updateOptions, &buildUpdate},
        {"delete", "delete a feature nothing refers to", &deleteOptions, &buildDelete},
        {"record-control", "a new controller of a place, mine or crossing from a date", &recordControlOptions,
         &buildRecordControl},
        {"record-status", "a new status of a crossing from a date", &recordStatusOptions, &buildRecordStatus},
        {"add-version", "a new as_of version of a front line or control area; prints km² gained and lost",
         &addVersionOptions, &buildAddVersion},
        {"add-source", "a new source in SOURCES.md (prints its S-number)", &addSourceOptions, &buildAddSource},
    };
    return table;
}

int listSubcommands(const Reporter& report, bool asError)
{
    std::string text = "Usage: kachin-atlas edit SUBCOMMAND (--dataset DIR | --db URL) [options] [--dry-run]\n\nSubcommands:\n";
    for (const Subcommand& s : subcommands()) text += "  " + std::string(s.name) + std::string(16 - std::strlen(s.name), ' ') + s.summary + "\n";
    text += "\nkachin-atlas edit SUBCOMMAND --help lists its options.\n"
            "Exit status: 0 written, 1 refused by the validator, 2 usage, 3 failure (e.g. database unreachable),\n"
            "4 conflict (--db: the row changed since the version the edit was based on; both are printed).\n";
    if (asError) {
        std::fprintf(stderr, "%s", text.c_str());
        return report.usage(QString("expected a subcommand"));
    }
    std::printf("%s", text.c_str());
    return kExitOk;
}

// A save to the team database: the id written, or the conflict (theirs and mine, exit 4), or why not.
int saveToDatabase(teamdb::PgStore& store, const edit::Edit& e, const Reporter& report)
{
    const teamdb::SaveOutcome outcome = store.save(e);
    if (const auto* applied = std::get_if<edit::Applied>(&outcome)) {
        report.diagnostics(applied->warnings);
        std::printf("%s\n", applied->id.c_str());
        return kExitOk;
    }
    if (const auto* conflict = std::get_if<teamdb::Conflict>(&outcome)) {
        std::printf("%s", teamdb::describe(*conflict).c_str());
        report.say(QString("conflict: nothing was written; reload (state --db, db log) and edit again"));
        return kExitConflict;
    }
    const auto& refused = std::get<teamdb::Refused>(outcome);
    if (refused.unreachable) return report.failure(refused.why);
    report.diagnostics(refused.why);
    // The server's refusal (a reader's login) is not the validator's: a failure, not bad data.
    for (const Diagnostic& d : refused.why.items())
        if (d.message.find("the server refused") != std::string::npos) return report.failure(QString("edit refused by the server; nothing was written"));
    return report.dataErrors(QString("edit refused; nothing was written"));
}

}  // namespace

int runEdit(const QStringList& args, const LoadPolicy& /*policy*/)
{
    if (args.isEmpty()) return listSubcommands(Reporter("edit"), true);
    if (args.front() == "--help" || args.front() == "-h") return listSubcommands(Reporter("edit"), false);
    const Subcommand* sub = nullptr;
    for (const Subcommand& s : subcommands())
        if (args.front() == QLatin1String(s.name)) sub = &s;
    const Reporter report(QString("edit %1").arg(args.front()));
    if (!sub) return report.usage(QString("unknown subcommand; see kachin-atlas edit --help"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QString("Edit a dataset: %1. The edit is checked by the same validator as the "
                                             "files before anything is written; a refused edit changes no file.")
                                         .arg(sub->summary));
    parser.addHelpOption();
    addDatasetOption(parser);
    parser.addOption({"db", "Edit the team database instead of a folder: a libpq connection string, a "
                            "postgresql:// URI or service=NAME. A conflict exits with status 4.", "url"});
    parser.addOption({"dry-run", "Print the unified diff of what would be written, and write nothing."});
    sub->options(parser);
    if (!parser.parse(QStringList{"kachin-atlas edit " + args.front()} + args.mid(1))) return report.usage(parser.errorText());
    if (parser.isSet("help")) {
        printCommandHelp(parser, report);
        return kExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return report.usage(QString("unexpected argument \"%1\"").arg(parser.positionalArguments().front()));
    // Editing changes files: the folder is always named, never the bundled (installed) data.
    if (parser.isSet("dataset") == parser.isSet("db"))
        return report.usage(QString("one of --dataset DIR or --db URL is required"));
    const auto e = sub->build(parser, report);
    if (!e) return kExitUsage;

    const bool dryRun = parser.isSet("dry-run");
    std::unique_ptr<edit::DatasetStore> store;
    if (parser.isSet("db")) {
        auto db = std::make_unique<teamdb::PgStore>(str(parser.value("db")));
        if (!dryRun) return saveToDatabase(*db, *e, report);
        store = std::move(db);
    } else {
        store = std::make_unique<edit::FolderStore>(str(parser.value("dataset")));
    }
    const auto result = dryRun ? store->preview(*e) : store->apply(*e);
    if (!result) {
        report.diagnostics(result.diagnostics());
        return report.dataErrors(QString("edit refused; no file was changed"));
    }
    report.diagnostics(result->warnings);
    if (dryRun) {
        std::printf("%s", result->diff.c_str());
        report.say(QString("dry run: would write %1; no file was changed").arg(QString::fromStdString(result->id)));
    } else {
        std::printf("%s\n", result->id.c_str());
    }
    if (const auto* v = std::get_if<edit::AddVersion>(&*e)) {
        const auto asOf = Date::parse(v->asOf);
        const LinkIndex links(result->dataset);
        std::printf("%s", edit::toText(edit::versionChange(links, v->group, asOf->first())).c_str());
    }
    return kExitOk;
}

}  // namespace atlas::app::cli
