#include "atlas/render/renderer.h"

#include "atlas/render/label_placer.h"
#include "atlas/render/marker.h"
#include "imagery_paint.h"
#include "raster_paint.h"
#include "uncertainty_halo.h"

#include <QFontMetricsF>
#include <QPainterPath>
#include <QPainterPathStroker>

#include <algorithm>
#include <cmath>
#include <map>

namespace atlas::render {
namespace {

struct LabelCandidate {
    QPointF anchor;
    double radius;
    QString text;
    const LabelStyle* style;
    int layerOrder;
    double rank;
};

bool cancelled(const RenderOptions& o)
{
    return o.cancel && o.cancel->load(std::memory_order_relaxed);
}

using detail::brushFor;
using detail::penFor;

// True when some layer has labels to place: only then do label candidates and the space point
// symbols take (a rectangle per point, a million on a large layer) need collecting.
bool wantsLabels(const MapScene& scene, const RenderOptions& options)
{
    if (!options.labels || !scene.labels) return false;
    return std::any_of(scene.layers.begin(), scene.layers.end(),
                       [](const SceneLayer& l) { return l.layer && !l.style.label.field.empty(); });
}

// Draws one layer; collects label candidates. Returns false when cancelled.
class LayerPainter {
public:
    LayerPainter(const MapScene& scene, QPainter& painter, const RenderOptions& options, RenderStats& stats)
        : m_scene(scene), m_painter(painter), m_options(options), m_stats(stats)
    {
    }

    // With paint == false nothing is drawn: only the label candidates and the space point
    // symbols take are collected (for the label pass of a partial render); with collect ==
    // false nothing is collected.
    bool draw(const SceneLayer& item, int order, bool paint, bool collect, std::vector<LabelCandidate>& labels,
              std::vector<QRectF>& obstacles)
    {
        const Layer& layer = *item.layer;
        const GeometryColumn& geom = layer.geometry();
        const LayerStyle& style = item.style;
        const Viewport& vp = m_scene.viewport;
        // A margin so symbols and strokes at the edge are not cut.
        const Box view = vp.extent().buffered(vp.unitsPerPixel * 16 * m_scene.pixelRatio);
        const Column* categoryColumn = style.categoryField.empty() ? nullptr : layer.column(style.categoryField);
        const Column* labelColumn = style.label.field.empty() ? nullptr : layer.column(style.label.field);
        const Column* rankColumn = style.label.rankField.empty() ? nullptr : layer.column(style.label.rankField);

        // category: index into style.categories, -1 for the default symbol, kByAttribute to
        // look the value up in the category field.
        auto drawFeature = [&](uint32_t f, double opacity, int category) -> bool {
            if ((++m_counter & 1023) == 0 && cancelled(m_options)) return false;
            if (geom.isNull(f) || !geom.bounds(f).intersects(view)) return true;
            const bool isPoint = geom.kind(f) == GeometryKind::Point;
            if (!paint && (!isPoint || !collect)) return true;
            const Symbol* sym = &style.symbol;
            if (category >= 0 && static_cast<std::size_t>(category) < style.categories.size())
                sym = &style.categories[static_cast<std::size_t>(category)].symbol;
            else if (category == kByAttribute && categoryColumn)
                sym = &style.symbolFor(categoryColumn->isNull(f) ? std::string()
                                       : categoryColumn->strings() ? std::string(categoryColumn->string(f))
                                                                   : categoryColumn->text(f));
            const double alpha = opacity * style.opacity;
            if (alpha <= 0.0) return true;
            if (paint) {
                drawGeometry(geom, f, *sym, alpha);
                ++m_stats.featuresDrawn;
            }
            if (!collect) return true;
            if (isPoint) collectPoint(geom, f, *sym, obstacles);
            if (labelColumn && isPoint && !labelColumn->isNull(f)) {
                const QString text = QString::fromStdString(labelColumn->text(f));
                if (!text.isEmpty()) {
                    const Coord px = vp.toPixel(geom.firstCoord(f));
                    const auto rank = rankColumn ? rankColumn->number(f) : std::nullopt;
                    labels.push_back({QPointF(px.x, px.y), sym->size * m_scene.pixelRatio / 2, text, &style.label,
                                      order, rank.value_or(0.0)});
                }
            }
            return true;
        };

        if (item.state) {
            const FeatureState& st = *item.state;
            for (std::size_t i = 0; i < st.visible.size(); ++i) {
                const double op = st.opacity.empty() ? 1.0 : st.opacity[i];
                const int cat = st.category.empty() ? kByAttribute : st.category[i];
                if (!drawFeature(st.visible[i], op, cat)) return false;
            }
            return true;
        }
        const std::vector<uint32_t> ids = layer.index().query(view);
        for (uint32_t f : ids)
            if (!drawFeature(f, 1.0, kByAttribute)) return false;
        return true;
    }

private:
    static constexpr int kByAttribute = -2;

