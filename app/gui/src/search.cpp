#include "atlas/gui/search.h"
#include "atlas/data/schema.h"
#include "atlas/model/document_model.h"

#include "atlas/render/palette.h"
#include "atlas/gui/browse_tools_names.h"
#include "atlas/gui/identify.h"
#include "atlas/gui/legend.h"
#include "atlas/gui/workbench.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace atlas::app {
namespace {

constexpr int kKeyRole = Qt::UserRole + 1;

int rankOf(std::string_view layerKey)
{
    if (layerKey == schema::kPlaces) return 0;
    if (layerKey == schema::kCrossings) return 1;
    if (layerKey == schema::kMines) return 2;
    if (layerKey == schema::kRiver) return 3;
    return 4;
}

QString kindTitle(std::string_view layerKey)
{
    if (layerKey == schema::kPlaces) return QObject::tr("place");
    if (layerKey == schema::kCrossings) return QObject::tr("border crossing");
    if (layerKey == schema::kMines) return QObject::tr("mining area");
    if (layerKey == schema::kRiver) return QObject::tr("river");
    return QString::fromUtf8(layerKey.data(), static_cast<qsizetype>(layerKey.size()));
}

}  // namespace

SearchDock::SearchDock(const Workbench& wb, QWidget* parent) : QDockWidget(tr("Search"), parent), m_wb(wb)
{
    setObjectName("SearchDock");
    auto* body = new QWidget(this);
    auto* v = new QVBoxLayout(body);
    v->setContentsMargins(4, 2, 4, 4);
    m_edit = new QLineEdit(body);
    m_edit->setPlaceholderText(tr("Place, mine, crossing or event — any language"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setToolTip(tr("English, Burmese (ဗန်းမော်), Chinese (八莫) or Jinghpaw names and other spellings; "
                          "the start of a name or of one of its words is enough"));
    m_results = new QListWidget(body);
    m_results->setUniformItemSizes(false);
    m_results->setIconSize(QSize(16, 16));
    m_status = new QLabel(body);
    m_status->setStyleSheet("color: #666");
    v->addWidget(m_edit);
    v->addWidget(m_results, 1);
    v->addWidget(m_status);
    setWidget(body);

    m_edit->installEventFilter(this);
    connect(m_edit, &QLineEdit::textChanged, this, &SearchDock::updateResults);
    connect(m_edit, &QLineEdit::returnPressed, this, [this] {
        activateResult(m_results->currentRow() >= 0 ? m_results->currentRow() : 0);
    });
    connect(m_results, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) { activateResult(m_results->row(item)); });
    connect(m_results, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) { activateResult(m_results->row(item)); });
    connect(&wb.model, &DocumentModel::layersChanged, this, &SearchDock::rebuildIndex);
    rebuildIndex();
}

void SearchDock::rebuildIndex()
{
    // Only a change of the layers themselves (added, removed, data swapped) changes the names.
    std::vector<const Layer*> indexed;
    for (const LayerEntry& e : m_wb.model.document().layers()) indexed.push_back(e.layer.get());
    if (indexed == m_indexed && m_index.size() > 0) return;
    m_indexed = std::move(indexed);
    m_index = SearchIndex();
    m_userFeatures.clear();
    const MapDocument& doc = m_wb.model.document();
    if (const Dataset* ds = doc.dataset()) {
        for (const DatasetLayer& dl : ds->layers()) {
            if (!dl.layer || dl.key == schema::kEvents || dl.key == schema::kControl || dl.key == schema::kFrontlines) continue;
            const Layer& l = *dl.layer;
            for (std::size_t r = 0; r < l.featureCount(); ++r) {
                SearchEntry e;
                e.key = std::string(dl.id(r));
                e.label = l.text(r, "name");
                for (const char* f : {"name", "name_my", "name_zh", "name_kac", "cn_counterpart", "cn_counterpart_zh"})
                    if (std::string n = l.text(r, f); !n.empty()) e.names.push_back(std::move(n));
                for (std::string& n : splitNameList(l.text(r, "alt_names"))) e.names.push_back(std::move(n));
                std::string detail = kindTitle(dl.key).toStdString();
                for (const char* f : {"kind", "region", "admin"})
                    if (std::string d = l.text(r, f); !d.empty()) {
                        detail += " · " + d;
                        break;
                    }
                e.detail = detail;
                e.rank = rankOf(dl.key);
                if (e.label.empty()) e.label = e.key;
                m_index.add(std::move(e));
            }
        }
        for (const Event& ev : ds->events().all()) {
            SearchEntry e;
            e.key = ev.id;
            e.label = ev.title;
            e.names = {ev.title};
            e.detail = "event · " + ev.kind + " · " + ev.date.label();
            e.rank = 5;
            m_index.add(std::move(e));
        }
    }
    // The user's layers: every column that holds names.
    const auto& layers = doc.layers();
    for (const LayerEntry& entry : layers) {
        if (entry.role != LayerRole::Data || !entry.datasetKey.empty()) continue;
        const Layer& l = *entry.layer;
        std::vector<const Column*> nameColumns;
        for (const Column& c : l.columns()) {
            QString n = QString::fromStdString(c.name()).toLower();
            if (c.type() == FieldType::String && !isInternalColumn(c.name())
                && (n.startsWith("name") || n == "title" || n == "label" || n.startsWith("alt_name")))
                nameColumns.push_back(&c);
        }
        if (nameColumns.empty()) continue;
        for (std::size_t r = 0; r < l.featureCount(); ++r) {
            SearchEntry e;
            for (const Column* c : nameColumns)
                if (!c->isNull(r))
                    for (std::string& n : splitNameList(c->string(r))) e.names.push_back(std::move(n));
            if (e.names.empty()) continue;
            e.key = "user:" + std::to_string(m_userFeatures.size());
            e.label = e.names.front();
            e.detail = entry.style.title.toStdString();
            e.rank = 4;
            m_userFeatures.push_back({entry.layer, static_cast<uint32_t>(r)});
            m_index.add(std::move(e));
        }
    }
    updateResults();
}

