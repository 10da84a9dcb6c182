// kachin-atlas series FILE… [--hs 2846,2805] [--from YYYY-MM] [--to YYYY-MM] [--metric tonnes|usd]
//                          [--format text|json|csv]
// The monthly table of an imported trade series with its year-on-year and month-on-month
// changes; gaps printed as gaps. csv writes the plain monthly layout (readable back by the
// importer and the window), one row per month with a figure.
#include "atlas/cli/cli_support.h"
#include "atlas/cli/reporter.h"
#include "atlas/cli/commands.h"
#include "atlas/io/trade_import.h"

#include <nlohmann/json.hpp>

#include <QCommandLineParser>

#include <cstdio>

namespace atlas::app::cli {
namespace {

std::string percentOrEmpty(const std::optional<TradeChange>& c) { return c ? formatPercent(c->percent) : ""; }

std::string csvCell(const std::string& s)
{
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// Right-aligned in `width` characters (UTF-8 aware: "−" and "—" are one character each).
std::string padLeft(const std::string& s, std::size_t width)
{
    std::size_t chars = 0;
    for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
    return chars >= width ? s : std::string(width - chars, ' ') + s;
}

std::string number(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

}  // namespace

int runSeries(const QStringList& args, const LoadPolicy& /*policy*/)
{
    const Reporter report("series");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Prints the monthly table of a trade series read from CSV files in UN Comtrade's export layout (current or "
        "legacy) or the plain monthly layout (period,reporter,partner,hs_code,commodity,tonnes,usd,source), with the "
        "change against the "
        "same month a year earlier (YoY) and the month before (MoM). A month without a row is a gap, never zero. "
        "Later files revise earlier ones.");
    parser.addHelpOption();
    parser.addOption({"hs", "Only these commodity codes (prefixes), comma-separated, e.g. 2846,2805.", "codes"});
    parser.addOption({"from", "First month, YYYY-MM.", "month"});
    parser.addOption({"to", "Last month, YYYY-MM.", "month"});
    parser.addOption({"metric", "Changes computed on tonnes or usd (default tonnes).", "metric", "tonnes"});
    parser.addOption({"format", "text, json or csv (default text).", "format", "text"});
    parser.addPositionalArgument("FILE", "CSV files (UN Comtrade export, current or legacy, or plain monthly layout).", "FILE…");
    if (!parser.parse(QStringList{"kachin-atlas series"} + args)) {
        return report.usage(parser.errorText());
    }
    if (parser.isSet("help")) {
        printCommandHelp(parser, report);
        return kExitOk;
    }
    if (parser.positionalArguments().isEmpty()) {
        return report.usage(QString("expected at least one FILE (see kachin-atlas series --help)"));
    }
    std::optional<MonthKey> from, to;
    for (const char* name : {"from", "to"}) {
        if (!parser.isSet(name)) continue;
        const auto m = MonthKey::parse(parser.value(name).toStdString());
        if (!m) {
            return report.usage(QString("--%1: expected a month, YYYY-MM, got \"%2\"").arg(name, parser.value(name)));
        }
        (std::string(name) == "from" ? from : to) = m;
    }
    const QString metricText = parser.value("metric");
    if (metricText != "tonnes" && metricText != "usd") {
        return report.usage(QString("--metric: expected tonnes or usd, got \"%1\"").arg(metricText));
    }
    const TradeMetric metric = metricText == "usd" ? TradeMetric::Usd : TradeMetric::Tonnes;
    const QString format = parser.value("format");
    if (format != "text" && format != "json" && format != "csv") {
        return report.usage(QString("--format: expected text, json or csv, got \"%1\"").arg(format));
    }
    std::vector<std::string> codes;
    for (const QString& c : parser.value("hs").split(',', Qt::SkipEmptyParts)) codes.push_back(c.trimmed().toStdString());

    std::vector<std::string> paths;
    for (const QString& f : parser.positionalArguments()) paths.push_back(f.toStdString());
    Diagnostics diagnostics;
    const TradeSeries series = io::importTradeSeries(paths, diagnostics);
    report.diagnostics(diagnostics);

    std::vector<const TradeTrack*> tracks;
    for (const TradeTrack& t : series.tracks())
        if (codes.empty() || std::any_of(codes.begin(), codes.end(), [&](const std::string& c) { return t.hsCode().starts_with(c); }))
            tracks.push_back(&t);

    nlohmann::ordered_json json = nlohmann::ordered_json::array();
    std::string out;
    if (format == "csv") out = std::string(io::kPlainTradeHeader) + "\n";
    for (const TradeTrack* t : tracks) {
        const MonthKey first = from ? std::max(*from, t->first()) : t->first();
        const MonthKey last = to ? std::min(*to, t->last()) : t->last();
        nlohmann::ordered_json months = nlohmann::ordered_json::array();
        if (format == "text") {
            out += t->title() + "\n";
            char head[160];
            std::snprintf(head, sizeof head, "  %-8s  %16s  %18s  %9s  %9s  %s\n", "month", "quantity", "value", "YoY",
                          "MoM", "note");
            out += head;
        }
        for (MonthKey m = first; m <= last; m = m + 1) {
            const TradeRow* r = t->row(m);
            const std::string yoy = percentOrEmpty(t->yearOnYear(m, metric));
            const std::string mom = percentOrEmpty(t->monthOnMonth(m, metric));
            std::string note;
            if (!r) note = "gap (no row)";
            else if (metric == TradeMetric::Tonnes && !r->tonnes && !r->quantityText.empty()) note = "not converted to tonnes";
            if (r && !r->revises.empty()) note += (note.empty() ? "" : "; ") + std::string("revises ") + r->revises;
            if (format == "text") {
                out += "  " + m.iso() + "  " + padLeft(r ? r->quantityText : "—", 16) + "  " +
                       padLeft(r ? r->valueText : "—", 18) + "  " + padLeft(yoy, 9) + "  " + padLeft(mom, 9) + "  " +
                       note + "\n";
            } else if (format == "json") {
                nlohmann::ordered_json j;
                j["month"] = m.iso();
                j["tonnes"] = r && r->tonnes ? nlohmann::ordered_json(*r->tonnes) : nlohmann::ordered_json();
                j["usd"] = r && r->usd ? nlohmann::ordered_json(*r->usd) : nlohmann::ordered_json();
                j["quantity_as_given"] = r ? r->quantityText : "";
                j["gap"] = r == nullptr;
                const auto y = t->yearOnYear(m, metric), mo = t->monthOnMonth(m, metric);
                j["yoy_percent"] = y ? nlohmann::ordered_json(y->percent) : nlohmann::ordered_json();
                j["mom_percent"] = mo ? nlohmann::ordered_json(mo->percent) : nlohmann::ordered_json();
                if (r) j["source"] = r->file + ":line " + std::to_string(r->line);
                if (r && !r->revises.empty()) j["revises"] = r->revises;
                months.push_back(std::move(j));
            } else if (r) {
                out += m.iso() + "," + csvCell(t->key().reporter) + "," + csvCell(t->key().partner) + "," + t->hsCode() +
                       "," + csvCell(t->commodity()) + "," + (r->tonnes ? number(*r->tonnes) : r->quantityText) + "," +
                       (r->usd ? number(*r->usd) : "") + "," + csvCell(r->source) + "\n";
            }
        }
        if (format == "json") {
            nlohmann::ordered_json j;
            j["title"] = t->title();
            j["reporter"] = t->key().reporter;
            j["partner"] = t->key().partner;
            j["flow"] = t->key().flow;
            j["hs_code"] = t->hsCode();
            j["commodity"] = t->commodity();
            j["metric"] = tradeMetricName(metric);
            j["months"] = std::move(months);
            json.push_back(std::move(j));
        } else if (format == "text") {
            out += "\n";
        }
    }
    if (format == "json") out = json.dump(2) + "\n";
    std::fputs(out.c_str(), stdout);
    if (tracks.empty()) report.say(QString("no track matched"));
    return diagnostics.hasErrors() ? kExitDataErrors : kExitOk;
}

}  // namespace atlas::app::cli
