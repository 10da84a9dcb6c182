#pragma once
// The timeline under the map: a zoomable date axis (years down to days), event marks coloured
// by kind (a density histogram where marks would overlap), a track of export observations as
// bars spanning their periods (gaps stay gaps), an imported trade series as a monthly track
// (render/trade_chart.h: the same drawing as the page export) with the clock's month, its
// value and its changes, and the cursor with its window shaded.
// It shows the clock; it never owns it: interaction only emits requests.
#include "atlas/render/trade_chart.h"
#include "atlas/time/time_cursor.h"

#include <QColor>
#include <QString>
#include <QWidget>

#include <optional>
#include <vector>

namespace atlas::app {

struct TimelineMark {
    int32_t day = 0;        // first day
    int32_t endDay = 0;     // exclusive end (day + 1 for a one-day event)
    QColor color;
    QString title;          // hover text
    QString id;             // event id, emitted on click
};

struct TimelineBar {
    int32_t beginDay = 0;   // [begin, end)
    int32_t endDay = 0;
    QString label;          // value, e.g. "41,700 t"
    QString detail;         // basket and source, for the tooltip
    QColor color;
};

class TimelineWidget : public QWidget {
    Q_OBJECT
public:
    explicit TimelineWidget(QWidget* parent = nullptr);

    void setMarks(std::vector<TimelineMark> marks);
    void setBars(std::vector<TimelineBar> bars, QString trackTitle);
    // The imported trade track (nullopt: no band). Its month follows the cursor.
    void setTradeChart(std::optional<render::TradeChart> chart);
    const std::optional<render::TradeChart>& tradeChart() const { return m_trade; }
    // The trade band's readout as painted ("May 2024: 1,000 t · vs May 2023 …"), for tests.
    QString tradeReadoutText() const;
    // Where the trade band is painted (logical pixels; empty without a track), for tests.
    QRectF tradeBandRect() const { return layout().trade; }
    void setTimeCursor(const atlas::TimeCursor& cursor);
    // Shows [first, last] whole.
    void setVisibleRange(double firstDay, double lastDay);
    double visibleFirst() const { return m_first; }
    double visibleLast() const { return m_last; }
    // Day at an x position (logical pixels) and back.
    double dayAt(double x) const;
    double xOf(double day) const;
    // Index of the mark under a point, if any (for tests and clicks).
    std::optional<std::size_t> markAt(QPointF pos) const;

    QSize sizeHint() const override { return {800, m_trade ? 150 + kTradeBandHeight : 150}; }
    QSize minimumSizeHint() const override { return {300, 110}; }

signals:
    void dateRequested(int32_t day);
    void eventActivated(const QString& id);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;
    void wheelEvent(QWheelEvent*) override;
    bool event(QEvent*) override;

private:
    static constexpr int kTradeBandHeight = 110;
    struct Layout {
        QRectF axis, marks, trade, bars;
    };
    Layout layout() const;
    void paintAxis(QPainter& p, const QRectF& r);
    void paintMarks(QPainter& p, const QRectF& r);
    void paintBars(QPainter& p, const QRectF& r);
    void paintTrade(QPainter& p, const QRectF& r);
    void paintCursor(QPainter& p, const Layout& l);
    void assignBarRows();

    std::vector<TimelineMark> m_marks;
    std::vector<TimelineBar> m_bars;
    std::vector<int> m_barRows;
    int m_barRowCount = 0;
    QString m_barTitle;
    std::optional<render::TradeChart> m_trade;
    TimeCursor m_cursor;
    double m_first = 0;
    double m_last = 365;
    enum class Drag { None, Scrub, Pan } m_drag = Drag::None;
    double m_dragStartX = 0;
    double m_dragStartFirst = 0;
};

}  // namespace atlas::app
