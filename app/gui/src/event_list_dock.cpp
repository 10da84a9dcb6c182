#include "atlas/gui/event_list_dock.h"

#include "atlas/render/palette.h"
#include "atlas/model/cursor_labels.h"
#include "atlas/model/time_controller.h"

#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <map>

namespace atlas::app {
namespace {

// One icon per kind, reused on every clock step (see legendSymbolIcon: a new pixmap each time
// filled QPixmapCache with scaled copies).
QIcon kindIcon(const std::string& kind)
{
    static auto& icons = *new std::map<std::string, QIcon>;  // never destroyed: see legendSymbolIcon
    if (const auto it = icons.find(kind); it != icons.end()) return it->second;
    QPixmap pm(12, 12);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QColor(40, 40, 40));
    p.setBrush(render::palette::eventKindColor(kind));
    p.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    p.end();
    return icons.emplace(kind, QIcon(pm)).first->second;
}

QString dateText(const Event& e)
{
    QString text = QString::fromStdString(e.date.label());
    if (e.end && !(*e.end == e.date)) text += QString::fromUtf8(" – ") + QString::fromStdString(e.end->label());
    if (e.approx) text.prepend(QString::fromUtf8("≈ "));
    return text;
}

}  // namespace

EventListDock::EventListDock(QWidget* parent) : QDockWidget(tr("Events"), parent)
{
    setObjectName("EventListDock");
    auto* body = new QWidget(this);
    auto* v = new QVBoxLayout(body);
    v->setContentsMargins(4, 2, 4, 2);
    m_header = new QLabel(body);
    m_header->setWordWrap(true);
    m_list = new QTreeWidget(body);
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Date"), tr("Kind"), tr("Event")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    v->addWidget(m_header);
    v->addWidget(m_list, 1);
    setWidget(body);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item) emit eventSelected(item->data(0, Qt::UserRole).toString());
    });
}

void EventListDock::setEvents(const EventStore* events)
{
    m_events = events;
    m_shown = {};
}

void EventListDock::showWindow(const TimeCursor& cursor)
{
    if (!m_events) return;
    const Interval window = cursor.window();
    m_header->setText(tr("%1 — %2").arg(cursorDateLabel(cursor), cursorWindowLabel(cursor)));
    if (window == m_shown && m_list->topLevelItemCount() > 0) return;
    m_shown = window;
    const QString current = m_list->currentItem() ? m_list->currentItem()->data(0, Qt::UserRole).toString() : QString();
    const QSignalBlocker block(m_list);
    m_list->clear();
    for (const Event* e : m_events->eventsIn(window)) {
        auto* item = new QTreeWidgetItem(m_list);
        item->setText(0, dateText(*e));
        item->setText(1, QString::fromStdString(e->kind));
        item->setIcon(1, kindIcon(e->kind));
        item->setText(2, QString::fromStdString(e->title));
        item->setToolTip(2, QString::fromStdString(e->summary));
        item->setData(0, Qt::UserRole, QString::fromStdString(e->id));
        if (item->data(0, Qt::UserRole).toString() == current) m_list->setCurrentItem(item);
    }
    m_list->resizeColumnToContents(0);
    m_list->resizeColumnToContents(1);
}

QStringList EventListDock::listedIds() const
{
    QStringList ids;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) ids << m_list->topLevelItem(i)->data(0, Qt::UserRole).toString();
    return ids;
}

void EventListDock::selectEvent(const QString& id)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        if (m_list->topLevelItem(i)->data(0, Qt::UserRole).toString() == id) {
            m_list->setCurrentItem(m_list->topLevelItem(i));
            return;
        }
}

}  // namespace atlas::app

namespace atlas::app {

QString EventListDock::currentId() const
{
    return m_list->currentItem() ? m_list->currentItem()->data(0, Qt::UserRole).toString() : QString();
}

}  // namespace atlas::app
