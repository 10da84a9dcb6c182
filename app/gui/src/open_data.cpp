#include "atlas/gui/open_data.h"
#include "atlas/model/document_model.h"
#include <QMainWindow>

#include "atlas/render/default_styles.h"
#include "atlas/geometry_check.h"
#include "atlas/model/load_policy.h"
#include "atlas/gui/browse_tools_names.h"
#include "atlas/model/layer_commands.h"
#include "atlas/gui/workbench.h"
#include "atlas/gui/map_canvas.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QMimeData>
#include <QProgressDialog>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>
#include <QVBoxLayout>

#include <set>

namespace atlas::app {
namespace {

// Which layers of a multi-layer source to open; empty when the user cancelled.
std::vector<std::string> chooseLayers(QWidget* parent, const QString& path, const std::vector<std::string>& names)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(QObject::tr("Layers in %1").arg(QFileInfo(path).fileName()));
    auto* v = new QVBoxLayout(&dialog);
    v->addWidget(new QLabel(QObject::tr("%1 holds %2 layers. Open:").arg(QFileInfo(path).fileName()).arg(names.size()), &dialog));
    auto* list = new QListWidget(&dialog);
    for (const std::string& n : names) {
        auto* item = new QListWidgetItem(QString::fromStdString(n), list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    v->addWidget(list);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    v->addWidget(buttons);
    std::vector<std::string> chosen;
    if (dialog.exec() != QDialog::Accepted) return chosen;
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->checkState() == Qt::Checked) chosen.push_back(list->item(i)->text().toStdString());
    return chosen;
}

// "cannot open: …" with the location when there is one ("feature 3: id: …").
QString reasonOf(const Diagnostic& d)
{
    QString reason;
    if (!d.location.empty()) reason += QString::fromStdString(d.location) + ": ";
    if (!d.field.empty()) reason += QString::fromStdString(d.field) + ": ";
    return reason + QString::fromStdString(d.message);
}

// Where a re-import goes: the document index of the layer it replaces, or the entry of this
// same opening it replaces (null when neither holds it any more: it is added).
std::pair<std::optional<std::size_t>, LayerEntry*> replacementIndex(const MapDocument& doc, const LayerPtr& replaced,
                                                                    std::vector<LayerEntry>& added,
                                                                    std::vector<std::pair<std::size_t, LayerEntry>>& replacing)
{
    for (LayerEntry& e : added)
        if (e.layer == replaced) return {std::nullopt, &e};
    for (auto& [at, e] : replacing)
        if (e.layer == replaced) return {std::nullopt, &e};
    for (std::size_t i = 0; i < doc.layers().size(); ++i)
        if (doc.layers()[i].layer == replaced) return {i, nullptr};
    return {std::nullopt, nullptr};
}

// The user's choices for the layer a newer export replaces stay: visibility, opacity, halo.
void keepLookOf(const LayerEntry& old, LayerEntry& newer)
{
    newer.visible = old.visible;
    newer.style.opacity = old.style.opacity;
    newer.style.uncertainty = old.style.uncertainty;
    newer.style.label = old.style.label;
}

}  // namespace

OpenDataController::OpenDataController(const Workbench& wb)
    : QObject(&wb.frame), m_wb(wb), m_task(this, [this](std::vector<JobResult> results) { onFinished(std::move(results)); })
{
    askRepair = [this](const QString& path, std::size_t invalid) {
        QMessageBox box(QMessageBox::Question, tr("Invalid polygons"),
                        tr("%n polygon(s) in %1 are invalid (a ring that does not close, or one that crosses "
                           "itself): they fill wrongly and their areas are wrong.",
                           nullptr, static_cast<int>(invalid))
                            .arg(QFileInfo(path).fileName()),
                        QMessageBox::NoButton, &m_wb.frame);
        box.setInformativeText(tr("Repair them with GEOS MakeValid? The file itself is not changed; each repair "
                                  "is listed in the report."));
        QPushButton* repair = box.addButton(tr("&Repair"), QMessageBox::AcceptRole);
        box.addButton(tr("&Keep as Read"), QMessageBox::RejectRole);
        box.setDefaultButton(repair);
        box.exec();
        return box.clickedButton() == static_cast<QAbstractButton*>(repair);
    };
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        if (!m_progress) return;
        const int permille = m_task.permille();
        // A shown modal progress dialog processes events in setValue(): the read can finish in
        // there, and onFinished() closes the dialog. Setting the label afterwards through the
        // stale pointer crashed the soak (SIGSEGV in setLabelText, step 283 of a medium run).
        m_progress->setValue(permille);
        if (!m_progress) return;
        // The file being read: progress is shared out evenly between the files.
        const int n = static_cast<int>(m_jobs.size());
        const int i = std::clamp(permille * n / 1000, 0, std::max(n - 1, 0));
        if (!m_jobs.empty())
            m_progress->setLabelText(tr("Reading %1 (%2 of %3)…")
                                         .arg(QFileInfo(m_jobs[static_cast<std::size_t>(i)].path).fileName())
                                         .arg(i + 1)
                                         .arg(m_jobs.size()));
    });
    wb.frame.setAcceptDrops(true);
    wb.frame.installEventFilter(this);
}

