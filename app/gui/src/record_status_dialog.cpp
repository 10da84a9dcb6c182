#include "atlas/gui/record_status_dialog.h"

#include "atlas/data/dataset.h"
#include "atlas/data/vocabulary.h"
#include "atlas/gui/id_picker.h"
#include "atlas/gui/record_form.h"
#include "atlas/gui/record_session.h"
#include "atlas/gui/source_form.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace atlas::app {
namespace {

QString word(std::string_view w) { return QString::fromUtf8(w.data(), static_cast<int>(w.size())); }

}  // namespace

RecordStatusDialog::RecordStatusDialog(RecordSession& session, const QString& featureId, QWidget* parent)
    : QDialog(parent), m_session(session)
{
    setObjectName("recordStatusDialog");
    setWindowTitle(tr("Record Status Change"));
    auto* form = new QFormLayout;

    // Only crossings have a status; shown with their names, searchable.
    m_feature = new QComboBox(this);
    m_feature->setObjectName("feature");
    m_feature->setEditable(true);
    m_feature->setInsertPolicy(QComboBox::NoInsert);
    m_feature->completer()->setFilterMode(Qt::MatchContains);
    m_feature->completer()->setCompletionMode(QCompleter::PopupCompletion);
    if (const Dataset* ds = session.dataset())
        for (const std::string& id : ds->allIds())
            if (id.rfind("crossing:", 0) == 0)
                m_feature->addItem(QString::fromStdString(id + " — " + ds->nameOf(id)), QString::fromStdString(id));
    m_feature->setCurrentIndex(m_feature->findData(featureId));
    form->addRow(tr("Crossing:"), m_feature);

    m_date = new QLineEdit(this);
    m_date->setObjectName("date");
    m_date->setPlaceholderText("2026-03-15, 2026-03 or 2026");
    m_datePrecision = new QLabel(this);
    m_datePrecision->setObjectName("datePrecision");
    auto* dateRow = new QHBoxLayout;
    dateRow->addWidget(m_date, 1);
    dateRow->addWidget(m_datePrecision);
    form->addRow(tr("From:"), dateRow);
    connect(m_date, &QLineEdit::textChanged, this,
            [this](const QString& t) { m_datePrecision->setText(datePrecisionText(t)); });

    m_status = new QComboBox(this);
    m_status->setObjectName("status");
    for (std::string_view s : vocab::kStatuses) m_status->addItem(word(s));
    form->addRow(tr("New status:"), m_status);
    // Who imposed it; the empty choice is "not reported", which the schema allows.
    m_by = new QComboBox(this);
    m_by->setObjectName("by");
    for (std::string_view b : vocab::kStatusBy) m_by->addItem(b.empty() ? tr("(not reported)") : word(b), word(b));
    form->addRow(tr("Imposed by:"), m_by);

    m_sources = new IdPicker(this);
    m_sources->setObjectName("sources");
    fillSources(*m_sources, session.dataset());
    addNewSourceButton(*m_sources, session);
    form->addRow(tr("Sources:"), m_sources);
    m_confidence = new QComboBox(this);
    m_confidence->setObjectName("confidence");
    fillConfidence(*m_confidence);
    form->addRow(tr("Confidence:"), m_confidence);
    m_note = new QLineEdit(this);
    m_note->setObjectName("note");
    form->addRow(tr("Note:"), m_note);

    m_error = makeErrorLabel(this);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &RecordStatusDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(560, 540);
}

std::optional<edit::RecordStatus> RecordStatusDialog::edit()
{
    edit::RecordStatus r;
    r.featureId = m_feature->currentData().toString().toStdString();
    if (r.featureId.empty()) return showError(tr("feature: choose a crossing")), std::nullopt;
    QString why;
    const auto date = readDate(*m_date, false, why);
    if (!date) return showError(why), std::nullopt;
    r.date = *date;
    r.status = m_status->currentText().toStdString();
    r.by = m_by->currentData().toString().toStdString();
    r.sources = m_sources->checkedIds();
    r.confidence = m_confidence->currentText().toStdString();
    r.note = m_note->text().trimmed().toStdString();
    return r;
}

QString RecordStatusDialog::errorText() const { return m_error->text(); }

void RecordStatusDialog::showError(const QString& text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void RecordStatusDialog::accept()
{
    showError({});
    const auto r = edit();
    if (!r) return;
    const auto applied = m_session.apply(*r);
    if (!applied) return showError(QString::fromStdString(applied.message()));
    QDialog::accept();
}

}  // namespace atlas::app
