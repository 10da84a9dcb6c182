#pragma once
// A list of (id, label) items with a search box and check boxes: how the editing dialogs pick
// links and sources, so no one types a raw id. The filter matches the id or the label.
#include <QWidget>

#include <string>
#include <utility>
#include <vector>

class QLineEdit;
class QListWidget;

namespace atlas::app {

class IdPicker : public QWidget {
    Q_OBJECT
public:
    explicit IdPicker(QWidget* parent = nullptr);

    // Replaces the items (id, what the list shows after the id); checks are cleared.
    void setItems(const std::vector<std::pair<std::string, std::string>>& items);
    // Shows only items whose id or label contains `text` (case-insensitive).
    void setFilter(const QString& text);
    // Checks (or unchecks) the item with this id; false when there is none.
    bool setChecked(const std::string& id, bool checked = true);
    // Moves the checked items to the top of the list, in their order: an edited row's links and
    // sources are seen first, not scrolled out of sight among hundreds.
    void raiseChecked();
    // Checked ids, in list order.
    std::vector<std::string> checkedIds() const;
    // Ids shown under the current filter.
    std::vector<std::string> visibleIds() const;

    // A widget under the list (a "New…" button).
    void addFooterWidget(QWidget* widget);

    QLineEdit* searchBox() const { return m_search; }
    QListWidget* list() const { return m_list; }

signals:
    // An item was checked or unchecked (by the user or by setChecked).
    void checkedChanged();

private:
    QLineEdit* m_search = nullptr;
    QListWidget* m_list = nullptr;
};

}  // namespace atlas::app
