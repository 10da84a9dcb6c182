// kachin-atlas links ID [--date D] [--within 25km] [--format text|json] [--data PATH]
#include "atlas/analysis/reports.h"
#include "atlas/cli/cli_support.h"
#include "atlas/cli/commands.h"
#include "atlas/cli/reporter.h"
#include "atlas/analysis/trade_links.h"
#include "atlas/model/project_file.h"
#include "atlas/render/trade_chart.h"

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

// The trade series of a project tied to `id`: its drops and the events coinciding with them.
nlohmann::ordered_json tradeJson(const std::vector<FeatureTradeLink>& linked, TradeMetric metric)
{
    auto out = nlohmann::ordered_json::array();
    for (const FeatureTradeLink& l : linked) {
        nlohmann::ordered_json t;
        t["hs_code"] = l.track->hsCode();
        t["title"] = l.track->title();
        t["first"] = l.track->first().iso();
        t["last"] = l.track->last().iso();
        auto drops = nlohmann::ordered_json::array();
        for (const TradeDrop& d : l.drops) {
            nlohmann::ordered_json j;
            j["month"] = d.month.iso();
            j["from"] = d.change.from;
            j["to"] = d.change.to;
            j["unit"] = tradeMetricUnit(metric);
            j["mom_percent"] = d.change.percent;
            auto events = nlohmann::ordered_json::array();
            for (const LinkedEvent& e : d.events) events.push_back({{"id", e.event->id}, {"date", e.event->date.iso()}, {"via", e.via}});
            j["events"] = std::move(events);
            drops.push_back(std::move(j));
        }
        t["drops"] = std::move(drops);
        out.push_back(std::move(t));
    }
    return out;
}

std::string tradeText(const std::vector<FeatureTradeLink>& linked, TradeMetric metric)
{
    std::string out = "\nTrade series (imported, tied in the project):\n";
    if (linked.empty()) out += "  none tied to this id\n";
    for (const FeatureTradeLink& l : linked) {
        out += "  " + l.track->title() + " (" + l.track->first().iso() + " – " + l.track->last().iso() + ")\n";
        if (l.drops.empty()) out += "    no fall of 30 % or more month on month\n";
        for (const TradeDrop& d : l.drops) {
            out += "    " + d.month.iso() + " " + formatPercent(d.change.percent) + " (" +
                   render::formatTradeValue(d.change.from, metric).toStdString() + " → " +
                   render::formatTradeValue(d.change.to, metric).toStdString() + ")\n";
            for (const LinkedEvent& e : d.events)
                out += "      " + e.event->date.iso() + "  " + e.event->id + (e.via.empty() ? "" : "  (via " + e.via + ")") + "\n";
        }
    }
    return out;
}

}  // namespace

int runLinks(const QStringList& args, const LoadPolicy& /*policy*/)
{
    const Reporter report("links");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "What is linked to a feature, event, export observation, area_id or line_id, both ways: the ids it names and "
        "the events naming it, events and features within a distance, trade observations, controller and status "
        "history.");
    parser.addHelpOption();
    parser.addOption({"date", "Also give the controller / status on this day, YYYY-MM-DD.", "date"});
    parser.addOption({"within", "Distance for spatial links, e.g. 25km or 500m (default 25km).", "distance", "25km"});
    parser.addOption({"format", "Output format: text or json (default text).", "format", "text"});
    parser.addOption({"project", "A project (.katlas) whose imported trade series and its links are listed too.", "file"});
    parser.addOption({"data", "A dataset directory with the geodata/ schema (default: the bundled data).", "path"});
    addDatasetOption(parser);
    parser.addPositionalArgument("ID", "e.g. place:bhamo, mine:pangwa-belt, event:2024-12-04-bhamo-offensive.", "ID");
    if (!parser.parse(QStringList{"kachin-atlas links"} + args)) {
        return report.usage(parser.errorText());
    }
    if (parser.isSet("help")) {
        printCommandHelp(parser, report);
        return kExitOk;
    }
    if (parser.positionalArguments().size() != 1) {
        return report.usage(QString("expected exactly one ID (see kachin-atlas links --help)"));
    }
    const std::string id = parser.positionalArguments().front().toStdString();
    std::optional<int32_t> day;
    if (parser.isSet("date")) {
        day = parseDayOption(parser.value("date"), report, "--date");
        if (!day) return kExitUsage;
    }
    const auto within = parseDistance(parser.value("within"));
    if (!within) {
        return report.usage(QString("--within: expected a distance such as 25km or 500m, got \"%1\"").arg(parser.value("within")));
    }
    bool json = false;
    if (!parseFormatOption(parser.value("format"), report, json)) return kExitUsage;
    const QStringList data = parser.isSet("data") ? QStringList{parser.value("data")} : datasetArguments(parser);
    const auto ctx = loadDatasetArgument(data, report);
    if (!ctx) return kExitFailure;

    const auto linked = buildLinksReport(*ctx->links, id, *within, day);
    if (!linked) {
        report.say(QString("unknown id \"%1\": no feature, event, export, area_id or line_id of %2 has it").arg(QString::fromStdString(id), QString::fromStdString(ctx->directory)));
        const auto close = suggestions(ctx->links->dataset(), id);
        if (!close.empty()) {
            std::string list;
            for (const auto& c : close) list += (list.empty() ? "" : ", ") + c;
            report.detail(QString("did you mean: %1").arg(QString::fromStdString(list)));
        }
        return kExitUsage;
    }
    std::optional<std::vector<FeatureTradeLink>> trade;
    TradeDocument tradeDoc;
    bool tradeErrors = false;
    if (parser.isSet("project")) {
        const Result<Project> read = readProjectFile(parser.value("project"));
        report.diagnostics(read.diagnostics());  // why it was refused, or what was skipped
        if (!read) return kExitFailure;
        if (read->trade) {
            Diagnostics d;
            tradeDoc = loadTradeDocument(*read->trade, d);
            report.diagnostics(d);
            tradeErrors = d.hasErrors();
            for (const std::string& unknown : unknownLinkedIds(tradeDoc.settings.links, *ctx->links))
                report.warning(QString("%1: trade.links: %2: no such feature in the dataset")
                                   .arg(parser.value("project"), QString::fromStdString(unknown)));
            trade = tradeLinksOf(id, *tradeDoc.series, tradeDoc.settings.links, ctx->links.get(), tradeDoc.settings.metric);
        } else {
            trade.emplace();
        }
    }
    if (json) {
        auto j = toJson(*linked, *ctx->links);
        if (trade) j["trade_series"] = tradeJson(*trade, tradeDoc.settings.metric);
        std::printf("%s\n", j.dump(2).c_str());
    } else {
        std::printf("%s", toText(*linked, *ctx->links).c_str());
        if (trade) std::printf("%s", tradeText(*trade, tradeDoc.settings.metric).c_str());
    }
    return ctx->dataErrors || tradeErrors ? kExitDataErrors : kExitOk;
}

}  // namespace atlas::app::cli
