#include "atlas/gui/layer_panel.h"
#include "atlas/gui/hillshade_controls.h"
#include "atlas/model/document_model.h"

#include "atlas/model/layer_commands.h"
#include "atlas/gui/legend.h"
#include "atlas/gui/workbench.h"

#include <QAction>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSlider>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace atlas::app {
namespace {

constexpr int kIndexRole = Qt::UserRole + 1;

}  // namespace

void LayerList::dropEvent(QDropEvent* e)
{
    QListWidget::dropEvent(e);
    emit reordered();
}

LayerPanelDock::LayerPanelDock(const Workbench& wb, QWidget* parent)
    : QDockWidget(tr("Layers"), parent), m_wb(wb)
{
    setObjectName("LayerPanelDock");
    auto* body = new QWidget(this);
    auto* v = new QVBoxLayout(body);
    v->setContentsMargins(4, 2, 4, 4);
    v->setSpacing(4);

    m_list = new LayerList(body);
    m_list->setDragDropMode(QAbstractItemView::InternalMove);
    m_list->setDefaultDropAction(Qt::MoveAction);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setIconSize(QSize(18, 18));
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    m_list->setToolTip(tr("Drag to change the drawing order; the top of the list is drawn on top.\n"
                          "Double-click for the layer's style and time settings."));
    v->addWidget(m_list, 1);

    auto* opacityRow = new QHBoxLayout;
    opacityRow->addWidget(new QLabel(tr("Opacity"), body));
    m_opacity = new QSlider(Qt::Horizontal, body);
    m_opacity->setRange(0, 100);
    m_opacity->setToolTip(tr("Opacity of the selected layer"));
    opacityRow->addWidget(m_opacity, 1);
    v->addLayout(opacityRow);

    auto* buttons = new QHBoxLayout;
    auto button = [&](const QString& text, const QString& tip) {
        auto* b = new QToolButton(body);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        buttons->addWidget(b);
        return b;
    };
    m_up = button(QString::fromUtf8("▲"), tr("Move the layer up (drawn over the ones below)"));
    m_down = button(QString::fromUtf8("▼"), tr("Move the layer down"));
    m_remove = button(tr("Remove"), tr("Remove the layer (Delete; undo with Ctrl+Z)"));
    m_properties = button(tr("Style…"), tr("Style, labels and time mode of the layer"));
    m_table = button(tr("Table"), tr("Attribute table of the layer"));
    buttons->addStretch(1);
    v->addLayout(buttons);
    setWidget(body);

    connect(m_list, &QListWidget::itemChanged, this, &LayerPanelDock::onItemChanged);
    connect(m_list, &LayerList::reordered, this, &LayerPanelDock::onReordered);
    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        updateControls();
        emit currentLayerChanged(currentLayer());
    });
    connect(m_list, &QListWidget::itemDoubleClicked, this, [this] {
        if (auto i = currentLayer(); i && (!m_wb.model.document().layers()[*i].raster
                                           || hasHillshadeStyle(m_wb.model.document().layers()[*i])))
            emit propertiesRequested(*i);
    });
    connect(m_list, &QWidget::customContextMenuRequested, this, &LayerPanelDock::showContextMenu);
    connect(m_opacity, &QSlider::valueChanged, this, [this](int value) {
        if (m_rebuilding) return;
        const auto i = currentLayer();
        if (!i) return;
        const double opacity = value / 100.0;
        if (std::abs(m_wb.model.document().layers()[*i].style.opacity - opacity) < 1e-9) return;
        m_wb.undo.push(new SetLayerOpacityCommand(m_wb.model, *i, opacity));
    });
    connect(m_remove, &QToolButton::clicked, this, &LayerPanelDock::removeCurrent);
    connect(m_up, &QToolButton::clicked, this, [this] { moveCurrent(+1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_properties, &QToolButton::clicked, this, [this] {
        if (auto i = currentLayer()) emit propertiesRequested(*i);
    });
    connect(m_table, &QToolButton::clicked, this, [this] {
        if (auto i = currentLayer()) emit attributeTableRequested(*i);
    });
    auto* del = new QAction(tr("Remove Layer"), m_list);
    del->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    del->setShortcutContext(Qt::WidgetShortcut);
    connect(del, &QAction::triggered, this, &LayerPanelDock::removeCurrent);
    m_list->addAction(del);

    // Queued: a change made from inside a list signal must not delete the item being handled.
    connect(&wb.model, &DocumentModel::layersChanged, this, &LayerPanelDock::rebuild, Qt::QueuedConnection);
    rebuild();
}

std::optional<std::size_t> LayerPanelDock::currentLayer() const
{
    const QListWidgetItem* item = m_list->currentItem();
    if (!item) return std::nullopt;
    const auto i = static_cast<std::size_t>(item->data(kIndexRole).toULongLong());
    if (i >= m_wb.model.document().layers().size()) return std::nullopt;
    return i;
}

void LayerPanelDock::setCurrentLayer(std::size_t documentIndex)
{
    m_pendingCurrent = documentIndex;
    for (int r = 0; r < m_list->count(); ++r)
        if (m_list->item(r)->data(kIndexRole).toULongLong() == documentIndex) m_list->setCurrentRow(r);
}

QStringList LayerPanelDock::listedTitles() const
{
    QStringList out;
    for (int r = 0; r < m_list->count(); ++r) out << m_list->item(r)->text();
    return out;
}

void LayerPanelDock::rebuild()
{
    const auto keep = currentLayer();
    const QString keepTitle = m_list->currentItem() ? m_list->currentItem()->text() : QString();
    m_rebuilding = true;
    const QSignalBlocker block(m_list);
    m_list->clear();
    const auto& layers = m_wb.model.document().layers();
    for (std::size_t k = layers.size(); k-- > 0;) {
        const LayerEntry& e = layers[k];
        auto* item = new QListWidgetItem(e.style.title.isEmpty() ? QString::fromStdString(e.layer->name()) : e.style.title);
        item->setData(kIndexRole, static_cast<qulonglong>(k));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable | Qt::ItemIsDragEnabled);
        item->setCheckState(e.visible ? Qt::Checked : Qt::Unchecked);
        item->setIcon(legendIcon(e));
        QString tip = QString::fromStdString(e.layer->sourcePath());
        if (e.raster) {
            const RasterInfo& info = e.raster->info();
            tip += tr("\nRaster, %L1 × %L2 pixels, %n band(s)", nullptr, info.bandCount).arg(info.width).arg(info.height);
            tip += e.raster->overviewCount() > 0 ? tr("\n%n overview level(s)", nullptr, e.raster->overviewCount())
                                                 : tr("\nNo overviews (right-click → Build Overviews…)");
        } else {
            tip += tr("\n%L1 features").arg(e.layer->featureCount());
        }
        if (e.role == LayerRole::Basemap) {
            QFont f = item->font();
            f.setItalic(true);
            item->setFont(f);
            item->setForeground(QColor(100, 100, 100));
            tip += tr("\nBasemap (Natural Earth)");
        }
        if (!e.datasetKey.empty()) tip += tr("\nBundled Kachin data, follows the clock");
        else if (e.time) tip += tr("\nTime mode: %1").arg(QString::fromUtf8(timeModeName(e.time->mode)));
        item->setToolTip(tip);
        m_list->addItem(item);
        if (m_pendingCurrent ? *m_pendingCurrent == k : keep && *keep == k && item->text() == keepTitle)
            m_list->setCurrentItem(item);
    }
    m_pendingCurrent.reset();
    if (!m_list->currentItem() && keepTitle.isEmpty() && m_list->count() > 0) m_list->setCurrentRow(0);
    if (!m_list->currentItem() && !keepTitle.isEmpty())
        for (int r = 0; r < m_list->count(); ++r)
            if (m_list->item(r)->text() == keepTitle) { m_list->setCurrentRow(r); break; }
    m_rebuilding = false;
    updateControls();
}

