#pragma once
// The interactive web map: one folder (index.html, atlas.js, atlas.css, Leaflet, data/) that
// shows the document as the window does — the same layers in the same order with the same
// styles, labels and basemap — with a timeline slider applying the same time modes, popups
// with what the inspector shows, and the legend and credits of what is drawn. It works from
// file:// and any static host and asks no other host for anything: Leaflet is copied from
// Debian's libjs-leaflet, the layers and basemap are a data script.
//
// The page computes nothing the model does not: every feature carries the spans the dataset
// compiled (FeatureTimes), every place, mine and crossing its resolved controller timeline
// (LinkIndex) and status history, so the page on a day draws what `kachin-atlas state` reports.
// Used by `kachin-atlas export-web` and File → Export Web Map….
#include "atlas/box.h"
#include "atlas/time/time_cursor.h"
#include "atlas/model/map_document.h"

#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>

namespace atlas::app {

struct WebExportJob {
    const MapDocument* document = nullptr;
    Box extent;                    // display CRS: the page's initial view
    TimeCursor cursor;             // the page's initial day and its events window
    std::optional<int32_t> from;   // the slider's first day (default: the document's time range)
    std::optional<int32_t> to;     // its last day, included
    QString title;
    QString subtitle;
};

// Where the page's files come from.
struct WebAssets {
    QString pageDir;    // index.html, atlas.js, atlas.css (resources/web)
    QString leafletDir; // leaflet.js, leaflet.css, images/ (libjs-leaflet)
    // resources/web next to the binary or under the install prefix ($KACHIN_ATLAS_DATA first);
    // Leaflet from $KACHIN_ATLAS_LEAFLET, else /usr/share/javascript/leaflet.
    static WebAssets locate();
};

struct WebExportResult {
    bool ok = false;
    Diagnostics diagnostics;  // why it failed: "/x/index.html: cannot write: Permission denied"
    QStringList files;      // written, relative to the folder
    qint64 bytes = 0;       // the folder's size
};

// The page's closest zoom (Leaflet's): basemap lines are thinned to half a pixel at it.
inline constexpr int kWebMaxZoom = 14;

// The data the page draws (data/atlas-data.js holds it as `window.ATLAS_DATA = …`). Its member
// "far" (layer index → features) holds the basemap features away from the initial view, which
// the page loads after its first drawing (data/atlas-far.js, `window.ATLAS_FAR = …`); a layer
// with "geometryOf" draws the features of an earlier layer (same order) and carries no geometry.
nlohmann::ordered_json webMapData(const WebExportJob& job);

// Writes the folder `dir` (created when missing; files of an earlier export are replaced).
WebExportResult exportWebMap(const WebExportJob& job, const QString& dir, const WebAssets& assets = WebAssets::locate());

}  // namespace atlas::app
