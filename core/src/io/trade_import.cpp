#include "atlas/io/trade_import.h"

#include "atlas/data/csv_table.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>

namespace atlas::io {
namespace {

// The fields that recognise a layout (the import reads more than these, and ignores the rest).
const char* const kComtradeFields[] = {"freqCode", "period", "reporterDesc", "flowDesc", "partnerDesc",
                                       "cmdCode", "cmdDesc", "qtyUnitAbbr", "qty", "netWgt", "primaryValue"};
// The older comtrade.un.org layout (its bulk downloads and /api/get CSV), as its header reads.
const char* const kComtradeLegacyFields[] = {"Classification", "Year", "Period", "Trade Flow", "Reporter", "Partner",
                                             "Commodity Code", "Commodity", "Qty Unit Code", "Qty Unit", "Qty",
                                             "Netweight (kg)", "Trade Value (US$)"};
const char* const kPlainFields[] = {"period", "reporter", "partner", "hs_code", "commodity", "tonnes", "usd", "source"};

std::string trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

struct Number {
    std::optional<double> value;
    std::string error;  // set when the text is not a number we accept
};

// A non-negative decimal number as written by a spreadsheet: "1234", "1234.5", "1.2e6". No
// thousands separators (1,234 and 1.234 mean different things in different locales).
Number parseNumber(std::string_view text)
{
    const std::string t = trim(text);
    if (t.empty()) return {};
    if (t.find(',') != std::string::npos)
        return {std::nullopt, "\"" + t + "\" has a comma: write numbers without thousands separators, '.' for decimals"};
    double v = 0;
    const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || p != t.data() + t.size() || !std::isfinite(v))
        return {std::nullopt, "\"" + t + "\" is not a number"};
    if (v < 0) return {std::nullopt, "\"" + t + "\" is negative; a trade figure is a quantity or a value"};
    return {v, {}};
}

// A number in `unit` as tonnes, when the conversion is exact: t (as is), kg (÷ 1000).
std::optional<double> exactTonnes(double v, const std::string& unit)
{
    const std::string u = lower(unit);
    if (u == "t" || u == "tonnes" || u == "tonne" || u == "mt" /* metric tons */) return v;
    if (u == "kg") return v / 1000.0;
    return std::nullopt;
}

std::string fmtPlain(const std::string& text, const std::string& unit)
{
    return text.empty() ? std::string() : trim(text) + " " + unit;
}

// A figure cell: reports a bad one under `field` and returns nullopt.
std::optional<double> figure(const std::string& text, const char* field, const std::string& path, int line,
                             Diagnostics& d)
{
    const Number n = parseNumber(text);
    if (!n.error.empty()) d.error(path, lineLocation(line), field, n.error + "; figure left out");
    return n.value;
}

// How every layout ends a row: its value cell, then the rule that a row without any figure is
// no month of the series (a gap, never a zero) and is skipped. False when the row is skipped.
bool valueOrGap(TradeRow& r, const CsvTable& table, const CsvRow& cr, const char* valueField, const char* gapField,
                const char* noFigures, Diagnostics& d)
{
    const std::string& text = table.cell(cr, valueField);
    if (const auto usd = figure(text, valueField, table.path(), cr.line, d)) {
        r.usd = usd;
        r.valueText = fmtPlain(text, "USD");
    }
    if (!r.quantityText.empty() || r.usd) return true;
    d.warning(table.path(), lineLocation(cr.line), gapField, std::string(noFigures) + ": the month stays a gap; row skipped");
    return false;
}

std::optional<TradeRow> plainRow(const CsvTable& table, const CsvRow& cr, Diagnostics& d)
{
    const std::string& path = table.path();
    const std::string loc = lineLocation(cr.line);
    TradeRow r;
    r.file = path;
    r.line = cr.line;
    const std::string period = trim(table.cell(cr, "period"));
    const auto month = MonthKey::parse(period);
    if (!month) {
        d.error(path, loc, "period", period.empty() ? "missing; expected a month, YYYY-MM; row skipped"
                                                    : "\"" + period + "\": expected a month, YYYY-MM; row skipped");
        return std::nullopt;
    }
    r.month = *month;
    r.reporter = trim(table.cell(cr, "reporter"));
    r.partner = trim(table.cell(cr, "partner"));
    r.hsCode = trim(table.cell(cr, "hs_code"));
    r.commodity = trim(table.cell(cr, "commodity"));
    r.source = trim(table.cell(cr, "source"));
    if (r.reporter.empty()) {
        d.error(path, loc, "reporter", "missing; row skipped");
        return std::nullopt;
    }
    if (r.hsCode.empty() || !std::all_of(r.hsCode.begin(), r.hsCode.end(), [](unsigned char c) { return std::isdigit(c); })) {
        d.error(path, loc, "hs_code", "\"" + r.hsCode + "\": expected an HS code of digits (2846, 28469019); row skipped");
        return std::nullopt;
    }

    // tonnes: a number, or a number and its unit ("1200 kg").
    const std::string tonnesText = trim(table.cell(cr, "tonnes"));
    if (!tonnesText.empty()) {
        std::string numberPart = tonnesText, unit = "t";
        if (const auto space = tonnesText.find_last_of(' '); space != std::string::npos) {
            numberPart = trim(tonnesText.substr(0, space));
            unit = trim(tonnesText.substr(space + 1));
        }
        if (const auto v = figure(numberPart, "tonnes", path, cr.line, d)) {
            r.quantityText = fmtPlain(numberPart, unit);
            r.tonnes = exactTonnes(*v, unit);
            if (!r.tonnes)
                d.warning(path, loc, "tonnes",
                          "unit \"" + unit + "\" does not convert exactly to tonnes (only t and kg do); kept as given, "
                          "not drawn");
        }
    }
    if (!valueOrGap(r, table, cr, "usd", "tonnes", "no tonnes and no usd", d)) return std::nullopt;
    return r;
}

// The two Comtrade layouts name the same things differently.
struct ComtradeColumns {
    const char* period;
    const char* reporter;
    const char* partner;
    const char* flow;
    const char* code;
    const char* commodity;
    const char* qtyUnit;
    const char* qty;
    const char* netWeight;  // kg by definition in both
    const char* value;      // US$
};
const ComtradeColumns kComtradeColumns{"period", "reporterDesc", "partnerDesc", "flowDesc", "cmdCode",
                                       "cmdDesc", "qtyUnitAbbr", "qty", "netWgt", "primaryValue"};
const ComtradeColumns kComtradeLegacyColumns{"Period", "Reporter", "Partner", "Trade Flow", "Commodity Code",
                                             "Commodity", "Qty Unit", "Qty", "Netweight (kg)", "Trade Value (US$)"};

// False (after a warning) for a row that is not one month: Comtrade's current layout says so in
// freqCode; the legacy one only in its Period, a year (2024) rather than a month (202401).
bool monthlyComtradeRow(const CsvTable& table, const CsvRow& cr, TradeLayout layout, Diagnostics& d)
{
    const std::string loc = lineLocation(cr.line);
    if (layout == TradeLayout::Comtrade) {
        const std::string freq = trim(table.cell(cr, "freqCode"));
        if (freq == "M") return true;
        d.warning(table.path(), loc, "freqCode",
                  "\"" + freq + "\": not a monthly row (M); annual figures are not split into months; row skipped");
        return false;
    }
    const std::string period = trim(table.cell(cr, "Period"));
    if (period.size() != 4 || !std::all_of(period.begin(), period.end(), [](unsigned char c) { return std::isdigit(c); }))
        return true;
    d.warning(table.path(), loc, "Period",
              "\"" + period + "\": a year, not a month (YYYYMM); annual figures are not split into months; row skipped");
    return false;
}

// The unit of the quantity cell: the legacy layout writes it out ("Weight in kilograms"), with
// its WCO code beside it (8 is kg); the current one abbreviates it already.
std::string comtradeQuantityUnit(const CsvTable& table, const CsvRow& cr, TradeLayout layout, const ComtradeColumns& c)
{
    if (layout == TradeLayout::ComtradeLegacy && trim(table.cell(cr, "Qty Unit Code")) == "8") return "kg";
    return trim(table.cell(cr, c.qtyUnit));
}

std::optional<TradeRow> comtradeRow(const CsvTable& table, const CsvRow& cr, TradeLayout layout, Diagnostics& d)
{
    const ComtradeColumns& c = layout == TradeLayout::Comtrade ? kComtradeColumns : kComtradeLegacyColumns;
    const std::string& path = table.path();
    const std::string loc = lineLocation(cr.line);
    if (!monthlyComtradeRow(table, cr, layout, d)) return std::nullopt;
    TradeRow r;
    r.file = path;
    r.line = cr.line;
    const std::string period = trim(table.cell(cr, c.period));
    const auto month = MonthKey::parse(period);
    if (!month) {
        d.error(path, loc, c.period, "\"" + period + "\": expected a month, YYYYMM; row skipped");
        return std::nullopt;
    }
    r.month = *month;
    r.reporter = trim(table.cell(cr, c.reporter));
    r.partner = trim(table.cell(cr, c.partner));
    r.flow = lower(trim(table.cell(cr, c.flow)));
    r.hsCode = trim(table.cell(cr, c.code));
    r.commodity = trim(table.cell(cr, c.commodity));
    r.source = "UN Comtrade";
    if (r.reporter.empty() || r.hsCode.empty()) {
        d.error(path, loc, r.reporter.empty() ? c.reporter : c.code, "missing; row skipped");
        return std::nullopt;
    }

    // Net weight is in kg by definition; qty is in its own unit, which may be no weight at all.
    if (const auto kg = figure(table.cell(cr, c.netWeight), c.netWeight, path, cr.line, d)) {
        r.tonnes = *kg / 1000.0;
        r.quantityText = fmtPlain(table.cell(cr, c.netWeight), "kg");
    } else if (const auto q = figure(table.cell(cr, c.qty), c.qty, path, cr.line, d)) {
        const std::string unit = comtradeQuantityUnit(table, cr, layout, c);
        r.quantityText = fmtPlain(table.cell(cr, c.qty), unit);
        r.tonnes = exactTonnes(*q, unit);
        if (!r.tonnes)
            d.warning(path, loc, c.qtyUnit,
                      "quantity in \"" + unit + "\", not a weight, and no " + c.netWeight + ": no tonnes for " +
                          r.month.iso() + "; kept as given");
    }
    if (!valueOrGap(r, table, cr, c.value, c.value, "no weight and no value", d)) return std::nullopt;
    return r;
}

template <std::size_t N>
bool hasAll(const CsvTable& t, const char* const (&fields)[N])
{
    return std::all_of(std::begin(fields), std::end(fields), [&](const char* f) { return t.hasField(f); });
}

std::optional<TradeFile> fromTable(const CsvTable& table, Diagnostics& d)
{
    TradeFile file;
    file.path = table.path();
    if (hasAll(table, kComtradeFields)) {
        file.layout = TradeLayout::Comtrade;
    } else if (hasAll(table, kComtradeLegacyFields)) {
        file.layout = TradeLayout::ComtradeLegacy;
    } else if (hasAll(table, kPlainFields)) {
        file.layout = TradeLayout::Plain;
    } else {
        std::string missing;
        for (const char* f : kPlainFields)
            if (!table.hasField(f)) missing += (missing.empty() ? "" : ", ") + std::string(f);
        d.error(table.path(), "line 1", "",
                "header is neither UN Comtrade's export (freqCode, period, reporterDesc, cmdCode, netWgt, primaryValue…), "
                "its legacy layout (Classification, Year, Period, Trade Flow, Reporter, Commodity Code, Netweight (kg), "
                "Trade Value (US$)…) "
                "nor the plain monthly layout (" + std::string(kPlainTradeHeader) + "; missing: " + missing + ")");
        return std::nullopt;
    }
    for (const CsvRow& cr : table.rows()) {
        auto row = file.layout == TradeLayout::Plain ? plainRow(table, cr, d) : comtradeRow(table, cr, file.layout, d);
        if (row) file.rows.push_back(std::move(*row));
    }
    return file;
}

}  // namespace

