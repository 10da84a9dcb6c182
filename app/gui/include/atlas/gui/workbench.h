#pragma once
// What the window's panels, tools and dialogs work on, handed to them by the main window so
// that none of them needs the window itself: the observable model and its clock, the canvas
// that shows them, the one undo history, the status line for short notices, and — for the
// tools that install docks, tool bars and menu entries — the frame and its menus.
class QMainWindow;
class QStatusBar;
class QUndoStack;

namespace atlas::app {

class DocumentModel;
class MapCanvas;
class TimeController;
class WindowMenus;

struct Workbench {
    DocumentModel& model;
    TimeController& clock;
    MapCanvas& canvas;
    QUndoStack& undo;
    QStatusBar& status;
    QMainWindow& frame;
    WindowMenus& menus;
};

}  // namespace atlas::app
