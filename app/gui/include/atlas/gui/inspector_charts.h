#pragma once
// The inspector's two small charts: a history strip (who controlled a place, whether a crossing
// was open — coloured spans on a time axis) and an export chart (the linked trade observations
// as published, one bar per observation over its period). Both mark the clock's day and dim
// what lies after it.
#include <QColor>
#include <QString>
#include <QWidget>

#include <cstdint>
#include <optional>
#include <vector>

namespace atlas::app {

struct HistorySpan {
    std::optional<int32_t> begin;  // nullopt: since before the axis
    std::optional<int32_t> end;    // nullopt: still true
    QColor color;
    QString text;     // drawn inside the span when it fits
    QString tooltip;
};

struct HistoryRow {
    QString label;
    std::vector<HistorySpan> spans;
};

class HistoryStrip : public QWidget {
    Q_OBJECT
public:
    explicit HistoryStrip(QWidget* parent = nullptr);
    void setRows(std::vector<HistoryRow> rows, int32_t axisBegin, int32_t axisEnd);
    void setToday(int32_t day);
    const std::vector<HistoryRow>& rows() const { return m_rows; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return {200, sizeHint().height()}; }

protected:
    void paintEvent(QPaintEvent*) override;
    bool event(QEvent* e) override;

private:
    QRectF plotRect() const;
    double xOf(int32_t day) const;
    std::vector<HistoryRow> m_rows;
    int32_t m_begin = 0, m_end = 1, m_today = 0;
};

struct ChartBar {
    int32_t begin = 0;  // the observation's period [begin, end)
    int32_t end = 1;
    double value = 0;
    QString qualifier;  // "", "≈", ">"…
    QString tooltip;
    bool highlighted = true;  // linked to the feature; false: context
};

class ExportChart : public QWidget {
    Q_OBJECT
public:
    explicit ExportChart(QWidget* parent = nullptr);
    void setBars(std::vector<ChartBar> bars, QString unit, int32_t axisBegin, int32_t axisEnd);
    void setToday(int32_t day);
    const std::vector<ChartBar>& bars() const { return m_bars; }
    QSize sizeHint() const override { return {360, 150}; }
    QSize minimumSizeHint() const override { return {200, 120}; }

protected:
    void paintEvent(QPaintEvent*) override;
    bool event(QEvent* e) override;

private:
    QRectF plotRect() const;
    double xOf(int32_t day) const;
    double yOf(double value) const;
    std::vector<ChartBar> m_bars;
    QString m_unit;
    double m_max = 1;
    int32_t m_begin = 0, m_end = 1, m_today = 0;
};

}  // namespace atlas::app
