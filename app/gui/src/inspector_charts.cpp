#include "atlas/gui/inspector_charts.h"

#include "atlas/civil_date.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <functional>

namespace atlas::app {
namespace {

const QColor kToday(200, 30, 30);
const QColor kAxis(110, 110, 110);

// Year ticks (or every other year on a long axis) between two days.
void drawYearTicks(QPainter& p, const QRectF& plot, int32_t begin, int32_t end, const std::function<double(int32_t)>& xOf)
{
    const int y0 = civilFromDays(begin).year;
    const int y1 = civilFromDays(end).year;
    const int step = (y1 - y0) > 8 ? 2 : 1;
    QFont f = p.font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    p.setFont(f);
    p.setPen(kAxis);
    for (int y = y0 + 1; y <= y1; ++y) {
        if ((y - y0) % step) continue;
        const double x = xOf(daysFromCivil(y, 1, 1));
        if (x < plot.left() || x > plot.right()) continue;
        p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 3));
        p.drawText(QRectF(x - 20, plot.bottom() + 3, 40, 14), Qt::AlignHCenter | Qt::AlignTop, QString::number(y));
    }
}

void drawToday(QPainter& p, const QRectF& plot, double x)
{
    if (x < plot.left() - 0.5 || x > plot.right() + 0.5) return;
    p.setPen(QPen(kToday, 1.6));
    p.drawLine(QPointF(x, plot.top() - 2), QPointF(x, plot.bottom() + 2));
    QPolygonF tri;
    tri << QPointF(x - 4, plot.top() - 6) << QPointF(x + 4, plot.top() - 6) << QPointF(x, plot.top() - 1);
    p.setBrush(kToday);
    p.setPen(Qt::NoPen);
    p.drawPolygon(tri);
}

}  // namespace

// --- HistoryStrip ---------------------------------------------------------------------------

constexpr double kLabelWidth = 66;
constexpr double kRowHeight = 18;
constexpr double kRowGap = 4;

HistoryStrip::HistoryStrip(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMouseTracking(true);
}

void HistoryStrip::setRows(std::vector<HistoryRow> rows, int32_t axisBegin, int32_t axisEnd)
{
    m_rows = std::move(rows);
    m_begin = axisBegin;
    m_end = std::max(axisEnd, axisBegin + 1);
    updateGeometry();
    update();
}

void HistoryStrip::setToday(int32_t day)
{
    m_today = day;
    update();
}

QSize HistoryStrip::sizeHint() const
{
    const auto n = static_cast<double>(std::max<std::size_t>(m_rows.size(), 1));
    return {360, static_cast<int>(10 + n * (kRowHeight + kRowGap) + 18)};
}

QRectF HistoryStrip::plotRect() const
{
    const auto n = static_cast<double>(std::max<std::size_t>(m_rows.size(), 1));
    return QRectF(kLabelWidth, 8, width() - kLabelWidth - 8, n * (kRowHeight + kRowGap) - kRowGap);
}

double HistoryStrip::xOf(int32_t day) const
{
    const QRectF r = plotRect();
    return r.left() + r.width() * (day - m_begin) / static_cast<double>(m_end - m_begin);
}

