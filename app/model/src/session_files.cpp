#include "atlas/model/session_files.h"

#include <QDir>
#include <QFileInfo>
#include <QLockFile>

namespace atlas::app {

QStringList filesOfEndedSessions(const QString& dir, const QString& pattern, const QString& own)
{
    QStringList out;
    const QString ownPath = QFileInfo(own).absoluteFilePath();
    for (const QFileInfo& fi : QDir(dir).entryInfoList({pattern}, QDir::Files, QDir::Time | QDir::Reversed)) {
        if (fi.absoluteFilePath() == ownPath) continue;
        // A session still running holds its lock; a killed one left it stale (or none).
        QLockFile lock(fi.absoluteFilePath() + ".lock");
        lock.setStaleLockTime(0);
        if (!lock.tryLock(0)) continue;
        lock.unlock();
        out << fi.absoluteFilePath();
    }
    return out;
}

}  // namespace atlas::app
