#include "atlas/gui/publish_tools.h"
#include "atlas/model/session_files.h"
#include "atlas/model/document_model.h"
#include "atlas/gui/window_menus.h"
#include <QMainWindow>

#include "atlas/crs.h"
#include "atlas/data/dataset.h"
#include "atlas/model/data_paths.h"
#include "atlas/gui/export_dialog.h"
#include "atlas/gui/workbench.h"
#include "atlas/gui/map_canvas.h"
#include "atlas/gui/publish_animation_dialog.h"
#include "atlas/model/time_controller.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>

namespace atlas::app {
namespace {

QString canonicalDir(const QString& path)
{
    const QString c = QFileInfo(path).canonicalFilePath();
    return c.isEmpty() ? QDir::cleanPath(QFileInfo(path).absoluteFilePath()) : c;
}

const char* const kProjectFilter = "Kachin Atlas project (*.katlas)";

}  // namespace

PublishTools::PublishTools(const Workbench& wb) : QObject(&wb.frame), m_wb(wb)
{
    setObjectName("publishTools");
    m_model = new AnnotationModel(&wb.undo, this);
    m_tool = new AnnotationTool(&wb.canvas, m_model, wb.model.document().displayCrs(),
                                [clock = &wb.clock] { return clock->day(); }, this);

    QDir().mkpath(autosaveDir());
    m_autosavePath = QDir(autosaveDir())
                         .filePath(QString("session-%1-%2.katlas")
                                       .arg(QCoreApplication::applicationPid())
                                       .arg(QDateTime::currentMSecsSinceEpoch()));
    m_autosaveLock = std::make_unique<QLockFile>(m_autosavePath + ".lock");
    m_autosaveLock->setStaleLockTime(0);
    m_autosaveLock->tryLock(0);
    m_autosaveTimer.setSingleShot(true);
    m_autosaveTimer.setInterval(1500);
    connect(&m_autosaveTimer, &QTimer::timeout, this, &PublishTools::writeAutosave);
    // The stack's index moves after a command's redo(): only then is the model "modified".
    connect(m_model->undoStack(), &QUndoStack::indexChanged, this, &PublishTools::onAnnotationsChanged);
    connect(m_model, &AnnotationModel::changed, this, &PublishTools::onAnnotationsChanged);
    connect(m_model->undoStack(), &QUndoStack::cleanChanged, this, [this](bool clean) {
        if (clean) removeOwnAutosave();
        updateTitle();
    });

    buildActions();
    wb.frame.installEventFilter(this);
    QTimer::singleShot(0, this, &PublishTools::offerRecovery);
}

PublishTools::~PublishTools()
{
    m_autosaveTimer.stop();
    if (m_model->isModified()) writeAutosave();  // kept: recoverable next time
    else removeOwnAutosave();
    if (m_autosaveLock) m_autosaveLock->unlock();
}

// --- actions ----------------------------------------------------------------------------------

void PublishTools::buildActions()
{
    auto addFileAction = [&](const QString& text, QKeySequence key, auto slot) {
        auto* a = new QAction(text, this);
        if (!key.isEmpty()) a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        m_wb.menus.addFileAction(a, WindowMenus::FileGroup::Project);
        return a;
    };
    addFileAction(tr("&New Project"), QKeySequence(), [this] { newProject(); });
    addFileAction(tr("Open &Project…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), [this] { openProjectDialog(); });
    addFileAction(tr("&Save Project"), QKeySequence::Save, [this] { saveProjectDialog(false); });
    addFileAction(tr("Save Project &As…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), [this] { saveProjectDialog(true); });
    addExportActions();

    // Annotations: a toolbar and a Tools submenu with the same actions.
    QMenu* menu = m_wb.menus.menu(WindowMenus::Menu::Tools)->addMenu(tr("&Annotate"));
    QToolBar* bar = m_wb.frame.addToolBar(tr("Annotate"));
    bar->setObjectName("annotateToolBar");
    m_modes = new QActionGroup(this);
    m_modes->setExclusionPolicy(QActionGroup::ExclusionPolicy::ExclusiveOptional);
    const std::pair<AnnotationTool::Mode, QString> modes[] = {
        {AnnotationTool::Mode::Select, tr("Select / Move")}, {AnnotationTool::Mode::Text, tr("Text")},
        {AnnotationTool::Mode::Callout, tr("Callout")},      {AnnotationTool::Mode::Arrow, tr("Arrow")},
        {AnnotationTool::Mode::Ellipse, tr("Circle / Ellipse")}, {AnnotationTool::Mode::Marker, tr("Marker")},
    };
    const QString tips[] = {
        tr("Select, move (drag), reshape (drag a handle), edit (double-click), delete (Delete)"),
        tr("Click to place a text label"),
        tr("Press on what it points at, drag to where the text goes"),
        tr("Drag from the tail to the head"),
        tr("Drag a box around what to highlight (Shift: a circle)"),
        tr("Click to place a marker (with an optional label)"),
    };
    int i = 0;
    for (const auto& [mode, text] : modes) {
        QAction* a = m_modes->addAction(text);
        a->setCheckable(true);
        a->setData(static_cast<int>(mode));
        a->setToolTip(tips[i++]);
        a->setStatusTip(a->toolTip());
        menu->addAction(a);
        bar->addAction(a);
    }
    connect(m_modes, &QActionGroup::triggered, this, [this](QAction* a) {
        m_tool->setMode(a->isChecked() ? static_cast<AnnotationTool::Mode>(a->data().toInt()) : AnnotationTool::Mode::Off);
        if (a->isChecked()) m_wb.canvas.setFocus();
    });
    connect(m_tool, &AnnotationTool::modeChanged, this, [this](AnnotationTool::Mode mode) {
        for (QAction* a : m_modes->actions()) a->setChecked(a->data().toInt() == static_cast<int>(mode));
    });
    menu->addSeparator();
    bar->addSeparator();
    QAction* edit = menu->addAction(tr("&Edit Annotation…"), this, [this] { m_tool->editSelected(); });
    QAction* del = menu->addAction(tr("&Delete Annotation"), this, [this] { m_tool->deleteSelected(); });
    edit->setEnabled(false);
    del->setEnabled(false);
    connect(m_model, &AnnotationModel::selectionChanged, this, [edit, del](uint64_t id) {
        edit->setEnabled(id != 0);
        del->setEnabled(id != 0);
    });
    menu->addSeparator();
    m_undo = m_model->undoStack()->createUndoAction(this, tr("Undo"));
    m_redo = m_model->undoStack()->createRedoAction(this, tr("Redo"));
    m_undo->setToolTip(tr("Undo the last change (Ctrl+Z)"));
    m_redo->setToolTip(tr("Redo (Ctrl+Shift+Z)"));
    menu->addAction(m_undo);
    menu->addAction(m_redo);
    bar->addAction(m_undo);
    bar->addAction(m_redo);
}

void PublishTools::addExportActions()
{
    auto* exportAct = new QAction(tr("&Export Map…"), this);
    exportAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportAct->setStatusTip(tr("PNG, SVG or PDF with title, legend, scale bar, north arrow, locator and credits"));
    connect(exportAct, &QAction::triggered, this, &PublishTools::showExportDialog);
    m_wb.menus.addFileAction(exportAct, WindowMenus::FileGroup::Export);
    auto* anim = new QAction(tr("Export &Animation…"), this);
    anim->setStatusTip(tr("One laid-out frame per date: PNG frames, MP4 or GIF"));
    connect(anim, &QAction::triggered, this, &PublishTools::showAnimationDialog);
    m_wb.menus.addFileAction(anim, WindowMenus::FileGroup::Export);
}

// --- project ----------------------------------------------------------------------------------

Project PublishTools::captureProject() const
{
    Project p = m_project;
    const MapDocument& doc = m_wb.model.document();
    p.crs = doc.displayCrs();
    if (const Dataset* ds = doc.dataset()) {
        const QString dir = QString::fromStdString(ds->directory());
        const QString bundled = DataPaths::locate().geodataDir;
        if (!bundled.isEmpty() && canonicalDir(dir) == canonicalDir(bundled)) {
            p.dataset = Project::DatasetRef::Bundled;
            p.datasetPath.clear();
        } else {
            p.dataset = Project::DatasetRef::Folder;
            p.datasetPath = canonicalDir(dir);
        }
    } else {
        p.dataset = Project::DatasetRef::None;
    }
    p.layers = projectLayersOf(doc);
    p.view = ProjectView::of(m_wb.canvas.viewport());
    ProjectClock clock;
    clock.cursor = m_wb.clock.cursor();
    clock.daysPerSecond = m_wb.clock.daysPerSecond();
    clock.loop = m_wb.clock.loops();
    p.clock = clock;
    p.annotations = m_model->annotations();
    const TradeSettings& trade = doc.trade().settings;
    if (trade.files.isEmpty()) p.trade.reset();
    else p.trade = trade;
    p.extra.erase("autosave");
    return p;
}

Diagnostics PublishTools::saveProject(const QString& path)
{
    const Project p = captureProject();
    if (Diagnostics failed = writeProjectFile(p, path); failed.hasErrors()) return failed;
    m_project = p;
    m_path = QFileInfo(path).absoluteFilePath();
    m_model->markSaved();
    removeOwnAutosave();
    updateTitle();
    QSettings().setValue("paths/lastProject", m_path);
    return {};
}

Diagnostics PublishTools::openProject(const QString& path)
{
    Result<Project> read = readProjectFile(path);
    if (!read) return read.diagnostics();
    Diagnostics opened = read.diagnostics();
    QStringList problems;
    Project p = std::move(read).value();
    Diagnostics layers;
    m_wb.model.change([&](MapDocument& doc) { applyProjectLayers(doc, p, layers, problems); });
    const MapDocument& doc = m_wb.model.document();
    // A layer that cannot be read is an error for that layer, not for the project: it opened.
    for (Diagnostic d : layers.items()) {
        d.severity = Severity::Warning;
        opened.add(std::move(d));
    }

    MapCanvas* canvas = &m_wb.canvas;
    if (p.view) {
        const Viewport current = canvas->viewport();
        if (p.crs == doc.displayCrs()) {
            canvas->setViewport(Viewport{p.view->centerX, p.view->centerY, p.view->unitsPerPixel, current.width,
                                         current.height});
        } else {
            problems << tr("the project was saved in %1; this window shows %2, so its view is approximate")
                            .arg(QString::fromStdString(p.crs), QString::fromStdString(doc.displayCrs()));
            if (const auto t = CoordinateTransform::create(p.crs, doc.displayCrs()))
                canvas->zoomToExtent(t->transformBox(p.view->viewport().extent()));
            else
                problems << tr("its view cannot be shown here: %1").arg(QString::fromStdString(t.reason()));
        }
    }
    if (p.clock) {
        m_wb.clock.setCursor(p.clock->cursor);
        m_wb.clock.setDaysPerSecond(p.clock->daysPerSecond);
        m_wb.clock.setLoop(p.clock->loop);
    }
    m_model->reset(p.annotations);
    m_project = std::move(p);
    m_path = QFileInfo(path).absoluteFilePath();
    removeOwnAutosave();
    updateTitle();
    QSettings().setValue("paths/lastProject", m_path);
    for (const QString& problem : problems) opened.warning(path.toStdString(), "", "", problem.toStdString());
    return opened;
}

ExportJob PublishTools::exportJob() const
{
    ExportJob job;
    job.document = &m_wb.model.document();
    job.extent = m_wb.canvas.viewport().extent();
    job.cursor = m_wb.clock.cursor();
    job.settings = m_project.exportSettings;
    job.annotations = m_model->annotations();
    return job;
}

bool PublishTools::confirmDiscard(const QString& action)
{
    if (!m_model->isModified()) return true;
    const auto answer = QMessageBox::question(
        &m_wb.frame, action, tr("There are annotations that are not saved. Save the project first?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Save) return saveProjectDialog(false);
    removeOwnAutosave();
    return true;
}

void PublishTools::newProject()
{
    if (!confirmDiscard(tr("New Project"))) return;
    m_model->reset({});
    const ExportSettings keep = m_project.exportSettings;
    m_project = Project{};
    m_project.exportSettings = keep;
    m_path.clear();
    updateTitle();
}

void PublishTools::openProjectDialog()
{
    if (!confirmDiscard(tr("Open Project"))) return;
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(&m_wb.frame, tr("Open Project"),
                                                      settings.value("paths/lastProject").toString(), tr(kProjectFilter));
    if (path.isEmpty()) return;
    const Diagnostics opened = openProject(path);
    if (opened.hasErrors()) {
        QMessageBox::warning(&m_wb.frame, tr("Cannot open the project"), QString::fromStdString(opened.formatAll()));
        return;
    }
    m_wb.status.showMessage(tr("Opened %1").arg(QFileInfo(path).fileName()), 5000);
    if (!opened.empty()) {
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Project opened with problems"),
                                    tr("%1 opened, but not everything could be restored. Nothing in the file "
                                       "is lost: what could not be shown stays in it when you save.")
                                        .arg(QFileInfo(path).fileName()),
                                    QMessageBox::Ok, &m_wb.frame);
        box->setDetailedText(QString::fromStdString(opened.formatAll()));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->show();
    }
}

bool PublishTools::saveProjectDialog(bool saveAs)
{
    QString path = m_path;
    if (saveAs || path.isEmpty()) {
        QSettings settings;
        const QString start = m_path.isEmpty()
                                  ? QFileInfo(settings.value("paths/lastProject", QDir::home().filePath("kachin.katlas"))
                                                  .toString())
                                            .absolutePath() + "/kachin.katlas"
                                  : m_path;
        path = QFileDialog::getSaveFileName(&m_wb.frame, tr("Save Project"), start, tr(kProjectFilter));
        if (path.isEmpty()) return false;
        if (!path.endsWith(".katlas", Qt::CaseInsensitive)) path += ".katlas";
    }
    if (const Diagnostics failed = saveProject(path); failed.hasErrors()) {
        QMessageBox::warning(&m_wb.frame, tr("Cannot save the project"),
                             tr("%1\n\nThe previous version of the file, if any, is unchanged. "
                                "Your annotations are still autosaved.")
                                 .arg(QString::fromStdString(failed.formatAll())));
        return false;
    }
    m_wb.status.showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 5000);
    return true;
}

// --- export and animation -----------------------------------------------------------------------

void PublishTools::showExportDialog()
{
    auto doc = std::make_shared<const MapDocument>(m_wb.model.document());
    ExportJob job = exportJob();
    ExportDialog dialog(doc, job, &m_wb.frame);
    const int result = dialog.exec();
    m_project.exportSettings = dialog.settings();
    if (result == QDialog::Accepted && !dialog.exportedPath().isEmpty())
        m_wb.status.showMessage(tr("Exported %1").arg(dialog.exportedPath()), 8000);
}

void PublishTools::showAnimationDialog()
{
    auto doc = std::make_shared<const MapDocument>(m_wb.model.document());
    ExportJob job = exportJob();
    const TimeController* clock = &m_wb.clock;
    auto* dialog = new AnimationDialog(doc, job, clock->firstDay(), std::max(clock->firstDay(), clock->lastDay()), &m_wb.frame);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

// --- autosave and recovery ----------------------------------------------------------------------

QString PublishTools::autosaveDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath("autosave");
}

void PublishTools::onAnnotationsChanged()
{
    updateTitle();
    if (m_model->isModified()) m_autosaveTimer.start();
}

void PublishTools::writeAutosave()
{
    if (!m_model->isModified()) return;
    Project p = captureProject();
    p.extra["autosave"] = nlohmann::ordered_json{
        {"project", m_path.isEmpty() ? nlohmann::ordered_json() : nlohmann::ordered_json(m_path.toStdString())},
        {"saved", QDateTime::currentDateTime().toString(Qt::ISODate).toStdString()}};
    if (const Diagnostics failed = writeProjectFile(p, m_autosavePath); failed.hasErrors())
        m_wb.status.showMessage(tr("Autosave failed: %1").arg(QString::fromStdString(failed.formatAll())), 10000);
}

void PublishTools::removeOwnAutosave()
{
    m_autosaveTimer.stop();
    QFile::remove(m_autosavePath);
}

QStringList PublishTools::recoverableAutosaves() const
{
    return filesOfEndedSessions(autosaveDir(), "*.katlas", m_autosavePath);
}

Diagnostics PublishTools::recoverAutosave(const QString& file)
{
    const Result<Project> read = readProjectFile(file);
    if (!read) return read.diagnostics();
    const Project& autosaved = *read;
    QString original;
    if (autosaved.extra.contains("autosave") && autosaved.extra["autosave"].is_object()
        && autosaved.extra["autosave"].contains("project") && autosaved.extra["autosave"]["project"].is_string())
        original = QString::fromStdString(autosaved.extra["autosave"]["project"].get<std::string>());
    if (!original.isEmpty() && QFileInfo::exists(original)) {
        if (Diagnostics opened = openProject(original); opened.hasErrors()) return opened;
        // The project file has the layers as last saved; the autosave has them as they were
        // at the crash (shown, hidden, restyled, added): those are the unsaved work.
        Diagnostics diagnostics;
        QStringList problems;
        Project atCrash = autosaved;
        m_wb.model.change([&](MapDocument& doc) { applyProjectLayers(doc, atCrash, diagnostics, problems); });
        for (const QString& p : problems) m_wb.status.showMessage(p, 10000);
    } else {
        if (Diagnostics opened = openProject(file); opened.hasErrors()) return opened;
        m_path.clear();
        m_project.extra.erase("autosave");
    }
    // The recovered annotations are unsaved work: keep them modified, autosave them at once.
    m_model->reset(autosaved.annotations, true);
    updateTitle();
    writeAutosave();
    QFile::remove(file);
    QFile::remove(file + ".lock");
    return {};
}

void PublishTools::discardAutosave(const QString& file)
{
    // Kept aside (one generation), not deleted: discarding by mistake loses nothing yet.
    const QString aside = file + ".discarded";
    QFile::remove(aside);
    QFile::rename(file, aside);
    QFile::remove(file + ".lock");
}

void PublishTools::offerRecovery()
{
    const QStringList files = recoverableAutosaves();
    if (files.isEmpty() || m_recoveryBox) return;
    const QString file = files.last();  // the newest
    const Result<Project> read = readProjectFile(file);
    const int count = read ? static_cast<int>(read->annotations.size()) : 0;
    QString project = tr("an untitled map");
    if (read && read->extra.contains("autosave")) {
        const auto& info = read->extra["autosave"];
        if (info.is_object() && info.contains("project") && info["project"].is_string())
            project = QFileInfo(QString::fromStdString(info["project"].get<std::string>())).fileName();
    }
    m_recoveryBox = new QMessageBox(QMessageBox::Question, tr("Recover unsaved annotations?"),
                                    tr("Kachin Atlas did not close normally last time. Unsaved changes to %1 (layers and "
                                       "%n annotation(s)) were autosaved (%2). Recover them?",
                                       nullptr, count)
                                        .arg(project, QFileInfo(file).lastModified().toString("d MMM yyyy HH:mm")),
                                    QMessageBox::NoButton, &m_wb.frame);
    QPushButton* recover = m_recoveryBox->addButton(tr("Recover"), QMessageBox::AcceptRole);
    QPushButton* discard = m_recoveryBox->addButton(tr("Discard"), QMessageBox::DestructiveRole);
    m_recoveryBox->addButton(tr("Later"), QMessageBox::RejectRole);
    m_recoveryBox->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_recoveryBox, &QMessageBox::buttonClicked, this, [this, file, recover, discard](QAbstractButton* b) {
        if (b == recover) {
            if (const Diagnostics failed = recoverAutosave(file); failed.hasErrors())
                QMessageBox::warning(&m_wb.frame, tr("Cannot recover"),
                                     tr("%1\nThe autosave is kept in %2.")
                                         .arg(QString::fromStdString(failed.formatAll()), file));
            else
                m_wb.status.showMessage(tr("Recovered unsaved annotations; save the project to keep them."), 10000);
        } else if (b == discard) {
            discardAutosave(file);
        }
    });
    connect(m_recoveryBox, &QObject::destroyed, this, [this] { m_recoveryBox = nullptr; });
    // Not modal: nothing waits on it (and a test window never blocks on it).
    m_recoveryBox->setModal(false);
    m_recoveryBox->show();
}

void PublishTools::updateTitle()
{
    const QString name = m_path.isEmpty() ? (m_model->annotations().empty() ? QString() : tr("Untitled"))
                                          : QFileInfo(m_path).fileName();
    m_wb.frame.setWindowTitle(name.isEmpty() ? QString("Kachin Atlas[*]") : name + "[*] — Kachin Atlas");
    m_wb.frame.setWindowModified(m_model->isModified());
}

bool PublishTools::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == &m_wb.frame && event->type() == QEvent::Close && m_model->isModified()) {
        if (!confirmDiscard(tr("Quit"))) {
            event->ignore();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace atlas::app
