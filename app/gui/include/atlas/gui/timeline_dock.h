#pragma once
// The replay dock: playback controls over the timeline widget. Reads and drives the one
// TimeController; holds no date of its own.
#include "atlas/gui/timeline_widget.h"
#include "atlas/model/time_controller.h"

#include <QDockWidget>

class QComboBox;
class QHBoxLayout;
class QLineEdit;
class QToolButton;

namespace atlas::app {

class TimelineDock : public QDockWidget {
    Q_OBJECT
public:
    TimelineDock(TimeController* clock, QWidget* parent = nullptr);

    TimelineWidget* timeline() const { return m_timeline; }
    // Focuses the date field so a typed date can be entered (Ctrl+G).
    void focusDateEntry();
    // Puts a tool's controls (e.g. the trade track's) at the end of the control row.
    void addControls(QWidget* controls);

private:
    void onCursor(const TimeCursor& cursor);
    void applyTypedDate();

    TimeController* m_clock;
    TimelineWidget* m_timeline;
    QToolButton* m_play;
    QLineEdit* m_date;
    QComboBox* m_speed;
    QComboBox* m_window;
    QHBoxLayout* m_row;
};

}  // namespace atlas::app
