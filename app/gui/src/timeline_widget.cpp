#include "atlas/gui/timeline_widget.h"

#include "atlas/civil_date.h"
#include "atlas/time/date.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace atlas::app {
namespace {

constexpr double kMarginX = 8;
constexpr double kAxisHeight = 34;
constexpr double kMarkHeight = 30;
constexpr double kBarRowHeight = 15;
const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

TimelineWidget::TimelineWidget(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::ClickFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void TimelineWidget::setMarks(std::vector<TimelineMark> marks)
{
    m_marks = std::move(marks);
    std::sort(m_marks.begin(), m_marks.end(), [](const auto& a, const auto& b) { return a.day < b.day; });
    update();
}

void TimelineWidget::setBars(std::vector<TimelineBar> bars, QString trackTitle)
{
    m_bars = std::move(bars);
    m_barTitle = std::move(trackTitle);
    assignBarRows();
    updateGeometry();
    update();
}

void TimelineWidget::setTradeChart(std::optional<render::TradeChart> chart)
{
    m_trade = std::move(chart);
    updateGeometry();
    update();
}

QString TimelineWidget::tradeReadoutText() const
{
    if (!m_trade) return {};
    render::TradeChart c = *m_trade;
    c.day = m_cursor.day();
    return render::tradeReadout(c);
}

void TimelineWidget::setTimeCursor(const TimeCursor& cursor)
{
    if (cursor == m_cursor) return;
    m_cursor = cursor;
    // Keep the cursor in view while playing or stepping.
    const double span = m_last - m_first;
    if (cursor.day() < m_first || cursor.day() > m_last) setVisibleRange(cursor.day() - span / 2, cursor.day() + span / 2);
    update();
}

void TimelineWidget::setVisibleRange(double firstDay, double lastDay)
{
    if (lastDay - firstDay < 7) {  // a week at most zoom
        const double mid = (firstDay + lastDay) / 2;
        firstDay = mid - 3.5;
        lastDay = mid + 3.5;
    }
    m_first = firstDay;
    m_last = lastDay;
    update();
}

double TimelineWidget::dayAt(double x) const
{
    const double w = std::max(1.0, width() - 2 * kMarginX);
    return m_first + (x - kMarginX) / w * (m_last - m_first);
}

double TimelineWidget::xOf(double day) const
{
    const double w = std::max(1.0, width() - 2 * kMarginX);
    return kMarginX + (day - m_first) / (m_last - m_first) * w;
}

TimelineWidget::Layout TimelineWidget::layout() const
{
    Layout l;
    l.axis = QRectF(0, 0, width(), kAxisHeight);
    l.marks = QRectF(0, kAxisHeight, width(), kMarkHeight);
    double top = kAxisHeight + kMarkHeight;
    if (m_trade) {
        // The trade band takes what it needs first, leaving the observation bars at least two rows.
        const double h = std::clamp(height() - top - 2 * kBarRowHeight - 14, 40.0, double(kTradeBandHeight));
        l.trade = QRectF(0, top, width(), h);
        top += h;
    }
    l.bars = QRectF(0, top, width(), std::max(0.0, height() - top));
    return l;
}

void TimelineWidget::assignBarRows()
{
    // Greedy interval colouring: each bar takes the first row whose last bar ended before it.
    std::vector<std::size_t> order(m_bars.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return m_bars[a].beginDay < m_bars[b].beginDay; });
    std::vector<int32_t> rowEnds;
    m_barRows.assign(m_bars.size(), 0);
    for (std::size_t i : order) {
        std::size_t row = 0;
        while (row < rowEnds.size() && rowEnds[row] > m_bars[i].beginDay) ++row;
        if (row == rowEnds.size()) rowEnds.push_back(0);
        rowEnds[row] = m_bars[i].endDay;
        m_barRows[i] = static_cast<int>(row);
    }
    m_barRowCount = static_cast<int>(rowEnds.size());
}

std::optional<std::size_t> TimelineWidget::markAt(QPointF pos) const
{
    const Layout l = layout();
    if (!l.marks.contains(pos)) return std::nullopt;
    std::optional<std::size_t> best;
    double bestDist = 5.0;
    for (std::size_t i = 0; i < m_marks.size(); ++i) {
        const double x0 = xOf(m_marks[i].day), x1 = xOf(m_marks[i].endDay);
        const double d = pos.x() < x0 ? x0 - pos.x() : pos.x() > x1 ? pos.x() - x1 : 0.0;
        if (d < bestDist) { bestDist = d; best = i; }
    }
    return best;
}

void TimelineWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    const Layout l = layout();
    // Shade the cursor's window behind everything.
    const Interval w = m_cursor.window();
    const double wx0 = w.begin ? xOf(*w.begin) : 0.0;
    const double wx1 = w.end ? xOf(*w.end) : width();
    p.fillRect(QRectF(QPointF(std::max(0.0, wx0), l.marks.top()), QPointF(std::min<double>(width(), wx1), height())),
               QColor(0, 114, 178, 28));
    paintAxis(p, l.axis);
    paintMarks(p, l.marks);
    if (m_trade) paintTrade(p, l.trade);
    paintBars(p, l.bars);
    paintCursor(p, l);
}

