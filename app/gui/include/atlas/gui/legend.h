#pragma once
// The legend: exactly what the map draws in the current view on the clock's day — visible
// layers with something in view, and of a categorised layer only the categories present
// (who controls the mines shown today, which crossings are closed…), in the style's order.
// It is read from the very scene the canvas renders, with the same function as the legend of
// an exported map (legendFor in atlas/publishing/project_export.h), so screen and export agree.
#include "atlas/gui/workbench.h"
#include "atlas/geometry_column.h"
#include "atlas/render/style.h"
#include "atlas/time/time_cursor.h"
#include "atlas/model/map_document.h"

#include <QDockWidget>
#include <QIcon>
#include <QTimer>

class QPainter;
class QTreeWidget;

namespace atlas::app {


// A symbol as the map draws it, centred in `box` (point marker, line sample or area patch).
void paintLegendSymbol(QPainter& p, const QRectF& box, const render::Symbol& symbol, GeometryKind kind,
                       double opacity = 1.0);
QIcon legendSymbolIcon(const render::Symbol& symbol, GeometryKind kind, int size = 18);
// The icon of a layer's default symbol (layer panel).
QIcon legendIcon(const LayerEntry& entry);
// The geometry kind a layer draws (its first feature with geometry).
GeometryKind layerGeometryKind(const Layer& layer);

class LegendDock : public QDockWidget {
    Q_OBJECT
public:
    explicit LegendDock(const Workbench& wb, QWidget* parent = nullptr);

    // What is listed (tests): section titles, and "  item" rows under a titled section.
    QStringList listedLabels() const;

public slots:
    void scheduleUpdate();
    void updateNow();

private:
    Workbench m_wb;
    QTreeWidget* m_tree;
    QTimer m_timer;
};

}  // namespace atlas::app