void LayerPanelDock::updateControls()
{
    const auto i = currentLayer();
    const bool has = i.has_value();
    for (QWidget* w : {static_cast<QWidget*>(m_opacity), static_cast<QWidget*>(m_remove), static_cast<QWidget*>(m_up),
                       static_cast<QWidget*>(m_down), static_cast<QWidget*>(m_properties), static_cast<QWidget*>(m_table)})
        w->setEnabled(has);
    if (!has) {
        const QSignalBlocker block(m_opacity);
        m_opacity->setValue(100);
        return;
    }
    const bool old = m_rebuilding;
    m_rebuilding = true;
    m_opacity->setValue(static_cast<int>(std::lround(m_wb.model.document().layers()[*i].style.opacity * 100)));
    m_rebuilding = old;
    // A raster has neither attributes nor vector styles: its opacity is set here (and a DEM's
    // hillshade in its properties).
    const bool raster = m_wb.model.document().layers()[*i].raster != nullptr;
    m_properties->setEnabled(!raster || hasHillshadeStyle(m_wb.model.document().layers()[*i]));
    m_table->setEnabled(!raster);
    m_up->setEnabled(*i + 1 < m_wb.model.document().layers().size());
    m_down->setEnabled(*i > 0);
}

void LayerPanelDock::onItemChanged(QListWidgetItem* item)
{
    if (m_rebuilding || !item) return;
    const auto i = static_cast<std::size_t>(item->data(kIndexRole).toULongLong());
    const auto& layers = m_wb.model.document().layers();
    if (i >= layers.size()) return;
    const bool visible = item->checkState() == Qt::Checked;
    if (layers[i].visible != visible) m_wb.undo.push(new SetLayerVisibleCommand(m_wb.model, i, visible));
}

