#pragma once
// Render-internal: the uncertainty halos of a layer (LayerStyle::uncertainty) — a translucent
// disc of the feature's radius in metres around each point, drawn before the layer's markers so
// they sit on top of it. Plain QPainter calls, so the screen, PNG, SVG and PDF draw the same;
// the raster fast path interleaves them between its layers (renderer.cpp).
#include "atlas/render/map_scene.h"
#include "atlas/render/renderer.h"

#include <QPainter>
#include <QPainterPath>
#include <QRectF>

namespace atlas::render::detail {

// True when the layer's style asks for halos and the layer has that column.
bool hasUncertaintyHalos(const SceneLayer& item);

// Draws the halos of the features the layer draws (its FeatureState, with their opacity and
// category colour). Returns false when cancelled.
bool drawUncertaintyHalos(const MapScene& scene, const SceneLayer& item, QPainter& painter, const RenderOptions& options);

// The part of the disc (centre, radius in device pixels) inside `frame`, for discs far larger
// than the frame whose centre lies outside it: a sector of the arc facing the frame, cut to
// the frame, so the painter never sees coordinates millions of pixels away.
QPainterPath discInFrame(QPointF centre, double radius, const QRectF& frame);

}  // namespace atlas::render::detail
