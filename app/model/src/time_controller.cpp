#include "atlas/model/time_controller.h"

#include "atlas/civil_date.h"

#include <algorithm>
#include <cmath>

namespace atlas::app {

TimeController::TimeController(QObject* parent) : QObject(parent)
{
    // ~30 updates a second: smooth enough for the eye, cheap enough with the temporal index.
    m_timer.setInterval(33);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &TimeController::tick);
}

int32_t TimeController::clamp(int32_t day) const
{
    if (m_last < m_first) return day;
    return std::clamp(day, m_first, m_last);
}

void TimeController::setRange(int32_t firstDay, int32_t lastDay)
{
    m_first = std::min(firstDay, lastDay);
    m_last = std::max(firstDay, lastDay);
    emit rangeChanged(m_first, m_last);
    setDay(m_cursor.day());
}

void TimeController::setEventDays(std::vector<int32_t> days)
{
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    m_eventDays = std::move(days);
}

void TimeController::setDay(int32_t day)
{
    day = clamp(day);
    if (day == m_cursor.day()) return;
    m_cursor.setDay(day);
    emit cursorChanged(m_cursor);
}

void TimeController::setWindow(TimeCursor::Window window)
{
    if (window == m_cursor.windowKind()) return;
    m_cursor.setWindowKind(window);
    emit cursorChanged(m_cursor);
}

void TimeController::setCursor(const TimeCursor& cursor)
{
    TimeCursor c = cursor;
    c.setDay(clamp(c.day()));
    if (c == m_cursor) return;
    m_cursor = c;
    emit cursorChanged(m_cursor);
}

void TimeController::step(int direction, StepUnit unit)
{
    const int d = direction >= 0 ? 1 : -1;
    switch (unit) {
    case StepUnit::Day: setDay(m_cursor.day() + d); break;
    case StepUnit::Week: setDay(m_cursor.day() + 7 * d); break;
    case StepUnit::Month: setDay(addMonths(m_cursor.day(), d)); break;
    }
}

void TimeController::nextEvent()
{
    const auto it = std::upper_bound(m_eventDays.begin(), m_eventDays.end(), m_cursor.day());
    if (it != m_eventDays.end()) setDay(*it);
}

void TimeController::previousEvent()
{
    const auto it = std::lower_bound(m_eventDays.begin(), m_eventDays.end(), m_cursor.day());
    if (it != m_eventDays.begin()) setDay(*std::prev(it));
}

void TimeController::play()
{
    if (m_timer.isActive()) return;
    // Playing from the end starts again at the beginning.
    if (m_cursor.day() >= m_last && m_last > m_first) setDay(m_first);
    m_carry = 0;
    m_clock.start();
    m_timer.start();
    emit playingChanged(true);
}

void TimeController::pause()
{
    if (!m_timer.isActive()) return;
    m_timer.stop();
    emit playingChanged(false);
}

void TimeController::togglePlay()
{
    isPlaying() ? pause() : play();
}

void TimeController::setDaysPerSecond(double speed)
{
    m_daysPerSecond = std::clamp(speed, 0.1, 366.0);
}

void TimeController::setLoop(bool loop)
{
    m_loop = loop;
}

void TimeController::tick()
{
    // Advance by wall time elapsed, not by tick count, so a slow frame does not slow the clock.
    const double seconds = static_cast<double>(m_clock.nsecsElapsed()) / 1e9;
    m_clock.restart();
    m_carry += seconds * m_daysPerSecond;
    const auto whole = static_cast<int32_t>(std::floor(m_carry));
    if (whole <= 0) return;
    m_carry -= whole;
    int32_t next = m_cursor.day() + whole;
    if (next > m_last) {
        if (m_loop) {
            next = m_first;
        } else {
            setDay(m_last);
            pause();
            return;
        }
    }
    setDay(next);
}

}  // namespace atlas::app

#include "atlas/time/date.h"

namespace atlas::app {

}  // namespace atlas::app
