#include "atlas/gui/raster_overviews.h"
#include "atlas/model/document_model.h"
#include <QMainWindow>

#include "atlas/gui/workbench.h"
#include "atlas/gui/map_canvas.h"

#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

namespace atlas::app {

OverviewBuilder::OverviewBuilder(const Workbench& wb) : QObject(&wb.frame), m_wb(wb)
{
    connect(&m_watcher, &QFutureWatcher<bool>::finished, this, &OverviewBuilder::onFinished);
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        if (m_progress && m_permille) m_progress->setValue(m_permille->load());
    });
}

OverviewBuilder::~OverviewBuilder()
{
    cancel();
    m_watcher.waitForFinished();
}

void OverviewBuilder::cancel()
{
    if (m_cancel) m_cancel->store(true);
}

void OverviewBuilder::build(std::size_t at)
{
    const auto& layers = m_wb.model.document().layers();
    if (isBusy() || at >= layers.size() || !layers[at].raster) return;
    m_raster = layers[at].raster;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_permille = std::make_shared<std::atomic<int>>(0);
    m_diagnostics = std::make_shared<Diagnostics>();
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
    auto raster = m_raster;
    auto cancelFlag = m_cancel;
    auto permille = m_permille;
    auto diagnostics = m_diagnostics;
    m_watcher.setFuture(QtConcurrent::run([raster, cancelFlag, permille, diagnostics] {
        return raster->buildOverviews(
            [&](double f) {
                permille->store(static_cast<int>(f * 1000));
                return !cancelFlag->load();
            },
            *diagnostics);
    }));
}

void OverviewBuilder::onFinished()
{
    m_poll.stop();
    if (m_progress) {
        m_progress->hide();
        m_progress->deleteLater();
        m_progress = nullptr;
    }
    const bool ok = m_watcher.result();
    const QString name = QFileInfo(QString::fromStdString(m_raster->info().path)).fileName();
    QString message;
    if (ok) {
        message = tr("Built %n overview level(s) of %1.", nullptr, m_raster->overviewCount()).arg(name);
        m_wb.status.showMessage(message, 10000);
        // Same layers, faster pixels: the static image must be drawn again.
    } else if (m_cancel->load()) {
        message = tr("Building overviews of %1 cancelled.").arg(name);
        m_wb.status.showMessage(message, 10000);
    } else {
        message = QString::fromStdString(m_diagnostics->formatAll());
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
