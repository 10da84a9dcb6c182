#include "atlas/gui/id_picker.h"

#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace atlas::app {

IdPicker::IdPicker(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_search = new QLineEdit(this);
    m_search->setObjectName("search");
    m_search->setPlaceholderText(tr("Search by id or name…"));
    m_search->setClearButtonEnabled(true);
    m_list = new QListWidget(this);
    m_list->setObjectName("items");
    m_list->setMinimumHeight(90);
    layout->addWidget(m_search);
    layout->addWidget(m_list);
    connect(m_search, &QLineEdit::textChanged, this, &IdPicker::setFilter);
    // itemChanged also fires for text and order; only a check counts for the forms' drafts, and
    // an extra signal costs nothing there.
    connect(m_list, &QListWidget::itemChanged, this, &IdPicker::checkedChanged);
}

void IdPicker::setItems(const std::vector<std::pair<std::string, std::string>>& items)
{
    m_list->clear();
    for (const auto& [id, label] : items) {
        const QString text = label.empty() ? QString::fromStdString(id)
                                           : QString::fromStdString(id) + QStringLiteral(" — ") +
                                                 QString::fromStdString(label);
        auto* item = new QListWidgetItem(text, m_list);
        item->setData(Qt::UserRole, QString::fromStdString(id));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    setFilter(m_search->text());
}

void IdPicker::setFilter(const QString& text)
{
    const QString needle = text.trimmed();
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem* item = m_list->item(i);
        // A checked item stays in sight, so a search never hides what was picked.
        const bool match = needle.isEmpty() || item->text().contains(needle, Qt::CaseInsensitive) ||
                           item->checkState() == Qt::Checked;
        item->setHidden(!match);
    }
}

void IdPicker::raiseChecked()
{
    int top = 0;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->checkState() == Qt::Checked) m_list->insertItem(top++, m_list->takeItem(i));
    m_list->scrollToTop();
}

void IdPicker::addFooterWidget(QWidget* widget) { layout()->addWidget(widget); }

bool IdPicker::setChecked(const std::string& id, bool checked)
{
    const QString qid = QString::fromStdString(id);
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(Qt::UserRole).toString() == qid) {
            m_list->item(i)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
            return true;
        }
    return false;
}

std::vector<std::string> IdPicker::checkedIds() const
{
    std::vector<std::string> out;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->checkState() == Qt::Checked)
            out.push_back(m_list->item(i)->data(Qt::UserRole).toString().toStdString());
    return out;
}

std::vector<std::string> IdPicker::visibleIds() const
{
    std::vector<std::string> out;
    for (int i = 0; i < m_list->count(); ++i)
        if (!m_list->item(i)->isHidden()) out.push_back(m_list->item(i)->data(Qt::UserRole).toString().toStdString());
    return out;
}

}  // namespace atlas::app