void LayerPanelDock::onReordered()
{
    // The list is top first; the document bottom first.
    std::vector<std::size_t> order;
    for (int r = m_list->count(); r-- > 0;) order.push_back(static_cast<std::size_t>(m_list->item(r)->data(kIndexRole).toULongLong()));
    bool changed = false;
    for (std::size_t k = 0; k < order.size(); ++k) changed = changed || order[k] != k;
    if (order.size() != m_wb.model.document().layers().size() || !changed) {
        rebuild();
        return;
    }
    const std::size_t moved = m_list->currentItem() ? static_cast<std::size_t>(m_list->currentItem()->data(kIndexRole).toULongLong()) : 0;
    m_wb.undo.push(new ReorderLayersCommand(m_wb.model, order));
    const auto newPos = static_cast<std::size_t>(std::find(order.begin(), order.end(), moved) - order.begin());
    setCurrentLayer(newPos);
}

void LayerPanelDock::moveCurrent(int steps)
{
    const auto i = currentLayer();
    const std::size_t n = m_wb.model.document().layers().size();
    if (!i) return;
    const auto target = static_cast<std::ptrdiff_t>(*i) + steps;
    if (target < 0 || target >= static_cast<std::ptrdiff_t>(n)) return;
    std::vector<std::size_t> order(n);
    for (std::size_t k = 0; k < n; ++k) order[k] = k;
    std::swap(order[*i], order[static_cast<std::size_t>(target)]);
    m_wb.undo.push(new ReorderLayersCommand(m_wb.model, order));
    setCurrentLayer(static_cast<std::size_t>(target));
}

void LayerPanelDock::removeCurrent()
{
    const auto i = currentLayer();
    if (!i) return;
    m_wb.undo.push(new RemoveLayerCommand(m_wb.model, *i));
}

void LayerPanelDock::showContextMenu(const QPoint& pos)
{
    QListWidgetItem* item = m_list->itemAt(pos);
    if (!item) return;
    m_list->setCurrentItem(item);
    const auto i = currentLayer();
    if (!i) return;
    QMenu menu(this);
    menu.addAction(tr("Zoom to Layer"), this, [this, i] { emit zoomToLayerRequested(*i); });
    if (m_wb.model.document().layers()[*i].raster) {
        menu.addAction(tr("Build Overviews…"), this, [this, i] { emit buildOverviewsRequested(*i); });
        if (hasHillshadeStyle(m_wb.model.document().layers()[*i]))
            menu.addAction(tr("Hillshade…"), this, [this, i] { emit propertiesRequested(*i); });
    } else {
        menu.addAction(tr("Attribute Table"), this, [this, i] { emit attributeTableRequested(*i); });
        menu.addAction(tr("Style and Time…"), this, [this, i] { emit propertiesRequested(*i); });
    }
    menu.addSeparator();
    menu.addAction(tr("Move Up"), this, [this] { moveCurrent(+1); })->setEnabled(m_up->isEnabled());
    menu.addAction(tr("Move Down"), this, [this] { moveCurrent(-1); })->setEnabled(m_down->isEnabled());
    menu.addSeparator();
    menu.addAction(tr("Remove"), this, &LayerPanelDock::removeCurrent);
    menu.exec(m_list->viewport()->mapToGlobal(pos));
}

}  // namespace atlas::app
