#pragma once
// Where the bundled data lives: $KACHIN_ATLAS_DATA, next to the binary (build tree), or under
// the install prefix (share/kachin-atlas) — never the source tree.
#include <QString>

namespace atlas::app {

struct DataPaths {
    QString geodataDir;   // bundled Kachin layers; empty if not found
    QString basemapFile;  // kachin-basemap.gpkg; empty if not found
    QString webDir;       // the web map's page, script and style (resources/web); empty if not found

    static DataPaths locate();
};

}  // namespace atlas::app