void SearchDock::focusSearch()
{
    show();
    raise();
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void SearchDock::setQuery(const QString& text)
{
    m_edit->setText(text);
    updateResults();
}

QStringList SearchDock::resultKeys() const
{
    QStringList out;
    for (int i = 0; i < m_results->count(); ++i) out << m_results->item(i)->data(kKeyRole).toString();
    return out;
}

void SearchDock::updateResults()
{
    m_results->clear();
    const QString text = m_edit->text();
    if (text.trimmed().isEmpty()) {
        m_status->setText(tr("%L1 names searchable").arg(m_index.size()));
        return;
    }
    const auto matches = m_index.find(text.toStdString(), 60);
    for (const SearchMatch& m : matches) {
        const SearchEntry& e = m_index.entries()[m.entry];
        QString line = QString::fromStdString(e.label);
        if (m.matchedName != e.label) line += QString::fromUtf8(" — ") + QString::fromStdString(m.matchedName);
        auto* item = new QListWidgetItem(line + "\n" + QString::fromStdString(e.detail), m_results);
        item->setData(kKeyRole, QString::fromStdString(e.key));
        item->setToolTip(QString::fromStdString(e.key));
        QColor colour = e.key.starts_with("event:") ? render::palette::eventKindColor(e.detail.substr(8, e.detail.find(" · ", 8) - 8))
                        : e.key.starts_with("mine:") ? render::palette::kOrange
                        : e.key.starts_with("crossing:") ? render::palette::kGrey
                                                         : render::palette::kTownSymbol;
        render::Symbol sym;
        sym.fill = colour;
        sym.size = 9;
        sym.shape = e.key.starts_with("mine:") ? render::MarkerShape::Diamond
                    : e.key.starts_with("crossing:") ? render::MarkerShape::Triangle
                                                     : render::MarkerShape::Circle;
        item->setIcon(legendSymbolIcon(sym, GeometryKind::Point, 16));
    }
    if (m_results->count() > 0) m_results->setCurrentRow(0);
    m_status->setText(matches.empty() ? tr("No name starts with “%1”").arg(text) : tr("%n result(s)", nullptr, static_cast<int>(matches.size())));
}

void SearchDock::activateResult(int row)
{
    if (row < 0 || row >= m_results->count()) return;
    const QString key = m_results->item(row)->data(kKeyRole).toString();
    if (key.startsWith("event:")) {
        emit eventChosen(key);
    } else if (key.startsWith("user:")) {
        const auto n = key.mid(5).toULongLong();
        if (n < m_userFeatures.size()) emit featureChosen(m_userFeatures[n]);
    } else if (const auto ref = featureRefOf(m_wb.model.document(), key.toStdString())) {
        emit featureChosen(*ref);
    }
}

bool SearchDock::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto* ke = static_cast<QKeyEvent*>(event);
        if (ke->key() == Qt::Key_Down && m_results->count() > 0) {
            m_results->setFocus();
            m_results->setCurrentRow(std::min(m_results->currentRow() + 1, m_results->count() - 1));
            return true;
        }
        if (ke->key() == Qt::Key_Escape) {
            m_edit->clear();
            return true;
        }
    }
    return QDockWidget::eventFilter(watched, event);
}

}  // namespace atlas::app
