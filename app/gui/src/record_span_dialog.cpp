#include "atlas/gui/record_span_dialog.h"

#include "atlas/gui/draft_keeper.h"
#include "atlas/gui/id_picker.h"
#include "atlas/gui/record_form.h"
#include "atlas/gui/record_session.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace atlas::app {

RecordSpanDialog::RecordSpanDialog(RecordSession& session, QWidget* parent) : QDialog(parent), m_session(session)
{
    m_form = new QFormLayout;
}

void RecordSpanDialog::build(const QString& featureLabel, const std::function<bool(const std::string&)>& pick,
                             const QString& featureId)
{
    m_feature = makeIdCombo(this, "feature", m_session.dataset(), pick);
    m_feature->setCurrentIndex(m_feature->findData(featureId));
    m_form->addRow(featureLabel, m_feature);

    m_date = new QLineEdit(this);
    m_date->setObjectName("date");
    m_date->setPlaceholderText("2026-03-15, 2026-03 or 2026");
    m_datePrecision = new QLabel(this);
    m_datePrecision->setObjectName("datePrecision");
    auto* dateRow = new QHBoxLayout;
    dateRow->addWidget(m_date, 1);
    dateRow->addWidget(m_datePrecision);
    m_form->addRow(tr("From:"), dateRow);
    connect(m_date, &QLineEdit::textChanged, this,
            [this](const QString& t) { m_datePrecision->setText(datePrecisionText(t)); });
}

void RecordSpanDialog::finish(const std::string& slot)
{
    const CitationRows citation = addCitationRows(*m_form, this, m_session);
    m_sources = citation.sources;
    m_confidence = citation.confidence;
    m_note = new QLineEdit(this);
    m_note->setObjectName("note");
    m_form->addRow(tr("Note:"), m_note);
    m_error = layOutForm(*this, m_form);

    m_drafts = new DraftKeeper(*this, m_session.journal(), slot, m_session.storeLocation(),
                               [this]() -> std::optional<edit::Edit> { return draft(); });
    m_drafts->setBaseline();
}

RecordSpanDialog::Common RecordSpanDialog::common() const
{
    Common c;
    c.featureId = m_feature->currentData().toString().toStdString();
    c.date = m_date->text().trimmed().toStdString();
    c.sources = m_sources->checkedIds();
    c.confidence = m_confidence->currentText().toStdString();
    c.note = m_note->text().trimmed().toStdString();
    return c;
}

std::optional<RecordSpanDialog::Common> RecordSpanDialog::checkedCommon(const QString& noFeature)
{
    Common c = common();
    if (c.featureId.empty()) return showError(noFeature), std::nullopt;
    QString why;
    const auto date = readDate(*m_date, false, why);
    if (!date) return showError(why), std::nullopt;
    c.date = *date;
    return c;
}

void RecordSpanDialog::fillCommon(const Common& c)
{
    m_feature->setCurrentIndex(m_feature->findData(QString::fromStdString(c.featureId)));
    m_date->setText(QString::fromStdString(c.date));
    for (const std::string& id : c.sources) m_sources->setChecked(id);
    m_sources->raiseChecked();
    if (!c.confidence.empty()) m_confidence->setCurrentText(QString::fromStdString(c.confidence));
    m_note->setText(QString::fromStdString(c.note));
}

void RecordSpanDialog::keepAsDraft()
{
    m_drafts->keepRecovered();
}

QString RecordSpanDialog::errorText() const { return m_error->text(); }

void RecordSpanDialog::showError(const QString& text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void RecordSpanDialog::accept()
{
    showError({});
    const auto e = checkedEdit();
    if (!e) return;
    const auto applied = m_session.apply(*e);
    if (!applied) return showError(QString::fromStdString(applied.message()));
    QDialog::accept();
}

void RecordSpanDialog::done(int result)
{
    // Applied or given up (Cancel, Escape): either way the draft is no longer unsaved work.
    m_drafts->finish();
    QDialog::done(result);
}

}  // namespace atlas::app