    void collectPoint(const GeometryColumn& geom, uint32_t f, const Symbol& sym, std::vector<QRectF>& obstacles) const
    {
        const double h = sym.size * m_scene.pixelRatio / 2 + 1;
        for (const Coord& c : geom.coords(f)) {
            const Coord px = m_scene.viewport.toPixel(c);
            obstacles.emplace_back(px.x - h, px.y - h, 2 * h, 2 * h);
        }
    }

    void drawGeometry(const GeometryColumn& geom, uint32_t f, const Symbol& sym, double alpha)
    {
        const Viewport& vp = m_scene.viewport;
        const double ratio = m_scene.pixelRatio;
        switch (geom.kind(f)) {
        case GeometryKind::Point: {
            const QPainterPath& marker = markerFor(sym.shape, sym.size * ratio);
            m_painter.setPen(penFor(sym, ratio, alpha));
            m_painter.setBrush(brushFor(sym, alpha));
            for (uint32_t p = geom.partBegin(f); p < geom.partEnd(f); ++p) {
                for (uint32_t r = geom.ringBegin(p); r < geom.ringEnd(p); ++r) {
                    for (const Coord& c : geom.ring(r)) {
                        const Coord px = vp.toPixel(c);
                        m_painter.drawPath(marker.translated(px.x, px.y));
                    }
                }
            }
            break;
        }
        case GeometryKind::Line: {
            m_painter.setPen(penFor(sym, ratio, alpha));
            m_painter.setBrush(Qt::NoBrush);
            for (uint32_t p = geom.partBegin(f); p < geom.partEnd(f); ++p)
                for (uint32_t r = geom.ringBegin(p); r < geom.ringEnd(p); ++r) {
                    toPixels(geom.ring(r));
                    m_painter.drawPolyline(m_points.data(), static_cast<int>(m_points.size()));
                }
            break;
        }
        case GeometryKind::Polygon: {
            QPainterPath path;
            path.setFillRule(Qt::OddEvenFill);
            for (uint32_t p = geom.partBegin(f); p < geom.partEnd(f); ++p)
                for (uint32_t r = geom.ringBegin(p); r < geom.ringEnd(p); ++r) {
                    toPixels(geom.ring(r));
                    path.addPolygon(QPolygonF(QList<QPointF>(m_points.begin(), m_points.end())));
                    path.closeSubpath();
                }
            m_painter.setPen(penFor(sym, ratio, alpha));
            m_painter.setBrush(brushFor(sym, alpha));
            m_painter.drawPath(path);
            break;
        }
        case GeometryKind::None: break;
        }
    }

    void toPixels(std::span<const Coord> ring)
    {
        const Viewport& vp = m_scene.viewport;
        m_points.clear();
        m_points.reserve(ring.size());
        QPointF last(std::nan(""), 0);
        for (const Coord& c : ring) {
            const Coord px = vp.toPixel(c);
            const QPointF pt(px.x, px.y);
            // Skip vertices closer than a quarter pixel to the previous one: invisible, costly.
            if (!m_points.empty() && std::abs(pt.x() - last.x()) < 0.25 && std::abs(pt.y() - last.y()) < 0.25) continue;
            m_points.push_back(pt);
            last = pt;
        }
        if (m_points.size() == 1) m_points.push_back(m_points.front());
    }

    const QPainterPath& markerFor(MarkerShape shape, double diameter)
    {
        const auto key = std::make_pair(static_cast<int>(shape), diameter);
        auto it = m_markers.find(key);
        if (it == m_markers.end()) it = m_markers.emplace(key, markerPath(shape, diameter)).first;
        return it->second;
    }

