#pragma once
// The legend: exactly what the map draws in the current view on the clock's day — visible
// layers with something in view, and of a categorised layer only the categories present
// (who controls the mines shown today, which crossings are closed…), in the style's order.
#include "atlas/geometry_column.h"
#include "atlas/render/style.h"
#include "atlas/time/time_cursor.h"
#include "document/map_document.h"

#include <QDockWidget>
#include <QIcon>
#include <QTimer>

class QPainter;
class QTreeWidget;

namespace atlas::app {

class MainWindow;

struct LegendItem {
    QString label;
    render::Symbol symbol;
    std::size_t count = 0;  // features drawn with it in the view
};

struct LegendLayer {
    std::size_t documentIndex = 0;
    QString title;
    GeometryKind kind = GeometryKind::None;
    // One item without a label: a single-symbol layer (its title is the label).
    std::vector<LegendItem> items;
};

// Top layer first. `extent` in the display CRS.
std::vector<LegendLayer> legendFor(const MapDocument& document, const TimeCursor& cursor, const Box& extent);

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
    explicit LegendDock(MainWindow* window, QWidget* parent = nullptr);

    // What is listed (tests): "Layer title" rows and "  category" rows.
    QStringList listedLabels() const;

public slots:
    void scheduleUpdate();
    void updateNow();

private:
    MainWindow* m_window;
    QTreeWidget* m_tree;
    QTimer m_timer;
};

}  // namespace atlas::app
