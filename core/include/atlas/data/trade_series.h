#pragma once
// A monthly trade series as researchers download it (UN Comtrade, China's customs): one figure
// per month and track, a track being one reporter, partner, flow and commodity code. Unlike the
// published observations (export_series.h) these are months only; a month without a row is a
// gap — never zero — and a change against a gap is not known, so it is never computed.
//
// Units are kept as the file gives them (TradeRow keeps the text and unit of each figure);
// tonnes are filled in only where the conversion is exact (t as is, kg ÷ 1000).
#include "atlas/time/interval.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atlas {

// A calendar month: months since year 0 (year * 12 + month - 1), so a year earlier is -12.
class MonthKey {
public:
    constexpr MonthKey() = default;
    static constexpr MonthKey of(int year, unsigned month) { return MonthKey(year * 12 + static_cast<int32_t>(month) - 1); }
    static constexpr MonthKey fromIndex(int32_t index) { return MonthKey(index); }
    // The month a day falls in.
    static MonthKey ofDay(int32_t day);
    // "2024-05", "202405" (Comtrade's period), "2024-5"; blanks around it ignored.
    static std::optional<MonthKey> parse(std::string_view text);

    constexpr int32_t index() const { return m_index; }
    constexpr int year() const { return m_index >= 0 ? m_index / 12 : (m_index - 11) / 12; }
    constexpr unsigned month() const { return static_cast<unsigned>(m_index - year() * 12) + 1; }
    int32_t firstDay() const;
    int32_t endDay() const;  // first day of the next month
    Interval interval() const { return Interval::ofDays(firstDay(), endDay()); }
    std::string iso() const;    // "2024-05"
    std::string label() const;  // "May 2024"

    constexpr MonthKey operator+(int months) const { return MonthKey(m_index + months); }
    constexpr MonthKey operator-(int months) const { return MonthKey(m_index - months); }
    constexpr int operator-(MonthKey other) const { return m_index - other.m_index; }
    constexpr auto operator<=>(const MonthKey&) const = default;

private:
    constexpr explicit MonthKey(int32_t index) : m_index(index) {}
    int32_t m_index = 0;
};

enum class TradeMetric { Tonnes, Usd };
const char* tradeMetricName(TradeMetric m);  // "tonnes", "usd"
const char* tradeMetricUnit(TradeMetric m);  // "t", "USD"

// One row of an imported file: a month's figures for one track, as given.
struct TradeRow {
    MonthKey month;
    std::string reporter, partner, flow;  // flow "" when the layout has none (plain CSV)
    std::string hsCode, commodity;
    std::optional<double> tonnes;     // exact conversions only
    std::optional<double> usd;
    std::string quantityText;         // as written, with its unit: "1200 kg", "35.5 t", "" (none)
    std::string valueText;            // "1234567 USD"
    std::string source;               // the file's source column, or "UN Comtrade"
    std::string file;
    int line = 0;
    // The row this one replaced (same track and month read earlier): "file:line N".
    std::string revises;
};

// The identity of a track: rows of different tracks are never combined.
struct TradeTrackKey {
    std::string reporter, partner, flow, hsCode;
    bool operator==(const TradeTrackKey&) const = default;
    auto operator<=>(const TradeTrackKey&) const = default;
};

struct TradeChange {
    double from = 0, to = 0;
    double percent = 0;  // (to - from) / from × 100
};

class TradeTrack {
public:
    TradeTrack(TradeTrackKey key, std::string commodity, std::vector<const TradeRow*> rows);

    const TradeTrackKey& key() const { return m_key; }
    const std::string& hsCode() const { return m_key.hsCode; }
    const std::string& commodity() const { return m_commodity; }
    // "China ← Myanmar import · HS 2846 rare-earth compounds"
    std::string title() const;
    MonthKey first() const { return m_first; }
    MonthKey last() const { return m_last; }
    // Every month from first() to last(), each its row or nullptr (a gap).
    const std::vector<const TradeRow*>& months() const { return m_months; }

    const TradeRow* row(MonthKey m) const;
    // The figure of a month; nullopt for a gap, a month outside the track, or a row without it.
    std::optional<double> value(MonthKey m, TradeMetric metric) const;
    // Change from month `from` to `to`; nullopt when either is missing or `from` is zero.
    std::optional<TradeChange> change(MonthKey from, MonthKey to, TradeMetric metric) const;
    std::optional<TradeChange> yearOnYear(MonthKey m, TradeMetric metric) const { return change(m - 12, m, metric); }
    std::optional<TradeChange> monthOnMonth(MonthKey m, TradeMetric metric) const { return change(m - 1, m, metric); }
    // Months whose month-on-month change is at or below -thresholdPercent (a fall), in order.
    std::vector<MonthKey> drops(TradeMetric metric, double thresholdPercent = 30) const;
    // The largest figure of the track (0 when it has none).
    double maximum(TradeMetric metric) const;
    // True when at least one month has the metric.
    bool has(TradeMetric metric) const;

private:
    TradeTrackKey m_key;
    std::string m_commodity;
    MonthKey m_first, m_last;
    std::vector<const TradeRow*> m_months;
};

// The rows of one or more files and the tracks they make. A later row for the same track and
// month replaces an earlier one (a revision; the importer reports it).
class TradeSeries {
public:
    TradeSeries() = default;
    explicit TradeSeries(std::vector<TradeRow> rows);
    TradeSeries(const TradeSeries&) = delete;  // tracks point into rows
    TradeSeries& operator=(const TradeSeries&) = delete;
    TradeSeries(TradeSeries&&) = default;
    TradeSeries& operator=(TradeSeries&&) = default;

    const std::vector<TradeRow>& rows() const { return m_rows; }
    // By (hs code, reporter, partner, flow).
    const std::vector<TradeTrack>& tracks() const { return m_tracks; }
    bool empty() const { return m_tracks.empty(); }
    // Tracks of a commodity code (exactly, or codes starting with it: "2846" finds "284690").
    std::vector<const TradeTrack*> tracksOf(std::string_view hsCode) const;
    // The files the rows came from, in the order first read.
    std::vector<std::string> files() const;

private:
    std::vector<TradeRow> m_rows;  // live rows only (revised ones dropped), in reading order
    std::vector<TradeTrack> m_tracks;
};

// Replaces earlier rows of the same track and month by later ones, setting `revises` on the
// later; returns the replaced rows (for the importer's report). Order of the rest is kept.
std::vector<TradeRow> applyRevisions(std::vector<TradeRow>& rows);

// "+12.5%", "−40.0%", "0.0%"
std::string formatPercent(double percent);

}  // namespace atlas
