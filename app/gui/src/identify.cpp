#include "atlas/gui/identify.h"
#include "atlas/model/document_model.h"
#include <QMainWindow>

#include "atlas/analysis/pick.h"
#include "atlas/gui/workbench.h"
#include "atlas/gui/map_canvas.h"
#include "atlas/model/time_controller.h"

#include <QStatusBar>

#include <algorithm>
#include <cmath>

namespace atlas::app {

std::optional<std::size_t> entryIndexOf(const MapDocument& doc, const Layer* layer)
{
    const auto& layers = doc.layers();
    for (std::size_t i = layers.size(); i-- > 0;)
        if (layers[i].layer.get() == layer) return i;
    return std::nullopt;
}

std::string datasetIdOf(const MapDocument& doc, const FeatureRef& f)
{
    if (!f.layer || !doc.dataset()) return {};
    const auto at = entryIndexOf(doc, f.layer.get());
    if (!at || doc.layers()[*at].datasetKey.empty()) return {};
    return f.layer->text(f.row, "id");
}

std::optional<FeatureRef> featureRefOf(const MapDocument& doc, std::string_view id)
{
    const Dataset* ds = doc.dataset();
    if (!ds) return std::nullopt;
    const auto target = ds->resolve(id);
    if (!target || target->kind != IdTarget::Kind::Feature) return std::nullopt;
    for (const LayerEntry& e : doc.layers())
        if (e.datasetKey == target->layerKey) return FeatureRef{e.layer, target->row};
    // Not drawn (its layer was removed): the dataset's own layer still names it.
    if (const DatasetLayer* dl = ds->layer(target->layerKey)) return FeatureRef{dl->layer, target->row};
    return std::nullopt;
}

IdentifyController::IdentifyController(const Workbench& wb) : QObject(&wb.frame), m_wb(wb) {}

std::vector<FeatureRef> IdentifyController::hitsAt(Coord devicePx) const
{
    const MapDocument& doc = m_wb.model.document();
    const Viewport& vp = m_wb.canvas.viewport();
    const double ratio = m_wb.canvas.devicePixelRatioF();
    const TimeCursor& cursor = m_wb.clock.cursor();
    const auto& layers = doc.layers();

    std::vector<std::vector<uint32_t>> rows(layers.size());
    std::vector<PickLayer> pick(layers.size());
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const LayerEntry& e = layers[i];
        if (!e.visible || e.role == LayerRole::Basemap) continue;  // pick.layer stays null
        PickLayer& pl = pick[i];
        pl.layer = e.layer.get();
        if (doc.featureTimes(i)) {
            rows[i] = doc.drawnRows(i, cursor);
            pl.rows = rows[i];
        } else {
            pl.allRows = true;
        }
        double size = e.style.symbol.size, stroke = e.style.symbol.strokeWidth;
        for (const render::Category& c : e.style.categories) {
            size = std::max(size, c.symbol.size);
            stroke = std::max(stroke, c.symbol.strokeWidth);
        }
        pl.markerRadiusPx = size * ratio / 2;
        pl.strokeHalfWidthPx = stroke * ratio / 2;
    }
    std::vector<FeatureRef> out;
    for (const PickHit& h : pickFeatures(pick, vp, devicePx, kTolerancePx * ratio))
        out.push_back({layers[h.layerIndex].layer, h.row});
    return out;
}

std::optional<FeatureRef> IdentifyController::identifyAt(double mapX, double mapY)
{
    const Viewport& vp = m_wb.canvas.viewport();
    const Coord px = vp.toPixel({mapX, mapY});
    std::vector<FeatureRef> hits = hitsAt(px);
    const double ratio = m_wb.canvas.devicePixelRatioF();
    const bool sameSpot = m_lastClick && std::hypot(px.x - m_lastClick->x, px.y - m_lastClick->y) <= kTolerancePx * ratio;
    if (sameSpot && hits == m_lastHits && !hits.empty()) m_cycle = (m_cycle + 1) % hits.size();
    else m_cycle = 0;
    m_lastClick = px;
    m_lastHits = hits;
    if (hits.empty()) {
        emit nothingFound();
        return std::nullopt;
    }
    const FeatureRef& f = hits[m_cycle];
    emit identified(f, static_cast<int>(m_cycle), static_cast<int>(hits.size()));
    return f;
}

}  // namespace atlas::app
