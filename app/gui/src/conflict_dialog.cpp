#include "atlas/gui/conflict_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace atlas::app {
namespace {

using Json = edit::Json;

const QColor kDiffers(255, 236, 179);

Json parsed(const std::string& text)
{
    if (text.empty()) return Json();
    Json j = Json::parse(text, nullptr, false);
    return j.is_discarded() || !j.is_object() ? Json() : j;
}

QString valueText(const Json& v)
{
    if (v.is_null()) return {};
    if (v.is_string()) return QString::fromStdString(v.get<std::string>());
    return QString::fromStdString(v.dump());
}

std::size_t pointCount(const Json& coords)
{
    if (!coords.is_array() || coords.empty()) return 0;
    if (coords[0].is_number()) return 1;
    std::size_t n = 0;
    for (const Json& c : coords) n += pointCount(c);
    return n;
}

const Json* firstPoint(const Json& coords)
{
    if (!coords.is_array() || coords.empty()) return nullptr;
    if (coords[0].is_number()) return &coords;
    return firstPoint(coords[0]);
}

// "Point 97.72, 24.2" or "LineString, 14 points from 97.1, 24.3": enough to see what moved.
QString geometrySummary(const Json& g)
{
    if (!g.is_object()) return QObject::tr("none");
    const QString type = QString::fromStdString(g.value("type", std::string("?")));
    const Json coords = g.value("coordinates", Json());
    const Json* first = firstPoint(coords);
    if (!first || first->size() < 2) return type;
    const QString at = QString("%1, %2").arg((*first)[0].get<double>()).arg((*first)[1].get<double>());
    const std::size_t n = pointCount(coords);
    return n == 1 ? type + ' ' + at : QObject::tr("%1, %2 points from %3").arg(type).arg(n).arg(at);
}

QString rowHeader(const teamdb::RowConflict& r)
{
    const QString key = QString::fromStdString(r.key).toHtmlEscaped();
    const QString who = r.theirLogin.empty() ? QObject::tr("someone") : QString::fromStdString(r.theirLogin).toHtmlEscaped();
    QString text;
    if (r.theirsVersion)
        text = QObject::tr("<b>%1</b> was changed by <b>%2</b> at %3 (now version %4).")
                   .arg(key, who, QString::fromStdString(r.theirTime).toHtmlEscaped())
                   .arg(*r.theirsVersion);
    else
        text = QObject::tr("<b>%1</b> is no longer in the record (removed by %2).").arg(key, who);
    return text + ' ' +
           (r.mineBasedOn ? QObject::tr("Your edit was based on version %1.").arg(r.mineBasedOn)
                          : QObject::tr("Your edit added it as new."));
}

}  // namespace

