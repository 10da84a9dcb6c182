// Trade series (issue 22) on the made-up fixtures in tests/data/trade (see its README: every
// figure there is invented): both layouts, gaps, revisions, unit mismatches, bad rows, changes
// year on year and month on month, and links of a series to a crossing.
#include "data_test_support.h"

#include "atlas/analysis/trade_links.h"
#include "atlas/io/trade_import.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace atlas;
using atlas::test::bundled;

namespace {

const std::string kPlain = std::string(ATLAS_TEST_DATA_DIR) + "/trade/plain_made_up.csv";
const std::string kComtrade = std::string(ATLAS_TEST_DATA_DIR) + "/trade/comtrade_made_up.csv";
const std::string kLegacy = std::string(ATLAS_TEST_DATA_DIR) + "/trade/comtrade_legacy_made_up.csv";

bool hasMessage(const Diagnostics& d, const std::string& text)
{
    return std::any_of(d.items().begin(), d.items().end(), [&](const Diagnostic& x) { return x.format() == text; });
}

const TradeTrack& onlyTrack(const TradeSeries& s, const char* hs)
{
    const auto tracks = s.tracksOf(hs);
    REQUIRE(tracks.size() == 1);
    return *tracks.front();
}

MonthKey m(int y, unsigned mo) { return MonthKey::of(y, mo); }

}  // namespace

TEST_CASE("MonthKey: parse, neighbours across a year, days", "[core][trade]")
{
    CHECK(MonthKey::parse("2024-05") == m(2024, 5));
    CHECK(MonthKey::parse("202405") == m(2024, 5));
    CHECK(MonthKey::parse(" 2024-5 ") == m(2024, 5));
    CHECK_FALSE(MonthKey::parse("2024-13"));
    CHECK_FALSE(MonthKey::parse("202400"));
    CHECK_FALSE(MonthKey::parse("2024"));
    CHECK_FALSE(MonthKey::parse("May 2024"));
    CHECK(m(2024, 1) - 1 == m(2023, 12));
    CHECK(m(2024, 3) - 12 == m(2023, 3));
    CHECK((m(2024, 12) + 1).iso() == "2025-01");
    CHECK(m(2024, 2).label() == "Feb 2024");
    CHECK(isoDay(m(2024, 2).firstDay()) == "2024-02-01");
    CHECK(isoDay(m(2024, 2).endDay()) == "2024-03-01");
    CHECK(MonthKey::ofDay(m(2024, 2).endDay() - 1) == m(2024, 2));
}

