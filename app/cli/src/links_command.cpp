// kachin-atlas links ID [--date D] [--within 25km] [--format text|json] [--data PATH]
#include "atlas/analysis/reports.h"
#include "atlas/cli/cli_support.h"
#include "atlas/cli/commands.h"

#include <QCommandLineParser>
#include <QRegularExpression>

#include <algorithm>
#include <cstdio>

namespace atlas::app::cli {
namespace {

// "25km", "25 km", "500m", "25" (km) → metres.
std::optional<double> parseDistance(const QString& text)
{
    static const QRegularExpression re(R"(^\s*(\d+(?:\.\d+)?)\s*(km|m)?\s*$)");
    const auto m = re.match(text);
    if (!m.hasMatch()) return std::nullopt;
    const double v = m.captured(1).toDouble();
    const double metres = m.captured(2) == "m" ? v : v * 1000;
    if (metres <= 0 || metres > 2'000'000) return std::nullopt;
    return metres;
}

std::size_t editDistance(const std::string& a, const std::string& b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

// Up to three ids close to `id` (by edit distance, or containing it).
std::vector<std::string> suggestions(const Dataset& ds, const std::string& id)
{
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const std::string& candidate : ds.allIds()) {
        const std::size_t d = candidate.find(id) != std::string::npos ? 0 : editDistance(id, candidate);
        if (d <= std::max<std::size_t>(3, id.size() / 4)) scored.emplace_back(d, candidate);
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> out;
    for (std::size_t i = 0; i < scored.size() && i < 3; ++i) out.push_back(scored[i].second);
    return out;
}

}  // namespace

int runLinks(const QStringList& args, const LoadPolicy& /*policy*/)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "What is linked to a feature, event, export observation, area_id or line_id, both ways: the ids it names and "
        "the events naming it, events and features within a distance, trade observations, controller and status "
        "history.");
    parser.addHelpOption();
    parser.addOption({"date", "Also give the controller / status on this day, YYYY-MM-DD.", "date"});
    parser.addOption({"within", "Distance for spatial links, e.g. 25km or 500m (default 25km).", "distance", "25km"});
    parser.addOption({"format", "Output format: text or json (default text).", "format", "text"});
    parser.addOption({"data", "A dataset directory with the geodata/ schema (default: the bundled data).", "path"});
    parser.addPositionalArgument("ID", "e.g. place:bhamo, mine:pangwa-belt, event:2024-12-04-bhamo-offensive.", "ID");
    if (!parser.parse(QStringList{"kachin-atlas links"} + args)) {
        std::fprintf(stderr, "kachin-atlas links: %s\n", qPrintable(parser.errorText()));
        return kExitUsage;
    }
    if (parser.isSet("help")) {
        printCommandHelp(parser, "links");
        return kExitOk;
    }
    if (parser.positionalArguments().size() != 1) {
        std::fprintf(stderr, "kachin-atlas links: expected exactly one ID (see kachin-atlas links --help)\n");
        return kExitUsage;
    }
    const std::string id = parser.positionalArguments().front().toStdString();
    std::optional<int32_t> day;
    if (parser.isSet("date")) {
        day = parseDayOption(parser.value("date"), "links", "--date");
        if (!day) return kExitUsage;
    }
    const auto within = parseDistance(parser.value("within"));
    if (!within) {
        std::fprintf(stderr, "kachin-atlas links: --within: expected a distance such as 25km or 500m, got \"%s\"\n",
                     qPrintable(parser.value("within")));
        return kExitUsage;
    }
    bool json = false;
    if (!parseFormatOption(parser.value("format"), "links", json)) return kExitUsage;
    const QStringList data = parser.isSet("data") ? QStringList{parser.value("data")} : QStringList{};
    const auto ctx = loadDatasetArgument(data, "links");
    if (!ctx) return kExitFailure;

    const auto report = buildLinksReport(*ctx->links, id, *within, day);
    if (!report) {
        std::fprintf(stderr, "kachin-atlas links: unknown id \"%s\": no feature, event, export, area_id or line_id of "
                             "%s has it\n", id.c_str(), ctx->directory.c_str());
        const auto close = suggestions(ctx->links->dataset(), id);
        if (!close.empty()) {
            std::string list;
            for (const auto& c : close) list += (list.empty() ? "" : ", ") + c;
            std::fprintf(stderr, "  did you mean: %s\n", list.c_str());
        }
        return kExitUsage;
    }
    if (json) std::printf("%s\n", toJson(*report, *ctx->links).dump(2).c_str());
    else std::printf("%s", toText(*report, *ctx->links).c_str());
    return ctx->dataErrors ? kExitDataErrors : kExitOk;
}

}  // namespace atlas::app::cli
