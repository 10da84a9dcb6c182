#pragma once
// The chart of a monthly trade track, drawn with QPainter on any device: the window's timeline
// draws it in its track band (with the timeline's own day axis) and a page layout draws it as a
// panel under the map (with its own axis, as text), through the same drawTradeChart, so screen
// and export match.
//
// Monthly bars or a line; a gap (no row, or a row without this figure) is a hatched empty
// column, never a zero bar, and the line breaks across it. The clock's month is highlighted;
// the readout gives its value and the changes against the same month a year earlier and the
// month before. Published observations (geodata/exports.csv) of the same reporter, partner and
// unit are drawn beside the series: a month's figure as a diamond on the same scale, a longer
// period (a year, Jan–Nov) as a bracket over its span with its figure written, since a year's
// total is never split into months.
#include "atlas/data/export_series.h"
#include "atlas/data/trade_series.h"

#include <QPainter>
#include <QRectF>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace atlas::render {

enum class TradeChartStyle { Bars, Line };

struct PublishedMark {
    int32_t beginDay = 0;   // [begin, end)
    int32_t endDay = 0;
    double value = 0;
    bool monthly = false;   // one month: drawn on the series' scale
    QString label;          // "≈21,519 t (2020) [S46]"
};

struct TradeChart {
    std::shared_ptr<const TradeSeries> series;  // keeps `track` alive
    const TradeTrack* track = nullptr;
    TradeMetric metric = TradeMetric::Tonnes;
    TradeChartStyle style = TradeChartStyle::Bars;
    std::vector<PublishedMark> published;
    std::optional<int32_t> day;                 // the clock's day: its month is highlighted
};

// How days map to x in the plot.
struct TradeChartFrame {
    QRectF plot;
    double firstDay = 0;
    double lastDay = 1;
    double xOf(double day) const { return plot.left() + (day - firstDay) / (lastDay - firstDay) * plot.width(); }
};

// Published observations matching the track (reporter, partner, flow if both give one) in the
// chart's metric and unit (quantity in t for tonnes; value in USD).
std::vector<PublishedMark> publishedMarksFor(const ExportSeries& exports, const TradeTrack& track, TradeMetric metric);

// "1,500 t", "12.5 M USD"
QString formatTradeValue(double value, TradeMetric metric);
// "May 2024: 1,000 t · vs May 2023 −28.6% · vs Apr 2024 −33.3%"; gaps said as such.
QString tradeReadout(const TradeChart& chart);

// The bars (or line), gaps, published marks, value grid with its labels at the plot's left,
// and the highlighted month, inside frame.plot. `ratio`: device pixels per 96-dpi pixel.
void drawTradeChart(QPainter& p, const TradeChartFrame& frame, const TradeChart& chart, double ratio);

// A page panel in `rect`: the track's title and the readout above, the chart, and a time axis
// (years, months) under it as text. The days shown: the track's months, widened to whole years.
void drawTradeChartPanel(QPainter& p, const QRectF& rect, const TradeChart& chart, double ratio);

}  // namespace atlas::render