    const MapScene& m_scene;
    QPainter& m_painter;
    const RenderOptions& m_options;
    RenderStats& m_stats;
    std::vector<QPointF> m_points;
    std::map<std::pair<int, double>, QPainterPath> m_markers;
    std::size_t m_counter = 0;
};

void drawLabels(const MapScene& scene, QPainter& painter, std::vector<LabelCandidate>& labels,
                const std::vector<QRectF>& obstacles, RenderStats& stats)
{
    // Top layers first, then by priority and rank: the most important names win collisions.
    std::stable_sort(labels.begin(), labels.end(), [](const LabelCandidate& a, const LabelCandidate& b) {
        if (a.style->priority != b.style->priority) return a.style->priority > b.style->priority;
        if (a.layerOrder != b.layerOrder) return a.layerOrder > b.layerOrder;
        return a.rank > b.rank;
    });
    const Viewport& vp = scene.viewport;
    LabelPlacer placer(QRectF(0, 0, vp.width, vp.height));
    for (const QRectF& r : obstacles) placer.addObstacle(r);

    painter.save();
    for (const LabelCandidate& c : labels) {
        QFont font = painter.font();
        font.setPointSizeF(c.style->pointSize);
        font.setBold(c.style->bold);
        // Point sizes are for 96 dpi logical pixels; scale to device pixels.
        font.setPixelSize(std::max(1, static_cast<int>(std::lround(c.style->pointSize * 96.0 / 72.0 * scene.pixelRatio))));
        const QFontMetricsF fm(font);
        const QSizeF size(fm.horizontalAdvance(c.text) + 2, fm.height());
        const auto pos = placer.place(c.anchor, c.radius, size);
        if (!pos) { ++stats.labelsDropped; continue; }
        QPainterPath text;
        text.addText(pos->x() + 1, pos->y() + fm.ascent(), font, c.text);
        if (c.style->halo.alpha() > 0) {
            painter.setPen(QPen(c.style->halo, 2.6 * scene.pixelRatio, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            painter.setBrush(Qt::NoBrush);
            painter.drawPath(text);
        }
        painter.setPen(Qt::NoPen);
        painter.setBrush(c.style->color);
        painter.drawPath(text);
        ++stats.labelsPlaced;
    }
    painter.restore();
}

}  // namespace

bool Renderer::render(const MapScene& scene, QPainter& painter, const RenderOptions& options, RenderStats* statsOut)
{
    if (hasDeferredStates(scene)) {  // a caller that did not resolve them: here, on this thread
        MapScene resolved = scene;
        resolveDeferredStates(resolved);
        return render(resolved, painter, options, statsOut);
    }
    RenderStats stats;
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    const bool labelPass = wantsLabels(scene, options);
    std::vector<char> paint(scene.layers.size(), 0);
    for (std::size_t i = 0; i < scene.layers.size(); ++i) {
        const SceneLayer& item = scene.layers[i];
        paint[i] = (item.layer || item.raster) && (options.pass == LayerPass::All
                                  || (options.pass == LayerPass::StaticOnly && !item.timeDependent)
                                  || (options.pass == LayerPass::TimeOnly && item.timeDependent));
    }
    LayerPainter layerPainter(scene, painter, options, stats);
    std::vector<LabelCandidate> labels;
    std::vector<QRectF> obstacles;
    if (QImage* image = detail::rasterTarget(painter, options)) {
        // Vector layers go through the fast paths in runs, interrupted by imagery (a raster covers
        // what is below it and lies under what is above) and by uncertainty halos (drawn between
        // their layer and the ones below).
        std::vector<char> pending(paint.size(), 0);
        auto flush = [&] {
            const bool any = std::find(pending.begin(), pending.end(), 1) != pending.end();
            const bool ok = !any || detail::paintLayersRaster(scene, *image, pending, options,
                                                              statsOut ? &stats.featuresDrawn : nullptr);
            std::fill(pending.begin(), pending.end(), 0);
            return ok;
        };
        for (std::size_t i = 0; i < scene.layers.size(); ++i) {
            if (scene.layers[i].raster) {
                if (paint[i] && (!flush() || !detail::paintImagery(scene, scene.layers[i], painter, options, stats)))
                    return false;
                continue;
            }
            if (paint[i] && scene.layers[i].layer && detail::hasUncertaintyHalos(scene.layers[i])
                && (!flush() || !detail::drawUncertaintyHalos(scene, scene.layers[i], painter, options)))
                return false;
            pending[i] = paint[i];
        }
        if (!flush()) return false;
        // Label candidates and point obstacles of every layer, painted here or not.
        if (labelPass)
            for (std::size_t i = 0; i < scene.layers.size(); ++i)
                if (scene.layers[i].layer
                    && !layerPainter.draw(scene.layers[i], static_cast<int>(i), false, true, labels, obstacles))
                    return false;
    } else {
        for (std::size_t i = 0; i < scene.layers.size(); ++i) {
            const SceneLayer& item = scene.layers[i];
            if (item.raster) {
                if (paint[i] && !detail::paintImagery(scene, item, painter, options, stats)) return false;
                continue;
            }
            if (!item.layer) continue;
            // Layers outside this pass still reserve label space, so labels never cover them.
            if (!paint[i] && !labelPass) continue;
            if (paint[i] && !detail::drawUncertaintyHalos(scene, item, painter, options)) return false;
            if (!layerPainter.draw(item, static_cast<int>(i), paint[i], labelPass, labels, obstacles)) return false;
        }
    }
    if (cancelled(options)) return false;
    if (labelPass) drawLabels(scene, painter, labels, obstacles, stats);
    if (statsOut) *statsOut = stats;
    return true;
}

QImage Renderer::renderImage(const MapScene& scene, const RenderOptions& options)
{
    QImage image(scene.viewport.width, scene.viewport.height, QImage::Format_ARGB32_Premultiplied);
    const bool opaque = options.pass == LayerPass::All || options.pass == LayerPass::StaticOnly;
    image.fill(opaque ? scene.background : QColor(Qt::transparent));
    QPainter painter(&image);
    render(scene, painter, options);
    painter.end();
    return image;
}

}  // namespace atlas::render
