#include "atlas/gui/bookmarks.h"
#include "atlas/model/document_model.h"
#include <QMainWindow>

#include "atlas/crs.h"
#include "atlas/model/bookmarks.h"
#include "atlas/gui/workbench.h"
#include "atlas/gui/map_canvas.h"

#include <QInputDialog>
#include <QMenu>
#include <QSettings>
#include <QStatusBar>

namespace atlas::app {

std::vector<Bookmark> BookmarksController::builtIns()
{
    // One list for the window, projects and the command line (`export --view`).
    std::vector<Bookmark> out;
    for (const BuiltinView& v : builtinViews()) out.push_back({v.name, v.lonLat, true});
    return out;
}

BookmarksController::BookmarksController(const Workbench& wb, QMenu* menu) : QObject(&wb.frame), m_wb(wb), m_menu(menu)
{
    load();
    rebuildMenu();
}

Box BookmarksController::extentOf(const Bookmark& b) const
{
    if (b.lonLat.isEmpty()) return m_wb.model.document().homeExtent();
    const auto toDisplay = CoordinateTransform::create(kWgs84, m_wb.model.document().displayCrs());
    return toDisplay ? toDisplay->transformBox(b.lonLat) : Box{};
}

void BookmarksController::go(std::size_t index)
{
    if (index >= m_bookmarks.size()) return;
    const Box extent = extentOf(m_bookmarks[index]);
    if (extent.isEmpty()) return;
    m_wb.canvas.zoomToExtent(extent);
    m_wb.status.showMessage(tr("Bookmark: %1").arg(m_bookmarks[index].name), 4000);
}

void BookmarksController::addCurrentView(const QString& name)
{
    const QString n = name.trimmed();
    if (n.isEmpty()) return;
    const auto toWgs84 = CoordinateTransform::create(m_wb.model.document().displayCrs(), kWgs84);
    if (!toWgs84) return;
    const Box ll = toWgs84->transformBox(m_wb.canvas.viewport().extent());
    std::erase_if(m_bookmarks, [&](const Bookmark& b) { return !b.builtIn && b.name == n; });
    m_bookmarks.push_back({n, ll, false});
    save();
    // Queued: this may run from one of the menu's own actions.
    QMetaObject::invokeMethod(this, &BookmarksController::rebuildMenu, Qt::QueuedConnection);
}

void BookmarksController::addWithPrompt()
{
    bool ok = false;
    const QString name = QInputDialog::getText(&m_wb.frame, tr("Add Bookmark"), tr("Name of this view:"), QLineEdit::Normal,
                                               QString(), &ok);
    if (ok) addCurrentView(name);
}

void BookmarksController::remove(std::size_t index)
{
    if (index >= m_bookmarks.size() || m_bookmarks[index].builtIn) return;
    m_bookmarks.erase(m_bookmarks.begin() + static_cast<std::ptrdiff_t>(index));
    save();
    // Queued: this may run from one of the menu's own actions.
    QMetaObject::invokeMethod(this, &BookmarksController::rebuildMenu, Qt::QueuedConnection);
}

void BookmarksController::load()
{
    m_bookmarks = builtIns();
    QSettings settings;
    const int n = settings.beginReadArray("bookmarks");
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        const QString name = settings.value("name").toString();
        const QList<QVariant> box = settings.value("lonlat").toList();
        if (name.isEmpty() || box.size() != 4) continue;
        m_bookmarks.push_back({name, Box::of(box[0].toDouble(), box[1].toDouble(), box[2].toDouble(), box[3].toDouble()), false});
    }
    settings.endArray();
}

void BookmarksController::save() const
{
    QSettings settings;
    settings.beginWriteArray("bookmarks");
    int i = 0;
    for (const Bookmark& b : m_bookmarks) {
        if (b.builtIn) continue;
        settings.setArrayIndex(i++);
        settings.setValue("name", b.name);
        settings.setValue("lonlat", QList<QVariant>{b.lonLat.minX, b.lonLat.minY, b.lonLat.maxX, b.lonLat.maxY});
    }
    settings.endArray();
}

void BookmarksController::rebuildMenu()
{
    m_menu->clear();
    bool user = false;
    for (std::size_t i = 0; i < m_bookmarks.size(); ++i) {
        if (!m_bookmarks[i].builtIn && !user) {
            m_menu->addSeparator();
            user = true;
        }
        QAction* a = m_menu->addAction(m_bookmarks[i].name, this, [this, i] { go(i); });
        if (m_bookmarks[i].builtIn) a->setShortcut(QKeySequence(Qt::ALT | static_cast<Qt::Key>(Qt::Key_1 + static_cast<int>(i))));
    }
    m_menu->addSeparator();
    QAction* add = m_menu->addAction(tr("&Add Bookmark…"), this, &BookmarksController::addWithPrompt);
    add->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    QMenu* removeMenu = m_menu->addMenu(tr("&Remove Bookmark"));
    for (std::size_t i = 0; i < m_bookmarks.size(); ++i)
        if (!m_bookmarks[i].builtIn) removeMenu->addAction(m_bookmarks[i].name, this, [this, i] { remove(i); });
    removeMenu->setEnabled(!removeMenu->isEmpty());
}

}  // namespace atlas::app
