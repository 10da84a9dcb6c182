#pragma once
// The main window: the map canvas, menus and status bar. Thin on purpose — it wires the
// document, the canvas and the controllers together and holds no map logic of its own.
#include "atlas/crs.h"
#include "atlas/diagnostics.h"
#include "atlas/gui/window_menus.h"
#include "atlas/gui/workbench.h"
#include "atlas/model/document_model.h"

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
class RecordSession;
class TimeController;
class TimelineDock;
class TradeTools;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Opens `files` instead of the bundled Kachin layers when given, read under `policy`
    // (Edit → Allow Online Sources changes it later).
    explicit MainWindow(const QStringList& files, const LoadPolicy& policy = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    // The menus tools add their actions to (File, View, Layer, Time, Tools, Help).
    using Menu = WindowMenus::Menu;
    QMenu* menu(Menu which) const { return m_menus.menu(which); }
    // The window's one undo history (Edit → Undo/Redo, Ctrl+Z / Ctrl+Shift+Z): layer edits and
    // annotations alike, so Ctrl+Z undoes whatever was done last.
    QUndoStack* undoStack() const { return m_undoStack; }

    MapCanvas* canvas() const { return m_canvas; }
    // The observable document: every change made to it re-renders the map and refreshes the
    // views that list layers, whoever made it.
    DocumentModel& model() { return m_model; }
    const MapDocument& document() const { return m_model.document(); }
    TimeController* clock() const { return m_clock; }
    // What panels and tools work on (the model, clock, canvas, undo history, menus).
    const Workbench& workbench() const { return *m_workbench; }
    TimelineDock* timelineDock() const { return m_timelineDock; }
    EventListDock* eventListDock() const { return m_eventDock; }
    // File → Import Trade Series…, the trade track's controls and links editor.
    TradeTools* tradeTools() const { return m_trade; }
    // Edit → Open Dataset for Editing…, Add Event…, Record Change of Control… (issue 15).
    RecordSession* recordSession() const { return m_record; }

protected:
    void closeEvent(QCloseEvent*) override;
    void showEvent(QShowEvent*) override;

private:
    void buildMenus();
    void buildTimeMenu();
    void setupClock();
    void onCursorChanged();
    void onLayersChanged();
    void onDatasetChanged();
    void onEventSelected(const QString& id);
    void loadInitialData(const QStringList& files);
    void zoomHome();
    void zoomAll();
    void reportDiagnostics(const Diagnostics& d, const QString& what);
    void updateCursorLabel(double x, double y);
    void updateScaleLabel();

    DocumentModel m_model;
    WindowMenus m_menus;
    std::unique_ptr<Workbench> m_workbench;
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
    QUndoStack* m_undoStack = nullptr;
    BrowseTools* m_browse = nullptr;
    PublishTools* m_publish = nullptr;
    TradeTools* m_trade = nullptr;
    RecordSession* m_record = nullptr;
};

}  // namespace atlas::app
