#pragma once
// Opening the user's own data beside the bundled layers: File → Open (files or a folder) and
// drag-and-drop onto the window. Anything GDAL/OGR reads — GeoJSON, GeoPackage (choose among
// its layers), Shapefile, KML/KMZ, CSV with lon/lat columns, FlatGeobuf… — and rasters
// (GeoTIFF/COG, MBTiles, JPEG 2000, VRT…), which go under the data layers. Files are read off
// the GUI thread with a progress dialog that can cancel; layers are added only when reading
// is done, in one undoable step. ACLED and UCDP GED CSVs become event layers (event_layers.h);
// a newer export of events already open replaces that layer and says what changed. A file
// that cannot be read is reported by name with the reason, and nothing already open is touched.
#include "atlas/gui/workbench.h"
#include "atlas/diagnostics.h"
#include "atlas/raster_source.h"
#include "atlas/vector_source.h"
#include "atlas/model/data_opener.h"
#include "atlas/model/event_layers.h"

#include "atlas/gui/background_task.h"
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

class QProgressDialog;

namespace atlas::app {


struct OpenReport {
    QStringList addedLayers;  // titles of the layers added
    QStringList failures;     // "broken.geojson: cannot open: …" — file name, then the reason
    Diagnostics diagnostics;  // everything, in full (paths, feature numbers)
    // Newer exports of event data already open, which replaced the open layer (event_layers.h).
    std::vector<EventReimport> reimports;
    bool cancelled = false;
    int repairedPolygons = 0;  // invalid polygons repaired because the person agreed
};

class OpenDataController : public QObject {
    Q_OBJECT
public:
    explicit OpenDataController(const Workbench& wb);
    ~OpenDataController() override;

    // Reads `paths` (files or folders) in the background. With askLayers, a GeoPackage with
    // several layers asks which to open; otherwise all are opened. Ignored while busy.
    void openPaths(const QStringList& paths, bool askLayers = true);
    // Reads the named layers of one multi-layer source, as openPaths() does once the person has
    // chosen them in the layer chooser (the soak opens one layer of a large file this way).
    void openLayers(const QString& path, const std::vector<std::string>& layerNames);
    bool isBusy() const { return m_task.isRunning() || m_busy; }
    void cancel();
    const OpenReport& lastReport() const { return m_report; }

    // The files a folder holds that look like vector or raster data (recursive; one entry per
    // Shapefile, no sidecar files), sorted.
    static QStringList expandFolder(const QString& folder);
    static QString fileDialogFilter();

    // Asked when a file has invalid polygons: repair them (GEOS MakeValid) or keep them as read.
    // A question box by default; tests answer it themselves.
    std::function<bool(const QString& path, std::size_t invalid)> askRepair;

public slots:
    void openDialog();
    void openFolderDialog();

signals:
    // After every openPaths(): what was added and what failed.
    void finished(const atlas::app::OpenReport& report);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Job {
        QString path;
        std::string layerName;  // empty: every layer
    };
    struct JobResult {
        OpenedFile file;
        std::optional<EventReimport> reimport;  // an ACLED / UCDP file that is a newer export of an open layer
    };
    static JobResult readJob(const Job& job, const std::string& crs, const std::vector<LayerPtr>& open,
                             const LoadPolicy& policy, const std::function<bool(double)>& progress);
    // Reads m_jobs in the background (reports at once when there are none).
    void startJobs();
    void onFinished(std::vector<JobResult> results);
    void showReport();

    Workbench m_wb;
    std::vector<Job> m_jobs;
    QPointer<QProgressDialog> m_progress;  // cleared by onFinished(), even from inside setValue()
    QTimer m_poll;
    OpenReport m_report;
    Diagnostics m_preDiagnostics;  // problems found before reading (empty folders)
    bool m_busy = false;
    BackgroundTask<std::vector<JobResult>> m_task;  // last: destroyed (and waited for) first
};

}  // namespace atlas::app
