#include "imagery_paint.h"

#include "hillshade_paint.h"

#include <QImage>

#include <algorithm>
#include <cmath>

namespace atlas::render::detail {

std::optional<QRect> coveredPixels(const Viewport& vp, const Box& foot)
{
    const Box view = vp.extent();
    if (foot.isEmpty() || !foot.intersects(view)) return std::nullopt;
    const Coord topLeft = vp.toPixel({std::max(foot.minX, view.minX), std::min(foot.maxY, view.maxY)});
    const Coord bottomRight = vp.toPixel({std::min(foot.maxX, view.maxX), std::max(foot.minY, view.minY)});
    const int x0 = std::max(0, static_cast<int>(std::floor(topLeft.x)) - 1);
    const int y0 = std::max(0, static_cast<int>(std::floor(topLeft.y)) - 1);
    const int x1 = std::min(vp.width, static_cast<int>(std::ceil(bottomRight.x)) + 1);
    const int y1 = std::min(vp.height, static_cast<int>(std::ceil(bottomRight.y)) + 1);
    if (x1 <= x0 || y1 <= y0) return std::nullopt;
    return QRect(QPoint(x0, y0), QPoint(x1 - 1, y1 - 1));
}

bool paintImagery(const MapScene& scene, const SceneLayer& item, QPainter& painter, const RenderOptions& options,
                  RenderStats& stats)
{
    if (!item.raster || item.style.opacity <= 0) return true;
    if (item.style.hillshade.enabled) return paintHillshade(scene, item, painter, options, stats);
    const Viewport& vp = scene.viewport;
    const auto covered = coveredPixels(vp, item.raster->extentIn(scene.crs));
    if (!covered) return true;
    const int x0 = covered->left(), y0 = covered->top(), x1 = covered->right() + 1, y1 = covered->bottom() + 1;
    const Coord a = vp.toMap({static_cast<double>(x0), static_cast<double>(y0)});
    const Coord b = vp.toMap({static_cast<double>(x1), static_cast<double>(y1)});

    const auto read = item.raster->readView(scene.crs, Box::of(a.x, a.y, b.x, b.y), x1 - x0, y1 - y0, options.cancel);
    if (options.cancel && options.cancel->load()) return false;
    if (!read) {
        stats.errors.push_back(read.message());
        return true;
    }
    const RasterImage& img = *read;
    const QImage image(img.rgba.data(), img.width, img.height, img.width * 4, QImage::Format_RGBA8888);
    painter.save();
    painter.setOpacity(painter.opacity() * item.style.opacity);
    painter.drawImage(QPointF(x0, y0), image);
    painter.restore();
    return true;
}

}  // namespace atlas::render::detail
