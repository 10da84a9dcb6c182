#pragma once
// What part of the map is shown at what size: a centre in display-CRS units, a scale
// (map units per device pixel), and a pixel size. Pure value type, shared by the canvas,
// the renderer and exports, so the screen and an export of the same Viewport draw the same.
#include "atlas/box.h"
#include "atlas/geometry_column.h"

namespace atlas {

struct Viewport {
    double centerX = 0;
    double centerY = 0;
    double unitsPerPixel = 1;
    int width = 1;   // device pixels
    int height = 1;

    // A viewport of the given size showing all of `extent` (with a margin in pixels).
    static Viewport fit(const Box& extent, int width, int height, double marginPx = 0);

    Box extent() const;
    Coord toPixel(Coord map) const
    {
        return {(map.x - centerX) / unitsPerPixel + width / 2.0, (centerY - map.y) / unitsPerPixel + height / 2.0};
    }
    Coord toMap(Coord px) const
    {
        return {centerX + (px.x - width / 2.0) * unitsPerPixel, centerY - (px.y - height / 2.0) * unitsPerPixel};
    }
    // Zoom by `factor` (>1 zooms in) keeping the map point under pixel `anchor` fixed.
    Viewport zoomedAt(double factor, Coord anchor) const;
    Viewport panned(double dxPx, double dyPx) const;
    Viewport resized(int w, int h) const;
    bool operator==(const Viewport&) const = default;
};

}  // namespace atlas
