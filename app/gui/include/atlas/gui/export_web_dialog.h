#pragma once
// File → Export Web Map…: the map as an interactive web page — the folder `kachin-atlas
// export-web` writes (atlas/publishing/web_export.h), opening on the window's view and
// clock day. The export runs on a worker thread over a copy of the document.
#include "atlas/gui/workbench.h"
#include "atlas/publishing/web_export.h"

#include "atlas/gui/background_task.h"

#include <QDialog>

class QCheckBox;
class QLineEdit;

namespace atlas::app {

class ExportWebDialog : public QDialog {
    Q_OBJECT
public:
    ExportWebDialog(const Workbench& wb, QWidget* parent = nullptr);

    void setOutput(const QString& dir);
    void setOpenWhenDone(bool open);
    // The last export's result (ok is false until one finished).
    const WebExportResult& lastResult() const { return m_lastResult; }
    bool isExporting() const { return m_task.isRunning(); }
    // The job for the current choices (the window's view, day and window of days).
    WebExportJob job() const;

private:
    void browse();
    void accept() override;
    void finished(const WebExportResult& r);

    const Workbench& m_wb;
    QLineEdit* m_output = nullptr;
    QLineEdit* m_title = nullptr;
    QLineEdit* m_subtitle = nullptr;
    QCheckBox* m_open = nullptr;
    WebExportResult m_lastResult;
    std::shared_ptr<MapDocument> m_copy;  // what the worker reads
    BackgroundTask<WebExportResult> m_task{this, [this](WebExportResult r) { finished(r); }};
};

// Adds File → "Export Web Map…".
void installExportWebAction(const Workbench& wb);

}  // namespace atlas::app
