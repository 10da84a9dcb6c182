#pragma once
// Running the real binary from tests.
#include <QColor>
#include <QString>
#include <QStringList>

#include <string>

namespace atlas::test {

struct RunResult {
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs kachin-atlas with `args` (environment inherited, plus `extraEnv` "NAME=value" entries).
RunResult runAtlas(const QStringList& args, const QStringList& extraEnv = {});
// A fresh temporary directory for one test (removed at exit).
QString tempDir(const QString& name);
int colourDistance(QColor a, QColor b);

}  // namespace atlas::test
