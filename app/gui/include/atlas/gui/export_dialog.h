#pragma once
// File → Export Map…: format (PNG, SVG, PDF), page (pixels or paper, orientation, dpi), the
// layout (title, subtitle, legend, scale bar, north arrow, inset, credits, date stamp,
// annotations) or the map only, with a live preview drawn by the exporter itself.
#include "atlas/publishing/project_export.h"

#include <QDialog>
#include "atlas/gui/background_task.h"
#include <QTimer>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;
class QStackedWidget;

namespace atlas::app {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    // `job` holds a copy of the document (kept alive by the dialog for the preview worker).
    ExportDialog(std::shared_ptr<const MapDocument> document, ExportJob job, QWidget* parent = nullptr);
    ~ExportDialog() override;

    ExportSettings settings() const;
    void setSettings(const ExportSettings& s);
    // The job as set up in the dialog.
    ExportJob job() const;
    // Writes the export (no file dialog); errors when nothing was written.
    Diagnostics exportTo(const QString& path);
    // The path last exported to (empty until then).
    QString exportedPath() const { return m_exported; }

private:
    void chooseFileAndExport();
    void schedulePreview();
    void startPreview();
    void updateEnabled();

    std::shared_ptr<const MapDocument> m_document;
    ExportJob m_job;
    QString m_exported;
    QComboBox* m_format = nullptr;
    QStackedWidget* m_pageStack = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
    QComboBox* m_paper = nullptr;
    QComboBox* m_orientation = nullptr;
    QSpinBox* m_dpi = nullptr;
    QRadioButton* m_full = nullptr;
    QRadioButton* m_mapOnly = nullptr;
    QLineEdit* m_title = nullptr;
    QLineEdit* m_subtitle = nullptr;
    QCheckBox* m_legend = nullptr;
    QCheckBox* m_scaleBar = nullptr;
    QCheckBox* m_northArrow = nullptr;
    QCheckBox* m_inset = nullptr;
    QCheckBox* m_credits = nullptr;
    QCheckBox* m_dateStamp = nullptr;
    QCheckBox* m_annotations = nullptr;
    QLabel* m_preview = nullptr;
    QLabel* m_info = nullptr;
    QTimer m_previewTimer;
    BackgroundTask<QImage> m_previewTask;  // last: destroyed (and waited for) first
};

}  // namespace atlas::app