TEST_CASE("Plain layout: rows, a gap, a revision, kg converted, bad rows reported as file:line N: field", "[core][trade]")
{
    Diagnostics d;
    const TradeSeries s = io::importTradeSeries({kPlain}, d);
    const TradeTrack& t = onlyTrack(s, "2846");
    CHECK(t.first() == m(2023, 1));
    CHECK(t.last() == m(2025, 6));
    CHECK(t.months().size() == 30);
    CHECK(t.key().reporter == "China");
    CHECK(t.key().partner == "Myanmar");

    // The missing month is a gap: no value, and no change computed against it or from it.
    CHECK_FALSE(t.value(m(2024, 3), TradeMetric::Tonnes));
    CHECK(t.row(m(2024, 3)) == nullptr);
    CHECK_FALSE(t.monthOnMonth(m(2024, 3), TradeMetric::Tonnes));
    CHECK_FALSE(t.monthOnMonth(m(2024, 4), TradeMetric::Tonnes));
    CHECK_FALSE(t.yearOnYear(m(2025, 3), TradeMetric::Tonnes));  // 2024-03 is the gap
    // Outside the track: nothing either.
    CHECK_FALSE(t.value(m(2022, 12), TradeMetric::Tonnes));
    CHECK_FALSE(t.yearOnYear(m(2023, 6), TradeMetric::Tonnes));

    // 2024-06 is given twice: the later row (line 31) is used and reported.
    REQUIRE(t.value(m(2024, 6), TradeMetric::Tonnes));
    CHECK(*t.value(m(2024, 6), TradeMetric::Tonnes) == 950);
    CHECK(t.row(m(2024, 6))->line == 31);
    CHECK(t.row(m(2024, 6))->revises == kPlain + ":line 18");
    CHECK(hasMessage(d, kPlain + ":line 31: period: 2024-06 HS 2846 revises " + kPlain + ":line 18; the later row is used"));

    // 2025-01 was given as "1000000 kg": exactly 1000 t, the text kept as written.
    CHECK(*t.value(m(2025, 1), TradeMetric::Tonnes) == 1000);
    CHECK(t.row(m(2025, 1))->quantityText == "1000000 kg");
    CHECK(*t.value(m(2025, 1), TradeMetric::Usd) == 10000000);

    // Year on year and month on month, from the rows.
    const auto yoy = t.yearOnYear(m(2024, 5), TradeMetric::Tonnes);
    REQUIRE(yoy);
    CHECK(yoy->from == 1400);
    CHECK(yoy->to == 1000);
    CHECK(formatPercent(yoy->percent) == "\u221228.6%");
    const auto mom = t.monthOnMonth(m(2024, 10), TradeMetric::Tonnes);
    REQUIRE(mom);
    CHECK(mom->percent == -50);
    CHECK(formatPercent(t.monthOnMonth(m(2025, 4), TradeMetric::Tonnes)->percent) == "+20.0%");

    // Drops of 30 % or more month on month; never across the gap.
    const std::vector<MonthKey> drops = t.drops(TradeMetric::Tonnes, 30);
    CHECK(drops == std::vector<MonthKey>{m(2024, 5), m(2024, 10), m(2024, 11), m(2025, 2)});

    // Bad rows: reported with file, line and field, and skipped.
    CHECK(hasMessage(d, kPlain + ":line 34: period: \"2024-13\": expected a month, YYYY-MM; row skipped"));
    CHECK(hasMessage(d, kPlain + ":line 35: hs_code: \"28x6\": expected an HS code of digits (2846, 28469019); row skipped"));
    CHECK(hasMessage(d, kPlain + ":line 36: tonnes: \"1,200\" has a comma: write numbers without thousands separators, "
                                 "'.' for decimals; figure left out"));
    CHECK(hasMessage(d, kPlain + ":line 37: tonnes: \"-5\" is negative; a trade figure is a quantity or a value; "
                                 "figure left out"));
    CHECK(hasMessage(d, kPlain + ":line 37: tonnes: no tonnes and no usd: the month stays a gap; row skipped"));
}

TEST_CASE("Plain layout: a quantity in a unit that does not convert exactly is kept as given and not drawn", "[core][trade]")
{
    Diagnostics d;
    const TradeSeries s = io::importTradeSeries({kPlain}, d);
    const TradeTrack& t = onlyTrack(s, "2805");
    const TradeRow* june = t.row(m(2023, 6));
    REQUIRE(june);
    CHECK(june->quantityText == "300 bags");
    CHECK_FALSE(june->tonnes);
    CHECK(*june->usd == 3000000);
    CHECK(hasMessage(d, kPlain + ":line 32: tonnes: unit \"bags\" does not convert exactly to tonnes (only t and kg "
                                 "do); kept as given, not drawn"));
    // No tonnes in June, so no change into July in tonnes; the value in USD has one.
    CHECK_FALSE(t.monthOnMonth(m(2023, 7), TradeMetric::Tonnes));
    CHECK(t.monthOnMonth(m(2023, 7), TradeMetric::Usd)->percent == Approx(-66.6667).epsilon(1e-4));
    // Line 36's bad tonnes left its usd.
    const TradeRow* sept = t.row(m(2024, 9));
    REQUIRE(sept);
    CHECK_FALSE(sept->tonnes);
    CHECK(*sept->usd == 1000000);
}

