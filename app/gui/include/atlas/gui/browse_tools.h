#pragma once
// Browsing and inspecting, installed on the main window by one line: the layer panel and
// legend, Open Data (progress, cancel, drag-and-drop), identify → inspector, search (Ctrl+F),
// the attribute table, measuring, bookmarks, place names in a chosen language, undo for layer
// changes, and the settings remembered between runs (last view, name language; the window
// keeps its layout and the clock's day itself). The window stays thin: all wiring is here.
#include "atlas/gui/workbench.h"
#include "atlas/model/map_document.h"
#include "atlas/gui/browse_tools_names.h"

#include <QObject>

#include <optional>

class QActionGroup;
class QUndoStack;

namespace atlas::app {

class AttributeTableDock;
class BookmarksController;
class IdentifyController;
class InspectorDock;
class LayerPanelDock;
class LegendDock;
class MeasureTool;
class OpenDataController;
class OverviewBuilder;
class SearchDock;
class TimelineDock;
class EventListDock;

class BrowseTools : public QObject {
    Q_OBJECT
public:
    BrowseTools(const Workbench& wb, TimelineDock* timeline, EventListDock* events);
    ~BrowseTools() override;

    LayerPanelDock* layerPanel() const { return m_layerPanel; }
    LegendDock* legend() const { return m_legend; }
    InspectorDock* inspector() const { return m_inspector; }
    SearchDock* search() const { return m_search; }
    AttributeTableDock* attributeTable() const { return m_table; }
    OpenDataController* openData() const { return m_openData; }
    OverviewBuilder* overviews() const { return m_overviews; }
    IdentifyController* identify() const { return m_identify; }
    MeasureTool* measure() const { return m_measure; }
    BookmarksController* bookmarks() const { return m_bookmarks; }
    QUndoStack* undoStack() const { return m_undo; }

    NameLanguage nameLanguage() const { return m_language; }
    void setNameLanguage(NameLanguage language);

    // Selects a feature (map halo, attribute table) and shows it in the inspector.
    void inspect(const FeatureRef& feature);
    void setSelection(std::vector<FeatureRef> features);
    // Shows a feature: a point at a readable scale, a shape whole.
    void zoomTo(const FeatureRef& feature);
    // Moves the clock to an event's first day and highlights what it concerns.
    void goToEvent(const QString& eventId, bool zoom);
    void openLayerProperties(std::size_t documentIndex);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildDocks();
    void buildActions();
    void applyNameLanguage();
    // A layer's data was swapped for the same rows with a new label column.
    void layerDataReplaced(const LayerPtr& before, const LayerPtr& after);
    void extendClockRange();
    void restoreView();
    void saveView() const;

    Workbench m_wb;
    TimelineDock* m_timelineDock;
    EventListDock* m_eventDock;
    QUndoStack* m_undo;
    LayerPanelDock* m_layerPanel = nullptr;
    LegendDock* m_legend = nullptr;
    InspectorDock* m_inspector = nullptr;
    SearchDock* m_search = nullptr;
    AttributeTableDock* m_table = nullptr;
    OpenDataController* m_openData = nullptr;
    OverviewBuilder* m_overviews = nullptr;
    IdentifyController* m_identify = nullptr;
    MeasureTool* m_measure = nullptr;
    BookmarksController* m_bookmarks = nullptr;
    QActionGroup* m_toolGroup = nullptr;
    QActionGroup* m_languageGroup = nullptr;
    NameLanguage m_language = NameLanguage::English;
    bool m_viewRestored = false;
};

}  // namespace atlas::app