OpenDataController::~OpenDataController() = default;

QString OpenDataController::fileDialogFilter()
{
    return tr("All supported data (*.geojson *.json *.gpkg *.shp *.kml *.kmz *.csv *.tsv *.fgb *.gml *.gpx *.tab "
              "*.sqlite *.osm *.pbf *.tif *.tiff *.mbtiles *.jp2 *.vrt *.img *.png *.jpg *.jpeg);;"
              "Vector data (*.geojson *.json *.gpkg *.shp *.kml *.kmz *.csv *.tsv *.fgb *.gml *.gpx *.tab *.sqlite);;"
              "OpenStreetMap extracts (*.osm *.pbf);;"
              "Imagery and rasters (*.tif *.tiff *.mbtiles *.jp2 *.vrt *.img *.png *.jpg *.jpeg);;"
              "All files (*)");
}

void OpenDataController::openDialog()
{
    QSettings settings;
    const QStringList files = QFileDialog::getOpenFileNames(&m_wb.frame, tr("Open Data"),
                                                            settings.value("paths/lastOpenDir").toString(), fileDialogFilter());
    if (files.isEmpty()) return;
    settings.setValue("paths/lastOpenDir", QFileInfo(files.first()).absolutePath());
    openPaths(files);
}

void OpenDataController::openFolderDialog()
{
    QSettings settings;
    const QString dir = QFileDialog::getExistingDirectory(&m_wb.frame, tr("Open Folder of Data"),
                                                          settings.value("paths/lastOpenDir").toString());
    if (dir.isEmpty()) return;
    settings.setValue("paths/lastOpenDir", dir);
    openPaths({dir});
}

QStringList OpenDataController::expandFolder(const QString& folder)
{
    QStringList out;
    QDirIterator it(folder, QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo fi(it.next());
        if (fi.fileName().startsWith('.')) continue;
        const QString suffix = fi.suffix().toLower();
        if (vectorSuffixes().count(suffix) || rasterSuffixes().count(suffix)) out << fi.absoluteFilePath();
    }
    out.sort();
    return out;
}

void OpenDataController::openPaths(const QStringList& paths, bool askLayers)
{
    if (isBusy()) return;
    m_report = {};
    m_preDiagnostics = {};
    m_jobs.clear();
    for (const QString& p : paths) {
        const QFileInfo fi(p);
        if (fi.isDir()) {
            const QStringList files = expandFolder(p);
            if (files.isEmpty()) m_preDiagnostics.error(p.toStdString(), "", "", "no vector or raster data files in this folder");
            for (const QString& f : files) m_jobs.push_back({f, {}});
            continue;
        }
        const QString suffix = fi.suffix().toLower();
        if (askLayers && (suffix == "gpkg" || suffix == "sqlite") && fi.exists()) {
            Diagnostics d;
            const std::vector<std::string> names = listVectorLayers(p.toStdString(), d);
            if (names.size() > 1) {
                const std::vector<std::string> chosen = chooseLayers(&m_wb.frame, p, names);
                if (chosen.size() < names.size())
                    for (const std::string& n : chosen) m_jobs.push_back({p, n});
                else
                    m_jobs.push_back({p, {}});
                continue;
            }
        }
        m_jobs.push_back({p, {}});
    }
    startJobs();
}

void OpenDataController::openLayers(const QString& path, const std::vector<std::string>& layerNames)
{
    if (isBusy()) return;
    m_report = {};
    m_preDiagnostics = {};
    m_jobs.clear();
    for (const std::string& name : layerNames) m_jobs.push_back({path, name});
    startJobs();
}

