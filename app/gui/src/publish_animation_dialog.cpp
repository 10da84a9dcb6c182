#include "atlas/gui/publish_animation_dialog.h"

#include "atlas/gui/annotation_dialog.h"

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
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QtConcurrent/QtConcurrentRun>

namespace atlas::app {

AnimationDialog::AnimationDialog(std::shared_ptr<const MapDocument> document, ExportJob page, int32_t firstDay,
                                 int32_t lastDay, QWidget* parent)
    : QDialog(parent), m_document(std::move(document)), m_page(std::move(page)),
      m_task(this, [this](AnimationResult result) { onFinished(std::move(result)); })
{
    setWindowTitle(tr("Export Animation"));
    m_page.document = m_document.get();
    auto dateEdit = [&](int32_t day) {
        auto* e = new QDateEdit(dateOfDay(day), this);
        e->setDisplayFormat("yyyy-MM-dd");
        e->setCalendarPopup(true);
        e->setDateRange(dateOfDay(firstDay), dateOfDay(lastDay));
        return e;
    };
    const int32_t day = m_page.cursor.day();
    m_from = dateEdit(std::max(firstDay, day - 120));
    m_to = dateEdit(day);
    m_stepCount = new QSpinBox(this);
    m_stepCount->setRange(1, 366);
    m_stepCount->setValue(7);
    m_stepUnit = new QComboBox(this);
    m_stepUnit->addItem(tr("days"), static_cast<int>(AnimationStep::Unit::Day));
    m_stepUnit->addItem(tr("weeks"), static_cast<int>(AnimationStep::Unit::Week));
    m_stepUnit->addItem(tr("months"), static_cast<int>(AnimationStep::Unit::Month));
    m_fps = new QSpinBox(this);
    m_fps->setRange(1, 60);
    m_fps->setValue(4);
    m_fps->setSuffix(tr(" frames/s"));
    m_width = new QSpinBox(this);
    m_height = new QSpinBox(this);
    for (QSpinBox* s : {m_width, m_height}) {
        s->setRange(160, 7680);
        s->setSuffix(" px");
    }
    m_width->setValue(m_page.settings.format == ExportFormat::Pdf ? 1600 : m_page.settings.pixelSize.width());
    m_height->setValue(m_page.settings.format == ExportFormat::Pdf ? 1000 : m_page.settings.pixelSize.height());
    m_title = new QLineEdit(m_page.settings.title, this);
    m_output = new QLineEdit(this);
    m_output->setText(QSettings().value("paths/lastAnimation", QDir::home().filePath("kachin-animation.mp4")).toString());
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &AnimationDialog::browse);
    m_frames = new QLabel(this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setVisible(false);

    auto* stepRow = new QHBoxLayout;
    stepRow->addWidget(m_stepCount);
    stepRow->addWidget(m_stepUnit);
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(new QLabel(QString::fromUtf8("×"), this));
    sizeRow->addWidget(m_height);
    auto* outRow = new QHBoxLayout;
    outRow->addWidget(m_output, 1);
    outRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("From"), m_from);
    form->addRow(tr("To"), m_to);
    form->addRow(tr("Every"), stepRow);
    form->addRow(tr("Speed"), m_fps);
    form->addRow(tr("Frame size"), sizeRow);
    form->addRow(tr("Title"), m_title);
    form->addRow(tr("Save as"), outRow);
    form->addRow(QString(), m_frames);

    auto* buttons = new QDialogButtonBox(this);
    m_run = buttons->addButton(tr("Render"), QDialogButtonBox::AcceptRole);
    m_stop = buttons->addButton(tr("Cancel Rendering"), QDialogButtonBox::ActionRole);
    m_stop->setEnabled(false);
    QPushButton* close = buttons->addButton(QDialogButtonBox::Close);
    connect(m_run, &QPushButton::clicked, this, &AnimationDialog::start);
    connect(m_stop, &QPushButton::clicked, this, &AnimationDialog::cancel);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    auto updateCount = [this] {
        const AnimationJob j = buildJob();
        QString video;
        if (!j.video.isEmpty() && findFfmpeg().isEmpty())
            video = tr(" — ffmpeg is not installed: PNG frames only (install the Debian package ffmpeg for MP4/GIF)");
        m_frames->setText(tr("%n frame(s)", nullptr, static_cast<int>(j.days.size())) + video);
        m_run->setEnabled(!j.days.empty() && !isRunning());
    };
    for (QDateEdit* e : {m_from, m_to}) connect(e, &QDateEdit::dateChanged, this, updateCount);
    connect(m_stepCount, &QSpinBox::valueChanged, this, updateCount);
    connect(m_stepUnit, &QComboBox::currentIndexChanged, this, updateCount);
    connect(m_output, &QLineEdit::textChanged, this, updateCount);
    updateCount();
}

