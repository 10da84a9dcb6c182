#include "gui/legend.h"

#include "atlas/analysis/scene_state.h"
#include "atlas/render/marker.h"
#include "gui/main_window.h"
#include "gui/map_canvas.h"
#include "time/time_controller.h"

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

QIcon legendSymbolIcon(const render::Symbol& symbol, GeometryKind kind, int size)
{
    QPixmap pm(size * 2, size * 2);
    pm.setDevicePixelRatio(2);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    paintLegendSymbol(p, QRectF(0, 0, size, size), symbol, kind);
    return QIcon(pm);
}

QIcon legendIcon(const LayerEntry& entry)
{
    const render::LayerStyle& st = entry.style;
    const render::Symbol& sym = st.categories.empty() ? st.symbol : st.categories.front().symbol;
    return legendSymbolIcon(sym, layerGeometryKind(*entry.layer));
}

std::vector<LegendLayer> legendFor(const MapDocument& doc, const TimeCursor& cursor, const Box& extent)
{
    std::optional<SceneState> state;
    if (doc.links()) {
        SceneQuery q;
        q.extent = extent;
        q.cursor = cursor;
        state = querySceneState(*doc.links(), q);
    }
    std::vector<LegendLayer> out;
    const auto& layers = doc.layers();
    for (std::size_t at = layers.size(); at-- > 0;) {
        const LayerEntry& e = layers[at];
        if (!e.visible) continue;
        const render::LayerStyle& style = e.style;
        // Fills without an outline (the basemap's country colours) say nothing a legend needs.
        if (e.role == LayerRole::Basemap && style.symbol.stroke.alpha() == 0
            && std::all_of(style.categories.begin(), style.categories.end(),
                           [](const render::Category& c) { return c.symbol.stroke.alpha() == 0; }))
            continue;
        LegendLayer ll;
        ll.documentIndex = at;
        ll.title = style.title.isEmpty() ? QString::fromStdString(e.layer->name()) : style.title;
        ll.kind = layerGeometryKind(*e.layer);
        std::vector<std::size_t> counts(style.categories.size() + 1, 0);  // last: default symbol
        std::size_t total = 0;
        auto countCategory = [&](int category) {
            ++counts[category >= 0 ? static_cast<std::size_t>(category) : style.categories.size()];
            ++total;
        };
        const LayerScene* ls = state && !e.datasetKey.empty() ? state->layer(e.datasetKey) : nullptr;
        const bool byState = style.categoryField == render::kControllerState || style.categoryField == render::kStatusState;
        const Column* column = style.categoryField.empty() || byState ? nullptr : e.layer->column(style.categoryField);
        auto attributeCategory = [&](uint32_t row) {
            if (!column || column->isNull(row)) return -1;
            return style.categoryIndex(column->strings() ? std::string(column->string(row)) : column->text(row));
        };
        if (ls) {
            for (const VisibleFeature& v : ls->features) {
                if (e.layer->geometry().isNull(v.row) || !e.layer->geometry().bounds(v.row).intersects(extent)) continue;
                if (byState)
                    countCategory(style.categoryIndex(style.categoryField == render::kControllerState ? v.controller : v.status));
                else
                    countCategory(attributeCategory(v.row));
            }
        } else {
            const std::vector<uint32_t> drawn = doc.drawnRows(at, cursor);
            const bool all = drawn.size() == e.layer->featureCount();
            for (uint32_t row : e.layer->index().query(extent)) {
                if (!all && !std::binary_search(drawn.begin(), drawn.end(), row)) continue;
                countCategory(byState ? -1 : attributeCategory(row));
            }
        }
        if (total == 0) continue;
        if (style.categories.empty()) {
            ll.items.push_back({QString(), style.symbol, total});
        } else {
            for (std::size_t c = 0; c < style.categories.size(); ++c)
                if (counts[c] > 0) ll.items.push_back({style.categories[c].label, style.categories[c].symbol, counts[c]});
            const std::size_t other = counts.back();
            if (other > 0 && (style.showOtherInLegend || ll.items.empty()))
                ll.items.push_back({byState ? QObject::tr("Not known on this day") : QObject::tr("Other"), style.symbol, other});
        }
        if (e.datasetKey == "frontlines" && doc.showEarlierFrontLines() && state) {
            const bool earlier = std::any_of(state->fronts.begin(), state->fronts.end(),
                                             [](const FrontScene& f) { return !f.previous.empty(); });
            if (earlier) {
                render::Symbol faint = style.symbol;
                QColor c = faint.stroke;
                c.setAlphaF(0.22f);
                faint.stroke = c;
                if (ll.items.size() == 1 && ll.items.front().label.isEmpty()) ll.items.front().label = QObject::tr("In force");
                ll.items.push_back({QObject::tr("Earlier versions"), faint, 0});
            }
        }
        out.push_back(std::move(ll));
    }
    return out;
}

LegendDock::LegendDock(MainWindow* window, QWidget* parent) : QDockWidget(tr("Legend"), parent), m_window(window)
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
    connect(window, &MainWindow::layersChanged, this, &LegendDock::scheduleUpdate);
    connect(window->canvas(), &MapCanvas::viewportChanged, this, &LegendDock::scheduleUpdate);
    connect(window->clock(), &TimeController::cursorChanged, this, &LegendDock::scheduleUpdate);
    scheduleUpdate();
}

void LegendDock::scheduleUpdate()
{
    if (!m_timer.isActive()) m_timer.start();
}

void LegendDock::updateNow()
{
    m_timer.stop();
    const auto legend = legendFor(m_window->document(), m_window->clock()->cursor(), m_window->canvas()->viewport().extent());
    m_tree->clear();
    for (const LegendLayer& ll : legend) {
        auto* top = new QTreeWidgetItem(m_tree);
        top->setText(0, ll.title);
        if (ll.items.size() == 1 && ll.items.front().label.isEmpty()) {
            top->setIcon(0, legendSymbolIcon(ll.items.front().symbol, ll.kind));
            top->setToolTip(0, tr("%L1 drawn in this view").arg(ll.items.front().count));
            continue;
        }
        QFont f = top->font(0);
        f.setBold(true);
        top->setFont(0, f);
        for (const LegendItem& item : ll.items) {
            auto* child = new QTreeWidgetItem(top);
            child->setText(0, item.label);
            child->setIcon(0, legendSymbolIcon(item.symbol, ll.kind));
            if (item.count > 0) child->setToolTip(0, tr("%L1 drawn in this view").arg(item.count));
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
