#pragma once
// Bookmarks: named views. Four come with the atlas — Kachin State, Bhamo, the Pangwa–Chipwi
// rare-earth belt and the Laiza–Mai Ja Yang border (atlas/model/bookmarks.h, shared with projects
// and `export --view`) — and the user adds their own, which are remembered (QSettings) as
// longitude/latitude boxes so they survive a change of display CRS.
#include "atlas/gui/workbench.h"
#include "atlas/box.h"

#include <QObject>
#include <QString>

#include <vector>

class QMenu;

namespace atlas::app {


struct Bookmark {
    QString name;
    Box lonLat;          // WGS 84 degrees; empty for "Kachin State" (the basemap's outline)
    bool builtIn = false;
};

class BookmarksController : public QObject {
    Q_OBJECT
public:
    BookmarksController(const Workbench& wb, QMenu* menu);

    const std::vector<Bookmark>& bookmarks() const { return m_bookmarks; }
    // Shows a bookmark's area.
    void go(std::size_t index);
    // Adds the current view under `name` (replacing a user bookmark of that name).
    void addCurrentView(const QString& name);
    void remove(std::size_t index);
    // The display-CRS extent a bookmark shows.
    Box extentOf(const Bookmark& b) const;

    static std::vector<Bookmark> builtIns();

public slots:
    void addWithPrompt();

private:
    void load();
    void save() const;
    void rebuildMenu();

    Workbench m_wb;
    QMenu* m_menu;
    std::vector<Bookmark> m_bookmarks;
};

}  // namespace atlas::app
