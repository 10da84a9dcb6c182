#pragma once
// The window's document, observable: every change goes through here and is announced by the
// model itself, so panels, tools and undo commands change the model and never tell the rest
// of the window by hand. The document stays a plain value (MapDocument) that the command line
// and render snapshots copy freely; this object owns the one the window shows.
#include "atlas/model/map_document.h"

#include <QObject>

#include <functional>

namespace atlas::app {

class DocumentModel : public QObject {
    Q_OBJECT
public:
    explicit DocumentModel(std::string displayCrs = "EPSG:32647", QObject* parent = nullptr);

    const MapDocument& document() const { return m_doc; }
    const std::vector<LayerEntry>& layers() const { return m_doc.layers(); }

    // Layer changes (indices into layers(), bottom first); each announces layersChanged().
    void insertLayer(std::size_t at, LayerEntry entry);
    LayerEntry removeLayer(std::size_t at);
    void moveLayer(std::size_t from, std::size_t to);
    void setLayerVisible(std::size_t at, bool visible);
    void setLayerOpacity(std::size_t at, double opacity);
    void setLayerStyle(std::size_t at, render::LayerStyle style);
    void setLayerData(std::size_t at, LayerPtr layer);
    void setLayerTime(std::size_t at, const std::optional<TimeMode>& mode, Diagnostics& diagnostics);
    // Several changes at once (loading, a project's layer list), announced once afterwards:
    // layersChanged(), and datasetChanged() when the bundled dataset was replaced.
    void change(const std::function<void(MapDocument&)>& edit);

    // The imported trade series: a new one (files read), or new settings (track shown, style,
    // links) for the one held. Each announces tradeChanged().
    void setTrade(TradeDocument trade);
    void setTradeSettings(TradeSettings settings);

    void setSelection(std::vector<FeatureRef> features);
    void setHighlight(std::vector<std::string> ids);
    void setShowEarlierFrontLines(bool show);
    // How files are read from now on; also switches core's network guard (atlas/network.h).
    void setLoadPolicy(const LoadPolicy& policy);

signals:
    // Layers were added, removed, reordered, restyled, shown or hidden, or given a time mode.
    void layersChanged();
    // The bundled dataset (its events, histories, links) was loaded or replaced.
    void datasetChanged();
    void selectionChanged();
    // What the map draws highlighted or faintly changed (event links, earlier front lines).
    void highlightChanged();
    // The trade series, the track shown, its style or its links changed.
    void tradeChanged();

private:
    MapDocument m_doc;
};

}  // namespace atlas::app
