#pragma once
// Files a window keeps only while it runs (the annotations' autosave, the record's journal of
// unsaved edits), each beside a QLockFile the window holds. A window that was killed never
// released its lock, and QLockFile sees the dead owner's lock as free: what such a window left
// is found by trying each lock.
#include <QString>
#include <QStringList>

namespace atlas::app {

// Files in `dir` matching `pattern` ("journal-*.json") whose lock is free, oldest first;
// `own` (this window's file) is never among them.
QStringList filesOfEndedSessions(const QString& dir, const QString& pattern, const QString& own);

}  // namespace atlas::app
