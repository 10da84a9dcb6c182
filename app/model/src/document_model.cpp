#include "atlas/model/document_model.h"

#include "atlas/network.h"

namespace atlas::app {

void DocumentModel::setLoadPolicy(const LoadPolicy& policy)
{
    m_doc.setLoadPolicy(policy);
    setOnlineSourcesAllowed(policy.allowRemote);
}

DocumentModel::DocumentModel(std::string displayCrs, QObject* parent) : QObject(parent), m_doc(std::move(displayCrs)) {}

void DocumentModel::insertLayer(std::size_t at, LayerEntry entry)
{
    m_doc.insertLayer(at, std::move(entry));
    emit layersChanged();
}

LayerEntry DocumentModel::removeLayer(std::size_t at)
{
    LayerEntry out = m_doc.removeLayer(at);
    emit layersChanged();
    return out;
}

void DocumentModel::moveLayer(std::size_t from, std::size_t to)
{
    m_doc.moveLayer(from, to);
    emit layersChanged();
}

void DocumentModel::setLayerVisible(std::size_t at, bool visible)
{
    m_doc.setLayerVisible(at, visible);
    emit layersChanged();
}

void DocumentModel::setLayerOpacity(std::size_t at, double opacity)
{
    m_doc.setLayerOpacity(at, opacity);
    emit layersChanged();
}

void DocumentModel::setLayerStyle(std::size_t at, render::LayerStyle style)
{
    m_doc.setLayerStyle(at, std::move(style));
    emit layersChanged();
}

void DocumentModel::setLayerData(std::size_t at, LayerPtr layer)
{
    m_doc.setLayerData(at, std::move(layer));
    emit layersChanged();
}

void DocumentModel::setLayerTime(std::size_t at, const std::optional<TimeMode>& mode, Diagnostics& diagnostics)
{
    m_doc.setLayerTime(at, mode, diagnostics);
    emit layersChanged();
}

void DocumentModel::change(const std::function<void(MapDocument&)>& edit)
{
    const LinkIndex* before = m_doc.links();
    const auto tradeBefore = m_doc.trade().series;
    const TradeSettings tradeSettingsBefore = m_doc.trade().settings;
    edit(m_doc);
    if (m_doc.links() != before) emit datasetChanged();
    emit layersChanged();
    if (m_doc.trade().series != tradeBefore || !(m_doc.trade().settings == tradeSettingsBefore)) emit tradeChanged();
}

void DocumentModel::setTrade(TradeDocument trade)
{
    m_doc.setTrade(std::move(trade));
    emit tradeChanged();
}

void DocumentModel::setTradeSettings(TradeSettings settings)
{
    TradeDocument t = m_doc.trade();
    t.settings = std::move(settings);
    m_doc.setTrade(std::move(t));
    emit tradeChanged();
}

void DocumentModel::setSelection(std::vector<FeatureRef> features)
{
    m_doc.setSelection(std::move(features));
    emit selectionChanged();
}

void DocumentModel::setHighlight(std::vector<std::string> ids)
{
    m_doc.setHighlight(std::move(ids));
    emit highlightChanged();
}

void DocumentModel::setShowEarlierFrontLines(bool show)
{
    m_doc.setShowEarlierFrontLines(show);
    emit highlightChanged();
}

}  // namespace atlas::app
