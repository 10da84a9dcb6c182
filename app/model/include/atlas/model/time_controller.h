#pragma once
// The one clock of the window: owns the TimeCursor (date + window) and playback (speed,
// looping, stepping). Every time-aware view reads it and listens to cursorChanged; none keeps
// its own date. Playback advances on a timer in whole days.
#include "atlas/time/interval.h"
#include "atlas/time/time_cursor.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <vector>

namespace atlas::app {

enum class StepUnit { Day, Week, Month };

class TimeController : public QObject {
    Q_OBJECT
public:
    explicit TimeController(QObject* parent = nullptr);

    const TimeCursor& cursor() const { return m_cursor; }
    int32_t day() const { return m_cursor.day(); }
    // The playable range [first, last] (inclusive days); the date is clamped into it.
    void setRange(int32_t firstDay, int32_t lastDay);
    int32_t firstDay() const { return m_first; }
    int32_t lastDay() const { return m_last; }
    // Sorted event days, for previous/next event.
    void setEventDays(std::vector<int32_t> days);

    bool isPlaying() const { return m_timer.isActive(); }
    double daysPerSecond() const { return m_daysPerSecond; }
    bool loops() const { return m_loop; }

public slots:
    void setDay(int32_t day);
    void setWindow(atlas::TimeCursor::Window window);
    void setCursor(const atlas::TimeCursor& cursor);
    void step(int direction, atlas::app::StepUnit unit);
    void nextEvent();
    void previousEvent();
    void play();
    void pause();
    void togglePlay();
    // Speed in days of map time per second of wall time (1 = a day a second, 30 ≈ a month).
    void setDaysPerSecond(double speed);
    void setLoop(bool loop);

signals:
    void cursorChanged(const atlas::TimeCursor& cursor);
    void playingChanged(bool playing);
    void rangeChanged(int32_t firstDay, int32_t lastDay);

private:
    void tick();
    int32_t clamp(int32_t day) const;

    TimeCursor m_cursor;
    int32_t m_first = 0;
    int32_t m_last = 0;
    std::vector<int32_t> m_eventDays;
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_daysPerSecond = 7.0;
    double m_carry = 0.0;  // fractional days not yet applied
    bool m_loop = false;
};

}  // namespace atlas::app
