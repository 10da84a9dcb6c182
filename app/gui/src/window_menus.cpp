#include "atlas/gui/window_menus.h"

#include <QMenu>

namespace atlas::app {

void WindowMenus::makeFileGroups()
{
    QMenu* file = menu(Menu::File);
    for (FileGroup g : {FileGroup::Project, FileGroup::Data, FileGroup::Export}) m_fileGroupEnds[g] = file->addSeparator();
}

void WindowMenus::addFileAction(QAction* action, FileGroup group)
{
    menu(Menu::File)->insertAction(m_fileGroupEnds.at(group), action);
}

}  // namespace atlas::app
