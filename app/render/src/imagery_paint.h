#pragma once
// Render-internal: drawing a raster (imagery) layer of a scene. The pixels come from core
// (RasterSource::readView, GDAL warping into the scene's CRS) for the part of the frame the
// raster covers, and are drawn as one image at the layer's opacity — on every device, so an
// SVG or PDF export holds the same picture as the screen.
#include "atlas/render/map_scene.h"
#include "atlas/render/renderer.h"

#include <QPainter>

namespace atlas::render::detail {

// Draws `item.raster`. Returns false when cancelled; read failures go to `stats.errors`.
bool paintImagery(const MapScene& scene, const SceneLayer& item, QPainter& painter, const RenderOptions& options,
                  RenderStats& stats);

}  // namespace atlas::render::detail
