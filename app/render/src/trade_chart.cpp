#include "atlas/render/trade_chart.h"

#include "atlas/civil_date.h"
#include "atlas/render/palette.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainterPath>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace atlas::render {
namespace {

const QColor kSeriesColor{0, 114, 178};        // Okabe–Ito blue
const QColor kHighlightColor{213, 94, 0};      // vermillion: the clock's month
const QColor kPublishedColor{204, 121, 167};   // reddish purple: published observations
const QColor kGapColor{150, 150, 150};
const QColor kGridColor{225, 225, 225};
const QColor kTextColor{70, 70, 70};

QFont fontPx(double px, bool bold = false)
{
    QFont f;
    f.setPixelSize(std::max(1, static_cast<int>(std::lround(px))));
    f.setBold(bold);
    return f;
}

std::string lowerText(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// 1, 2 or 5 × 10^k, at least `raw`.
double niceStep(double raw)
{
    if (raw <= 0) return 1;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double f : {1.0, 2.0, 5.0, 10.0})
        if (f * mag >= raw) return f * mag;
    return 10 * mag;
}

struct Scale {
    double top = 1;   // value at the plot's top
    double step = 1;  // grid step
};

Scale scaleFor(const TradeChart& chart)
{
    double maxValue = chart.track ? chart.track->maximum(chart.metric) : 0;
    for (const PublishedMark& m : chart.published)
        if (m.monthly) maxValue = std::max(maxValue, m.value);
    if (maxValue <= 0) return {};
    const double step = niceStep(maxValue / 4);
    // Headroom above the highest bar, so the top grid label stays inside the plot.
    return {std::ceil(maxValue * 1.08 / step) * step, step};
}

double yOf(const QRectF& plot, const Scale& s, double v) { return plot.bottom() - v / s.top * plot.height(); }

void drawHatch(QPainter& p, const QRectF& r, double ratio)
{
    p.save();
    p.setClipRect(r);
    p.setPen(QPen(kGapColor, 1 * ratio));
    const double step = 5 * ratio;
    for (double x = r.left() - r.height(); x < r.right(); x += step)
        p.drawLine(QPointF(x, r.bottom()), QPointF(x + r.height(), r.top()));
    p.restore();
}

}  // namespace

std::vector<PublishedMark> publishedMarksFor(const ExportSeries& exports, const TradeTrack& track, TradeMetric metric)
{
    std::vector<PublishedMark> out;
    const std::string reporter = lowerText(track.key().reporter), partner = lowerText(track.key().partner);
    const std::string flow = lowerText(track.key().flow);
    for (const ExportObservation& o : exports.all()) {
        const bool sameUnit = metric == TradeMetric::Tonnes ? (o.metric == "quantity" && o.unit == "t")
                                                            : (o.metric == "value" && o.unit == "USD");
        if (!sameUnit || !o.span.begin || !o.span.end) continue;
        if (lowerText(o.reporter) != reporter || lowerText(o.partner) != partner) continue;
        if (!flow.empty() && !o.flow.empty() && lowerText(o.flow) != flow) continue;
        PublishedMark m;
        m.beginDay = *o.span.begin;
        m.endDay = *o.span.end;
        m.value = o.value;
        m.monthly = !o.periodEnd && o.period.precision() == Date::Precision::Month;
        m.label = QString("%1%2 (%3)").arg(QString::fromStdString(o.qualifier), formatTradeValue(o.value, metric),
                                           QString::fromStdString(o.periodLabel()));
        if (!o.sources.empty()) m.label += QString(" [%1]").arg(QString::fromStdString(o.sources.front()));
        out.push_back(std::move(m));
    }
    return out;
}

QString formatTradeValue(double value, TradeMetric metric)
{
    const QLocale c(QLocale::English);
    if (metric == TradeMetric::Tonnes) return c.toString(value, 'f', value < 10 && value != std::floor(value) ? 1 : 0) + " t";
    if (value >= 1e6) return c.toString(value / 1e6, 'f', 1) + " M USD";
    return c.toString(value, 'f', 0) + " USD";
}

