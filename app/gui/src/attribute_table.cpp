#include "atlas/gui/attribute_table.h"
#include "atlas/model/document_model.h"

#include "atlas/gui/browse_tools_names.h"
#include "atlas/gui/identify.h"
#include "atlas/gui/workbench.h"
#include "atlas/model/cursor_labels.h"
#include "atlas/model/time_controller.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace atlas::app {

// --- model ----------------------------------------------------------------------------------

void AttributeTableModel::setLayer(LayerPtr layer)
{
    beginResetModel();
    m_layer = std::move(layer);
    m_columns.clear();
    if (m_layer)
        for (const Column& c : m_layer->columns())
            if (!isInternalColumn(c.name())) m_columns.push_back(&c);
    endResetModel();
}

int AttributeTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_layer ? 0 : static_cast<int>(m_layer->featureCount());
}

int AttributeTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

QVariant AttributeTableModel::data(const QModelIndex& index, int role) const
{
    if (!m_layer || !index.isValid()) return {};
    const Column& c = *m_columns[static_cast<std::size_t>(index.column())];
    const auto row = static_cast<std::size_t>(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        if (c.isNull(row)) return {};
        QString text = QString::fromStdString(c.text(row));
        if (role == Qt::DisplayRole && text.size() > 120) text = text.left(118) + QString::fromUtf8("…");
        return text;
    }
    if (role == kSortRole) {
        if (c.isNull(row)) return {};
        if (const auto n = c.number(row)) return *n;
        return QString::fromStdString(c.text(row));
    }
    if (role == Qt::TextAlignmentRole && (c.type() == FieldType::Integer || c.type() == FieldType::Real))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant AttributeTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole) return {};
    if (orientation == Qt::Horizontal)
        return section < static_cast<int>(m_columns.size()) ? QString::fromStdString(m_columns[static_cast<std::size_t>(section)]->name())
                                                            : QVariant();
    return section + 1;
}

void AttributeFilterModel::setValidMask(std::vector<uint8_t> mask)
{
    m_valid = std::move(mask);
    invalidateFilter();
}

void AttributeFilterModel::setText(const QString& text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool AttributeFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const auto r = static_cast<std::size_t>(sourceRow);
    if (!m_valid.empty() && (r >= m_valid.size() || !m_valid[r])) return false;
    if (m_text.isEmpty()) return true;
    const QAbstractItemModel* m = sourceModel();
    for (int c = 0; c < m->columnCount(); ++c)
        if (m->data(m->index(sourceRow, c, sourceParent), Qt::ToolTipRole).toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    return false;
}

bool AttributeFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const QVariant a = left.data(AttributeTableModel::kSortRole);
    const QVariant b = right.data(AttributeTableModel::kSortRole);
    // Empty cells last, numbers as numbers, text by locale.
    if (!a.isValid() || !b.isValid()) return a.isValid() && !b.isValid();
    if (a.typeId() == QMetaType::Double && b.typeId() == QMetaType::Double) return a.toDouble() < b.toDouble();
    return QString::localeAwareCompare(a.toString(), b.toString()) < 0;
}

// --- dock -----------------------------------------------------------------------------------

AttributeTableDock::AttributeTableDock(const Workbench& wb, QWidget* parent)
    : QDockWidget(tr("Attribute Table"), parent), m_wb(wb)
{
    setObjectName("AttributeTableDock");
    auto* body = new QWidget(this);
    auto* v = new QVBoxLayout(body);
    v->setContentsMargins(4, 2, 4, 2);
    auto* top = new QHBoxLayout;
    m_layers = new QComboBox(body);
    m_layers->setMinimumContentsLength(18);
    m_validOnly = new QCheckBox(tr("Only valid on the clock's day"), body);
    m_validOnly->setToolTip(tr("Hide features that are not in force on the clock's day (events: not in its window)"));
    m_filter = new QLineEdit(body);
    m_filter->setPlaceholderText(tr("Filter rows…"));
    m_filter->setClearButtonEnabled(true);
    m_count = new QLabel(body);
    top->addWidget(m_layers);
    top->addWidget(m_validOnly);
    top->addWidget(m_filter, 1);
    top->addWidget(m_count);
    v->addLayout(top);

    m_model = new AttributeTableModel(this);
    m_proxy = new AttributeFilterModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(AttributeTableModel::kSortRole);
    m_view = new QTableView(body);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->setDefaultSectionSize(20);
    m_view->horizontalHeader()->setDefaultSectionSize(120);
    m_view->setWordWrap(false);
    v->addWidget(m_view, 1);
    setWidget(body);

    connect(m_layers, &QComboBox::activated, this, [this](int i) {
        if (i >= 0) showLayer(m_layers->itemData(i).toULongLong());
    });
    connect(m_validOnly, &QCheckBox::toggled, this, [this] { updateValidity(); });
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& t) {
        m_proxy->setText(t);
        updateCount();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AttributeTableDock::onSelection);
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex& idx) {
        if (!m_model->layer()) return;
        const QModelIndex src = m_proxy->mapToSource(idx);
        emit zoomRequested(FeatureRef{m_model->layer(), static_cast<uint32_t>(src.row())});
    });
    connect(&wb.clock, &TimeController::cursorChanged, this, [this] {
        if (m_validOnly->isChecked()) updateValidity();
        m_validOnly->setText(tr("Only valid on %1").arg(cursorDateLabel(m_wb.clock.cursor())));
    });
    connect(&wb.model, &DocumentModel::layersChanged, this, [this] {
        rebuildLayerList();
        // The layer's data may have been swapped (labels in another language): same rows.
        const auto i = layerIndex();
        if (!i && m_model->layer()) {
            m_model->setLayer(nullptr);
            updateCount();
        }
        if (i) updateValidity();
    });
    m_validOnly->setText(tr("Only valid on %1").arg(cursorDateLabel(wb.clock.cursor())));
    rebuildLayerList();
}

