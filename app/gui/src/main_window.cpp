#include "atlas/gui/main_window.h"

#include "atlas/model/load_policy.h"

#include "atlas/civil_date.h"
#include "atlas/render/map_overlays.h"
#include "atlas/render/palette.h"
#include "atlas/render/renderer.h"
#include "atlas/render/scale_bar.h"
#include "atlas/model/data_paths.h"
#include "atlas/gui/browse_tools.h"
#include "atlas/gui/event_list_dock.h"
#include "atlas/gui/export_data_dialog.h"
#include "atlas/gui/export_web_dialog.h"
#include "atlas/gui/map_canvas.h"
#include "atlas/gui/publish_tools.h"
#include "atlas/gui/record_session.h"
#include "atlas/gui/team_history.h"
#include "atlas/gui/team_session.h"
#include "atlas/gui/timeline_dock.h"
#include "atlas/gui/trade_tools.h"
#include "atlas/model/cursor_labels.h"
#include "atlas/model/time_controller.h"

#include <QAction>
#include <QUndoStack>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QImageWriter>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace atlas::app {

MainWindow::MainWindow(const QStringList& files, const LoadPolicy& policy, QWidget* parent) : QMainWindow(parent)
{
    m_model.setLoadPolicy(policy);
    setWindowTitle("Kachin Atlas");
    m_canvas = new MapCanvas(this);
    m_canvas->setDisplayCrs(m_model.document().displayCrs());
    setCentralWidget(m_canvas);
    m_toWgs84 = std::make_unique<CoordinateTransform>(m_model.document().displayCrs(), kWgs84);

    m_coordLabel = new QLabel(this);
    m_coordLabel->setMinimumWidth(220);
    m_scaleLabel = new QLabel(this);
    m_renderLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_renderLabel);
    statusBar()->addPermanentWidget(m_scaleLabel);
    statusBar()->addPermanentWidget(m_coordLabel);

    // A .katlas among the arguments is a project (double-click, `kachin-atlas P.katlas`); the
    // other arguments are data files.
    QStringList dataFiles;
    for (const QString& f : files) {
        if (f.endsWith(".katlas", Qt::CaseInsensitive) && m_pendingProject.isEmpty()) m_pendingProject = f;
        else dataFiles << f;
    }
    m_clock = new TimeController(this);
    m_undoStack = new QUndoStack(this);
    m_undoStack->setUndoLimit(500);
    buildMenus();
    loadInitialData(dataFiles);
    setupClock();

    m_canvas->setSceneProvider([this](const Viewport& vp, double ratio) {
        return std::make_pair(m_model.document().scene(vp, ratio, m_clock->cursor(), true), m_model.document().revision());
    });
    connect(m_canvas, &MapCanvas::cursorMoved, this, &MainWindow::updateCursorLabel);
    connect(m_canvas, &MapCanvas::cursorLeft, this, [this] { m_coordLabel->clear(); });
    connect(m_canvas, &MapCanvas::viewportChanged, this, [this] { updateScaleLabel(); });
    connect(m_canvas, &MapCanvas::frameRendered, this,
            [this](double ms) { m_renderLabel->setText(tr("frame %1 ms").arg(ms, 0, 'f', 1)); });
    m_workbench.reset(new Workbench{m_model, *m_clock, *m_canvas, *m_undoStack, *statusBar(), *this, m_menus});
    m_browse = new BrowseTools(*m_workbench, m_timelineDock, m_eventDock);
    m_publish = new PublishTools(*m_workbench);
    installExportDataAction(*m_workbench);
    installExportWebAction(*m_workbench);
    m_trade = new TradeTools(*m_workbench, m_timelineDock);
    m_record = new RecordSession(*m_workbench, this);
    connect(&m_model, &DocumentModel::layersChanged, this, &MainWindow::onLayersChanged);
    connect(&m_model, &DocumentModel::selectionChanged, m_canvas, &MapCanvas::refresh);
    connect(&m_model, &DocumentModel::highlightChanged, m_canvas, &MapCanvas::refresh);

    QSettings settings;
    if (!restoreGeometry(settings.value("window/geometry").toByteArray())) resize(1400, 900);
    restoreState(settings.value("window/state").toByteArray());
    // After restoreState: the team notice bar shows only with a notice, never from a saved layout.
    auto* team = new TeamSession(*m_workbench, *m_record, this);
    if (m_browse->inspector()) new TeamHistory(*team, *m_browse->inspector());
}

