#pragma once
// Search (Ctrl+F): places, mines, crossings, events and the user's own features by name, in
// English, Burmese, Chinese or Jinghpaw and their alternative spellings, by prefix, as you
// type. Choosing a result zooms to it (and, for an event, moves the clock to its day).
#include "atlas/gui/workbench.h"
#include "atlas/analysis/search_index.h"
#include "atlas/model/map_document.h"

#include <QDockWidget>

class QLineEdit;
class QListWidget;
class QLabel;

namespace atlas::app {


class SearchDock : public QDockWidget {
    Q_OBJECT
public:
    explicit SearchDock(const Workbench& wb, QWidget* parent = nullptr);

    void focusSearch();
    void setQuery(const QString& text);
    // Keys of the results listed (dataset ids; "user:N" for a user layer's feature).
    QStringList resultKeys() const;
    void activateResult(int row);
    const SearchIndex& index() const { return m_index; }

public slots:
    void rebuildIndex();

signals:
    void featureChosen(const atlas::app::FeatureRef& feature);
    void eventChosen(const QString& eventId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateResults();

    Workbench m_wb;
    QLineEdit* m_edit;
    QListWidget* m_results;
    QLabel* m_status;
    SearchIndex m_index;
    std::vector<FeatureRef> m_userFeatures;  // "user:N"
    std::vector<const Layer*> m_indexed;      // the layers indexed, to skip rebuilds (opacity, style)
};

}  // namespace atlas::app
