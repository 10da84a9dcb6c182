#include "atlas/model/cursor_labels.h"

#include "atlas/time/date.h"

#include <QObject>

#include <variant>

namespace atlas::app {

QString cursorDateLabel(const TimeCursor& cursor)
{
    return QString::fromStdString(Date::ofDay(cursor.day()).label());
}

QString cursorWindowLabel(const TimeCursor& cursor)
{
    const auto& w = cursor.windowKind();
    if (std::holds_alternative<DaysWindow>(w))
        return QObject::tr("events of the last %1 days").arg(std::get<DaysWindow>(w).days);
    if (std::holds_alternative<CumulativeWindow>(w)) return QObject::tr("all events up to this day");
    return QObject::tr("events of the day");
}

}  // namespace atlas::app