AnimationDialog::~AnimationDialog() = default;

void AnimationDialog::setDates(int32_t from, int32_t to, const AnimationStep& step)
{
    m_from->setDate(dateOfDay(from));
    m_to->setDate(dateOfDay(to));
    m_stepCount->setValue(step.count);
    m_stepUnit->setCurrentIndex(m_stepUnit->findData(static_cast<int>(step.unit)));
}

void AnimationDialog::setOutput(const QString& path)
{
    m_output->setText(path);
}

AnimationJob AnimationDialog::buildJob() const
{
    AnimationJob job;
    job.page = m_page;
    job.page.settings.format = ExportFormat::Png;
    job.page.settings.usePaper = false;
    job.page.settings.dpi = 96;
    job.page.settings.layout = true;
    job.page.settings.pixelSize = QSize(m_width->value(), m_height->value());
    job.page.settings.title = m_title->text().trimmed();
    AnimationStep step;
    step.count = m_stepCount->value();
    step.unit = static_cast<AnimationStep::Unit>(m_stepUnit->currentData().toInt());
    job.days = animationDays(dayOfDate(m_from->date()), dayOfDate(m_to->date()), step);
    job.fps = m_fps->value();
    const QString out = m_output->text().trimmed();
    if (videoFormatForPath(out) == VideoFormat::None) {
        job.framesDir = out;
    } else {
        job.video = out;
        const QFileInfo fi(out);
        job.framesDir = fi.absoluteDir().filePath(fi.completeBaseName() + "-frames");
    }
    return job;
}

void AnimationDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Animation"), m_output->text(),
                                                      tr("MP4 video (*.mp4);;GIF animation (*.gif);;PNG frames (folder) (*)"));
    if (!path.isEmpty()) m_output->setText(path);
}

void AnimationDialog::start()
{
    if (isRunning()) return;
    const AnimationJob job = buildJob();
    if (job.days.empty() || job.framesDir.isEmpty()) return;
    QSettings().setValue("paths/lastAnimation", m_output->text());
    m_progress->setRange(0, static_cast<int>(job.days.size()));
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_status->setText(tr("Rendering…"));
    m_run->setEnabled(false);
    m_stop->setEnabled(true);
    QPointer<AnimationDialog> self(this);
    m_task.start([job, doc = m_document, self](const TaskControl& control) {
        return renderAnimation(
            job,
            [self](int done, int total, const QString& label) {
                QMetaObject::invokeMethod(
                    self.data(), [self, done, total, label] { if (self) self->onProgress(done, total, label); },
                    Qt::QueuedConnection);
            },
            control.cancelFlag());
    });
}

void AnimationDialog::cancel()
{
    m_task.cancel();
}

void AnimationDialog::onProgress(int done, int total, const QString& label)
{
    m_progress->setValue(done);
    m_status->setText(tr("Frame %1 of %2: %3").arg(done).arg(total).arg(label));
}

void AnimationDialog::onFinished(AnimationResult result)
{
    m_result = std::move(result);
    m_stop->setEnabled(false);
    m_run->setEnabled(true);
    if (m_result.cancelled)
        m_status->setText(tr("Cancelled after %n frame(s).", nullptr, static_cast<int>(m_result.frames.size())));
    else if (m_result.ok)
        m_status->setText(tr("Done: %n frame(s)", nullptr, static_cast<int>(m_result.frames.size()))
                          + (buildJob().video.isEmpty() ? QString() : tr(", video %1").arg(buildJob().video)));
    else
        m_status->setText(QString::fromStdString(m_result.diagnostics.formatAll()));
    emit finished(m_result);
}

}  // namespace atlas::app
