#pragma once
// The main window: the map canvas, menus and status bar. Thin on purpose — it wires the
// document, the canvas and the controllers together and holds no map logic of its own.
#include "atlas/crs.h"
#include "atlas/diagnostics.h"
#include "document/map_document.h"

#include <QMainWindow>

#include <memory>

class QLabel;

namespace atlas::app {

class EventListDock;
class MapCanvas;
class TimeController;
class TimelineDock;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Opens `files` instead of the bundled Kachin layers when given.
    explicit MainWindow(const QStringList& files, QWidget* parent = nullptr);
    ~MainWindow() override;

    MapCanvas* canvas() const { return m_canvas; }
    const MapDocument& document() const { return m_document; }
    TimeController* clock() const { return m_clock; }
    TimelineDock* timelineDock() const { return m_timelineDock; }
    EventListDock* eventListDock() const { return m_eventDock; }

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
    void openFiles();
    void exportImage();
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
};

}  // namespace atlas::app
