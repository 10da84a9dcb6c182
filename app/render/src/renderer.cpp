#include "atlas/render/renderer.h"

#include "atlas/render/marker.h"
#include "imagery_paint.h"
#include "label_pass.h"
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

bool cancelled(const RenderOptions& o)
{
    return o.cancel && o.cancel->load(std::memory_order_relaxed);
}

using detail::brushFor;
using detail::LabelCandidates;
using detail::penFor;

// True when some layer has labels to place: only then do label candidates and the space point
// symbols take (a rectangle per point, a million on a large layer) need collecting.
bool wantsLabels(const MapScene& scene, const RenderOptions& options)
{
    if (!options.labels || !scene.labels) return false;
    return std::any_of(scene.layers.begin(), scene.layers.end(),
                       [](const SceneLayer& l) { return l.layer && l.style.label.enabled(); });
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
    bool draw(const SceneLayer& item, int order, bool paint, bool collect, LabelCandidates& labels)
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
        const bool categoryLabels = style.label.field == kCategoryLabel;
        const bool labelled = labelColumn || categoryLabels || !style.label.text.isEmpty();
        // Zoomed out, minor names are not even candidates (more places as the user zooms in).
        const bool detailScale = vp.unitsPerPixel * m_scene.pixelRatio <= style.label.detailUnitsPerPixel;

        // category: index into style.categories, -1 for the default symbol, kByAttribute to
        // look the value up in the category field.
        auto drawFeature = [&](uint32_t f, double opacity, int category) -> bool {
            if ((++m_counter & 1023) == 0 && cancelled(m_options)) return false;
            if (geom.isNull(f) || !geom.bounds(f).intersects(view)) return true;
            const bool isPoint = geom.kind(f) == GeometryKind::Point;
            if (!paint && (!collect || (!isPoint && !labelled))) return true;
            if (category == kByAttribute && categoryColumn)
                category = style.categoryIndex(categoryColumn->isNull(f) ? std::string()
                                               : categoryColumn->strings() ? std::string(categoryColumn->string(f))
                                                                           : categoryColumn->text(f));
            const Symbol* sym = &style.symbol;
            if (category >= 0 && static_cast<std::size_t>(category) < style.categories.size())
                sym = &style.categories[static_cast<std::size_t>(category)].symbol;
            const double alpha = opacity * style.opacity;
            if (alpha <= 0.0) return true;
            if (paint) {
                drawGeometry(geom, f, *sym, alpha);
                ++m_stats.featuresDrawn;
            }
            if (!collect) return true;
            if (isPoint) collectPoint(geom, f, *sym, !labelled, labels);
            // A faded feature (an earlier front line, an old event) carries no name.
            if (!labelled || alpha < 0.5) return true;
            QString text = style.label.text;
            if (categoryLabels) {
                if (category >= 0 && static_cast<std::size_t>(category) < style.categories.size())
                    text = style.categories[static_cast<std::size_t>(category)].label;
            } else if (labelColumn && !labelColumn->isNull(f)) {
                text = QString::fromStdString(labelColumn->text(f));
            }
            if (text.isEmpty()) return true;
            const double rank = (rankColumn ? rankColumn->number(f) : std::nullopt).value_or(0.0);
            if (style.label.detailRank && rank < *style.label.detailRank && !detailScale) return true;
            if (isPoint) {
                const Coord px = vp.toPixel(geom.firstCoord(f));
                const bool story = style.label.storyRank && rank >= *style.label.storyRank;
                labels.points.push_back({QPointF(px.x, px.y), sym->size * m_scene.pixelRatio / 2, text, &style.label,
                                         order, rank, story});
            } else {
                collectShape(geom, f, std::move(text), style.label, order, labels);
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
    static constexpr std::size_t kMaxShapeLabels = 2000;

    void collectPoint(const GeometryColumn& geom, uint32_t f, const Symbol& sym, bool soft, LabelCandidates& labels) const
    {
        const double h = sym.size * m_scene.pixelRatio / 2 + 1;
        for (const Coord& c : geom.coords(f)) {
            const Coord px = m_scene.viewport.toPixel(c);
            labels.obstacles.push_back({QRectF(px.x - h, px.y - h, 2 * h, 2 * h), soft});
        }
    }

    // A line's or an area's rings in device pixels, for a name along or inside it.
    void collectShape(const GeometryColumn& geom, uint32_t f, QString text, const LabelStyle& style, int order,
                      LabelCandidates& labels)
    {
        // A shape smaller on screen than a short word cannot hold a name: most features of a
        // dense user layer stop here, before any ring is copied. And a frame names at most a
        // few thousand shapes, so a large layer costs the label pass little.
        const Box b = geom.bounds(f);
        const double span = std::max(b.width(), b.height()) / m_scene.viewport.unitsPerPixel;
        if (span < 24 * m_scene.pixelRatio || labels.shapes.size() >= kMaxShapeLabels) return;
        detail::ShapeLabel shape{{}, std::move(text), &style, order, geom.kind(f) == GeometryKind::Polygon};
        for (uint32_t p = geom.partBegin(f); p < geom.partEnd(f); ++p)
            for (uint32_t r = geom.ringBegin(p); r < geom.ringEnd(p); ++r) {
                toPixels(geom.ring(r));
                shape.rings.emplace_back(m_points.begin(), m_points.end());
            }
        labels.shapes.push_back(std::move(shape));
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

    void toPixels(const CoordSpan& ring)
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
    LabelCandidates labels;
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
                    && !layerPainter.draw(scene.layers[i], static_cast<int>(i), false, true, labels))
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
            if (!layerPainter.draw(item, static_cast<int>(i), paint[i], labelPass, labels)) return false;
        }
    }
    if (cancelled(options)) return false;
    if (labelPass) detail::drawLabels(scene, painter, labels, stats);
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
