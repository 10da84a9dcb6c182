#pragma once
// Render-internal: drawing a raster (imagery) layer of a scene. The pixels come from core
// (RasterSource::readView, GDAL warping into the scene's CRS) for the part of the frame the
// raster covers, and are drawn as one image at the layer's opacity — on every device, so an
// SVG or PDF export holds the same picture as the screen.
#include "atlas/render/map_scene.h"
#include "atlas/render/renderer.h"

#include <QPainter>
#include <QRect>

#include <optional>

namespace atlas::render::detail {

// The frame's whole pixels a raster's footprint (in the scene's CRS) covers, one more each
// side; nullopt when it covers none. Only these are read, so a small raster in a large window
// warps a small image.
std::optional<QRect> coveredPixels(const Viewport& vp, const Box& footprint);

// Draws `item.raster`. Returns false when cancelled; read failures go to `stats.errors`.
bool paintImagery(const MapScene& scene, const SceneLayer& item, QPainter& painter, const RenderOptions& options,
                  RenderStats& stats);

}  // namespace atlas::render::detail