void HistoryStrip::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF plot = plotRect();
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
        const HistoryRow& row = m_rows[r];
        const double y = plot.top() + static_cast<double>(r) * (kRowHeight + kRowGap);
        p.setPen(palette().color(QPalette::WindowText));
        p.setFont(small);
        p.drawText(QRectF(0, y, kLabelWidth - 6, kRowHeight), Qt::AlignRight | Qt::AlignVCenter, row.label);
        p.fillRect(QRectF(plot.left(), y, plot.width(), kRowHeight), QColor(238, 238, 238));
        for (const HistorySpan& s : row.spans) {
            const double x0 = s.begin ? std::max(plot.left(), xOf(*s.begin)) : plot.left();
            const double x1 = s.end ? std::min(plot.right(), xOf(*s.end)) : plot.right();
            if (x1 <= x0) continue;
            const QRectF rect(x0, y, x1 - x0, kRowHeight);
            const QColor fill = s.color;
            p.fillRect(rect, fill);
            // After the clock's day the history is dimmed: it has not happened yet on the map.
            if (xOf(m_today) < x1) {
                const double fx = std::max(x0, xOf(m_today));
                p.fillRect(QRectF(fx, y, x1 - fx, kRowHeight), QColor(255, 255, 255, 120));
            }
            p.setPen(QPen(QColor(255, 255, 255), 1));
            p.drawLine(QPointF(x0, y), QPointF(x0, y + kRowHeight));
            if (!s.begin || (s.begin && xOf(*s.begin) < plot.left())) {
                // Begins before the axis: a small arrow says "since earlier".
                p.setPen(Qt::NoPen);
                p.setBrush(QColor(40, 40, 40, 160));
                QPolygonF a;
                a << QPointF(plot.left() + 1, y + kRowHeight / 2) << QPointF(plot.left() + 6, y + 4)
                  << QPointF(plot.left() + 6, y + kRowHeight - 4);
                p.drawPolygon(a);
            }
            const QFontMetricsF fm(small);
            if (!s.text.isEmpty() && fm.horizontalAdvance(s.text) + 10 < rect.width()) {
                const int lum = qGray(fill.rgb());
                p.setPen(lum < 130 ? Qt::white : QColor(20, 20, 20));
                p.drawText(rect.adjusted(8, 0, -2, 0), Qt::AlignLeft | Qt::AlignVCenter, s.text);
            }
        }
    }
    p.setFont(small);
    drawYearTicks(p, plot, m_begin, m_end, [this](int32_t d) { return xOf(d); });
    drawToday(p, plot, xOf(m_today));
}

bool HistoryStrip::event(QEvent* e)
{
    if (e->type() != QEvent::ToolTip) return QWidget::event(e);
    auto* he = static_cast<QHelpEvent*>(e);
    const QRectF plot = plotRect();
    const double y = he->pos().y() - plot.top();
    const auto r = static_cast<std::size_t>(std::max(0.0, std::floor(y / (kRowHeight + kRowGap))));
    if (y >= 0 && r < m_rows.size())
        for (const HistorySpan& s : m_rows[r].spans) {
            const double x0 = s.begin ? xOf(*s.begin) : plot.left();
            const double x1 = s.end ? xOf(*s.end) : plot.right();
            if (he->pos().x() >= x0 && he->pos().x() <= x1) {
                QToolTip::showText(he->globalPos(), s.tooltip, this);
                return true;
            }
        }
    QToolTip::hideText();
    e->ignore();
    return true;
}

// --- ExportChart ----------------------------------------------------------------------------

ExportChart::ExportChart(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMouseTracking(true);
}