void MainWindow::onLayersChanged()
{
    // A dated layer opened beyond the clock's range (older events) widens it; never narrows.
    if (const auto range = m_model.document().timeRange(); range && m_clock) {
        const bool unset = m_clock->firstDay() == 0 && m_clock->lastDay() == 0;  // no dated data before
        if (unset) m_clock->setRange(range->first, range->second);
        else if (range->first < m_clock->firstDay() || range->second > m_clock->lastDay())
            m_clock->setRange(std::min(range->first, m_clock->firstDay()), std::max(range->second, m_clock->lastDay()));
    }
    m_canvas->refresh();
}

void MainWindow::setupClock()
{
    m_timelineDock = new TimelineDock(m_clock, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_timelineDock);
    m_eventDock = new EventListDock(this);
    addDockWidget(Qt::RightDockWidgetArea, m_eventDock);
    connect(m_eventDock, &EventListDock::eventSelected, this, &MainWindow::onEventSelected);
    connect(m_timelineDock->timeline(), &TimelineWidget::eventActivated, this, [this](const QString& id) {
        m_eventDock->selectEvent(id);
        onEventSelected(id);
    });

    onDatasetChanged();
    connect(&m_model, &DocumentModel::datasetChanged, this, &MainWindow::onDatasetChanged);
    if (const auto range = m_model.document().timeRange()) {
        m_clock->setRange(range->first, range->second);
        // Open on the replay period the data is about, not on 1998.
        m_timelineDock->timeline()->setVisibleRange(daysFromCivil(2024, 1, 1), range->second);
        QSettings settings;
        const int32_t lastDay = range->second - 30;
        m_clock->setDay(settings.value("clock/day", lastDay).toInt());
        m_clock->setWindow(DaysWindow{30});
    }
    connect(m_clock, &TimeController::cursorChanged, this, &MainWindow::onCursorChanged);
    onCursorChanged();
}

// The event list, the timeline's event marks and trade bars, and the clock's event steps come
// from the bundled dataset; they follow it when it is loaded or replaced.
void MainWindow::onDatasetChanged()
{
    const Dataset* ds = m_model.document().dataset();
    m_eventDock->setEvents(ds ? &ds->events() : nullptr);
    // A dataset replaced after an edit lists its events at once, without waiting for the clock.
    m_eventDock->showWindow(m_clock->cursor());
    if (ds) {
        std::vector<int32_t> days;
        std::vector<TimelineMark> marks;
        for (const Event& e : ds->events().all()) {
            if (!e.span.begin) continue;
            days.push_back(*e.span.begin);
            marks.push_back({*e.span.begin, e.span.end.value_or(*e.span.begin + 1),
                             render::palette::eventKindColor(e.kind), QString::fromStdString(e.title),
                             QString::fromStdString(e.id)});
        }
        m_clock->setEventDays(std::move(days));
        m_timelineDock->timeline()->setMarks(std::move(marks));
        std::vector<TimelineBar> bars;
        for (const ExportObservation& o : ds->exports().all()) {
            if (!o.span.begin || !o.span.end || o.metric != "quantity" || o.unit != "t") continue;
            QString label = QString("%1%L2 t").arg(QString::fromStdString(o.qualifier)).arg(o.value, 0, 'f', 0);
            QString detail = QString::fromStdString(o.periodLabel() + " · " + o.partner + " · " + o.basket) +
                             QString(" [%1]").arg(QString::fromStdString(o.sources.empty() ? "" : o.sources.front()));
            bars.push_back({*o.span.begin, *o.span.end, label + " · " + QString::fromStdString(o.basket), detail,
                            render::palette::kBluishGreen});
        }
        m_timelineDock->timeline()->setBars(std::move(bars), tr("Rare-earth trade, tonnes (observations, not a series)"));
    } else {
        m_clock->setEventDays({});
        m_timelineDock->timeline()->setMarks({});
        m_timelineDock->timeline()->setBars({}, QString());
    }
}

