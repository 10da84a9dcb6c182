#pragma once
// The layer panel: every layer of the document, top of the map first — visibility check box,
// drag to reorder, an opacity slider, remove (undoable), properties, zoom to the layer and its
// attribute table. It reads the document and changes it only through undoable commands.
#include "atlas/gui/workbench.h"
#include <QDockWidget>
#include <QListWidget>

#include <optional>

class QSlider;
class QToolButton;

namespace atlas::app {


// A list whose internal drag-and-drop moves report themselves once the drop is done.
class LayerList : public QListWidget {
    Q_OBJECT
public:
    using QListWidget::QListWidget;
signals:
    void reordered();
protected:
    void dropEvent(QDropEvent* e) override;
};

class LayerPanelDock : public QDockWidget {
    Q_OBJECT
public:
    explicit LayerPanelDock(const Workbench& wb, QWidget* parent = nullptr);

    // The document index of the selected layer.
    std::optional<std::size_t> currentLayer() const;
    void setCurrentLayer(std::size_t documentIndex);
    // Layer titles as listed, top first (tests).
    QStringList listedTitles() const;
    LayerList* list() const { return m_list; }

public slots:
    void rebuild();
    void removeCurrent();
    void moveCurrent(int steps);  // +1: up (drawn later, on top)

signals:
    void propertiesRequested(std::size_t documentIndex);
    void attributeTableRequested(std::size_t documentIndex);
    void zoomToLayerRequested(std::size_t documentIndex);
    void buildOverviewsRequested(std::size_t documentIndex);
    void currentLayerChanged(std::optional<std::size_t> documentIndex);

private:
    void onItemChanged(QListWidgetItem* item);
    void onReordered();
    void updateControls();
    void showContextMenu(const QPoint& pos);

    Workbench m_wb;
    LayerList* m_list;
    QSlider* m_opacity;
    QToolButton* m_remove;
    QToolButton* m_up;
    QToolButton* m_down;
    QToolButton* m_properties;
    QToolButton* m_table;
    bool m_rebuilding = false;
    // Selected once the list is rebuilt after a change (rebuilds are queued).
    std::optional<std::size_t> m_pendingCurrent;
};

}  // namespace atlas::app