ConflictDialog::ConflictDialog(const teamdb::Conflict& conflict, QWidget* parent)
    : QDialog(parent), m_conflict(conflict)
{
    setObjectName("teamConflictDialog");
    setWindowTitle(tr("Edit Conflict — Team Database"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Your edit was not saved: a colleague changed the same record first. "
                                "Choose which version the record keeps."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    for (const teamdb::RowConflict& r : m_conflict.rows) {
        auto* header = new QLabel(rowHeader(r), this);
        header->setObjectName("conflictHeader");
        header->setWordWrap(true);
        layout->addWidget(header);
    }

    m_table = new QTableWidget(this);
    m_table->setObjectName("conflictFields");
    m_table->setColumnCount(4);
    m_table->setHorizontalHeaderLabels({tr("Field"), tr("Theirs"), tr("Mine"), tr("Use mine")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(true);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::NoFocus);
    // Wrapped values need the final column widths before their rows can be sized.
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, m_table, &QTableWidget::resizeRowsToContents);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(3, QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);
    auto* geometry = new QLabel(this);
    geometry->setObjectName("conflictGeometry");
    geometry->setWordWrap(true);
    layout->addWidget(geometry);

    const auto* update = std::get_if<edit::UpdateFeature>(&m_conflict.edit);
    if (!m_conflict.rows.empty()) {
        const teamdb::RowConflict& r = m_conflict.rows.front();
        m_canMerge = update && update->id == r.key && m_conflict.rows.size() == 1 && r.theirsVersion && !r.mine.empty();
        const Json theirs = parsed(r.theirs), mine = parsed(r.mine);
        std::vector<std::string> names;
        for (const Json* side : {&theirs, &mine})
            if (side->is_object())
                for (const auto& [name, value] : side->items())
                    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
        // Fields my edit set start as "use mine"; their other changes are kept by default.
        auto mineSets = [&](const std::string& name) {
            if (!update) return false;
            if (name == "geometry") return update->geometry.has_value();
            return std::any_of(update->set.begin(), update->set.end(), [&](const auto& s) { return s.first == name; });
        };
        // The fields that differ first: they are what the choice is about.
        std::stable_partition(names.begin(), names.end(), [&](const std::string& name) {
            return (theirs.is_object() ? theirs.value(name, Json()) : Json()) != (mine.is_object() ? mine.value(name, Json()) : Json());
        });
        m_table->setRowCount(static_cast<int>(names.size()));
        for (int i = 0; i < static_cast<int>(names.size()); ++i) {
            const std::string& name = names[static_cast<std::size_t>(i)];
            const Json t = theirs.is_object() ? theirs.value(name, Json()) : Json();
            const Json m = mine.is_object() ? mine.value(name, Json()) : Json();
            const bool geom = name == "geometry";
            const bool differs = t != m;
            auto* field = new QTableWidgetItem(QString::fromStdString(name));
            auto* theirItem = new QTableWidgetItem(r.theirs.empty() ? tr("(removed)") : geom ? geometrySummary(t) : valueText(t));
            auto* mineItem = new QTableWidgetItem(r.mine.empty() ? tr("(delete)") : geom ? geometrySummary(m) : valueText(m));
            if (differs) {
                QFont bold = field->font();
                bold.setBold(true);
                field->setFont(bold);
                for (QTableWidgetItem* it : {field, theirItem, mineItem}) it->setBackground(kDiffers);
            }
            m_table->setItem(i, 0, field);
            m_table->setItem(i, 1, theirItem);
            m_table->setItem(i, 2, mineItem);
            if (differs && m_canMerge && name != "id") {
                auto* use = new QTableWidgetItem;
                use->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
                use->setCheckState(mineSets(name) ? Qt::Checked : Qt::Unchecked);
                use->setData(Qt::UserRole, QString::fromStdString(name));
                m_table->setItem(i, 3, use);
            }
            if (geom && differs && !r.theirs.empty() && !r.mine.empty())
                m_geometryNote = tr("Geometry differs: theirs %1; mine %2.").arg(geometrySummary(t), geometrySummary(m));
        }
        m_table->resizeRowsToContents();
        if (m_conflict.rows.size() > 1)
            intro->setText(intro->text() + ' ' + tr("The table shows the first of %1 rows in conflict.").arg(m_conflict.rows.size()));
    }
    geometry->setText(m_geometryNote);
    geometry->setVisible(!m_geometryNote.isEmpty());
    if (!m_canMerge) m_table->hideColumn(3);

    auto* buttons = new QDialogButtonBox(this);
    auto* keepTheirs = buttons->addButton(tr("Keep &Theirs"), QDialogButtonBox::RejectRole);
    keepTheirs->setObjectName("keepTheirs");
    keepTheirs->setToolTip(tr("Drop your edit; the record stays as your colleague left it"));
    auto* keepMine = buttons->addButton(tr("Keep &Mine"), QDialogButtonBox::AcceptRole);
    keepMine->setObjectName("keepMine");
    keepMine->setToolTip(tr("Make your edit again on their version"));
    auto* merge = buttons->addButton(tr("M&erge"), QDialogButtonBox::AcceptRole);
    merge->setObjectName("merge");
    merge->setToolTip(tr("Save the fields marked “Use mine” from your edit, the others as they now are"));
    merge->setVisible(m_canMerge);
    layout->addWidget(buttons);
    connect(keepTheirs, &QPushButton::clicked, this, [this] { choose(Choice::KeepTheirs); });
    connect(keepMine, &QPushButton::clicked, this, [this] { choose(Choice::KeepMine); });
    connect(merge, &QPushButton::clicked, this, [this] { choose(Choice::Merge); });
    resize(820, 520);
}

void ConflictDialog::choose(Choice c)
{
    m_choice = c;
    if (c == Choice::KeepTheirs) reject();
    else accept();
}

std::optional<edit::Edit> ConflictDialog::merged() const
{
    const auto* update = std::get_if<edit::UpdateFeature>(&m_conflict.edit);
    if (!m_canMerge || !update || m_choice != Choice::Merge) return std::nullopt;
    const Json mine = parsed(m_conflict.rows.front().mine);
    edit::UpdateFeature out{update->id, {}, std::nullopt, update->sources, std::nullopt};
    for (int i = 0; i < m_table->rowCount(); ++i) {
        const QTableWidgetItem* use = m_table->item(i, 3);
        if (!use || use->checkState() != Qt::Checked) continue;
        const std::string name = use->data(Qt::UserRole).toString().toStdString();
        if (name == "geometry") out.geometry = mine.value("geometry", Json());
        else out.set.emplace_back(name, mine.value(name, Json()));
    }
    return edit::Edit(out);
}

}  // namespace atlas::app
