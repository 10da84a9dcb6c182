#pragma once
// How the clock's day and window read on a page, in the window and in a frame: one wording
// for every face ("20 Feb 2025", "events of the last 7 days").
#include "atlas/time/time_cursor.h"

#include <QString>

namespace atlas::app {

QString cursorDateLabel(const TimeCursor& cursor);
QString cursorWindowLabel(const TimeCursor& cursor);

}  // namespace atlas::app
