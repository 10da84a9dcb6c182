#include "atlas/data/trade_series.h"

#include "atlas/civil_date.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>

namespace atlas {
namespace {

const char* const kMonthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

std::optional<int> digits(std::string_view s)
{
    if (s.empty() || s.size() > 4) return std::nullopt;
    int v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

TradeTrackKey keyOf(const TradeRow& r) { return {r.reporter, r.partner, r.flow, r.hsCode}; }

}  // namespace

MonthKey MonthKey::ofDay(int32_t day)
{
    const CivilDate c = civilFromDays(day);
    return of(c.year, c.month);
}

std::optional<MonthKey> MonthKey::parse(std::string_view text)
{
    text = trimmed(text);
    std::optional<int> year, month;
    if (const auto dash = text.find('-'); dash != std::string_view::npos) {
        if (dash != 4) return std::nullopt;
        year = digits(text.substr(0, 4));
        const std::string_view m = text.substr(5);
        if (m.empty() || m.size() > 2) return std::nullopt;
        month = digits(m);
    } else if (text.size() == 6) {
        year = digits(text.substr(0, 4));
        month = digits(text.substr(4, 2));
    }
    if (!year || !month || *month < 1 || *month > 12 || *year < 1000) return std::nullopt;
    return of(*year, static_cast<unsigned>(*month));
}

int32_t MonthKey::firstDay() const { return daysFromCivil(year(), month(), 1); }
int32_t MonthKey::endDay() const { return (*this + 1).firstDay(); }

std::string MonthKey::iso() const
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u", year(), month());
    return buf;
}

std::string MonthKey::label() const { return std::string(kMonthNames[month() - 1]) + " " + std::to_string(year()); }

const char* tradeMetricName(TradeMetric m) { return m == TradeMetric::Tonnes ? "tonnes" : "usd"; }
const char* tradeMetricUnit(TradeMetric m) { return m == TradeMetric::Tonnes ? "t" : "USD"; }

std::string formatPercent(double percent)
{
    char buf[32];
    const double rounded = std::round(percent * 10) / 10;
    if (rounded == 0) return "0.0%";
    // A real minus sign, as print does.
    std::snprintf(buf, sizeof buf, "%s%.1f%%", rounded > 0 ? "+" : "\u2212", std::abs(rounded));
    return buf;
}

// --- TradeTrack ------------------------------------------------------------------------------

TradeTrack::TradeTrack(TradeTrackKey key, std::string commodity, std::vector<const TradeRow*> rows)
    : m_key(std::move(key)), m_commodity(std::move(commodity))
{
    if (rows.empty()) return;
    auto [lo, hi] = std::minmax_element(rows.begin(), rows.end(),
                                        [](const TradeRow* a, const TradeRow* b) { return a->month < b->month; });
    m_first = (*lo)->month;
    m_last = (*hi)->month;
    m_months.assign(static_cast<std::size_t>(m_last - m_first + 1), nullptr);
    for (const TradeRow* r : rows) m_months[static_cast<std::size_t>(r->month - m_first)] = r;
}

std::string TradeTrack::title() const
{
    std::string t = m_key.reporter;
    if (!m_key.partner.empty()) t += " \u2190 " + m_key.partner;  // reporter ← partner
    if (!m_key.flow.empty()) t += " " + m_key.flow;
    t += " \u00b7 HS " + m_key.hsCode;
    if (!m_commodity.empty()) t += " " + m_commodity;
    return t;
}

const TradeRow* TradeTrack::row(MonthKey m) const
{
    if (m_months.empty() || m < m_first || m > m_last) return nullptr;
    return m_months[static_cast<std::size_t>(m - m_first)];
}

std::optional<double> TradeTrack::value(MonthKey m, TradeMetric metric) const
{
    const TradeRow* r = row(m);
    if (!r) return std::nullopt;
    return metric == TradeMetric::Tonnes ? r->tonnes : r->usd;
}

std::optional<TradeChange> TradeTrack::change(MonthKey from, MonthKey to, TradeMetric metric) const
{
    const auto a = value(from, metric), b = value(to, metric);
    if (!a || !b || *a == 0) return std::nullopt;
    return TradeChange{*a, *b, (*b - *a) / *a * 100.0};
}

std::vector<MonthKey> TradeTrack::drops(TradeMetric metric, double thresholdPercent) const
{
    std::vector<MonthKey> out;
    for (MonthKey m = m_first + 1; m <= m_last; m = m + 1)
        if (const auto c = monthOnMonth(m, metric); c && c->percent <= -thresholdPercent) out.push_back(m);
    return out;
}

double TradeTrack::maximum(TradeMetric metric) const
{
    double best = 0;
    for (MonthKey m = m_first; !m_months.empty() && m <= m_last; m = m + 1)
        if (const auto v = value(m, metric)) best = std::max(best, *v);
    return best;
}

bool TradeTrack::has(TradeMetric metric) const
{
    for (const TradeRow* r : m_months)
        if (r && (metric == TradeMetric::Tonnes ? r->tonnes : r->usd)) return true;
    return false;
}

// --- TradeSeries -----------------------------------------------------------------------------

std::vector<TradeRow> applyRevisions(std::vector<TradeRow>& rows)
{
    std::map<std::pair<TradeTrackKey, int32_t>, std::size_t> latest;
    std::vector<bool> replaced(rows.size(), false);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        auto [it, inserted] = latest.try_emplace({keyOf(rows[i]), rows[i].month.index()}, i);
        if (inserted) continue;
        const TradeRow& old = rows[it->second];
        rows[i].revises = old.file + ":line " + std::to_string(old.line);
        replaced[it->second] = true;
        it->second = i;
    }
    std::vector<TradeRow> kept, dropped;
    kept.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) (replaced[i] ? dropped : kept).push_back(std::move(rows[i]));
    rows = std::move(kept);
    return dropped;
}

TradeSeries::TradeSeries(std::vector<TradeRow> rows) : m_rows(std::move(rows))
{
    applyRevisions(m_rows);
    std::map<std::pair<std::string, TradeTrackKey>, std::vector<const TradeRow*>> byTrack;
    for (const TradeRow& r : m_rows) byTrack[{r.hsCode, keyOf(r)}].push_back(&r);
    for (auto& [key, rs] : byTrack) {
        // The description of the latest row names the commodity (files word it differently).
        const auto latest = std::max_element(rs.begin(), rs.end(),
                                             [](const TradeRow* a, const TradeRow* b) { return a->month < b->month; });
        m_tracks.emplace_back(key.second, (*latest)->commodity, rs);
    }
}

std::vector<const TradeTrack*> TradeSeries::tracksOf(std::string_view hsCode) const
{
    std::vector<const TradeTrack*> out;
    for (const TradeTrack& t : m_tracks)
        if (t.hsCode().starts_with(hsCode)) out.push_back(&t);
    return out;
}

std::vector<std::string> TradeSeries::files() const
{
    std::vector<std::string> out;
    for (const TradeRow& r : m_rows)
        if (std::find(out.begin(), out.end(), r.file) == out.end()) out.push_back(r.file);
    return out;
}

}  // namespace atlas
