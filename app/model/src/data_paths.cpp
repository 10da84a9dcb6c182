#include "atlas/model/data_paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace atlas::app {

DataPaths DataPaths::locate()
{
    QStringList roots;
    const QString env = qEnvironmentVariable("KACHIN_ATLAS_DATA");
    if (!env.isEmpty()) roots << env;
    const QString exeDir = QCoreApplication::applicationDirPath();
    roots << exeDir + "/data" << exeDir + "/../share/kachin-atlas";

    DataPaths paths;
    for (const QString& root : roots) {
        const QDir dir(root);
        if (paths.geodataDir.isEmpty() && QFileInfo(dir.filePath("geodata")).isDir())
            paths.geodataDir = QDir::cleanPath(dir.filePath("geodata"));
        if (paths.basemapFile.isEmpty() && QFileInfo(dir.filePath("basemap/kachin-basemap.gpkg")).isFile())
            paths.basemapFile = QDir::cleanPath(dir.filePath("basemap/kachin-basemap.gpkg"));
        if (paths.webDir.isEmpty() && QFileInfo(dir.filePath("web/index.html")).isFile())
            paths.webDir = QDir::cleanPath(dir.filePath("web"));
    }
    return paths;
}

}  // namespace atlas::app
