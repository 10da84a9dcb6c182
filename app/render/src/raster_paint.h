#pragma once
// Render-internal: the raster fast paths of Renderer, for QImage devices only. Vector devices
// (SVG, PDF) and painters with a transform, clip, opacity or composition mode of their own keep
// the plain QPainter path in renderer.cpp, which is also the reference the fast paths are tested
// against (tests/render/fast_path_test.cpp).
//
// What the fast paths change, and by how much (device pixels):
//  * points: a marker is drawn by QPainter once per symbol and 1/8-pixel offset into a sprite,
//    then stamped with Qt's own premultiplied source-over arithmetic — positions within 1/16 px;
//  * lines and polygon outlines: vertices closer than kSimplifyPx to the last one kept are
//    dropped (screen-tolerance simplification), so the drawn line is within kSimplifyPx of the
//    plain one; polygons far larger than the view are clipped to it (off-screen edges only);
//  * the image is cut into bands of rows drawn on all cores, each band painting every layer in
//    order — the same order of compositing as one painter, so nothing is re-ordered.
#include "atlas/render/map_scene.h"
#include "atlas/render/renderer.h"

#include <QBrush>
#include <QImage>
#include <QPainter>
#include <QPen>

#include <cstddef>
#include <vector>

namespace atlas::render::detail {

inline constexpr double kSimplifyPx = 0.5;

// The pen and brush a symbol is drawn with at an opacity (shared with the plain path).
QPen penFor(const Symbol& s, double ratio, double opacity);
QBrush brushFor(const Symbol& s, double opacity);

// The image `painter` draws on when the fast paths apply to it, else null.
QImage* rasterTarget(QPainter& painter, const RenderOptions& options);

// Paints the layers with paint[i] != 0, bottom first, into `image` (the painter's device).
// Returns false when cancelled; featuresDrawn counts as the plain path does.
bool paintLayersRaster(const MapScene& scene, QImage& image, const std::vector<char>& paint,
                       const RenderOptions& options, std::size_t& featuresDrawn);

}  // namespace atlas::render::detail