QString tradeReadout(const TradeChart& chart)
{
    if (!chart.track || !chart.day) return {};
    const MonthKey m = MonthKey::ofDay(*chart.day);
    const QString month = QString::fromStdString(m.label());
    const auto v = chart.track->value(m, chart.metric);
    if (!v) {
        const TradeRow* r = chart.track->row(m);
        if (r && !r->quantityText.empty() && chart.metric == TradeMetric::Tonnes)
            return QString("%1: %2 (not converted to tonnes)").arg(month, QString::fromStdString(r->quantityText));
        if (m < chart.track->first() || m > chart.track->last()) return QString("%1: outside the series").arg(month);
        return QString("%1: no data (a gap)").arg(month);
    }
    auto change = [&](const std::optional<TradeChange>& c, MonthKey other) {
        const QString against = QString::fromStdString((other).label());
        return c ? QString("vs %1 %2").arg(against, QString::fromStdString(formatPercent(c->percent)))
                 : QString("vs %1 n/a").arg(against);
    };
    return QString("%1: %2 \u00b7 %3 \u00b7 %4")
        .arg(month, formatTradeValue(*v, chart.metric), change(chart.track->yearOnYear(m, chart.metric), m - 12),
             change(chart.track->monthOnMonth(m, chart.metric), m - 1));
}

