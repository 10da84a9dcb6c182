#include "atlas/model/data_opener.h"

#include "atlas/model/event_layers.h"
#include "atlas/render/default_styles.h"
#include "atlas/render/osm_styles.h"
#include "atlas/layer_cache.h"

#include <QFileInfo>

namespace atlas::app {

const std::set<QString>& vectorSuffixes()
{
    static const std::set<QString> s = {"geojson", "json", "gpkg",   "shp",      "kml",      "kmz", "csv", "tsv", "fgb",
                                        "gml",     "gpx",  "tab",    "mif",      "sqlite",   "geojsonl", "geojsons", "osm", "pbf"};
    return s;
}

const std::set<QString>& rasterSuffixes()
{
    static const std::set<QString> s = {"tif", "tiff", "mbtiles", "jp2", "vrt", "img", "ecw", "sid"};
    return s;
}

OpenedFile openDataFile(const OpenRequest& request)
{
    OpenedFile r;
    r.path = request.path;
    const std::string path = request.path.toStdString();
    const QString suffix = QFileInfo(request.path).suffix().toLower();
    const bool surelyRaster = suffix == "tif" || suffix == "tiff" || suffix == "jp2";
    const bool events = request.layerName.empty() && isEventFile(request.path);
    if (request.layerName.empty() && !events
        && (surelyRaster || (!vectorSuffixes().count(suffix) && RasterSource::isRaster(path)))) {
        r.raster = RasterSource::open(path, r.vector.diagnostics, {request.policy.allowRemote});
        if (request.progress) request.progress(1.0);
        return r;
    }
    if (events) {
        io::EventImportOptions options;
        options.displayCrs = request.displayCrs;
        r.events = io::importEventFile(path, options, r.vector.diagnostics);
        if (request.progress) request.progress(1.0);
        return r;
    }
    LoadOptions opts;
    opts.targetCrs = request.displayCrs;
    opts.layerName = request.layerName;
    opts.progress = request.progress;
    opts.allowRemote = request.policy.allowRemote;
    opts.repairInvalid = request.policy.repairInvalid;
    // Large files open again from the columnar cache in the user's cache folder (issue 20).
    opts.cacheDir = defaultLayerCacheDir();
    r.vector = loadVectorSource(path, opts);
    // A GeoPackage of tiles (or any vector-named file GDAL reads as a raster) is imagery.
    if (r.vector.layers.empty() && !r.vector.cancelled && request.layerName.empty() && RasterSource::isRaster(path)) {
        OpenedFile raster;
        raster.path = request.path;
        raster.raster = RasterSource::open(path, raster.vector.diagnostics, {request.policy.allowRemote});
        if (raster.raster) return raster;
    }
    return r;
}

std::vector<LayerEntry> layerEntriesOf(const OpenedFile& file, const std::string& displayCrs, int& ordinal)
{
    std::vector<LayerEntry> out;
    const QString base = QFileInfo(file.path).completeBaseName();
    if (file.raster) {
        out.push_back(makeRasterEntry(file.raster, displayCrs));
        return out;
    }
    if (file.events) {
        if (file.events->ok()) out.push_back(eventLayerEntry(*file.events, base));
        return out;
    }
    for (const auto& layer : file.vector.layers) {
        LayerEntry e;
        e.layer = layer;
        // An OpenStreetMap extract's themed layers, styled by their tags (osm_styles.h).
        if (auto osm = render::osmStyleFor(*layer, base)) {
            e.style = std::move(*osm);
            out.push_back(std::move(e));
            continue;
        }
        e.style = render::defaultStyleFor(*layer, ordinal++);
        // A multi-layer file names its layers after the file, so two GeoPackages stay apart.
        if (file.vector.layers.size() > 1) e.style.title = base + " — " + e.style.title;
        else if (e.style.title.isEmpty()) e.style.title = base;
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace atlas::app
