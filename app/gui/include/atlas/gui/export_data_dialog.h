#pragma once
// File → Export Data…: the map's layers written as data (GeoPackage with QGIS styles, GeoJSON,
// CSV, KML/KMZ for Google Earth's time slider) as they stand on the clock's day or over a range
// of days — the same export as `kachin-atlas export-data`, through atlas/io/data_export.h.
//
// To connect it (the window's owner, once, after the menus are built):
//     installExportDataAction(workbench);   // by the window, once its menus are built
// which adds "Export Data…" to the File menu. Or open it directly:
//     ExportDataDialog dialog(model.document(), clock.cursor(), parent);
//     dialog.exec();
#include "atlas/io/data_export.h"
#include "atlas/time/time_cursor.h"
#include "atlas/gui/workbench.h"
#include "atlas/model/map_document.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLineEdit;
class QListWidget;
class QRadioButton;

namespace atlas::app {


class ExportDataDialog : public QDialog {
    Q_OBJECT
public:
    // `doc` must outlive the dialog; the export runs on accept (exportNow()).
    ExportDataDialog(const MapDocument& doc, const TimeCursor& cursor, QWidget* parent = nullptr);

    // The request the current choices make (sources in the document's order).
    io::DataExportRequest request() const;
    // Writes the files; returns false (after showing why) when nothing could be written.
    bool exportNow();
    const io::DataExportResult& lastResult() const { return m_result; }

    // For tests and scripting: choose without clicking.
    void setOutput(const QString& path);
    void setFormat(io::DataFormat format);
    void setRange(int32_t firstDay, int32_t lastDay);  // switches to a range export
    void setLayerChecked(const QString& name, bool checked);

private:
    void browse();
    void formatChanged();
    void accept() override;

    const MapDocument& m_doc;
    TimeCursor m_cursor;
    std::vector<io::ExportSource> m_sources;
    QLineEdit* m_output = nullptr;
    QComboBox* m_format = nullptr;
    QRadioButton* m_onDay = nullptr;
    QRadioButton* m_overRange = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QListWidget* m_layers = nullptr;
    QComboBox* m_csvGeometry = nullptr;
    io::DataExportResult m_result;
};

// Adds File → "Export Data…" to the window, opening the dialog on its document and clock.
void installExportDataAction(const Workbench& wb);

}  // namespace atlas::app
