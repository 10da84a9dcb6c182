#pragma once
// The attribute table of one layer: every feature's attributes, sortable by any column
// (numbers as numbers), filterable by text and to the features valid on the clock's day.
// Selecting rows selects the features on the map; selecting on the map selects the rows.
#include "atlas/gui/workbench.h"
#include "atlas/model/map_document.h"

#include <QAbstractTableModel>
#include <QDockWidget>
#include <QSortFilterProxyModel>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace atlas::app {


class AttributeTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int kSortRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;
    void setLayer(LayerPtr layer);
    const LayerPtr& layer() const { return m_layer; }
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    LayerPtr m_layer;
    std::vector<const Column*> m_columns;  // shown columns (internal ones left out)
};

class AttributeFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    // Rows allowed by the date filter (1 = valid); empty: no date filter.
    void setValidMask(std::vector<uint8_t> mask);
    void setText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    std::vector<uint8_t> m_valid;
    QString m_text;
};

class AttributeTableDock : public QDockWidget {
    Q_OBJECT
public:
    explicit AttributeTableDock(const Workbench& wb, QWidget* parent = nullptr);

    void showLayer(std::size_t documentIndex);
    // The document index of the layer shown.
    std::optional<std::size_t> layerIndex() const;
    void setValidOnly(bool on);
    void setTextFilter(const QString& text);
    // Source rows shown, in the displayed order.
    std::vector<uint32_t> shownRows() const;
    // Selects the rows of `features` that belong to the layer shown (from the map).
    void selectFeatures(const std::vector<FeatureRef>& features);
    std::vector<uint32_t> selectedRows() const;
    // The shown layer's data was swapped for the same rows (labels in another language).
    void layerDataReplaced(const LayerPtr& before, const LayerPtr& after);
    QTableView* view() const { return m_view; }

signals:
    void selectionChanged(const std::vector<atlas::app::FeatureRef>& features);
    void zoomRequested(const atlas::app::FeatureRef& feature);

private:
    void rebuildLayerList();
    void updateValidity();
    void updateCount();
    void onSelection();

    Workbench m_wb;
    QComboBox* m_layers;
    QCheckBox* m_validOnly;
    QLineEdit* m_filter;
    QLabel* m_count;
    QTableView* m_view;
    AttributeTableModel* m_model;
    AttributeFilterModel* m_proxy;
    bool m_syncing = false;
};

}  // namespace atlas::app
