#include "atlas/gui/raster_overviews.h"
#include "atlas/model/document_model.h"
#include <QMainWindow>

#include "atlas/gui/workbench.h"
#include "atlas/gui/map_canvas.h"

#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QStatusBar>

namespace atlas::app {

OverviewBuilder::OverviewBuilder(const Workbench& wb)
    : QObject(&wb.frame), m_wb(wb), m_task(this, [this](Built built) { onFinished(std::move(built)); })
{
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        if (m_progress) m_progress->setValue(m_task.permille());
    });
}

OverviewBuilder::~OverviewBuilder() = default;

void OverviewBuilder::cancel()
{
    m_task.cancel();
}

void OverviewBuilder::build(std::size_t at)
{
    const auto& layers = m_wb.model.document().layers();
    if (isBusy() || at >= layers.size() || !layers[at].raster) return;
    m_raster = layers[at].raster;
    const QString name = QFileInfo(QString::fromStdString(m_raster->info().path)).fileName();
    m_progress = new QProgressDialog(tr("Building overviews of %1…").arg(name), tr("Cancel"), 0, 1000, &m_wb.frame);
    m_progress->setObjectName("OverviewProgress");
    m_progress->setWindowTitle(tr("Build Overviews"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(300);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->setValue(0);
    connect(m_progress, &QProgressDialog::canceled, this, &OverviewBuilder::cancel);
    m_poll.start();
    m_task.start([raster = m_raster](const TaskControl& control) {
        Built built;
        built.ok = raster->buildOverviews(
            [&](double f) {
                control.setProgress(f);
                return !control.cancelled();
            },
            built.diagnostics);
        return built;
    });
}

void OverviewBuilder::onFinished(Built built)
{
    m_poll.stop();
    if (m_progress) {
        m_progress->hide();
        m_progress->deleteLater();
        m_progress = nullptr;
    }
    const bool ok = built.ok;
    const QString name = QFileInfo(QString::fromStdString(m_raster->info().path)).fileName();
    QString message;
    if (ok) {
        message = tr("Built %n overview level(s) of %1.", nullptr, m_raster->overviewCount()).arg(name);
        m_wb.status.showMessage(message, 10000);
        // Same layers, faster pixels: the static image must be drawn again.
        m_wb.canvas.refresh();
    } else if (m_task.wasCancelled()) {
        message = tr("Building overviews of %1 cancelled.").arg(name);
        m_wb.status.showMessage(message, 10000);
    } else {
        message = QString::fromStdString(built.diagnostics.formatAll());
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Build Overviews"),
                                    tr("Overviews of %1 could not be built.").arg(name), QMessageBox::Ok, &m_wb.frame);
        box->setInformativeText(message);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setModal(false);
        box->show();
    }
    m_raster.reset();
    emit finished(ok, message);
}

}  // namespace atlas::app
