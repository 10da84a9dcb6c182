#pragma once
// The main window: the map canvas, menus and status bar. Thin on purpose — it wires the
// document, the canvas and the controllers together and holds no map logic of its own.
#include "atlas/crs.h"
#include "atlas/diagnostics.h"
#include "document/map_document.h"

#include <QMainWindow>

#include <map>
#include <memory>

class QLabel;
class QAction;
class QMenu;
class QUndoStack;

namespace atlas::app {

class BrowseTools;
class EventListDock;
class MapCanvas;
class PublishTools;
class TimeController;
class TimelineDock;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Opens `files` instead of the bundled Kachin layers when given.
    explicit MainWindow(const QStringList& files, QWidget* parent = nullptr);
    ~MainWindow() override;

    // The menus tools add their actions to (File, View, Layer, Time, Tools, Help).
    enum class Menu { File, Edit, View, Layer, Time, Tools, Help };
    QMenu* menu(Menu which) const;
    // The File menu in groups, top to bottom, each ended by a separator, then Quit.
    enum class FileGroup { Project, Data, Export };
    void addFileAction(QAction* action, FileGroup group);
    // The window's one undo history (Edit → Undo/Redo, Ctrl+Z / Ctrl+Shift+Z): layer edits and
    // annotations alike, so Ctrl+Z undoes whatever was done last.
    QUndoStack* undoStack() const { return m_undoStack; }

    MapCanvas* canvas() const { return m_canvas; }
    const MapDocument& document() const { return m_document; }
    // For tools that change layers, styles or highlights: call documentChanged() afterwards so
    // the map re-renders (static layers included) and views that list layers refresh.
    MapDocument& document() { return m_document; }
    void documentChanged();
    TimeController* clock() const { return m_clock; }
    TimelineDock* timelineDock() const { return m_timelineDock; }
    EventListDock* eventListDock() const { return m_eventDock; }

signals:
    // Emitted by documentChanged(): layers were added, removed, reordered or restyled.
    void layersChanged();

protected:
    void closeEvent(QCloseEvent*) override;
    void showEvent(QShowEvent*) override;

private:
    void buildMenus();
    void buildTimeMenu();
    void setupClock();
    void onCursorChanged();
    void onEventSelected(const QString& id);
    void loadInitialData(const QStringList& files);
    void zoomHome();
    void zoomAll();
    void reportDiagnostics(const Diagnostics& d, const QString& what);
    void updateCursorLabel(double x, double y);
    void updateScaleLabel();

    MapDocument m_document;
    MapCanvas* m_canvas = nullptr;
    TimeController* m_clock = nullptr;
    TimelineDock* m_timelineDock = nullptr;
    EventListDock* m_eventDock = nullptr;
    QLabel* m_coordLabel = nullptr;
    QLabel* m_scaleLabel = nullptr;
    QLabel* m_renderLabel = nullptr;
    std::unique_ptr<CoordinateTransform> m_toWgs84;
    bool m_firstShow = true;
    QString m_pendingProject;  // a .katlas given on the command line, opened once shown
    std::map<Menu, QMenu*> m_menus;
    std::map<FileGroup, QAction*> m_fileGroupEnds;
    QUndoStack* m_undoStack = nullptr;
    BrowseTools* m_browse = nullptr;
    PublishTools* m_publish = nullptr;
};

}  // namespace atlas::app