void TimelineWidget::paintAxis(QPainter& p, const QRectF& r)
{
    p.fillRect(r, palette().window());
    p.setPen(palette().mid().color());
    p.drawLine(QPointF(r.left(), r.bottom()), QPointF(r.right(), r.bottom()));
    const double pxPerDay = (width() - 2 * kMarginX) / (m_last - m_first);
    const int32_t d0 = static_cast<int32_t>(std::floor(m_first)) - 1;
    const int32_t d1 = static_cast<int32_t>(std::ceil(m_last)) + 1;
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.9);
    p.setFont(f);
    const QColor text = palette().text().color();

    // Major ticks: years; minor: months (or days when zoomed in far).
    const CivilDate c0 = civilFromDays(d0), c1 = civilFromDays(d1);
    const bool showMonths = pxPerDay * 30 > 26;
    const bool showDays = pxPerDay > 16;
    for (int y = c0.year; y <= c1.year + 1; ++y) {
        for (unsigned m = 1; m <= 12; ++m) {
            const int32_t day = daysFromCivil(y, m, 1);
            if (day < d0 || day > d1) continue;
            const double x = xOf(day);
            const bool isYear = m == 1;
            p.setPen(isYear ? text : palette().mid().color());
            p.drawLine(QPointF(x, r.bottom() - (isYear ? 14 : 7)), QPointF(x, r.bottom()));
            if (isYear) {
                p.setPen(text);
                p.drawText(QPointF(x + 3, r.top() + 12), QString::number(y));
            } else if (showMonths) {
                p.setPen(palette().text().color().lighter(140));
                p.drawText(QPointF(x + 2, r.bottom() - 9), kMonths[m - 1]);
            }
            if (showDays) {
                for (unsigned d = 2; d <= daysInMonth(y, m); ++d) {
                    const double dx = xOf(daysFromCivil(y, m, d));
                    p.setPen(palette().midlight().color());
                    p.drawLine(QPointF(dx, r.bottom() - 4), QPointF(dx, r.bottom()));
                    if (pxPerDay > 22) {
                        p.setPen(palette().text().color().lighter(160));
                        p.drawText(QPointF(dx + 2, r.bottom() - 6), QString::number(d));
                    }
                }
            }
        }
    }
}

void TimelineWidget::paintMarks(QPainter& p, const QRectF& r)
{
    p.save();
    p.setClipRect(r);
    const double pxPerDay = (width() - 2 * kMarginX) / (m_last - m_first);
    // When marks would sit closer than 3 px on average, draw a density histogram instead.
    std::size_t inView = 0;
    for (const auto& m : m_marks)
        if (m.endDay >= m_first && m.day <= m_last) ++inView;
    const bool dense = inView > 0 && (width() / static_cast<double>(inView)) < 3.0;
    if (dense) {
        const int bins = std::max(1, width() / 4);
        std::vector<int> counts(static_cast<std::size_t>(bins), 0);
        for (const auto& m : m_marks) {
            const int b = static_cast<int>((xOf(m.day) / width()) * bins);
            if (b >= 0 && b < bins) ++counts[static_cast<std::size_t>(b)];
        }
        const int maxCount = *std::max_element(counts.begin(), counts.end());
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(90, 90, 90));
        for (int b = 0; b < bins; ++b) {
            if (counts[static_cast<std::size_t>(b)] == 0) continue;
            const double h = (r.height() - 6) * counts[static_cast<std::size_t>(b)] / std::max(1, maxCount);
            p.drawRect(QRectF(b * 4.0, r.bottom() - 3 - h, 3.0, h));
        }
    } else {
        for (const auto& m : m_marks) {
            if (m.endDay < m_first || m.day > m_last) continue;
            const double x0 = xOf(m.day);
            const double x1 = std::max(x0 + 3, xOf(m.endDay) - (pxPerDay > 3 ? 1 : 0));
            QColor c = m.color;
            p.setPen(QPen(c.darker(140), 1));
            p.setBrush(c);
            if (x1 - x0 > 6) p.drawRoundedRect(QRectF(x0, r.top() + 8, x1 - x0, r.height() - 14), 2, 2);
            else p.drawEllipse(QPointF((x0 + x1) / 2, r.center().y()), 4.5, 4.5);
        }
    }
    p.restore();
}

