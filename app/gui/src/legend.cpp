#include "atlas/gui/legend.h"
#include "atlas/model/document_model.h"

#include "atlas/render/layout.h"
#include "atlas/render/marker.h"
#include "atlas/publishing/project_export.h"
#include "atlas/gui/workbench.h"
#include "atlas/gui/map_canvas.h"
#include "atlas/model/time_controller.h"

#include <QHash>
#include <QHeaderView>
#include <QPainter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>

namespace atlas::app {

GeometryKind layerGeometryKind(const Layer& layer)
{
    for (std::size_t f = 0; f < layer.featureCount(); ++f)
        if (!layer.geometry().isNull(f)) return layer.geometry().kind(f);
    return GeometryKind::None;
}

void paintLegendSymbol(QPainter& p, const QRectF& box, const render::Symbol& s, GeometryKind kind, double opacity)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setOpacity(opacity);
    QPen pen(s.stroke, std::max(0.0, s.strokeWidth), s.strokeStyle, Qt::RoundCap, Qt::RoundJoin);
    if (s.strokeWidth <= 0 || s.stroke.alpha() == 0) pen = Qt::NoPen;
    switch (kind) {
    case GeometryKind::Line:
        p.setPen(pen);
        p.drawLine(QPointF(box.left() + 1, box.center().y()), QPointF(box.right() - 1, box.center().y()));
        break;
    case GeometryKind::Polygon: {
        p.setPen(pen);
        p.setBrush(s.fill);
        const double inset = std::min(3.0, 1 + s.strokeWidth / 2);
        p.drawRect(box.adjusted(inset, inset + 2, -inset, -inset - 2));
        break;
    }
    default: {
        const double size = std::min(s.size, std::min(box.width(), box.height()) - 2);
        p.translate(box.center());
        p.setPen(pen);
        p.setBrush(s.fill);
        p.drawPath(render::markerPath(s.shape, size));
        break;
    }
    }
    p.restore();
}

namespace {
// What a symbol's icon looks like, as a key: the same symbol gets the same QIcon back.
QString symbolKey(const render::Symbol& s, GeometryKind kind, int size)
{
    return QString("%1|%2|%3|%4|%5|%6|%7|%8")
        .arg(s.fill.rgba())
        .arg(s.stroke.rgba())
        .arg(s.strokeWidth)
        .arg(s.size)
        .arg(static_cast<int>(s.shape))
        .arg(static_cast<int>(s.strokeStyle))
        .arg(static_cast<int>(kind))
        .arg(size);
}
}  // namespace

QIcon legendSymbolIcon(const render::Symbol& symbol, GeometryKind kind, int size)
{
    // The legend and the event list are rebuilt on every clock step. A new pixmap each time
    // made each QIcon scale it again and file the result in QPixmapCache under the new
    // pixmap's key, so the cache filled towards its limit (10 MB) while the user scrubbed: the
    // soak's memory growth after warm-up. One icon per distinct symbol (GUI thread only, as
    // pixmaps are) keeps the cache to the few symbols there are. Never destroyed: pixmaps must
    // not outlive Qt's own statics, which a static container's destructor would make them do.
    static auto& icons = *new QHash<QString, QIcon>;
    const QString key = symbolKey(symbol, kind, size);
    if (const auto it = icons.constFind(key); it != icons.constEnd()) return *it;
    if (icons.size() >= 1024) icons.clear();  // styles edited many times over: start again
    QPixmap pm(size * 2, size * 2);
    pm.setDevicePixelRatio(2);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    paintLegendSymbol(p, QRectF(0, 0, size, size), symbol, kind);
    p.end();
    return *icons.insert(key, QIcon(pm));
}

QIcon legendIcon(const LayerEntry& entry)
{
    if (entry.raster) {
        // Imagery has no symbol: a small tiled swatch says "pixels".
        QPixmap pm(18, 18);
        QPainter p(&pm);
        const QColor tiles[] = {QColor(96, 128, 80), QColor(170, 160, 120), QColor(120, 150, 170), QColor(70, 100, 60)};
        for (int k = 0; k < 4; ++k) p.fillRect((k % 2) * 9, (k / 2) * 9, 9, 9, tiles[k]);
        p.setPen(QColor(90, 90, 90));
        p.drawRect(0, 0, 17, 17);
        return QIcon(pm);
    }
    const render::LayerStyle& st = entry.style;
    const render::Symbol& sym = st.categories.empty() ? st.symbol : st.categories.front().symbol;
    return legendSymbolIcon(sym, layerGeometryKind(*entry.layer));
}

LegendDock::LegendDock(const Workbench& wb, QWidget* parent) : QDockWidget(tr("Legend"), parent), m_wb(wb)
{
    setObjectName("LegendDock");
    auto* body = new QWidget(this);
    auto* v = new QVBoxLayout(body);
    v->setContentsMargins(4, 2, 4, 2);
    m_tree = new QTreeWidget(body);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setIndentation(14);
    m_tree->setIconSize(QSize(18, 18));
    m_tree->setSelectionMode(QAbstractItemView::NoSelection);
    m_tree->setFocusPolicy(Qt::NoFocus);
    m_tree->setToolTip(tr("What the map draws in this view on the clock's day"));
    v->addWidget(m_tree);
    setWidget(body);

    m_timer.setSingleShot(true);
    m_timer.setInterval(120);
    connect(&m_timer, &QTimer::timeout, this, &LegendDock::updateNow);
    connect(&wb.model, &DocumentModel::layersChanged, this, &LegendDock::scheduleUpdate);
    connect(&wb.canvas, &MapCanvas::viewportChanged, this, &LegendDock::scheduleUpdate);
    connect(&wb.clock, &TimeController::cursorChanged, this, &LegendDock::scheduleUpdate);
    scheduleUpdate();
}

void LegendDock::scheduleUpdate()
{
    if (!m_timer.isActive()) m_timer.start();
}

void LegendDock::updateNow()
{
    m_timer.stop();
    const MapDocument& doc = m_wb.model.document();
    MapCanvas* canvas = &m_wb.canvas;
    const render::MapScene scene = doc.scene(canvas->viewport(), canvas->devicePixelRatioF(), m_wb.clock.cursor());
    m_tree->clear();
    for (const render::LegendSection& section : legendFor(doc, scene)) {
        if (section.title.isEmpty()) {
            // Single-symbol layers: one line each.
            for (const render::LegendItem& item : section.items) {
                auto* top = new QTreeWidgetItem(m_tree);
                top->setText(0, item.label);
                top->setIcon(0, legendSymbolIcon(item.symbol, item.kind));
            }
            continue;
        }
        auto* top = new QTreeWidgetItem(m_tree);
        top->setText(0, section.title);
        QFont f = top->font(0);
        f.setBold(true);
        top->setFont(0, f);
        for (const render::LegendItem& item : section.items) {
            auto* child = new QTreeWidgetItem(top);
            child->setText(0, item.label);
            child->setIcon(0, legendSymbolIcon(item.symbol, item.kind));
        }
        top->setExpanded(true);
    }
}

QStringList LegendDock::listedLabels() const
{
    QStringList out;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* top = m_tree->topLevelItem(i);
        out << top->text(0);
        for (int c = 0; c < top->childCount(); ++c) out << "  " + top->child(c)->text(0);
    }
    return out;
}

}  // namespace atlas::app