const char* tradeLayoutName(TradeLayout layout)
{
    switch (layout) {
    case TradeLayout::Comtrade: return "UN Comtrade";
    case TradeLayout::ComtradeLegacy: return "UN Comtrade (legacy layout)";
    case TradeLayout::Plain: break;
    }
    return "plain monthly";
}

std::optional<TradeFile> readTradeFile(const std::string& path, Diagnostics& diagnostics)
{
    const auto table = CsvTable::read(path, diagnostics);
    return table ? fromTable(*table, diagnostics) : std::nullopt;
}

std::optional<TradeFile> parseTradeFile(std::string_view text, const std::string& path, Diagnostics& diagnostics)
{
    const auto table = CsvTable::parse(text, path, diagnostics);
    return table ? fromTable(*table, diagnostics) : std::nullopt;
}

TradeSeries importTradeSeries(const std::vector<std::string>& paths, Diagnostics& diagnostics)
{
    std::vector<TradeRow> rows;
    for (const std::string& p : paths)
        if (auto f = readTradeFile(p, diagnostics))
            for (TradeRow& r : f->rows) rows.push_back(std::move(r));
    applyRevisions(rows);
    for (const TradeRow& r : rows)
        if (!r.revises.empty())
            diagnostics.warning(r.file, lineLocation(r.line), "period",
                                r.month.iso() + " HS " + r.hsCode + " revises " + r.revises + "; the later row is used");
    return TradeSeries(std::move(rows));
}

}  // namespace atlas::io