void TimelineWidget::paintBars(QPainter& p, const QRectF& r)
{
    if (r.height() < 8) return;
    p.save();
    p.setClipRect(r);
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    p.setFont(f);
    p.setPen(palette().text().color().lighter(150));
    p.drawText(QPointF(4, r.top() + 11), m_barTitle);
    const double top = r.top() + 14;
    for (std::size_t i = 0; i < m_bars.size(); ++i) {
        const TimelineBar& b = m_bars[i];
        if (b.endDay < m_first || b.beginDay > m_last) continue;
        const double y = top + m_barRows[i] * kBarRowHeight;
        if (y > r.bottom()) continue;
        const QRectF bar(QPointF(xOf(b.beginDay), y), QPointF(std::max(xOf(b.beginDay) + 3, xOf(b.endDay) - 1), y + kBarRowHeight - 3));
        p.setPen(QPen(b.color.darker(130), 1));
        QColor fill = b.color;
        fill.setAlpha(150);
        p.setBrush(fill);
        p.drawRect(bar);
        if (bar.width() > 30) {
            p.setPen(palette().text().color());
            p.drawText(bar.adjusted(3, 0, -2, 0), Qt::AlignVCenter | Qt::AlignLeft,
                       p.fontMetrics().elidedText(b.label, Qt::ElideRight, static_cast<int>(bar.width() - 5)));
        }
    }
    p.restore();
}

void TimelineWidget::paintTrade(QPainter& p, const QRectF& r)
{
    p.save();
    p.setClipRect(r);
    p.setPen(palette().mid().color());
    p.drawLine(QPointF(r.left(), r.top()), QPointF(r.right(), r.top()));
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    p.setFont(f);
    const QFontMetricsF fm(f);
    render::TradeChart chart = *m_trade;
    chart.day = m_cursor.day();
    const QString title = QString::fromStdString(chart.track->title()) +
                          (chart.metric == TradeMetric::Tonnes ? QString(", tonnes") : QString(", US$"));
    p.setPen(palette().text().color().lighter(150));
    p.drawText(QPointF(4, r.top() + fm.ascent() + 1), fm.elidedText(title, Qt::ElideRight, width() * 0.5));
    p.setPen(QColor(170, 70, 0));
    const QString readout = render::tradeReadout(chart);
    p.drawText(QRectF(width() * 0.5, r.top() + 1, width() * 0.5 - 6, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
               fm.elidedText(readout, Qt::ElideRight, width() * 0.5 - 6));
    render::TradeChartFrame frame;
    // The same day → x mapping as the axis above (xOf), so months line up with the ticks.
    frame.plot = QRectF(kMarginX, r.top() + fm.height() + 3, std::max(1.0, width() - 2 * kMarginX),
                        std::max(8.0, r.height() - fm.height() - 6));
    frame.firstDay = m_first;
    frame.lastDay = m_last;
    render::drawTradeChart(p, frame, chart, 1.0);
    p.restore();
}

void TimelineWidget::paintCursor(QPainter& p, const Layout& l)
{
    const double x = xOf(m_cursor.day() + 0.5);
    p.setPen(QPen(QColor(200, 40, 30), 2));
    p.drawLine(QPointF(x, l.axis.top() + 16), QPointF(x, height()));
    const QString label = QString::fromStdString(Date::ofDay(m_cursor.day()).label());
    QFont f = font();
    f.setBold(true);
    p.setFont(f);
    const QFontMetricsF fm(f);
    const double w = fm.horizontalAdvance(label) + 10;
    const double bx = std::clamp(x - w / 2, 0.0, width() - w);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(200, 40, 30));
    p.drawRoundedRect(QRectF(bx, l.axis.top() + 15, w, fm.height() + 2), 3, 3);
    p.setPen(Qt::white);
    p.drawText(QRectF(bx, l.axis.top() + 15, w, fm.height() + 2), Qt::AlignCenter, label);
}

