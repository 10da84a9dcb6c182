#include "atlas/viewport.h"

#include <algorithm>

namespace atlas {

Viewport Viewport::fit(const Box& extent, int width, int height, double marginPx)
{
    Viewport v;
    v.width = std::max(1, width);
    v.height = std::max(1, height);
    if (extent.isEmpty()) return v;
    v.centerX = extent.centerX();
    v.centerY = extent.centerY();
    const double usableW = std::max(1.0, v.width - 2 * marginPx);
    const double usableH = std::max(1.0, v.height - 2 * marginPx);
    const double upp = std::max(extent.width() / usableW, extent.height() / usableH);
    v.unitsPerPixel = upp > 0 ? upp : 1.0;
    return v;
}

Box Viewport::extent() const
{
    const double hw = width * unitsPerPixel / 2.0;
    const double hh = height * unitsPerPixel / 2.0;
    return {centerX - hw, centerY - hh, centerX + hw, centerY + hh};
}

Viewport Viewport::zoomedAt(double factor, Coord anchor) const
{
    Viewport v = *this;
    const Coord before = toMap(anchor);
    v.unitsPerPixel = unitsPerPixel / factor;
    const Coord after = v.toMap(anchor);
    v.centerX += before.x - after.x;
    v.centerY += before.y - after.y;
    return v;
}

Viewport Viewport::panned(double dxPx, double dyPx) const
{
    Viewport v = *this;
    v.centerX -= dxPx * unitsPerPixel;
    v.centerY += dyPx * unitsPerPixel;
    return v;
}

Viewport Viewport::resized(int w, int h) const
{
    Viewport v = *this;
    v.width = std::max(1, w);
    v.height = std::max(1, h);
    return v;
}

}  // namespace atlas