void drawTradeChart(QPainter& p, const TradeChartFrame& frame, const TradeChart& chart, double ratio)
{
    if (!chart.track) return;
    const QRectF plot = frame.plot;
    const Scale scale = scaleFor(chart);
    p.save();
    p.setClipRect(plot.adjusted(-1, -1, 1, 1));
    p.setRenderHint(QPainter::Antialiasing);

    // Value grid and its labels.
    p.setFont(fontPx(9.5 * ratio));
    const QFontMetricsF fm(p.font());
    for (double v = 0; v <= scale.top + scale.step / 2; v += scale.step) {
        const double y = yOf(plot, scale, v);
        p.setPen(QPen(v == 0 ? kGapColor : kGridColor, 1 * ratio));
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
    }

    const TradeTrack& t = *chart.track;
    const std::optional<MonthKey> current = chart.day ? std::optional(MonthKey::ofDay(*chart.day)) : std::nullopt;
    QPainterPath line;
    bool penDown = false;
    for (MonthKey m = t.first(); m <= t.last(); m = m + 1) {
        const double x0 = frame.xOf(m.firstDay()), x1 = frame.xOf(m.endDay());
        if (x1 < plot.left() || x0 > plot.right()) { penDown = false; continue; }
        const double pad = std::min(1.5 * ratio, (x1 - x0) * 0.15);
        const QRectF column(QPointF(x0 + pad, plot.top()), QPointF(std::max(x0 + pad + 1, x1 - pad), plot.bottom()));
        const auto v = t.value(m, chart.metric);
        const bool isCurrent = current && *current == m;
        if (!v) {
            drawHatch(p, column, ratio);
            penDown = false;
            continue;
        }
        const double y = yOf(plot, scale, *v);
        const QColor c = isCurrent ? kHighlightColor : kSeriesColor;
        if (chart.style == TradeChartStyle::Bars) {
            p.setPen(Qt::NoPen);
            QColor fill = c;
            if (!isCurrent) fill.setAlpha(190);
            p.setBrush(fill);
            p.drawRect(QRectF(QPointF(column.left(), y), QPointF(column.right(), plot.bottom())));
        } else {
            const QPointF pt((x0 + x1) / 2, y);
            if (penDown) line.lineTo(pt);
            else line.moveTo(pt);
            penDown = true;
            if (isCurrent) {
                p.setPen(Qt::NoPen);
                p.setBrush(c);
                p.drawEllipse(pt, 3.5 * ratio, 3.5 * ratio);
            }
        }
    }
    if (chart.style == TradeChartStyle::Line) {
        p.setPen(QPen(kSeriesColor, 1.8 * ratio));
        p.setBrush(Qt::NoBrush);
        p.drawPath(line);
    }
    // The highlighted month's outline, also over a gap, so the clock is always visible.
    if (current) {
        const double x0 = frame.xOf(current->firstDay()), x1 = frame.xOf(current->endDay());
        p.setPen(QPen(kHighlightColor, 1.2 * ratio, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(QPointF(x0, plot.top() + 0.5), QPointF(x1, plot.bottom())));
    }

    // Published observations beside the series.
    p.setFont(fontPx(9 * ratio));
    double bracketY = plot.top() + 3 * ratio;
    for (const PublishedMark& m : chart.published) {
        const double x0 = frame.xOf(m.beginDay), x1 = frame.xOf(m.endDay);
        if (x1 < plot.left() || x0 > plot.right()) continue;
        p.setPen(QPen(kPublishedColor.darker(120), 1.2 * ratio));
        if (m.monthly && m.value <= scale.top) {
            const QPointF c((x0 + x1) / 2, yOf(plot, scale, m.value));
            const double r = 4 * ratio;
            p.setBrush(kPublishedColor);
            p.drawPolygon(QPolygonF({c + QPointF(0, -r), c + QPointF(r, 0), c + QPointF(0, r), c + QPointF(-r, 0)}));
        } else {
            p.drawLine(QPointF(x0, bracketY), QPointF(x1, bracketY));
            p.drawLine(QPointF(x0, bracketY - 2 * ratio), QPointF(x0, bracketY + 2 * ratio));
            p.drawLine(QPointF(x1, bracketY - 2 * ratio), QPointF(x1, bracketY + 2 * ratio));
            p.drawText(QPointF(std::max(plot.left(), x0) + 2 * ratio, bracketY + fm.ascent() + 1 * ratio), m.label);
            bracketY += fm.height() + 2 * ratio;
            if (bracketY > plot.center().y()) bracketY = plot.top() + 3 * ratio;
        }
    }

    // Value labels last, over the bars, on a light backing.
    p.setFont(fontPx(9.5 * ratio));
    // In a low band (the timeline's), label every second or fourth line so labels never overlap.
    const double stepPx = scale.step / scale.top * plot.height();
    const int every = stepPx >= fm.height() ? 1 : stepPx * 2 >= fm.height() ? 2 : 4;
    int index = 0;
    for (double v = scale.step; v <= scale.top + scale.step / 2; v += scale.step) {
        if (++index % every != 0) continue;
        const QString text = formatTradeValue(v, chart.metric);
        const double y = yOf(plot, scale, v);
        const QRectF box(plot.left() + 2 * ratio, y - fm.height() / 2, fm.horizontalAdvance(text) + 4 * ratio, fm.height());
        p.fillRect(box, QColor(255, 255, 255, 200));
        p.setPen(kTextColor);
        p.drawText(box, Qt::AlignCenter, text);
    }
    p.restore();
}

void drawTradeChartPanel(QPainter& p, const QRectF& rect, const TradeChart& chart, double ratio)
{
    if (!chart.track) return;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    const QFont titleFont = fontPx(11.5 * ratio, true);
    const QFont textFont = fontPx(10 * ratio);
    const QFontMetricsF tfm(titleFont), fm(textFont);

    // Title and readout on one line above the chart.
    const QString title = QString::fromStdString(chart.track->title()) +
                          QString(", %1 by month").arg(chart.metric == TradeMetric::Tonnes ? "tonnes" : "US$");
    p.setFont(titleFont);
    p.setPen(QColor(20, 20, 20));
    p.drawText(QPointF(rect.left(), rect.top() + tfm.ascent()), tfm.elidedText(title, Qt::ElideRight, rect.width() * 0.55));
    const QString readout = tradeReadout(chart);
    p.setFont(textFont);
    p.setPen(kHighlightColor.darker(115));
    p.drawText(QRectF(rect.left() + rect.width() * 0.55, rect.top(), rect.width() * 0.45, tfm.height()),
               Qt::AlignRight | Qt::AlignVCenter, fm.elidedText(readout, Qt::ElideRight, rect.width() * 0.45));

    const double axisH = 2 * fm.height() + 4 * ratio;
    const double legendH = fm.height() + 2 * ratio;
    TradeChartFrame frame;
    frame.plot = QRectF(rect.left(), rect.top() + tfm.height() + 4 * ratio, rect.width(),
                        std::max(10.0, rect.height() - tfm.height() - 4 * ratio - axisH - legendH));
    const MonthKey first = MonthKey::of(chart.track->first().year(), 1);
    const MonthKey last = MonthKey::of(chart.track->last().year(), 12);
    frame.firstDay = first.firstDay();
    frame.lastDay = last.endDay();
    p.setPen(QPen(QColor(200, 200, 200), 1 * ratio));
    p.setBrush(Qt::NoBrush);
    p.drawRect(frame.plot);
    drawTradeChart(p, frame, chart, ratio);

    // Time axis as text: month initials when there is room, and the years.
    p.setFont(textFont);
    const double axisTop = frame.plot.bottom() + 2 * ratio;
    const bool monthLabels = frame.plot.width() / (last - first + 1) > fm.horizontalAdvance("M") + 3 * ratio;
    static const char* const initials = "JFMAMJJASOND";
    for (MonthKey m = first; m <= last; m = m + 1) {
        const double x0 = frame.xOf(m.firstDay()), x1 = frame.xOf(m.endDay());
        p.setPen(QPen(QColor(150, 150, 150), 1 * ratio));
        p.drawLine(QPointF(x0, frame.plot.bottom()), QPointF(x0, axisTop + (m.month() == 1 ? fm.height() * 2 : 3 * ratio)));
        p.setPen(kTextColor);
        if (monthLabels)
            p.drawText(QRectF(x0, axisTop, x1 - x0, fm.height()), Qt::AlignCenter, QString(QChar(initials[m.month() - 1])));
        if (m.month() == 1)
            p.drawText(QPointF(x0 + 3 * ratio, axisTop + fm.height() + fm.ascent()), QString::number(m.year()));
    }

    // Key: what the marks mean.
    double x = rect.left();
    const double y = rect.bottom() - legendH + 1 * ratio;
    auto keyItem = [&](const QColor& c, const QString& text, bool diamond, bool hatch) {
        const QRectF sw(x, y + (fm.height() - 9 * ratio) / 2, 9 * ratio, 9 * ratio);
        if (hatch) {
            drawHatch(p, sw, ratio);
        } else if (diamond) {
            const QPointF c0 = sw.center();
            const double r = 4 * ratio;
            p.setPen(Qt::NoPen);
            p.setBrush(c);
            p.drawPolygon(QPolygonF({c0 + QPointF(0, -r), c0 + QPointF(r, 0), c0 + QPointF(0, r), c0 + QPointF(-r, 0)}));
        } else {
            p.fillRect(sw, c);
        }
        p.setPen(kTextColor);
        p.drawText(QPointF(sw.right() + 4 * ratio, y + fm.ascent()), text);
        x = sw.right() + 4 * ratio + fm.horizontalAdvance(text) + 14 * ratio;
    };
    std::string source;
    for (const TradeRow* r : chart.track->months())
        if (r && !r->source.empty()) source = r->source;
    keyItem(kSeriesColor, QString::fromStdString("Imported series" + (source.empty() ? "" : ": " + source)), false, false);
    keyItem(kHighlightColor, "Month on the date stamp", false, false);
    keyItem(kGapColor, "No data (a gap, not zero)", false, true);
    if (!chart.published.empty()) keyItem(kPublishedColor, "Published figure (geodata/exports.csv)", true, false);
    p.restore();
}

}  // namespace atlas::render
