#include "atlas/gui/export_dialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace atlas::app {
namespace {

constexpr int kPreviewWidth = 560;

// The same page at preview size: every measure of the layout scales with the page, so the
// preview is the export in small (type, symbols and margins in proportion).
ExportJob previewJob(ExportJob job)
{
    const PageSpec spec = pageSpecFor(job.settings);
    const double k = std::min(1.0, kPreviewWidth / std::max(1.0, spec.devicePixels.width()));
    ExportSettings& s = job.settings;
    if (s.format == ExportFormat::Pdf || s.usePaper) {
        s.usePaper = true;
    } else {
        s.pixelSize = QSize(std::max(16, static_cast<int>(spec.devicePixels.width() * k)),
                            std::max(16, static_cast<int>(spec.devicePixels.height() * k)));
    }
    s.format = ExportFormat::Png;
    // The page's own scale of type and symbols, shrunk with the page.
    s.dpi = std::max(1, static_cast<int>(std::lround(96.0 * spec.ratio * k)));
    return job;
}

}  // namespace

ExportDialog::ExportDialog(std::shared_ptr<const MapDocument> document, ExportJob job, QWidget* parent)
    : QDialog(parent), m_document(std::move(document)), m_job(std::move(job)), m_previewTask(this, [this](QImage img) {
          if (!img.isNull()) m_preview->setPixmap(QPixmap::fromImage(img));
      })
{
    setWindowTitle(tr("Export Map"));
    m_job.document = m_document.get();

    m_format = new QComboBox(this);
    m_format->addItem(tr("PNG image"), "png");
    m_format->addItem(tr("SVG (vector)"), "svg");
    m_format->addItem(tr("PDF (vector, fonts embedded)"), "pdf");

    m_pageStack = new QStackedWidget(this);
    auto* pixels = new QWidget(this);
    auto* pixelRow = new QHBoxLayout(pixels);
    pixelRow->setContentsMargins(0, 0, 0, 0);
    m_width = new QSpinBox(this);
    m_height = new QSpinBox(this);
    for (QSpinBox* s : {m_width, m_height}) {
        s->setRange(16, 20000);
        s->setSuffix(" px");
    }
    pixelRow->addWidget(m_width);
    pixelRow->addWidget(new QLabel(QString::fromUtf8("×"), this));
    pixelRow->addWidget(m_height);
    auto* paper = new QWidget(this);
    auto* paperRow = new QHBoxLayout(paper);
    paperRow->setContentsMargins(0, 0, 0, 0);
    m_paper = new QComboBox(this);
    m_paper->addItems({"A4", "A3", "Letter"});
    m_orientation = new QComboBox(this);
    m_orientation->addItem(tr("Landscape"), true);
    m_orientation->addItem(tr("Portrait"), false);
    paperRow->addWidget(m_paper);
    paperRow->addWidget(m_orientation);
    m_pageStack->addWidget(pixels);
    m_pageStack->addWidget(paper);
    m_dpi = new QSpinBox(this);
    // The minimum stands for "automatic": 300 for PDF; an image reads as the paper at its width.
    m_dpi->setRange(35, 1200);
    m_dpi->setSpecialValueText(tr("Automatic"));
    m_dpi->setSuffix(" dpi");

    m_full = new QRadioButton(tr("Laid out for publication"), this);
    m_mapOnly = new QRadioButton(tr("Map only, as on screen"), this);
    m_title = new QLineEdit(this);
    m_title->setPlaceholderText(tr("e.g. Who holds the rare-earth belt"));
    m_subtitle = new QLineEdit(this);
    m_legend = new QCheckBox(tr("Legend of visible layers"), this);
    m_scaleBar = new QCheckBox(tr("Scale bar"), this);
    m_northArrow = new QCheckBox(tr("North arrow"), this);
    m_inset = new QCheckBox(tr("Locator map"), this);
    m_credits = new QCheckBox(tr("Source credits"), this);
    m_dateStamp = new QCheckBox(tr("Date stamp"), this);
    m_annotations = new QCheckBox(tr("Annotations"), this);

    auto* form = new QFormLayout;
    form->addRow(tr("Format"), m_format);
    form->addRow(tr("Page"), m_pageStack);
    form->addRow(tr("Resolution"), m_dpi);
    auto* layoutBox = new QGroupBox(tr("Layout"), this);
    auto* lf = new QFormLayout(layoutBox);
    lf->addRow(m_full);
    lf->addRow(m_mapOnly);
    lf->addRow(tr("Title"), m_title);
    lf->addRow(tr("Subtitle"), m_subtitle);
    auto* checks = new QGridLayout;
    int i = 0;
    for (QCheckBox* c : {m_legend, m_scaleBar, m_northArrow, m_inset, m_credits, m_dateStamp, m_annotations}) {
        checks->addWidget(c, i / 2, i % 2);
        ++i;
    }
    lf->addRow(checks);

    m_preview = new QLabel(this);
    m_preview->setMinimumSize(kPreviewWidth, 360);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setFrameShape(QFrame::StyledPanel);
    m_info = new QLabel(this);
    m_info->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* exportButton = buttons->addButton(tr("Export…"), QDialogButtonBox::AcceptRole);
    exportButton->setDefault(true);
    connect(exportButton, &QPushButton::clicked, this, &ExportDialog::chooseFileAndExport);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* left = new QVBoxLayout;
    left->addLayout(form);
    left->addWidget(layoutBox);
    left->addStretch(1);
    auto* right = new QVBoxLayout;
    right->addWidget(m_preview, 1);
    right->addWidget(m_info);
    auto* top = new QHBoxLayout;
    top->addLayout(left);
    top->addLayout(right, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(buttons);

    setSettings(m_job.settings);

    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(250);
    connect(&m_previewTimer, &QTimer::timeout, this, &ExportDialog::startPreview);
    for (QComboBox* c : {m_format, m_paper, m_orientation})
        connect(c, &QComboBox::currentIndexChanged, this, [this] { updateEnabled(); schedulePreview(); });
    for (QSpinBox* s : {m_width, m_height, m_dpi}) connect(s, &QSpinBox::valueChanged, this, &ExportDialog::schedulePreview);
    for (QLineEdit* e : {m_title, m_subtitle}) connect(e, &QLineEdit::textChanged, this, &ExportDialog::schedulePreview);
    for (QAbstractButton* b : std::initializer_list<QAbstractButton*>{m_full, m_mapOnly, m_legend, m_scaleBar, m_northArrow,
                                                                      m_inset, m_credits, m_dateStamp, m_annotations})
        connect(b, &QAbstractButton::toggled, this, [this] { updateEnabled(); schedulePreview(); });
    updateEnabled();
    schedulePreview();
}

ExportDialog::~ExportDialog() = default;

void ExportDialog::setSettings(const ExportSettings& s)
{
    m_format->setCurrentIndex(s.format == ExportFormat::Png ? 0 : s.format == ExportFormat::Svg ? 1 : 2);
    m_width->setValue(s.pixelSize.width());
    m_height->setValue(s.pixelSize.height());
    m_paper->setCurrentIndex(std::max(0, m_paper->findText(s.paper, Qt::MatchFixedString)));
    m_orientation->setCurrentIndex(s.landscape ? 0 : 1);
    m_dpi->setValue(s.dpi > 0 ? s.dpi : m_dpi->minimum());
    (s.layout ? m_full : m_mapOnly)->setChecked(true);
    m_title->setText(s.title);
    m_subtitle->setText(s.subtitle);
    m_legend->setChecked(s.legend);
    m_scaleBar->setChecked(s.scaleBar);
    m_northArrow->setChecked(s.northArrow);
    m_inset->setChecked(s.inset);
    m_credits->setChecked(s.credits);
    m_dateStamp->setChecked(s.dateStamp);
    m_annotations->setChecked(s.annotations);
    updateEnabled();
}

ExportSettings ExportDialog::settings() const
{
    ExportSettings s = m_job.settings;
    s.format = exportFormatFromName(m_format->currentData().toString()).value_or(ExportFormat::Png);
    s.pixelSize = QSize(m_width->value(), m_height->value());
    s.paper = m_paper->currentText();
    s.landscape = m_orientation->currentData().toBool();
    s.usePaper = s.format == ExportFormat::Pdf;
    s.dpi = m_dpi->value() == m_dpi->minimum() ? 0 : m_dpi->value();
    s.layout = m_full->isChecked();
    s.title = m_title->text().trimmed();
    s.subtitle = m_subtitle->text().trimmed();
    s.legend = m_legend->isChecked();
    s.scaleBar = m_scaleBar->isChecked();
    s.northArrow = m_northArrow->isChecked();
    s.inset = m_inset->isChecked();
    s.credits = m_credits->isChecked();
    s.dateStamp = m_dateStamp->isChecked();
    s.annotations = m_annotations->isChecked();
    return s;
}

ExportJob ExportDialog::job() const
{
    ExportJob j = m_job;
    j.settings = settings();
    return j;
}

void ExportDialog::updateEnabled()
{
    const bool pdf = m_format->currentData().toString() == "pdf";
    const bool svg = m_format->currentData().toString() == "svg";
    m_pageStack->setCurrentIndex(pdf ? 1 : 0);
    m_dpi->setEnabled(!svg);
    const bool full = m_full->isChecked();
    for (QWidget* w : std::initializer_list<QWidget*>{m_title, m_subtitle, m_legend, m_northArrow, m_inset, m_credits})
        w->setEnabled(full);
    const ExportSettings s = settings();
    const PageSpec spec = pageSpecFor(s);
    if (pdf)
        m_info->setText(tr("%1 %2, vector, fonts embedded.").arg(s.paper, s.landscape ? tr("landscape") : tr("portrait")));
    else
        m_info->setText(tr("%1 × %2 pixels%3.")
                            .arg(std::lround(spec.devicePixels.width()))
                            .arg(std::lround(spec.devicePixels.height()))
                            .arg(svg ? tr(", vector: shapes stay paths, text stays text") : QString()));
}

void ExportDialog::schedulePreview()
{
    m_previewTimer.start();
}

void ExportDialog::startPreview()
{
    // `doc` keeps the document alive in the worker.
    m_previewTask.start([job = previewJob(this->job()), doc = m_document](const TaskControl& control) {
        return renderPageImage(job, control.cancelFlag());
    });
}

Diagnostics ExportDialog::exportTo(const QString& path)
{
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const ExportResult r = exportMap(job(), path);
    QApplication::restoreOverrideCursor();
    if (!r.ok) return r.diagnostics;
    m_exported = path;
    return {};
}

void ExportDialog::chooseFileAndExport()
{
    const ExportSettings s = settings();
    const QString ext = exportFormatName(s.format);
    QSettings settings;
    QString start = settings.value("paths/lastExport", "kachin-map." + ext).toString();
    start = QFileInfo(start).path() + "/" + QFileInfo(start).completeBaseName() + "." + ext;
    QString path = QFileDialog::getSaveFileName(this, tr("Export Map"), start,
                                                tr("%1 file (*.%2)").arg(ext.toUpper(), ext));
    if (path.isEmpty()) return;
    if (!path.endsWith("." + ext, Qt::CaseInsensitive)) path += "." + ext;
    settings.setValue("paths/lastExport", path);
    if (const Diagnostics failed = exportTo(path); failed.hasErrors()) {
        QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(failed.formatAll()));
        return;
    }
    accept();
}

}  // namespace atlas::app
