#include "atlas/gui/export_data_dialog.h"
#include "atlas/model/document_model.h"
#include "atlas/gui/window_menus.h"
#include <QMainWindow>

#include "atlas/civil_date.h"
#include "atlas/time/date.h"
#include "atlas/publishing/data_export_sources.h"
#include "atlas/gui/workbench.h"
#include "atlas/model/time_controller.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace atlas::app {
namespace {

QDate qdate(int32_t day)
{
    const CivilDate c = civilFromDays(day);
    return QDate(c.year, static_cast<int>(c.month), static_cast<int>(c.day));
}

int32_t dayOf(const QDate& d)
{
    return daysFromCivil(d.year(), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

QString cursorWindowText(const TimeCursor& cursor)
{
    if (std::holds_alternative<InstantWindow>(cursor.windowKind())) return QObject::tr("that day's events");
    if (const auto* d = std::get_if<DaysWindow>(&cursor.windowKind()))
        return QObject::tr("events of the %1 days up to it").arg(d->days);
    return QObject::tr("every event up to it");
}

}  // namespace

ExportDataDialog::ExportDataDialog(const MapDocument& doc, const TimeCursor& cursor, QWidget* parent)
    : QDialog(parent), m_doc(doc), m_cursor(cursor), m_sources(documentExportSources(doc, false))
{
    setWindowTitle(tr("Export Data"));
    auto* form = new QFormLayout;

    m_format = new QComboBox;
    m_format->addItem(tr("KML (Google Earth, with time spans)"), int(io::DataFormat::Kml));
    m_format->addItem(tr("KMZ (zipped KML)"), int(io::DataFormat::Kmz));
    m_format->addItem(tr("GeoPackage (QGIS, with layer styles)"), int(io::DataFormat::GeoPackage));
    m_format->addItem(tr("GeoJSON (one file per layer)"), int(io::DataFormat::GeoJson));
    m_format->addItem(tr("CSV (one file per layer)"), int(io::DataFormat::Csv));
    form->addRow(tr("Format"), m_format);

    auto* outputRow = new QHBoxLayout;
    m_output = new QLineEdit;
    auto* browseButton = new QPushButton(tr("Browse…"));
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(browseButton);
    form->addRow(tr("File"), outputRow);

    m_onDay = new QRadioButton(tr("As the map stands on %1 (%2)")
                                   .arg(QString::fromStdString(Date::ofDay(cursor.day()).label()), cursorWindowText(cursor)));
    m_overRange = new QRadioButton(tr("Everything over a range, each feature with its dates"));
    m_onDay->setChecked(true);
    auto* rangeRow = new QHBoxLayout;
    m_from = new QDateEdit(qdate(cursor.day()));
    m_to = new QDateEdit(qdate(cursor.day()));
    for (QDateEdit* e : {m_from, m_to}) {
        e->setDisplayFormat("yyyy-MM-dd");
        e->setCalendarPopup(true);
    }
    if (const auto range = doc.timeRange()) {
        m_from->setDate(qdate(range->first));
        m_to->setDate(qdate(range->second));
    }
    rangeRow->addWidget(m_from);
    rangeRow->addWidget(new QLabel(tr("to")));
    rangeRow->addWidget(m_to);
    auto* when = new QVBoxLayout;
    when->addWidget(m_onDay);
    when->addWidget(m_overRange);
    when->addLayout(rangeRow);
    form->addRow(tr("When"), when);

    m_layers = new QListWidget;
    for (std::size_t i = 0; i < m_sources.size(); ++i) {
        const io::ExportSource& s = m_sources[i];
        const QString title = s.style.title.empty() ? QString::fromStdString(s.name) : QString::fromStdString(s.style.title);
        auto* item = new QListWidgetItem(QString("%1 (%2)").arg(title, QString::fromStdString(s.name)), m_layers);
        item->setData(Qt::UserRole, QString::fromStdString(s.name));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        bool visible = true;
        for (const LayerEntry& e : doc.layers())
            if (e.layer == s.layer) visible = e.visible;
        item->setCheckState(visible ? Qt::Checked : Qt::Unchecked);
    }
    form->addRow(tr("Layers"), m_layers);

    m_csvGeometry = new QComboBox;
    m_csvGeometry->addItem(tr("lon/lat columns for points, WKT otherwise"), int(io::CsvGeometry::Auto));
    m_csvGeometry->addItem(tr("lon/lat columns"), int(io::CsvGeometry::LonLat));
    m_csvGeometry->addItem(tr("a WKT column"), int(io::CsvGeometry::Wkt));
    form->addRow(tr("CSV geometry"), m_csvGeometry);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    connect(browseButton, &QPushButton::clicked, this, &ExportDataDialog::browse);
    connect(m_format, qOverload<int>(&QComboBox::currentIndexChanged), this, &ExportDataDialog::formatChanged);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDataDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    const auto rangeEnabled = [this] {
        m_from->setEnabled(m_overRange->isChecked());
        m_to->setEnabled(m_overRange->isChecked());
    };
    connect(m_overRange, &QRadioButton::toggled, this, rangeEnabled);
    rangeEnabled();
    formatChanged();
}

void ExportDataDialog::setOutput(const QString& path) { m_output->setText(path); }

void ExportDataDialog::setFormat(io::DataFormat format)
{
    m_format->setCurrentIndex(m_format->findData(int(format)));
}

void ExportDataDialog::setRange(int32_t firstDay, int32_t lastDay)
{
    m_overRange->setChecked(true);
    m_from->setDate(qdate(firstDay));
    m_to->setDate(qdate(lastDay));
}

void ExportDataDialog::setLayerChecked(const QString& name, bool checked)
{
    for (int i = 0; i < m_layers->count(); ++i)
        if (m_layers->item(i)->data(Qt::UserRole).toString() == name)
            m_layers->item(i)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

void ExportDataDialog::formatChanged()
{
    const auto format = static_cast<io::DataFormat>(m_format->currentData().toInt());
    m_csvGeometry->setEnabled(format == io::DataFormat::Csv);
    // Keep the chosen name, with the format's extension.
    QString path = m_output->text();
    if (path.isEmpty()) path = QDir::home().filePath("kachin-atlas-data");
    const QFileInfo info(path);
    m_output->setText(info.dir().filePath(info.completeBaseName() + QString::fromLatin1(io::dataFormatExtension(format))));
}

void ExportDataDialog::browse()
{
    const auto format = static_cast<io::DataFormat>(m_format->currentData().toInt());
    const QString ext = QString::fromLatin1(io::dataFormatExtension(format));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Data"), m_output->text(),
                                                      tr("%1 files (*%2)").arg(m_format->currentText(), ext));
    if (!path.isEmpty()) m_output->setText(path.endsWith(ext, Qt::CaseInsensitive) ? path : path + ext);
}

io::DataExportRequest ExportDataDialog::request() const
{
    io::DataExportRequest r;
    for (int i = 0; i < m_layers->count(); ++i)
        if (m_layers->item(i)->checkState() == Qt::Checked) r.sources.push_back(m_sources[static_cast<std::size_t>(i)]);
    r.links = m_doc.links();
    r.format = static_cast<io::DataFormat>(m_format->currentData().toInt());
    r.path = m_output->text().toStdString();
    r.csvGeometry = static_cast<io::CsvGeometry>(m_csvGeometry->currentData().toInt());
    if (m_overRange->isChecked()) r.when = io::RangeExport{dayOf(m_from->date()), dayOf(m_to->date())};
    else r.when = io::DayExport{m_cursor};
    return r;
}

bool ExportDataDialog::exportNow()
{
    const io::DataExportRequest r = request();
    if (r.sources.empty()) {
        QMessageBox::warning(this, tr("Export Data"), tr("Choose at least one layer."));
        return false;
    }
    Diagnostics diagnostics;
    m_result = io::exportData(r, diagnostics);
    if (!m_result.ok) {
        QMessageBox::warning(this, tr("Export Data"),
                             tr("Nothing was written.\n\n%1").arg(QString::fromStdString(diagnostics.formatAll())));
        return false;
    }
    QStringList files;
    for (const std::string& f : m_result.files) files << QString::fromStdString(f);
    QString text = tr("Wrote %1\n%2").arg(files.join("\n"), QString::fromStdString(exportedLayersSummary(m_result)));
    // The imported trade series goes beside the data, as `export-data` writes it.
    if (!m_doc.trade().empty()) {
        const SeriesTableExport table = exportSeriesTable(*m_doc.trade().series, r, diagnostics);
        if (table.ok)
            text += tr("\n\nTrade series: %1 (%2 months of %3 tracks, %4 gaps)")
                        .arg(QString::fromStdString(table.path))
                        .arg(table.stats.months)
                        .arg(table.stats.tracks)
                        .arg(table.stats.gaps);
    }
    if (!diagnostics.empty()) text += "\n\n" + QString::fromStdString(diagnostics.formatAll());
    QMessageBox::information(this, tr("Export Data"), text);
    return true;
}

void ExportDataDialog::accept()
{
    if (exportNow()) QDialog::accept();
}

void installExportDataAction(const Workbench& wb)
{
    auto* action = new QAction(QObject::tr("Export &Data…"), &wb.frame);
    action->setStatusTip(QObject::tr("The layers as they stand on the clock's day, or over a range: GeoPackage, GeoJSON, CSV, KML/KMZ"));
    wb.menus.addFileAction(action, WindowMenus::FileGroup::Export);
    QObject::connect(action, &QAction::triggered, &wb.frame, [wb] {
        ExportDataDialog dialog(wb.model.document(), wb.clock.cursor(), &wb.frame);
        dialog.exec();
    });
}

}  // namespace atlas::app
