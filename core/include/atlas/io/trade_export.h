#pragma once
// An imported trade series written out as one monthly table, for `kachin-atlas export-data`
// (beside the map's data) and anyone who wants the months the chart draws in a spreadsheet.
//
// One line per month per track (a track: reporter, partner, flow, commodity code), from the
// track's first month to its last, tracks in the series' order. A month without a row is a
// line with empty figure cells and the note "gap": never 0. tonnes holds only exact conversions
// (t, kg); quantity_as_given and value_as_given keep each figure with the unit the file gave.
// source is the row's source (the file's source column, or "UN Comtrade"); a gap line names the
// sources of its track's rows. row is "file.csv:line N" (the file's name only: an export does
// not carry the folders of the person's disk).
#include "atlas/data/trade_series.h"
#include "atlas/diagnostics.h"

#include <optional>
#include <string>

namespace atlas::io {

inline constexpr const char* kTradeSeriesCsvHeader =
    "month,reporter,partner,flow,hs_code,commodity,tonnes,usd,quantity_as_given,value_as_given,source,row,note";

struct TradeSeriesCsvStats {
    std::size_t tracks = 0;
    std::size_t months = 0;  // lines, gaps included
    std::size_t gaps = 0;
};

// The table; months limited to [from, to] when given (both included).
std::string tradeSeriesCsv(const TradeSeries& series, std::optional<MonthKey> from = std::nullopt,
                           std::optional<MonthKey> to = std::nullopt, TradeSeriesCsvStats* stats = nullptr);

// Writes the table to `path` atomically (a temporary file beside it, renamed into place); false
// with a diagnostic naming the file when it cannot be written.
bool writeTradeSeriesCsv(const std::string& csv, const std::string& path, Diagnostics& diagnostics);

}  // namespace atlas::io
