#include "atlas/io/trade_export.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <vector>

namespace atlas::io {
namespace {

std::string csvCell(const std::string& s)
{
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string number(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

std::string fileName(const std::string& path) { return std::filesystem::path(path).filename().string(); }

// The distinct sources of a track's rows, in order of first appearance.
std::string trackSources(const TradeTrack& t)
{
    std::vector<std::string> seen;
    for (const TradeRow* r : t.months())
        if (r && !r->source.empty() && std::find(seen.begin(), seen.end(), r->source) == seen.end()) seen.push_back(r->source);
    std::string out;
    for (const std::string& s : seen) out += (out.empty() ? "" : "; ") + s;
    return out;
}

}  // namespace

std::string tradeSeriesCsv(const TradeSeries& series, std::optional<MonthKey> from, std::optional<MonthKey> to,
                           TradeSeriesCsvStats* stats)
{
    TradeSeriesCsvStats counted;
    std::string out = std::string(kTradeSeriesCsvHeader) + "\n";
    for (const TradeTrack& t : series.tracks()) {
        const MonthKey first = from ? std::max(*from, t.first()) : t.first();
        const MonthKey last = to ? std::min(*to, t.last()) : t.last();
        if (first > last) continue;
        ++counted.tracks;
        const std::string key = csvCell(t.key().reporter) + "," + csvCell(t.key().partner) + "," + csvCell(t.key().flow) +
                                "," + csvCell(t.hsCode()) + "," + csvCell(t.commodity()) + ",";
        const std::string gapSource = csvCell(trackSources(t));
        for (MonthKey m = first; m <= last; m = m + 1) {
            ++counted.months;
            const TradeRow* r = t.row(m);
            if (!r) {
                ++counted.gaps;
                out += m.iso() + "," + key + ",,,," + gapSource + ",,gap\n";
                continue;
            }
            std::string note;
            if (!r->tonnes && !r->quantityText.empty()) note = "not converted to tonnes";
            if (!r->revises.empty()) {
                const auto colon = r->revises.rfind(":line ");
                const std::string revised = colon == std::string::npos
                                                ? r->revises
                                                : fileName(r->revises.substr(0, colon)) + r->revises.substr(colon);
                note += (note.empty() ? "" : "; ") + std::string("revises ") + revised;
            }
            out += m.iso() + "," + key + (r->tonnes ? number(*r->tonnes) : "") + "," + (r->usd ? number(*r->usd) : "") +
                   "," + csvCell(r->quantityText) + "," + csvCell(r->valueText) + "," + csvCell(r->source) + "," +
                   csvCell(fileName(r->file) + ":line " + std::to_string(r->line)) + "," + csvCell(note) + "\n";
        }
    }
    if (stats) *stats = counted;
    return out;
}

bool writeTradeSeriesCsv(const std::string& csv, const std::string& path, Diagnostics& diagnostics)
{
    const std::filesystem::path target(path);
    const std::filesystem::path partial =
        target.parent_path() / ("." + target.stem().string() + ".partial-" + std::to_string(::getpid()) + ".csv");
    {
        std::ofstream f(partial, std::ios::binary | std::ios::trunc);
        f << csv;
        f.close();
        if (!f) {
            std::error_code ignored;
            std::filesystem::remove(partial, ignored);
            diagnostics.error(path, "", "", "cannot write the trade series table");
            return false;
        }
    }
    std::error_code ec;
    std::filesystem::rename(partial, target, ec);
    if (ec) {
        std::filesystem::remove(partial, ec);
        diagnostics.error(path, "", "", "cannot move the finished file into place: " + ec.message());
        return false;
    }
    return true;
}

}  // namespace atlas::io