void ExportChart::setBars(std::vector<ChartBar> bars, QString unit, int32_t axisBegin, int32_t axisEnd)
{
    m_bars = std::move(bars);
    m_unit = std::move(unit);
    m_begin = axisBegin;
    m_end = std::max(axisEnd, axisBegin + 1);
    m_max = 1;
    for (const ChartBar& b : m_bars) m_max = std::max(m_max, b.value);
    // A round top for the axis: 1, 2 or 5 × 10^k.
    const double mag = std::pow(10.0, std::floor(std::log10(m_max)));
    for (double f : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (f * mag >= m_max) { m_max = f * mag; break; }
    update();
}

void ExportChart::setToday(int32_t day)
{
    m_today = day;
    update();
}

QRectF ExportChart::plotRect() const
{
    return QRectF(52, 14, width() - 60, height() - 34);
}

double ExportChart::xOf(int32_t day) const
{
    const QRectF r = plotRect();
    return r.left() + r.width() * (day - m_begin) / static_cast<double>(m_end - m_begin);
}

double ExportChart::yOf(double value) const
{
    const QRectF r = plotRect();
    return r.bottom() - r.height() * std::clamp(value / m_max, 0.0, 1.0);
}

void ExportChart::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF plot = plotRect();
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    p.fillRect(plot, QColor(248, 248, 248));
    // Value grid: 0, half, top.
    p.setPen(QColor(215, 215, 215));
    for (double f : {0.5, 1.0}) p.drawLine(QPointF(plot.left(), yOf(m_max * f)), QPointF(plot.right(), yOf(m_max * f)));
    p.setPen(kAxis);
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    for (double f : {0.0, 0.5, 1.0})
        p.drawText(QRectF(0, yOf(m_max * f) - 8, plot.left() - 4, 16), Qt::AlignRight | Qt::AlignVCenter,
                   QLocale().toString(m_max * f, 'f', 0));
    p.drawText(QRectF(plot.left(), 0, plot.width(), 13), Qt::AlignLeft | Qt::AlignTop, m_unit);

    // Wider (longer) periods first so a month drawn over a year stays visible.
    std::vector<const ChartBar*> order;
    for (const ChartBar& b : m_bars) order.push_back(&b);
    std::stable_sort(order.begin(), order.end(), [](const ChartBar* a, const ChartBar* b) {
        return (a->end - a->begin) > (b->end - b->begin);
    });
    // The clock's day under the bars, so a bar on that day stays readable.
    drawToday(p, plot, xOf(m_today));
    p.setFont(small);
    // Context first, so the bars linked to the feature stay on top.
    std::stable_sort(order.begin(), order.end(), [](const ChartBar* a, const ChartBar* b) { return !a->highlighted && b->highlighted; });
    for (const ChartBar* b : order) {
        const double x0 = std::max(plot.left(), xOf(b->begin));
        const double x1 = std::min(plot.right(), xOf(b->end));
        if (x1 <= x0) continue;
        const QRectF r(x0, yOf(b->value), std::max(2.0, x1 - x0 - 1), plot.bottom() - yOf(b->value));
        // Okabe–Ito bluish green (as on the timeline) for linked observations, grey for context.
        const QColor base = b->highlighted ? QColor(0, 158, 115) : QColor(140, 140, 140);
        QColor fill = base;
        const bool future = b->begin > m_today;
        fill.setAlpha(future ? 45 : b->highlighted ? 220 : 90);
        p.setPen(QPen(future ? base.lighter(130) : base.darker(130), 1));
        p.setBrush(fill);
        p.drawRect(r);
        // Linked observations carry their value, so a small one stays readable next to tall context.
        const QString text = b->highlighted ? b->qualifier + QLocale().toString(b->value, 'f', b->value < 10 ? 1 : 0) : b->qualifier;
        if (!text.isEmpty()) {
            p.setPen(b->highlighted ? base.darker(160) : QColor(60, 60, 60));
            QFont f = p.font();
            f.setBold(b->highlighted);
            p.setFont(f);
            const double w = std::max(r.width() + 20, 60.0);
            QRectF label(r.center().x() - w / 2, r.top() - 14, w, 13);
            if (label.right() > plot.right()) label.moveRight(plot.right());
            p.drawText(label, Qt::AlignHCenter | Qt::AlignBottom, text);
            f.setBold(false);
            p.setFont(f);
        }
    }
    drawYearTicks(p, plot, m_begin, m_end, [this](int32_t d) { return xOf(d); });
}

bool ExportChart::event(QEvent* e)
{
    if (e->type() != QEvent::ToolTip) return QWidget::event(e);
    auto* he = static_cast<QHelpEvent*>(e);
    // The narrowest bar under the pointer (a month over its year).
    const ChartBar* best = nullptr;
    for (const ChartBar& b : m_bars) {
        if (he->pos().x() < xOf(b.begin) || he->pos().x() > xOf(b.end) || he->pos().y() < yOf(b.value) - 4) continue;
        if (!best || (b.end - b.begin) < (best->end - best->begin)) best = &b;
    }
    if (best) QToolTip::showText(he->globalPos(), best->tooltip, this);
    else QToolTip::hideText();
    return true;
}

}  // namespace atlas::app