void MainWindow::onCursorChanged()
{
    const TimeCursor& c = m_clock->cursor();
    m_canvas->setDateStamp(cursorDateLabel(c), m_model.document().dataset() ? cursorWindowLabel(c) : QString());
    m_eventDock->showWindow(c);
    m_canvas->refresh();
}

void MainWindow::onEventSelected(const QString& id)
{
    const Dataset* ds = m_model.document().dataset();
    if (!ds) return;
    const Event* e = ds->events().byId(id.toStdString());
    if (!e) return;
    std::vector<std::string> ids = e->links;
    ids.push_back(e->id);
    m_model.setHighlight(std::move(ids));
    if (e->location) {
        Viewport vp = m_canvas->viewport();
        // Pan only when the event is off screen or near an edge; keep the zoom.
        const Box inner = vp.extent().buffered(-vp.unitsPerPixel * 60);
        if (!inner.contains(e->location->x, e->location->y)) {
            vp.centerX = e->location->x;
            vp.centerY = e->location->y;
            m_canvas->setViewport(vp);
        }
    }
    m_canvas->refresh();
    statusBar()->showMessage(QString::fromStdString(e->date.label() + " — " + e->title + ": " + e->summary), 10000);
}

MainWindow::~MainWindow()
{
    // The tools read the document while they close (the autosave of unsaved annotations): they
    // go before the members they read, not with QObject's children after them.
    delete m_publish;
    delete m_browse;
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_menus.setMenu(Menu::File, file);
    // Tools add their actions into these groups (projects, data, exports).
    m_menus.makeFileGroups();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    m_menus.setMenu(Menu::Edit, edit);
    QAction* undo = m_undoStack->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_undoStack->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(QKeySequence::Redo)});
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    // Off by default: what a journalist opens must not reach a server behind their back.
    QAction* online = edit->addAction(tr("Allow &Online Sources"));
    online->setObjectName("allowOnlineSources");
    online->setCheckable(true);
    online->setChecked(m_model.document().loadPolicy().allowRemote);
    online->setStatusTip(tr("Let layers and projects read http(s)://, /vsicurl/ and cloud sources. Off: "
                            "Kachin Atlas never reaches the network."));
    connect(online, &QAction::toggled, this, [this](bool on) {
        LoadPolicy p = m_model.document().loadPolicy();
        p.allowRemote = on;
        m_model.setLoadPolicy(p);
        QSettings().setValue(kAllowOnlineSourcesKey, on);
    });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    m_menus.setMenu(Menu::View, view);
    QAction* zin = view->addAction(tr("Zoom &In"), this, [this] { m_canvas->zoomBy(1.5); });
    zin->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::Key_Plus)});
    QAction* zout = view->addAction(tr("Zoom &Out"), this, [this] { m_canvas->zoomBy(1 / 1.5); });
    zout->setShortcuts({QKeySequence::ZoomOut, QKeySequence(Qt::Key_Minus)});
    QAction* box = view->addAction(tr("Zoom to &Box"));
    box->setCheckable(true);
    box->setShortcut(QKeySequence(Qt::Key_Z));
    box->setToolTip(tr("Drag a box to zoom into it (or hold Shift while dragging)"));
    connect(box, &QAction::toggled, m_canvas, &MapCanvas::setZoomBoxMode);
    view->addSeparator();
    QAction* home = view->addAction(tr("Zoom to &Kachin State"), this, &MainWindow::zoomHome);
    home->setShortcut(QKeySequence(Qt::Key_Home));
    QAction* all = view->addAction(tr("Zoom to &All Layers"), this, &MainWindow::zoomAll);
    all->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Home));

    m_menus.setMenu(Menu::Layer, menuBar()->addMenu(tr("&Layer")));
    buildTimeMenu();
    m_menus.setMenu(Menu::Tools, menuBar()->addMenu(tr("T&ools")));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    m_menus.setMenu(Menu::Help, help);
    help->addAction(tr("&About Kachin Atlas"), this, [this] {
        QMessageBox::about(this, tr("About Kachin Atlas"),
                           tr("<b>Kachin Atlas %1</b><br>A desktop GIS for the rare-earth mining conflict in "
                              "Kachin State, Myanmar.<br>Basemap: Natural Earth (public domain). "
                              "Bundled data: see geodata/SOURCES.md.<br>GPL-3.0-or-later.")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::buildTimeMenu()
{
    QMenu* time = menuBar()->addMenu(tr("&Time"));
    m_menus.setMenu(Menu::Time, time);
    auto add = [&](const QString& text, QKeySequence key, auto fn) {
        QAction* a = time->addAction(text, this, fn);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WindowShortcut);
        return a;
    };
    add(tr("&Play / Pause"), QKeySequence(Qt::Key_Space), [this] { m_clock->togglePlay(); });
    time->addSeparator();
    add(tr("Forward a &Day"), QKeySequence(Qt::CTRL | Qt::Key_Right), [this] { m_clock->step(1, StepUnit::Day); });
    add(tr("Back a D&ay"), QKeySequence(Qt::CTRL | Qt::Key_Left), [this] { m_clock->step(-1, StepUnit::Day); });
    add(tr("Forward a &Week"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Right), [this] { m_clock->step(1, StepUnit::Week); });
    add(tr("Back a W&eek"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Left), [this] { m_clock->step(-1, StepUnit::Week); });
    add(tr("Forward a &Month"), QKeySequence(Qt::Key_PageDown), [this] { m_clock->step(1, StepUnit::Month); });
    add(tr("Back a Mo&nth"), QKeySequence(Qt::Key_PageUp), [this] { m_clock->step(-1, StepUnit::Month); });
    time->addSeparator();
    add(tr("&Next Event"), QKeySequence(Qt::Key_BracketRight), [this] { m_clock->nextEvent(); });
    add(tr("&Previous Event"), QKeySequence(Qt::Key_BracketLeft), [this] { m_clock->previousEvent(); });
    add(tr("&Go to Date…"), QKeySequence(Qt::CTRL | Qt::Key_G), [this] {
        m_timelineDock->show();
        m_timelineDock->focusDateEntry();
    });
    time->addSeparator();
    QAction* fronts = time->addAction(tr("Show &Earlier Front Lines"));
    fronts->setCheckable(true);
    fronts->setChecked(m_model.document().showEarlierFrontLines());
    connect(fronts, &QAction::toggled, this, [this](bool on) {
        m_model.setShowEarlierFrontLines(on);
    });
}

void MainWindow::loadInitialData(const QStringList& files)
{
    Diagnostics diagnostics;
    const DataPaths paths = DataPaths::locate();
    bool basemap = false;
    m_model.change([&](MapDocument& doc) {
        basemap = !paths.basemapFile.isEmpty() && doc.loadBasemap(paths.basemapFile, diagnostics);
        if (!files.isEmpty()) doc.loadFiles(files, diagnostics);
    });
    if (!basemap)
        statusBar()->showMessage(tr("No basemap: build it with `make` (it is made from Debian's qgis-common package)."));
    // Rasters are imagery under the data, not data: with only rasters given (or nothing), the
    // bundled layers are drawn, over them.
    const bool onlyRasters = std::all_of(files.begin(), files.end(),
                                         [](const QString& f) { return RasterSource::isRaster(f.toStdString()); });
    if (onlyRasters && !paths.geodataDir.isEmpty())
        m_model.change([&](MapDocument& doc) { doc.loadBundled(paths.geodataDir, diagnostics); });
    else if (onlyRasters) diagnostics.warning("geodata", "", "", "bundled Kachin data not found (set KACHIN_ATLAS_DATA)");
    // Shown once the window is up, so a bad file never stops the map from opening.
    if (!diagnostics.empty())
        QTimer::singleShot(0, this, [this, diagnostics] { reportDiagnostics(diagnostics, tr("Loading data")); });
}

void MainWindow::showEvent(QShowEvent* e)
{
    QMainWindow::showEvent(e);
    if (!m_firstShow) return;
    m_firstShow = false;
    zoomHome();
    if (!m_pendingProject.isEmpty()) {
        // After the remembered view is restored, so the project's own view wins.
        QTimer::singleShot(0, this, [this] {
            const Diagnostics opened = m_publish->openProject(m_pendingProject);
            if (opened.hasErrors())
                QMessageBox::warning(this, tr("Cannot open project"),
                                     tr("%1:\n%2").arg(m_pendingProject, QString::fromStdString(opened.formatAll())));
            else if (!opened.empty())
                statusBar()->showMessage(QString::fromStdString(opened.formatAll()).replace('\n', "; "), 15000);
            m_pendingProject.clear();
        });
    }
}

void MainWindow::closeEvent(QCloseEvent* e)
{
    QSettings settings;
    settings.setValue("clock/day", m_clock->day());
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    QMainWindow::closeEvent(e);
}

void MainWindow::zoomHome()
{
    m_canvas->zoomToExtent(m_model.document().homeExtent());
}

void MainWindow::zoomAll()
{
    Box b = m_model.document().dataExtent();
    if (b.isEmpty()) b = m_model.document().homeExtent();
    m_canvas->zoomToExtent(b);
}

void MainWindow::reportDiagnostics(const Diagnostics& d, const QString& what)
{
    const std::size_t errors = d.errorCount();
    const QString summary = tr("%1: %2 error(s), %3 warning(s). Everything else loaded.")
                                .arg(what).arg(errors).arg(d.size() - errors);
    statusBar()->showMessage(summary, 15000);
    if (errors == 0) return;
    auto* box = new QMessageBox(QMessageBox::Warning, what, summary, QMessageBox::Ok, this);
    box->setDetailedText(QString::fromStdString(d.formatAll()));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

void MainWindow::updateCursorLabel(double x, double y)
{
    const Coord ll = m_toWgs84->transform(Coord{x, y});
    if (!std::isfinite(ll.x)) { m_coordLabel->clear(); return; }
    m_coordLabel->setText(QString("%1° %2, %3° %4")
                              .arg(std::abs(ll.y), 0, 'f', 4).arg(ll.y >= 0 ? "N" : "S")
                              .arg(std::abs(ll.x), 0, 'f', 4).arg(ll.x >= 0 ? "E" : "W"));
}

void MainWindow::updateScaleLabel()
{
    // Scale from the geodesic length of the view's middle row at 96 dpi logical pixels.
    const Viewport& vp = m_canvas->viewport();
    const Coord a = m_toWgs84->transform(vp.toMap({0, vp.height / 2.0}));
    const Coord b = m_toWgs84->transform(vp.toMap({static_cast<double>(vp.width), vp.height / 2.0}));
    if (!std::isfinite(a.x) || !std::isfinite(b.x)) return;
    const double metres = geodesicDistance(a.x, a.y, b.x, b.y);
    const double logicalWidthMetres = vp.width / devicePixelRatioF() * 0.0254 / 96.0;
    const double denominator = metres / logicalWidthMetres;
    m_scaleLabel->setText(tr("1:%L1").arg(std::llround(denominator / 1000.0) * 1000));
}

}  // namespace atlas::app
