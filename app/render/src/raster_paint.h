#pragma once
// Render-internal: the raster fast paths of Renderer, for QImage devices only. Vector devices
// (SVG, PDF) and painters with a transform, clip, opacity or composition mode of their own keep
// the plain QPainter path in renderer.cpp, which is also the reference the fast paths are tested
// against (tests/render/fast_path_test.cpp).
//
// What the fast paths change, and by how much (device pixels):
//  * points: a marker is drawn by QPainter once per symbol and 1/8-pixel offset into a sprite,
//    then stamped with Qt's own premultiplied source-over arithmetic — positions within 1/16 px;
//  * 1-px lines and polygon outlines are written straight into the pixels with the coverage of
//    QPainter's cosmetic stroker (which QPainter itself uses for such pens); wider or dashed
//    pens stay with QPainter;
//  * solid polygon fills are written straight into the pixels with the exact-area coverage of
//    QPainter's antialiased fill (area_fill.h: within two levels of 255); patterned fills stay
//    with QPainter;
//  * lines and polygon rings drop vertices closer than kSimplifyPx to the last one kept
//    (screen-tolerance simplification), so they are drawn within kSimplifyPx of the plain path;
//    polygons reaching outside the frame are clipped to it plus a margin (off-screen edges only);
//  * each layer is drawn by all cores over bands of rows, layer after layer, so layers and the
//    features within a band compose in the plain path's order.
// tests/render/fast_path_test.cpp states the tolerances and checks them.
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
// Returns false when cancelled. When `featuresDrawn` is set, adds what the plain path counts.
bool paintLayersRaster(const MapScene& scene, QImage& image, const std::vector<char>& paint,
                       const RenderOptions& options, std::size_t* featuresDrawn);

}  // namespace atlas::render::detail
