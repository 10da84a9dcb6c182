#include "atlas/gui/export_web_dialog.h"

#include "atlas/gui/background_task.h"

#include "atlas/gui/map_canvas.h"
#include "atlas/gui/window_menus.h"
#include "atlas/model/document_model.h"
#include "atlas/model/time_controller.h"

#include <QAction>
#include <QCheckBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QUrl>

namespace atlas::app {

ExportWebDialog::ExportWebDialog(const Workbench& wb, QWidget* parent) : QDialog(parent), m_wb(wb)
{
    setWindowTitle(tr("Export Web Map"));
    auto* form = new QFormLayout(this);
    auto* row = new QHBoxLayout;
    m_output = new QLineEdit(QDir::home().filePath("kachin-atlas-web"), this);
    auto* browseButton = new QPushButton(tr("Browse…"), this);
    row->addWidget(m_output);
    row->addWidget(browseButton);
    form->addRow(tr("Folder:"), row);
    m_title = new QLineEdit(this);
    m_title->setPlaceholderText(tr("Kachin Atlas"));
    m_subtitle = new QLineEdit(this);
    form->addRow(tr("Title:"), m_title);
    form->addRow(tr("Subtitle:"), m_subtitle);
    auto* note = new QLabel(tr("A folder with index.html that opens from disk or any web server, without asking any "
                               "other host: the map as on screen, with a timeline slider, popups, legend and "
                               "credits. It opens on this view and day."),
                            this);
    note->setWordWrap(true);
    form->addRow(note);
    m_open = new QCheckBox(tr("Open it in the browser when done"), this);
    m_open->setChecked(true);
    form->addRow(m_open);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    form->addRow(buttons);
    connect(browseButton, &QPushButton::clicked, this, &ExportWebDialog::browse);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportWebDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ExportWebDialog::setOutput(const QString& dir)
{
    m_output->setText(dir);
}

void ExportWebDialog::setOpenWhenDone(bool open)
{
    m_open->setChecked(open);
}

WebExportJob ExportWebDialog::job() const
{
    WebExportJob job;
    job.document = &m_wb.model.document();
    job.extent = m_wb.canvas.viewport().extent();
    job.cursor = m_wb.clock.cursor();
    job.title = m_title->text().trimmed();
    job.subtitle = m_subtitle->text().trimmed();
    return job;
}

void ExportWebDialog::browse()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for the web map"), m_output->text());
    if (!dir.isEmpty()) m_output->setText(dir);
}

void ExportWebDialog::accept()
{
    const QString dir = m_output->text().trimmed();
    if (dir.isEmpty() || m_task.isRunning()) return;
    WebExportJob j = job();
    // The worker reads a copy: layers are shared immutable data, so copying is cheap, and the
    // window may go on changing its own document meanwhile.
    m_copy = std::make_shared<MapDocument>(m_wb.model.document());
    j.document = m_copy.get();
    setEnabled(false);
    setCursor(Qt::BusyCursor);
    m_task.start([j, dir, copy = m_copy](const TaskControl&) { return exportWebMap(j, dir); });
}

void ExportWebDialog::finished(const WebExportResult& r)
{
    setEnabled(true);
    unsetCursor();
    if (!r.ok) {
        QMessageBox::warning(this, tr("Export Web Map"), QString::fromStdString(r.diagnostics.formatAll()));
        return;
    }
    const QString index = QDir(m_output->text().trimmed()).filePath("index.html");
    m_wb.status.showMessage(tr("Wrote the web map: %1 (%2 MB); embed the folder's index.html with an <iframe>")
                                .arg(index)
                                .arg(static_cast<double>(r.bytes) / 1e6, 0, 'f', 1),
                            10000);
    m_lastResult = r;
    if (m_open->isChecked()) QDesktopServices::openUrl(QUrl::fromLocalFile(index));
    QDialog::accept();
}

void installExportWebAction(const Workbench& wb)
{
    auto* action = new QAction(QObject::tr("Export &Web Map…"), &wb.frame);
    action->setStatusTip(QObject::tr("The map as an interactive web page with a timeline slider, for a story page"));
    wb.menus.addFileAction(action, WindowMenus::FileGroup::Export);
    QObject::connect(action, &QAction::triggered, &wb.frame, [wb] {
        ExportWebDialog dialog(wb, &wb.frame);
        dialog.exec();
    });
}

}  // namespace atlas::app
