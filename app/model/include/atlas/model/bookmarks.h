#pragma once
// The built-in views — one list for the command line (`export --view bhamo`, `animate --view
// …`), projects and the window's bookmarks (gui/bookmarks.cpp). Extents are in degrees (WGS84),
// so a view shows the same ground in any display CRS; Kachin State has none and means the
// basemap's outline of the state (MapDocument::homeExtent).
#include "atlas/box.h"

#include <QString>

#include <vector>

namespace atlas::app {

struct BuiltinView {
    QString id;    // "bhamo": what `--view` takes (names and unique prefixes work too)
    QString name;  // "Bhamo": what menus show
    Box lonLat;    // lon0, lat0, lon1, lat1; empty for Kachin State (see above)
};

// Kachin State, Bhamo, Pangwa–Chipwi rare-earth belt, Laiza–Mai Ja Yang border, in that order.
const std::vector<BuiltinView>& builtinViews();

// The view whose id or name matches `key` ignoring case, spaces and punctuation ("bhamo",
// "Pangwa–Chipwi belt", "laiza-mai-ja-yang"), or whose id/name starts with it when only one
// does ("pangwa"); nullptr otherwise.
const BuiltinView* findBuiltinView(const QString& key);

// "kachin-state, bhamo, pangwa-chipwi, laiza-mai-ja-yang" — for help texts and error messages.
QString builtinViewIds();

}  // namespace atlas::app