void OpenDataController::startJobs()
{
    if (m_jobs.empty()) {
        m_report.diagnostics = m_preDiagnostics;
        for (const Diagnostic& d : m_preDiagnostics.items())
            m_report.failures << QFileInfo(QString::fromStdString(d.file)).fileName() + ": " + reasonOf(d);
        showReport();
        emit finished(m_report);
        return;
    }

    m_busy = true;
    const std::string crs = m_wb.model.document().displayCrs();
    const std::vector<Job> jobs = m_jobs;
    m_progress = new QProgressDialog(tr("Reading…"), tr("Cancel"), 0, 1000, &m_wb.frame);
    m_progress->setWindowTitle(tr("Open Data"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(400);  // small files never flash a dialog
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->setValue(0);
    connect(m_progress, &QProgressDialog::canceled, this, &OpenDataController::cancel);
    m_poll.start();
    m_wb.status.showMessage(tr("Reading %n file(s)…", nullptr, static_cast<int>(jobs.size())));

    // The layers open now: a newer export of one of them replaces it (read-only in the worker).
    std::vector<LayerPtr> open;
    for (const LayerEntry& e : m_wb.model.document().layers()) open.push_back(e.layer);
    const LoadPolicy policy = m_wb.model.document().loadPolicy();  // a copy: the worker never reads the GUI's

    m_task.start([jobs, crs, open, policy](const TaskControl& control) mutable {
        std::vector<JobResult> results;
        const double n = static_cast<double>(jobs.size());
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            if (control.cancelled()) break;
            control.setProgress(static_cast<double>(i) / n);
            results.push_back(readJob(jobs[i], crs, open, policy, [&, i](double f) {
                control.setProgress((static_cast<double>(i) + f) / n);
                return !control.cancelled();
            }));
            if (results.back().file.cancelled()) break;
            // Two exports of the same data opened together: the later replaces the earlier.
            if (const auto& ev = results.back().file.events; ev && ev->ok()) open.push_back(ev->layer.layer);
        }
        return results;
    });
}

OpenDataController::JobResult OpenDataController::readJob(const Job& job, const std::string& crs,
                                                          const std::vector<LayerPtr>& open, const LoadPolicy& policy,
                                                          const std::function<bool(double)>& progress)
{
    JobResult r;
    OpenRequest request;
    request.path = job.path;
    request.layerName = job.layerName;
    request.displayCrs = crs;
    request.policy = policy;
    request.progress = progress;
    r.file = openDataFile(request);
    if (r.file.events && r.file.events->ok())
        if (const LayerPtr old = replacedBy(open, *r.file.events))
            r.reimport = compareWithOpen(old, *r.file.events, r.file.vector.diagnostics);
    return r;
}

void OpenDataController::cancel()
{
    m_task.cancel();
}

void OpenDataController::onFinished(std::vector<JobResult> results)
{
    m_poll.stop();
    if (m_progress) {
        m_progress->hide();
        m_progress->deleteLater();
        m_progress = nullptr;
    }
    m_report.diagnostics = m_preDiagnostics;
    m_report.cancelled = m_task.wasCancelled();
    std::vector<LayerEntry> entries;
    std::vector<std::pair<std::size_t, LayerEntry>> replacements;  // document index, new entry
    QStringList largeRasters;  // opened without overviews: worth building them
    int ordinal = static_cast<int>(m_wb.model.document().layers().size());
    std::set<std::string> readable;  // files that gave layers: their errors are about rows, not the file
    const std::string crs = m_wb.model.document().displayCrs();
    for (JobResult& r : results) {
        OpenedFile& file = r.file;
        m_report.diagnostics.append(file.diagnostics());
        if (file.gaveLayers()) readable.insert(file.path.toStdString());
        if (file.cancelled()) continue;
        if (file.raster && file.raster->wantsOverviews()) largeRasters << QFileInfo(file.path).fileName();
        if (file.events && file.events->ok() && r.reimport) {
            LayerEntry e = std::move(layerEntriesOf(file, crs, ordinal).front());
            const auto at = replacementIndex(m_wb.model.document(), r.reimport->replaced, entries, replacements);
            if (at.second) {  // opened in this same batch: the newer one is added instead
                *at.second = std::move(e);
                m_report.reimports.push_back(std::move(*r.reimport));
                continue;
            }
            if (at.first) {
                keepLookOf(m_wb.model.document().layers()[*at.first], e);
                replacements.emplace_back(*at.first, std::move(e));
                m_report.reimports.push_back(std::move(*r.reimport));
                continue;
            }
        }
        const std::size_t unrepaired = file.vector.invalidPolygons - file.vector.repairedPolygons;
        if (unrepaired > 0 && !m_report.cancelled && askRepair && askRepair(file.path, unrepaired)) {
            for (auto& layer : file.vector.layers) {
                PolygonCheck repaired;
                layer = checkPolygons(layer, file.path.toStdString(), true, m_report.diagnostics, &repaired);
                m_report.repairedPolygons += static_cast<int>(repaired.repaired);
            }
        }
        for (LayerEntry& e : layerEntriesOf(file, crs, ordinal)) {
            m_report.addedLayers << e.style.title;
            entries.push_back(std::move(e));
        }
    }
    if (m_report.cancelled) {
        entries.clear();
        replacements.clear();
        m_report.addedLayers.clear();
        m_report.reimports.clear();
    }
    for (const Diagnostic& d : m_report.diagnostics.items()) {
        if (d.severity != Severity::Error || readable.count(d.file)) continue;
        const QString line = QFileInfo(QString::fromStdString(d.file)).fileName() + ": " + reasonOf(d);
        if (!m_report.failures.contains(line)) m_report.failures << line;
    }
    // Replacements and additions of one opening are one undo step.
    const bool macro = replacements.size() + (entries.empty() ? 0 : 1) > 1;
    if (macro) m_wb.undo.beginMacro(tr("Open Data"));
    for (auto& [at, e] : replacements) m_wb.undo.push(new ReplaceLayerCommand(m_wb.model, at, std::move(e)));
    if (!entries.empty()) {
        Box added;
        for (const LayerEntry& e : entries) added.expand(m_wb.model.document().extentOf(e));
        m_wb.undo.push(new AddLayersCommand(m_wb.model, std::move(entries)));
        // Bring new data into view when none of it is visible.
        if (!added.isEmpty() && !added.intersects(m_wb.canvas.viewport().extent()))
            m_wb.canvas.zoomToExtent(added);
    }
    if (macro) m_wb.undo.endMacro();
    m_busy = false;
    showReport();
    if (!largeRasters.isEmpty() && m_report.failures.isEmpty())
        m_wb.status.showMessage(
            tr("%1 has no overviews, so zoomed-out views read every pixel: Layer → Build Overviews… makes it fast.")
                .arg(largeRasters.join(", ")),
            20000);
    emit finished(m_report);
}

void OpenDataController::showReport()
{
    QString summary;
    if (m_report.cancelled) summary = tr("Opening cancelled; nothing was added.");
    else summary = tr("Added %n layer(s).", nullptr, static_cast<int>(m_report.addedLayers.size()));
    for (const EventReimport& r : m_report.reimports) summary += " " + reimportSummary(r) + ".";
    if (!m_report.failures.isEmpty()) summary += tr(" %n file(s) could not be read.", nullptr, static_cast<int>(m_report.failures.size()));
    // Everything but the files refused whole: bad rows skipped, warnings.
    const std::size_t warnings = m_report.diagnostics.size() - static_cast<std::size_t>(m_report.failures.size());
    if (warnings > 0) summary += tr(" %n problem(s) in the files read (see details).", nullptr, static_cast<int>(warnings));
    m_wb.status.showMessage(summary, 15000);
    if (m_report.failures.isEmpty() && warnings == 0 && m_report.reimports.empty()) return;
    auto* box = new QMessageBox(m_report.failures.isEmpty() ? QMessageBox::Information : QMessageBox::Warning,
                                tr("Open Data"), summary, QMessageBox::Ok, &m_wb.frame);
    if (!m_report.failures.isEmpty())
        box->setInformativeText(tr("The layers already open are unchanged.\n\n") + m_report.failures.mid(0, 8).join("\n")
                                + (m_report.failures.size() > 8 ? tr("\n…") : QString()));
    // What each re-import changed, event by event (as `kachin-atlas import-report` prints it),
    // then every diagnostic.
    std::string details;
    for (const EventReimport& r : m_report.reimports)
        if (r.itemised) details += io::formatReimportReport(r.report) + "\n";
    box->setDetailedText(QString::fromStdString(details + m_report.diagnostics.formatAll()));
    box->setObjectName("OpenDataReport");
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

bool OpenDataController::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == &m_wb.frame && (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove)) {
        auto* e = static_cast<QDropEvent*>(event);
        const QMimeData* mime = e->mimeData();
        if (mime && mime->hasUrls()) {
            for (const QUrl& url : mime->urls())
                if (url.isLocalFile()) {
                    e->acceptProposedAction();
                    return true;
                }
        }
    } else if (watched == &m_wb.frame && event->type() == QEvent::Drop) {
        auto* e = static_cast<QDropEvent*>(event);
        QStringList paths;
        if (e->mimeData())
            for (const QUrl& url : e->mimeData()->urls())
                if (url.isLocalFile()) paths << url.toLocalFile();
        if (!paths.isEmpty()) {
            e->acceptProposedAction();
            // After the drop returns: the layer chooser of a GeoPackage is a modal dialog.
            QTimer::singleShot(0, this, [this, paths] { openPaths(paths); });
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace atlas::app
