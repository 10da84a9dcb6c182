#include "atlas/gui/version_panel.h"

#include "atlas/analysis/links.h"
#include "atlas/data/dataset.h"
#include "atlas/data/schema.h"
#include "atlas/edit/dataset_store.h"
#include "atlas/edit/version_change.h"
#include "atlas/gui/draft_keeper.h"
#include "atlas/gui/id_picker.h"
#include "atlas/gui/map_canvas.h"
#include "atlas/gui/record_form.h"
#include "atlas/gui/record_session.h"
#include "atlas/gui/vertex_edit_tool.h"
#include "atlas/gui/workbench.h"
#include "atlas/model/document_model.h"
#include "atlas/model/time_controller.h"
#include "atlas/time/date.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

namespace atlas::app {

std::vector<Coord> snapTargetsOf(const Workbench& wb, const std::string& exceptLayerKey)
{
    std::vector<Coord> out;
    const MapDocument& doc = wb.model.document();
    for (std::size_t at = 0; at < doc.layers().size(); ++at) {
        const LayerEntry& e = doc.layers()[at];
        if (!e.visible || e.raster || !e.layer) continue;
        if (!exceptLayerKey.empty() && e.datasetKey == exceptLayerKey) continue;
        // Only what the map shows on the clock's day: a front line of another month is not
        // there to snap to, and its vertices would pull the new shape towards it unseen.
        for (const uint32_t row : doc.drawnRows(at, wb.clock.cursor())) {
            const auto coords = e.layer->geometry().coords(row);
            out.insert(out.end(), coords.begin(), coords.end());
        }
    }
    return out;
}

VersionPanel::VersionPanel(RecordSession& session, const Workbench& wb, edit::AddVersion start, int32_t asOfDay,
                           QWidget* parent)
    : QDockWidget(parent), m_session(session), m_wb(wb)
{
    setObjectName("versionPanel");
    setWindowTitle(tr("New Version of %1").arg(QString::fromStdString(start.group)));
    const bool isArea = start.group.rfind("area:", 0) == 0;
    const std::string layerKey = isArea ? schema::kControl : schema::kFrontlines;
    const QString from = QString::fromStdString(start.asOf);
    m_sketch = std::make_unique<VersionSketch>(std::move(start));
    m_tool = std::make_unique<VertexEditTool>(wb.canvas, *m_sketch, wb.model.document().displayCrs(),
                                              snapTargetsOf(wb, layerKey));

    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    auto* intro = m_intro = new QLabel(tr("Starts from the version as of %1. Drag a vertex to move it, double-click a segment "
                                "to add one, right-click or Delete to remove one; Escape cancels.")
                                 .arg(from),
                             body);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    m_asOf = new QLineEdit(QString::fromStdString(isoDay(asOfDay)), body);
    m_asOf->setObjectName("asOf");
    m_asOfPrecision = new QLabel(datePrecisionText(m_asOf->text()), body);
    auto* dateRow = new QHBoxLayout;
    dateRow->addWidget(m_asOf, 1);
    dateRow->addWidget(m_asOfPrecision);
    form->addRow(tr("As of:"), dateRow);
    const CitationRows citation = addCitationRows(*form, body, session);
    m_sources = citation.sources;
    m_confidence = citation.confidence;
    m_description = new QLineEdit(body);
    m_description->setObjectName("description");
    m_description->setPlaceholderText(isArea ? tr("what the sources say changed (note)") : tr("what changed"));
    form->addRow(tr("Description:"), m_description);
    layout->addLayout(form);

    m_preview = new QLabel(body);
    m_preview->setObjectName("preview");
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setWordWrap(true);
    layout->addWidget(new QLabel(tr("Against the version before it (as `diff` counts):"), body));
    layout->addWidget(m_preview);
    m_error = makeErrorLabel(body);
    layout->addWidget(m_error);
    auto* buttons = new QHBoxLayout;
    auto* saveButton = new QPushButton(tr("Save Version"), body);
    saveButton->setObjectName("save");
    saveButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    saveButton->setToolTip(tr("Write the new version (Ctrl+Return)"));
    auto* cancelButton = new QPushButton(tr("Cancel"), body);
    cancelButton->setObjectName("cancel");
    buttons->addStretch(1);
    buttons->addWidget(cancelButton);
    buttons->addWidget(saveButton);
    layout->addLayout(buttons);
    layout->addStretch(1);
    setWidget(body);

    // The preview loads the whole dataset from a checked copy: run it off the GUI thread, once
    // the edits pause, and keep only the latest run's answer.
    m_previewDelay = new QTimer(this);
    m_previewDelay->setSingleShot(true);
    m_previewDelay->setInterval(250);
    connect(m_previewDelay, &QTimer::timeout, this, &VersionPanel::updatePreview);
    m_previewTask = std::make_unique<BackgroundTask<Preview>>(this, [this](Preview p) {
        m_preview->setText(p.text);
        m_preview->setStyleSheet(p.ok ? QString() : QStringLiteral("color: #b00020;"));
    });
    connect(m_tool.get(), &VertexEditTool::changed, m_previewDelay, qOverload<>(&QTimer::start));
    connect(m_tool.get(), &VertexEditTool::cancelled, this, &VersionPanel::cancel);
    connect(m_asOf, &QLineEdit::textChanged, this, [this](const QString& t) {
        m_asOfPrecision->setText(datePrecisionText(t));
        m_previewDelay->start();
    });
    connect(saveButton, &QPushButton::clicked, this, &VersionPanel::save);
    connect(cancelButton, &QPushButton::clicked, this, &VersionPanel::cancel);
    m_tool->setActive(true);
    m_previewDelay->start();

    // A reshaped line is work: journalled as it changes, so a crash does not take it.
    m_drafts = new DraftKeeper(*this, session.journal(), "version:" + m_sketch->start().group,
                               session.storeLocation(), [this]() -> std::optional<edit::Edit> { return draft(); });
    m_drafts->setBaseline();
    connect(m_tool.get(), &VertexEditTool::changed, m_drafts, &DraftKeeper::touch);
}

VersionPanel::~VersionPanel()
{
    if (m_previewTask) {
        m_previewTask->cancel();
        m_previewTask->waitForFinished();
    }
    // The tool is not switched off here: at the window's end the canvas may be gone already;
    // finish() switched it off when the panel was closed.
}

std::optional<edit::AddVersion> VersionPanel::edit()
{
    edit::AddVersion v;
    v.group = m_sketch->start().group;
    QString why;
    const auto asOf = readDate(*m_asOf, false, why);
    if (!asOf) return showError(why), std::nullopt;
    v.asOf = *asOf;
    v.parts = m_sketch->parts();
    v.sources = m_sources->checkedIds();
    v.confidence = m_confidence->currentText().toStdString();
    // Front lines have a description column; control areas keep it as their note.
    if (v.group.rfind("front:", 0) == 0) v.description = m_description->text().trimmed().toStdString();
    else v.note = m_description->text().trimmed().toStdString();
    return v;
}

edit::AddVersion VersionPanel::draft() const
{
    edit::AddVersion v;
    v.group = m_sketch->start().group;
    v.asOf = m_asOf->text().trimmed().toStdString();
    v.parts = m_sketch->parts();
    v.sources = m_sources->checkedIds();
    v.confidence = m_confidence->currentText().toStdString();
    v.description = m_description->text().trimmed().toStdString();
    return v;
}

void VersionPanel::restoreDraft(const edit::AddVersion& v)
{
    m_intro->setText(tr("Recovered after Kachin Atlas stopped: the shape as it was last drawn. Drag a vertex to move "
                        "it, double-click a segment to add one, right-click or Delete to remove one; Escape cancels."));
    m_asOf->setText(QString::fromStdString(v.asOf));
    for (const std::string& id : v.sources) m_sources->setChecked(id);
    m_sources->raiseChecked();
    if (!v.confidence.empty()) m_confidence->setCurrentText(QString::fromStdString(v.confidence));
    m_description->setText(QString::fromStdString(v.description.empty() ? v.note : v.description));
    m_drafts->keepRecovered();
}

QString VersionPanel::errorText() const { return m_error->text(); }
QString VersionPanel::previewText() const { return m_preview->text(); }
bool VersionPanel::previewRunning() const { return m_previewDelay->isActive() || m_previewTask->isRunning(); }

void VersionPanel::showError(const QString& text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void VersionPanel::updatePreview()
{
    m_previewDelay->stop();
    QString why;
    edit::AddVersion v;
    v.group = m_sketch->start().group;
    const auto asOf = readDate(*m_asOf, false, why);
    if (!asOf) {
        m_preview->setText(why);
        return;
    }
    v.asOf = *asOf;
    v.parts = m_sketch->parts();
    // The km² do not depend on the citation: before a source is ticked the preview checks the
    // shape with the sources of the version it starts from (Save still needs the user's own).
    v.sources = m_sources->checkedIds();
    if (v.sources.empty()) v.sources = m_sketch->start().sources;
    m_preview->setText(tr("computing…"));
    m_previewTask->start([dir = m_session.folder().toStdString(), v](const TaskControl&) {
        edit::FolderStore store(dir);
        const auto checked = store.preview(v);
        if (!checked) return Preview{QString::fromStdString(checked.message()), false};
        const LinkIndex links(checked->dataset);
        const int32_t first = Date::parse(v.asOf)->first();
        return Preview{QString::fromStdString(edit::toText(edit::versionChange(links, v.group, first))).trimmed(), true};
    });
}

void VersionPanel::save()
{
    showError({});
    const auto v = edit();
    if (!v) return;
    const auto applied = m_session.apply(*v);
    if (!applied) return showError(QString::fromStdString(applied.message()));
    finish(true);
}

void VersionPanel::cancel()
{
    m_wb.status.showMessage(tr("New version given up; nothing written"), 5000);
    finish(false);
}

void VersionPanel::finish(bool saved)
{
    if (m_closed) return;
    m_closed = true;
    m_drafts->finish();
    m_tool->setActive(false);
    m_previewDelay->stop();
    hide();
    emit finished(saved);
    deleteLater();
}

}  // namespace atlas::app
