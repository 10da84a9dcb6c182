#include "hillshade_paint.h"
#include "imagery_paint.h"

#include "atlas/crs.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace atlas::render::detail {
namespace {

// How far flat ground is pushed at most: shade over the map's fills, never a black sheet.
constexpr double kMaxDarken = 0.72;
constexpr double kMaxLighten = 0.55;

// Ground metres of one frame pixel along x and y at the frame's centre.
std::pair<double, double> groundPixelSize(const MapScene& scene)
{
    const Viewport& vp = scene.viewport;
    const double u = vp.unitsPerPixel;
    if (const auto toLonLat = PooledTransform::lease(scene.crs, kWgs84)) {
        const Coord c = (*toLonLat)->transform(Coord{vp.centerX, vp.centerY});
        const Coord cx = (*toLonLat)->transform(Coord{vp.centerX + u, vp.centerY});
        const Coord cy = (*toLonLat)->transform(Coord{vp.centerX, vp.centerY + u});
        const double mx = geodesicDistance(c.x, c.y, cx.x, cx.y), my = geodesicDistance(c.x, c.y, cy.x, cy.y);
        if (std::isfinite(mx) && std::isfinite(my) && mx > 0 && my > 0) return {mx, my};
    }
    return {u, u};  // a projected CRS in metres
}

}  // namespace

QImage hillshadeOverlay(const ElevationGrid& grid, double metresX, double metresY, const HillshadeStyle& style)
{
    const int w = grid.width - 2, h = grid.height - 2;
    QImage out(std::max(w, 1), std::max(h, 1), QImage::Format_ARGB32_Premultiplied);
    out.fill(Qt::transparent);
    if (w <= 0 || h <= 0) return out;
    constexpr double deg = std::numbers::pi / 180.0;
    const double az = style.azimuth * deg, alt = std::clamp(style.altitude, 1.0, 90.0) * deg;
    // Towards the light, in (east, north, up).
    const double lx = std::sin(az) * std::cos(alt), ly = std::cos(az) * std::cos(alt), lz = std::sin(alt);
    const double flat = lz;
    const double zx = style.zFactor / (8.0 * metresX), zy = style.zFactor / (8.0 * metresY);
    for (int y = 0; y < h; ++y) {
        auto* row = reinterpret_cast<QRgb*>(out.scanLine(y));
        for (int x = 0; x < w; ++x) {
            const float e = grid.at(x + 1, y + 1);
            if (std::isnan(e)) continue;
            // A missing neighbour counts as level with the centre (no false cliff at the edge).
            auto z = [&](int dx, int dy) {
                const float v = grid.at(x + 1 + dx, y + 1 + dy);
                return std::isnan(v) ? static_cast<double>(e) : static_cast<double>(v);
            };
            // Horn: east minus west, and north minus south (rows run southwards).
            const double dzdx = ((z(1, -1) + 2 * z(1, 0) + z(1, 1)) - (z(-1, -1) + 2 * z(-1, 0) + z(-1, 1))) * zx;
            const double dzdy = ((z(-1, -1) + 2 * z(0, -1) + z(1, -1)) - (z(-1, 1) + 2 * z(0, 1) + z(1, 1))) * zy;
            // The surface's unit normal is (−dz/dx, −dz/dy, 1) / |…|.
            const double shade = std::max(0.0, (-dzdx * lx - dzdy * ly + lz) / std::sqrt(dzdx * dzdx + dzdy * dzdy + 1.0));
            if (shade < flat) {
                const int a = static_cast<int>(std::lround(255.0 * kMaxDarken * (flat - shade) / flat));
                row[x] = qRgba(0, 0, 0, a);
            } else if (flat < 1.0) {
                const int a = static_cast<int>(std::lround(255.0 * kMaxLighten * (shade - flat) / (1.0 - flat)));
                row[x] = qRgba(a, a, a, a);  // premultiplied white
            }
        }
    }
    return out;
}

bool paintHillshade(const MapScene& scene, const SceneLayer& item, QPainter& painter, const RenderOptions& options,
                    RenderStats& stats)
{
    if (!item.raster || item.style.opacity <= 0) return true;
    const Viewport& vp = scene.viewport;
    // The frame's pixels the DEM covers, as imagery reads them.
    const auto covered = coveredPixels(vp, item.raster->extentIn(scene.crs));
    if (!covered) return true;
    const int x0 = covered->left(), y0 = covered->top(), x1 = covered->right() + 1, y1 = covered->bottom() + 1;
    // Zoomed in past the DEM's own cells, shading every frame pixel adds no detail (the warp
    // only interpolates between cells) and cost ~0.3 s a 1600 × 1000 frame: the grid is then
    // as coarse as the DEM, up to 8 frame pixels a cell, and the overlay scaled up smoothly.
    const Box own = item.raster->extentIn(scene.crs);
    const double sourceCell = item.raster->info().width > 0 ? own.width() / item.raster->info().width : 0;
    const double factor = std::clamp(sourceCell / vp.unitsPerPixel / 1.5, 1.0, 8.0);
    const int gw = std::max(1, static_cast<int>(std::ceil((x1 - x0) / factor)));
    const int gh = std::max(1, static_cast<int>(std::ceil((y1 - y0) / factor)));
    const double cellX = (x1 - x0) * vp.unitsPerPixel / gw, cellY = (y1 - y0) * vp.unitsPerPixel / gh;
    // One cell more each side: the slope at the frame's edge needs its neighbours.
    const Coord topLeftMap = vp.toMap({static_cast<double>(x0), static_cast<double>(y0)});
    const Box window = Box::of(topLeftMap.x - cellX, topLeftMap.y + cellY, topLeftMap.x + (gw + 1) * cellX,
                               topLeftMap.y - (gh + 1) * cellY);
    const auto read = item.raster->readElevation(scene.crs, window, gw + 2, gh + 2, options.cancel);
    if (options.cancel && options.cancel->load()) return false;
    if (!read) {
        stats.errors.push_back(read.message());
        return true;
    }
    const ElevationGrid& grid = *read;
    const auto [mx, my] = groundPixelSize(scene);
    const double ground = 1.0 / vp.unitsPerPixel;  // frame pixels per display unit
    const QImage overlay = hillshadeOverlay(grid, mx * cellX * ground, my * cellY * ground, item.style.hillshade);
    painter.save();
    painter.setOpacity(painter.opacity() * item.style.opacity);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    painter.drawImage(QRectF(x0, y0, x1 - x0, y1 - y0), overlay);
    painter.restore();
    return true;
}

}  // namespace atlas::render::detail
