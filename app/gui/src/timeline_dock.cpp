#include "atlas/gui/timeline_dock.h"

#include "atlas/time/date.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace atlas::app {
namespace {

QToolButton* button(QWidget* parent, QStyle::StandardPixmap icon, const QString& tip)
{
    auto* b = new QToolButton(parent);
    b->setIcon(parent->style()->standardIcon(icon));
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}

}  // namespace

TimelineDock::TimelineDock(TimeController* clock, QWidget* parent)
    : QDockWidget(tr("Timeline"), parent), m_clock(clock)
{
    setObjectName("TimelineDock");
    auto* body = new QWidget(this);
    auto* v = new QVBoxLayout(body);
    v->setContentsMargins(4, 2, 4, 2);
    v->setSpacing(2);
    auto* row = new QHBoxLayout;
    row->setSpacing(2);

    auto* prevEvent = button(body, QStyle::SP_MediaSkipBackward, tr("Previous event ( [ )"));
    auto* stepBack = button(body, QStyle::SP_MediaSeekBackward, tr("Back one day (Ctrl+Left; Ctrl+Shift+Left: a week; Page Up: a month)"));
    m_play = button(body, QStyle::SP_MediaPlay, tr("Play / pause (Space)"));
    auto* stepFwd = button(body, QStyle::SP_MediaSeekForward, tr("Forward one day (Ctrl+Right; Ctrl+Shift+Right: a week; Page Down: a month)"));
    auto* nextEvent = button(body, QStyle::SP_MediaSkipForward, tr("Next event ( ] )"));
    connect(prevEvent, &QToolButton::clicked, clock, &TimeController::previousEvent);
    connect(stepBack, &QToolButton::clicked, clock, [clock] { clock->step(-1, StepUnit::Day); });
    connect(m_play, &QToolButton::clicked, clock, &TimeController::togglePlay);
    connect(stepFwd, &QToolButton::clicked, clock, [clock] { clock->step(1, StepUnit::Day); });
    connect(nextEvent, &QToolButton::clicked, clock, &TimeController::nextEvent);
    for (auto* b : {prevEvent, stepBack, m_play, stepFwd, nextEvent}) row->addWidget(b);

    m_date = new QLineEdit(body);
    m_date->setPlaceholderText("YYYY-MM-DD");
    m_date->setMaximumWidth(110);
    m_date->setToolTip(tr("Jump to a date (Ctrl+G): 2025-02-20, 2024-10 or 2025"));
    connect(m_date, &QLineEdit::returnPressed, this, &TimelineDock::applyTypedDate);
    row->addSpacing(6);
    row->addWidget(m_date);

    row->addSpacing(10);
    row->addWidget(new QLabel(tr("Speed"), body));
    m_speed = new QComboBox(body);
    const std::pair<const char*, double> speeds[] = {{"1 day/s", 1}, {"3 days/s", 3}, {"1 week/s", 7},
                                                     {"2 weeks/s", 14}, {"1 month/s", 30.44}};
    for (const auto& [label, dps] : speeds) m_speed->addItem(tr(label), dps);
    m_speed->setCurrentIndex(2);
    connect(m_speed, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_clock->setDaysPerSecond(m_speed->itemData(i).toDouble()); });
    row->addWidget(m_speed);

    row->addSpacing(10);
    row->addWidget(new QLabel(tr("Window"), body));
    m_window = new QComboBox(body);
    m_window->addItem(tr("Instant (the day)"));
    m_window->addItem(tr("7 days"));
    m_window->addItem(tr("30 days"));
    m_window->addItem(tr("Cumulative"));
    m_window->setToolTip(tr("Which events are shown: those on the day, in the last 7 or 30 days, or all up to the day"));
    connect(m_window, &QComboBox::currentIndexChanged, this, [this](int i) {
        static const TimeCursor::Window windows[] = {InstantWindow{}, DaysWindow{7}, DaysWindow{30}, CumulativeWindow{}};
        m_clock->setWindow(windows[std::clamp(i, 0, 3)]);
    });
    row->addWidget(m_window);

    auto* loop = new QCheckBox(tr("Loop"), body);
    connect(loop, &QCheckBox::toggled, clock, &TimeController::setLoop);
    row->addSpacing(10);
    row->addWidget(loop);
    row->addStretch(1);
    m_row = row;

    m_timeline = new TimelineWidget(body);
    v->addLayout(row);
    v->addWidget(m_timeline, 1);
    setWidget(body);

    connect(m_timeline, &TimelineWidget::dateRequested, clock, &TimeController::setDay);
    connect(clock, &TimeController::cursorChanged, this, &TimelineDock::onCursor);
    connect(clock, &TimeController::playingChanged, this, [this](bool playing) {
        m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    });
    connect(clock, &TimeController::rangeChanged, this, [this](int32_t first, int32_t last) {
        m_timeline->setVisibleRange(first - 15, last + 15);
    });
    onCursor(clock->cursor());
}

void TimelineDock::onCursor(const TimeCursor& cursor)
{
    m_timeline->setTimeCursor(cursor);
    if (!m_date->hasFocus()) m_date->setText(QString::fromStdString(isoDay(cursor.day())));
    const auto& w = cursor.windowKind();
    const int index = std::holds_alternative<InstantWindow>(w)   ? 0
                    : std::holds_alternative<CumulativeWindow>(w) ? 3
                    : std::get<DaysWindow>(w).days <= 7            ? 1
                                                                   : 2;
    if (m_window->currentIndex() != index) {
        const QSignalBlocker block(m_window);
        m_window->setCurrentIndex(index);
    }
}

void TimelineDock::applyTypedDate()
{
    const std::string typed = m_date->text().trimmed().toStdString();
    const auto parsed = Date::parse(typed);
    if (!parsed) {
        m_date->setStyleSheet("background: #fde2e0");
        m_date->setToolTip(QString::fromStdString(typed + ": " + parsed.reason()));
        return;
    }
    m_date->setStyleSheet({});
    m_date->setToolTip(tr("Jump to a date (Ctrl+G): 2025-02-20, 2024-10 or 2025"));
    m_clock->setDay(parsed->first());
    m_date->clearFocus();
}

void TimelineDock::addControls(QWidget* controls)
{
    m_row->insertWidget(m_row->count() - 1, controls);
}

void TimelineDock::focusDateEntry()
{
    m_date->setFocus();
    m_date->selectAll();
}

}  // namespace atlas::app
