#pragma once
// The events in the clock's window, in date order, following the one clock. Selecting an
// event asks the window to pan to it and highlight what it links to.
#include "atlas/data/event_store.h"
#include "atlas/time/time_cursor.h"

#include <QDockWidget>

class QTreeWidget;
class QLabel;

namespace atlas::app {

class EventListDock : public QDockWidget {
    Q_OBJECT
public:
    explicit EventListDock(QWidget* parent = nullptr);

    void setEvents(const EventStore* events);
    void showWindow(const TimeCursor& cursor);
    // Ids of the events listed, in order (tests, keyboard navigation).
    QStringList listedIds() const;
    void selectEvent(const QString& id);
    // The selected event's id ("" for none): what Edit Event… and Delete Event… act on.
    QString currentId() const;

signals:
    void eventSelected(const QString& id);

private:
    const EventStore* m_events = nullptr;
    QTreeWidget* m_list;
    QLabel* m_header;
    Interval m_shown;
};

}  // namespace atlas::app