void TimelineWidget::mousePressEvent(QMouseEvent* e)
{
    const bool pan = e->button() == Qt::MiddleButton || e->button() == Qt::RightButton
                  || (e->button() == Qt::LeftButton && (e->modifiers() & Qt::ShiftModifier));
    if (pan) {
        m_drag = Drag::Pan;
        m_dragStartX = e->position().x();
        m_dragStartFirst = m_first;
        setCursor(Qt::ClosedHandCursor);
        return;
    }
    if (e->button() != Qt::LeftButton) return;
    if (const auto i = markAt(e->position())) {
        emit eventActivated(m_marks[*i].id);
        emit dateRequested(m_marks[*i].day);
        return;
    }
    m_drag = Drag::Scrub;
    emit dateRequested(static_cast<int32_t>(std::floor(dayAt(e->position().x()))));
}

void TimelineWidget::mouseMoveEvent(QMouseEvent* e)
{
    if (m_drag == Drag::Scrub) {
        emit dateRequested(static_cast<int32_t>(std::floor(dayAt(e->position().x()))));
    } else if (m_drag == Drag::Pan) {
        const double daysPerPx = (m_last - m_first) / std::max(1.0, width() - 2 * kMarginX);
        const double shift = (e->position().x() - m_dragStartX) * daysPerPx;
        const double span = m_last - m_first;
        setVisibleRange(m_dragStartFirst - shift, m_dragStartFirst - shift + span);
    }
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent*)
{
    m_drag = Drag::None;
    unsetCursor();
}

void TimelineWidget::wheelEvent(QWheelEvent* e)
{
    const double steps = e->angleDelta().y() / 120.0;
    if (steps == 0) return;
    const double anchor = dayAt(e->position().x());
    const double factor = std::pow(0.8, steps);
    // From a week to twenty years on screen.
    const double span = std::clamp((m_last - m_first) * factor, 7.0, 365.0 * 20);
    const double frac = (anchor - m_first) / (m_last - m_first);
    setVisibleRange(anchor - frac * span, anchor - frac * span + span);
    e->accept();
}

bool TimelineWidget::event(QEvent* e)
{
    if (e->type() == QEvent::ToolTip) {
        auto* he = static_cast<QHelpEvent*>(e);
        const QPointF pos = he->pos();
        if (const auto i = markAt(pos)) {
            const auto& m = m_marks[*i];
            QToolTip::showText(he->globalPos(),
                               QString("<b>%1</b><br>%2").arg(QString::fromStdString(Date::ofDay(m.day).label()), m.title.toHtmlEscaped()),
                               this);
            return true;
        }
        const Layout l = layout();
        if (m_trade && l.trade.contains(pos)) {
            render::TradeChart c = *m_trade;
            c.day = static_cast<int32_t>(std::floor(dayAt(pos.x())));
            QToolTip::showText(he->globalPos(), render::tradeReadout(c).toHtmlEscaped(), this);
            return true;
        }
        if (l.bars.contains(pos)) {
            const double top = l.bars.top() + 14;
            const int row = static_cast<int>((pos.y() - top) / kBarRowHeight);
            const double day = dayAt(pos.x());
            for (std::size_t i = 0; i < m_bars.size(); ++i) {
                if (m_barRows[i] == row && day >= m_bars[i].beginDay && day < m_bars[i].endDay) {
                    QToolTip::showText(he->globalPos(), QString("<b>%1</b><br>%2").arg(m_bars[i].label.toHtmlEscaped(), m_bars[i].detail.toHtmlEscaped()), this);
                    return true;
                }
            }
        }
        QToolTip::hideText();
        e->ignore();
        return true;
    }
    return QWidget::event(e);
}

}  // namespace atlas::app
