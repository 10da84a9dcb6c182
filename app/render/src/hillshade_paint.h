#pragma once
// Render-internal: an elevation raster drawn as hillshade (LayerStyle::hillshade). Each frame
// reads only the window it shows — the DEM warped by GDAL into the scene's CRS at the frame's
// resolution, one pixel of margin for the slopes at its edge — and shades it with Horn's
// gradient (as gdaldem hillshade does). Slopes are in ground metres whatever the display CRS:
// the size of a frame pixel on the ground is measured geodesically at the frame's centre, so a
// geographic or Web Mercator view shades like a UTM one.
#include "atlas/render/map_scene.h"
#include "atlas/render/renderer.h"

#include <QImage>
#include <QPainter>

namespace atlas::render::detail {

// Shades an elevation grid (width+2 × height+2 values, the frame plus a one-pixel margin, rows
// top first) into a width × height ARGB32-premultiplied overlay: black where a slope faces
// away from the light, white where it faces it, transparent on flat ground and where there is
// no data. `metresX`/`metresY`: ground size of one pixel.
QImage hillshadeOverlay(const ElevationGrid& grid, double metresX, double metresY, const HillshadeStyle& style);

// Draws `item.raster` as hillshade. Returns false when cancelled; read failures go to
// `stats.errors`.
bool paintHillshade(const MapScene& scene, const SceneLayer& item, QPainter& painter, const RenderOptions& options,
                    RenderStats& stats);

}  // namespace atlas::render::detail