TEST_CASE("UN Comtrade export: recognised by its header, netWgt in kg, items are no weight, annual rows skipped", "[core][trade]")
{
    Diagnostics d;
    const auto file = io::readTradeFile(kComtrade, d);
    REQUIRE(file);
    CHECK(file->layout == io::TradeLayout::Comtrade);

    Diagnostics d2;
    const TradeSeries s = io::importTradeSeries({kComtrade}, d2);
    const TradeTrack& t = onlyTrack(s, "284690");
    CHECK(t.key().flow == "import");
    CHECK(t.key().partner == "Myanmar");
    CHECK(t.first() == m(2024, 1));
    CHECK(t.last() == m(2024, 6));
    CHECK(*t.value(m(2024, 1), TradeMetric::Tonnes) == 2000);
    CHECK(t.row(m(2024, 1))->quantityText == "2000000 kg");
    CHECK(*t.value(m(2024, 1), TradeMetric::Usd) == 20000000);
    CHECK_FALSE(t.row(m(2024, 3)));  // missing month: a gap
    // 202405: 40 items, no net weight — a value but no tonnes.
    const TradeRow* may = t.row(m(2024, 5));
    REQUIRE(may);
    CHECK_FALSE(may->tonnes);
    CHECK(may->quantityText == "40 u");
    CHECK(hasMessage(d2, kComtrade + ":line 5: qtyUnitAbbr: quantity in \"u\", not a weight, and no netWgt: no tonnes "
                                     "for 2024-05; kept as given"));
    CHECK(hasMessage(d2, kComtrade + ":line 7: freqCode: \"A\": not a monthly row (M); annual figures are not split "
                                     "into months; row skipped"));
    CHECK(*t.value(m(2024, 6), TradeMetric::Tonnes) == 950);
    CHECK(hasMessage(d2, kComtrade + ":line 8: period: 2024-06 HS 284690 revises " + kComtrade +
                             ":line 6; the later row is used"));
    // A prefix finds the six-digit code.
    CHECK(s.tracksOf("2846").size() == 1);
}

TEST_CASE("UN Comtrade legacy layout: recognised by its header, the same rows and the same checks", "[core][trade]")
{
    Diagnostics d;
    const auto file = io::readTradeFile(kLegacy, d);
    REQUIRE(file);
    CHECK(file->layout == io::TradeLayout::ComtradeLegacy);
    CHECK(std::string(io::tradeLayoutName(file->layout)) == "UN Comtrade (legacy layout)");

    Diagnostics d2;
    const TradeSeries s = io::importTradeSeries({kLegacy}, d2);
    const TradeTrack& t = onlyTrack(s, "284690");
    // The same track key as Comtrade Plus gives: a legacy file and a new one revise each other.
    CHECK(t.key() == TradeTrackKey{"China", "Myanmar", "import", "284690"});
    CHECK(t.first() == m(2024, 1));
    CHECK(t.last() == m(2024, 5));
    // Line 9 revises line 2.
    CHECK(*t.value(m(2024, 1), TradeMetric::Tonnes) == 1250);
    CHECK(t.row(m(2024, 1))->revises == kLegacy + ":line 2");
    CHECK(t.row(m(2024, 1))->quantityText == "1250000 kg");
    CHECK(t.row(m(2024, 1))->source == "UN Comtrade");
    // No net weight, Qty in unit code 8: kg, converted exactly.
    CHECK(*t.value(m(2024, 2), TradeMetric::Tonnes) == 1100);
    CHECK(t.row(m(2024, 2))->quantityText == "1100000 kg");
    CHECK_FALSE(t.row(m(2024, 3)));  // no row: a gap
    const TradeRow* april = t.row(m(2024, 4));
    REQUIRE(april);
    CHECK_FALSE(april->tonnes);
    CHECK(april->quantityText == "30 Number of items");
    CHECK(*april->usd == 9000000);
    // Line 6 keeps its weight; its value is reported and left out.
    CHECK(*t.value(m(2024, 5), TradeMetric::Tonnes) == 500);
    CHECK_FALSE(t.value(m(2024, 5), TradeMetric::Usd));

    std::vector<std::string> messages;
    for (const Diagnostic& x : d2.items()) messages.push_back(x.format());
    CHECK(messages == std::vector<std::string>{
        kLegacy + ":line 4: Qty Unit: quantity in \"Number of items\", not a weight, and no Netweight (kg): no tonnes "
                  "for 2024-04; kept as given",
        kLegacy + ":line 5: Period: \"2024\": a year, not a month (YYYYMM); annual figures are not split into months; "
                  "row skipped",
        kLegacy + ":line 6: Trade Value (US$): \"1,500\" has a comma: write numbers without thousands separators, '.' "
                  "for decimals; figure left out",
        kLegacy + ":line 7: Period: \"202413\": expected a month, YYYYMM; row skipped",
        kLegacy + ":line 8: Trade Value (US$): no weight and no value: the month stays a gap; row skipped",
        kLegacy + ":line 9: period: 2024-01 HS 284690 revises " + kLegacy + ":line 2; the later row is used",
    });
    CHECK(d2.hasErrors());
}

