#pragma once
// A scale bar measured on the ellipsoid (PROJ geodesic), not in projected units, so it stays
// right in any display CRS. Measured along the horizontal through the given pixel row.
#include "atlas/crs.h"
#include "atlas/viewport.h"

#include <QPainter>
#include <QString>

namespace atlas::render {

struct ScaleBarSpec {
    double lengthMetres = 0;   // a "nice" length: 1, 2 or 5 × 10^k
    double widthPx = 0;        // its length on screen, device pixels
    QString label;             // "20 km", "500 m"
    bool valid = false;
};

// `toWgs84`: display CRS → EPSG:4326. `maxWidthPx`: the longest bar that fits.
ScaleBarSpec computeScaleBar(const Viewport& vp, const CoordinateTransform& toWgs84, double rowY, double maxWidthPx);

// Draws the bar with its label; `origin` is the bar's bottom-left in device pixels.
void drawScaleBar(QPainter& p, const ScaleBarSpec& spec, QPointF origin, double pixelRatio);

}  // namespace atlas::render

namespace atlas::render {
// The scale bar as the canvas and exports place it: bottom-left, at most a fifth of the width.
void drawScaleBarOverlay(QPainter& p, const Viewport& vp, const std::string& displayCrs, double pixelRatio);
}  // namespace atlas::render
