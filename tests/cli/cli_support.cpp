#include "cli_support.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <memory>
#include <vector>

namespace atlas::test {

RunResult runAtlas(const QStringList& args, const QStringList& extraEnv)
{
    QProcess proc;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& kv : extraEnv) {
        const int eq = kv.indexOf('=');
        if (kv.mid(eq + 1).isEmpty()) env.remove(kv.left(eq));
        else env.insert(kv.left(eq), kv.mid(eq + 1));
    }
    proc.setProcessEnvironment(env);
    proc.start(ATLAS_BINARY, args);
    proc.waitForFinished(180'000);
    RunResult r;
    r.exitCode = proc.exitStatus() == QProcess::NormalExit ? proc.exitCode() : -1;
    r.out = QString::fromUtf8(proc.readAllStandardOutput());
    r.err = QString::fromUtf8(proc.readAllStandardError());
    return r;
}

QString tempDir(const QString& name)
{
    static std::vector<std::unique_ptr<QTemporaryDir>> dirs;
    dirs.push_back(std::make_unique<QTemporaryDir>(QDir::tempPath() + "/atlas-cli-" + name + "-XXXXXX"));
    return dirs.back()->path();
}

int colourDistance(QColor a, QColor b)
{
    return std::max({std::abs(a.red() - b.red()), std::abs(a.green() - b.green()), std::abs(a.blue() - b.blue())});
}

}  // namespace atlas::test
