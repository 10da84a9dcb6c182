#pragma once
#include "atlas/render/style.h"

#include <QPainterPath>

namespace atlas::render {

// Outline of a marker of the given shape and diameter, centred on (0, 0).
QPainterPath markerPath(MarkerShape shape, double diameter);

}  // namespace atlas::render
