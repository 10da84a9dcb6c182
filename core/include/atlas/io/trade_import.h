#pragma once
// Reading a monthly trade series from the CSV files researchers download. Three layouts,
// recognised by their header:
//
//  * UN Comtrade's export (comtradeplus.un.org, "Download CSV"): typeCode, freqCode, period
//    (YYYYMM), reporterDesc, flowDesc, partnerDesc, cmdCode, cmdDesc, qtyUnitAbbr, qty, netWgt
//    (kg), primaryValue (US$), … Only monthly rows (freqCode M) make the series; tonnes come
//    from netWgt (kg ÷ 1000), or from qty when its unit is kg or t.
//  * A plain monthly table, as one types GACC's monthly figures into a spreadsheet:
//    period,reporter,partner,hs_code,commodity,tonnes,usd,source — tonnes and usd as numbers
//    (a tonnes cell may give its unit, "1200 kg"; only t and kg are converted, being exact).
//
// A bad row is reported as "file:line N: field: message" and skipped; a row with one bad figure
// keeps the other (the bad one is reported). A later row for the same track and month replaces
// the earlier one and is reported as a revision.
#include "atlas/data/trade_series.h"
#include "atlas/diagnostics.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atlas::io {

enum class TradeLayout { Comtrade, ComtradeLegacy, Plain };
// "UN Comtrade", "UN Comtrade (legacy layout)", "plain monthly"
const char* tradeLayoutName(TradeLayout layout);

struct TradeFile {
    std::string path;
    TradeLayout layout = TradeLayout::Plain;
    std::vector<TradeRow> rows;  // in file order, revisions not yet applied
};

// nullopt (with a diagnostic naming the header) when the file cannot be read or its header is
// neither layout.
std::optional<TradeFile> readTradeFile(const std::string& path, Diagnostics& diagnostics);
std::optional<TradeFile> parseTradeFile(std::string_view text, const std::string& path, Diagnostics& diagnostics);

// Reads every file (in order: a later file revises an earlier one), reports revisions as
// warnings and returns the series of what loaded.
TradeSeries importTradeSeries(const std::vector<std::string>& paths, Diagnostics& diagnostics);

// The plain layout's header, for exports that can be read back.
inline constexpr const char* kPlainTradeHeader = "period,reporter,partner,hs_code,commodity,tonnes,usd,source";

}  // namespace atlas::io
