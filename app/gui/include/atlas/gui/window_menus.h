#pragma once
// The window's menus, by role, which tools add their actions to. The File menu is kept in
// groups (projects, data, exports), each ended by a separator, then Quit.
#include <map>

class QAction;
class QMenu;

namespace atlas::app {

class WindowMenus {
public:
    enum class Menu { File, Edit, View, Layer, Time, Tools, Help };
    enum class FileGroup { Project, Data, Export };

    QMenu* menu(Menu which) const { return m_menus.at(which); }
    void setMenu(Menu which, QMenu* menu) { m_menus[which] = menu; }
    // Inserts `action` at the end of `group` in the File menu.
    void addFileAction(QAction* action, FileGroup group);
    // Makes the File menu's groups: a separator ends each, in order.
    void makeFileGroups();

private:
    std::map<Menu, QMenu*> m_menus;
    std::map<FileGroup, QAction*> m_fileGroupEnds;
};

}  // namespace atlas::app
