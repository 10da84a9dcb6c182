#pragma once
// What sits on top of the map in the window and in exports alike: the date stamp of the clock.
// (The scale bar is in scale_bar.h.) Device-pixel coordinates, scaled by the pixel ratio.
#include "atlas/viewport.h"

#include <QPainter>
#include <QString>

namespace atlas::render {

// A boxed date label in the map's top-left corner, e.g. "20 Feb 2025" with "7-day window".
void drawDateStamp(QPainter& p, const Viewport& vp, const QString& date, const QString& detail, double pixelRatio);

}  // namespace atlas::render