TEST_CASE("A later file revises an earlier one, a header of neither layout is refused", "[core][trade]")
{
    Diagnostics d;
    const auto bad = io::parseTradeFile("date,country,amount\n2024-01,X,5\n", "odd.csv", d);
    CHECK_FALSE(bad);
    REQUIRE(d.size() == 1);
    CHECK(d.items().front().format().starts_with("odd.csv:line 1: header is neither UN Comtrade's export"));

    Diagnostics d2;
    const std::string a = "period,reporter,partner,hs_code,commodity,tonnes,usd,source\n"
                          "2024-01,R,P,2846,c,10,,test\n2024-02,R,P,2846,c,20,,test\n";
    const std::string b = "period,reporter,partner,hs_code,commodity,tonnes,usd,source\n2024-02,R,P,2846,c,25,,test\n";
    auto fa = io::parseTradeFile(a, "a.csv", d2);
    auto fb = io::parseTradeFile(b, "b.csv", d2);
    REQUIRE((fa && fb));
    std::vector<TradeRow> rows = fa->rows;
    rows.insert(rows.end(), fb->rows.begin(), fb->rows.end());
    const TradeSeries s(std::move(rows));
    const TradeTrack& t = onlyTrack(s, "2846");
    CHECK(*t.value(m(2024, 2), TradeMetric::Tonnes) == 25);
    CHECK(t.row(m(2024, 2))->revises == "a.csv:line 3");
    CHECK(t.monthOnMonth(m(2024, 2), TradeMetric::Tonnes)->percent == 150);
}

TEST_CASE("Links: a series tied to Kanpaikti shows the events coinciding with its drops", "[core][trade][links]")
{
    Diagnostics d;
    const TradeSeries s = io::importTradeSeries({kPlain}, d);
    TradeLinkMap map;
    map.set("2846", {"crossing:kanpaikti", "mine:kanpaikti-hub", "crossing:kanpaikti"});
    CHECK(map.featuresOf("2846").size() == 2);  // repeats dropped
    CHECK(map.hsCodesOf("crossing:kanpaikti") == std::vector<std::string>{"2846"});
    CHECK(unknownLinkedIds(map, *bundled().links).empty());

    const auto linked = tradeLinksOf("crossing:kanpaikti", s, map, bundled().links.get());
    REQUIRE(linked.size() == 1);
    CHECK(linked[0].track->hsCode() == "2846");
    REQUIRE(linked[0].drops.size() == 4);
    const TradeDrop& oct = linked[0].drops[1];
    CHECK(oct.month == m(2024, 10));
    std::vector<std::string> ids;
    for (const auto& e : oct.events) ids.push_back(e.event->id);
    CHECK(ids == std::vector<std::string>{"event:2024-10-bgf-1003-hq-falls",  // "~21 Oct": a month (issue 17)
                                          "event:2024-10-22-china-closes-kachin-crossings"});
    // November's drop also coincides with the capture of Kanpaikti on 20 Nov.
    const TradeDrop& nov = linked[0].drops[2];
    CHECK(std::any_of(nov.events.begin(), nov.events.end(),
                      [](const LinkedEvent& e) { return e.event->id == "event:2024-11-20-kanpaikti-captured"; }));
    // May 2024: nothing tied to Kanpaikti in April or May.
    CHECK(linked[0].drops[0].events.empty());

    TradeLinkMap wrong;
    wrong.set("2846", {"crossing:nowhere"});
    CHECK(unknownLinkedIds(wrong, *bundled().links) == std::vector<std::string>{"crossing:nowhere"});
    CHECK(tradeLinksOf("crossing:lweje", s, map, bundled().links.get()).empty());
}