void AttributeTableDock::rebuildLayerList()
{
    const QSignalBlocker block(m_layers);
    m_layers->clear();
    const auto& layers = m_wb.model.document().layers();
    const auto shown = layerIndex();
    for (std::size_t k = layers.size(); k-- > 0;) {
        if (layers[k].role == LayerRole::Basemap) continue;
        m_layers->addItem(layers[k].style.title, static_cast<qulonglong>(k));
        if (shown && *shown == k) m_layers->setCurrentIndex(m_layers->count() - 1);
    }
}

std::optional<std::size_t> AttributeTableDock::layerIndex() const
{
    if (!m_model->layer()) return std::nullopt;
    return entryIndexOf(m_wb.model.document(), m_model->layer().get());
}

void AttributeTableDock::showLayer(std::size_t documentIndex)
{
    const auto& layers = m_wb.model.document().layers();
    if (documentIndex >= layers.size()) return;
    m_syncing = true;
    m_model->setLayer(layers[documentIndex].layer);
    m_syncing = false;
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    setWindowTitle(tr("Attribute Table — %1").arg(layers[documentIndex].style.title));
    rebuildLayerList();
    updateValidity();
    m_view->resizeColumnsToContents();
    for (int c = 0; c < m_model->columnCount(); ++c)
        m_view->setColumnWidth(c, std::min(m_view->columnWidth(c), 260));
    selectFeatures(m_wb.model.document().selection());
    show();
    raise();
}

void AttributeTableDock::setValidOnly(bool on)
{
    m_validOnly->setChecked(on);
    updateValidity();
}

void AttributeTableDock::setTextFilter(const QString& text)
{
    m_filter->setText(text);
}

void AttributeTableDock::updateValidity()
{
    std::vector<uint8_t> mask;
    const auto i = layerIndex();
    if (m_validOnly->isChecked() && i) {
        const FeatureTimes* times = m_wb.model.document().featureTimes(*i);
        if (times) {
            const TimeCursor& cursor = m_wb.clock.cursor();
            const Interval window = times->windowFor(cursor);
            mask.resize(times->size(), 0);
            for (std::size_t f = 0; f < times->size(); ++f) mask[f] = !times->excluded[f] && times->spans[f].overlaps(window);
        }
    }
    m_proxy->setValidMask(std::move(mask));
    updateCount();
}

void AttributeTableDock::updateCount()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_count->setText(shown == total ? tr("%L1 features").arg(total) : tr("%L1 of %L2 features").arg(shown).arg(total));
}

std::vector<uint32_t> AttributeTableDock::shownRows() const
{
    std::vector<uint32_t> out;
    for (int r = 0; r < m_proxy->rowCount(); ++r) out.push_back(static_cast<uint32_t>(m_proxy->mapToSource(m_proxy->index(r, 0)).row()));
    return out;
}

std::vector<uint32_t> AttributeTableDock::selectedRows() const
{
    std::vector<uint32_t> out;
    for (const QModelIndex& idx : m_view->selectionModel()->selectedRows())
        out.push_back(static_cast<uint32_t>(m_proxy->mapToSource(idx).row()));
    std::sort(out.begin(), out.end());
    return out;
}

void AttributeTableDock::selectFeatures(const std::vector<FeatureRef>& features)
{
    if (!m_model->layer()) return;
    m_syncing = true;
    QItemSelection sel;
    QModelIndex first;
    for (const FeatureRef& f : features) {
        if (f.layer != m_model->layer()) continue;
        const QModelIndex idx = m_proxy->mapFromSource(m_model->index(static_cast<int>(f.row), 0));
        if (!idx.isValid()) continue;
        sel.select(idx, idx.siblingAtColumn(std::max(0, m_proxy->columnCount() - 1)));
        if (!first.isValid()) first = idx;
    }
    m_view->selectionModel()->select(sel, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (first.isValid()) m_view->scrollTo(first);
    m_syncing = false;
}

void AttributeTableDock::layerDataReplaced(const LayerPtr& before, const LayerPtr& after)
{
    if (!before || m_model->layer() != before) return;
    const std::vector<uint32_t> selected = selectedRows();
    m_syncing = true;
    m_model->setLayer(after);
    m_syncing = false;
    updateValidity();
    std::vector<FeatureRef> refs;
    for (uint32_t r : selected) refs.push_back({after, r});
    selectFeatures(refs);
}

void AttributeTableDock::onSelection()
{
    if (m_syncing || !m_model->layer()) return;
    std::vector<FeatureRef> refs;
    for (uint32_t r : selectedRows()) refs.push_back({m_model->layer(), r});
    emit selectionChanged(refs);
}

}  // namespace atlas::app
