#pragma once
// Identify on click: the features drawn under the pointer (within a few pixels, on the clock's
// day), best first (see atlas/analysis/pick.h); clicking again on the same spot steps to the
// next feature under it, so overlapping features can all be reached.
#include "atlas/gui/workbench.h"
#include "atlas/geometry_column.h"
#include "atlas/model/map_document.h"

#include <QObject>

#include <optional>
#include <string>
#include <vector>

namespace atlas::app {


// The document index of the entry drawing `layer`.
std::optional<std::size_t> entryIndexOf(const MapDocument& document, const Layer* layer);
// The bundled dataset's id of a feature ("place:bhamo"); "" for a user layer's feature.
std::string datasetIdOf(const MapDocument& document, const FeatureRef& feature);
// The feature with a dataset id, as drawn by the document's entry for its layer.
std::optional<FeatureRef> featureRefOf(const MapDocument& document, std::string_view datasetId);

class IdentifyController : public QObject {
    Q_OBJECT
public:
    static constexpr double kTolerancePx = 4;  // logical pixels

    explicit IdentifyController(const Workbench& wb);

    // Everything under device pixel `px` of the current view, best first.
    std::vector<FeatureRef> hitsAt(Coord devicePx) const;
    // A click at a map position: the first hit, or the next one when the click repeats the
    // last spot. Emits identified() or nothingFound().
    std::optional<FeatureRef> identifyAt(double mapX, double mapY);
    void setActive(bool active) { m_active = active; }
    bool isActive() const { return m_active; }

signals:
    void identified(const atlas::app::FeatureRef& feature, int index, int count);
    void nothingFound();

private:
    Workbench m_wb;
    bool m_active = true;
    std::optional<Coord> m_lastClick;  // device pixels
    std::vector<FeatureRef> m_lastHits;
    std::size_t m_cycle = 0;
};

}  // namespace atlas::app
