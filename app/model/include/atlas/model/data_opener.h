#pragma once
// The one way a file the person names becomes layers: the window's command line, Open Data,
// projects, `export` and `export-data` all read through here, so a file opens the same
// everywhere (ACLED/UCDP CSVs as event layers, rasters as imagery, any OGR source as vectors)
// and gets the same style on screen and in every export.
#include "atlas/io/event_import.h"
#include "atlas/model/load_policy.h"
#include "atlas/model/map_document.h"
#include "atlas/vector_source.h"

#include <QString>

#include <functional>
#include <optional>
#include <set>

namespace atlas::app {

struct OpenRequest {
    QString path;
    std::string layerName;       // one layer of a multi-layer source (empty: all of them)
    std::string displayCrs = "EPSG:32647";
    LoadPolicy policy;           // a value: the caller's, read on its own thread
    std::function<bool(double)> progress;  // 0..1; false cancels (vector sources)
};

// What one file gave: exactly one of events, raster or vector layers (or nothing, with the
// reasons in `diagnostics`).
struct OpenedFile {
    QString path;
    std::optional<io::EventImport> events;
    std::shared_ptr<RasterSource> raster;
    LoadResult vector;  // its diagnostics hold every message about the file, whatever it was
    const Diagnostics& diagnostics() const { return vector.diagnostics; }
    bool cancelled() const { return vector.cancelled; }
    bool gaveLayers() const { return (events && events->ok()) || raster || !vector.layers.empty(); }
};

// Reads `request.path`. Whether it is a raster is asked of GDAL, not guessed from the name (a
// .gpkg, .mbtiles or .vrt may hold either); a GeoTIFF or JPEG 2000 is a raster even when broken,
// so the message says what is wrong with it as a raster.
OpenedFile openDataFile(const OpenRequest& request);

// The file's layers as map entries, styled as the map and every export show them. `ordinal`
// counts the colour cycle of plain vector layers across the files of one opening.
std::vector<LayerEntry> layerEntriesOf(const OpenedFile& file, const std::string& displayCrs, int& ordinal);

// The suffixes a folder scan picks up (Open Data itself asks GDAL about any file).
const std::set<QString>& vectorSuffixes();
const std::set<QString>& rasterSuffixes();

}  // namespace atlas::app
