#include "atlas/gui/record_status_dialog.h"

#include "atlas/data/vocabulary.h"

#include <QComboBox>
#include <QFormLayout>

namespace atlas::app {
namespace {

QString word(std::string_view w) { return QString::fromUtf8(w.data(), static_cast<int>(w.size())); }

}  // namespace

RecordStatusDialog::RecordStatusDialog(RecordSession& session, const QString& featureId, QWidget* parent)
    : RecordSpanDialog(session, parent)
{
    setObjectName("recordStatusDialog");
    setWindowTitle(tr("Record Status Change"));
    // Only crossings have a status.
    build(tr("Crossing:"), [](const std::string& id) { return id.rfind("crossing:", 0) == 0; }, featureId);
    m_status = new QComboBox(this);
    m_status->setObjectName("status");
    for (std::string_view s : vocab::kStatuses) m_status->addItem(word(s));
    form()->addRow(tr("New status:"), m_status);
    // Who imposed it; the empty choice is "not reported", which the schema allows.
    m_by = new QComboBox(this);
    m_by->setObjectName("by");
    for (std::string_view b : vocab::kStatusBy) m_by->addItem(b.empty() ? tr("(not reported)") : word(b), word(b));
    form()->addRow(tr("Imposed by:"), m_by);
    finish("status:" + featureId.toStdString());
    resize(560, 540);
}

edit::Edit RecordStatusDialog::draft() const
{
    const Common c = common();
    return edit::RecordStatus{c.featureId, c.date, m_status->currentText().toStdString(),
                              m_by->currentData().toString().toStdString(), c.sources, c.confidence, c.note};
}

std::optional<edit::RecordStatus> RecordStatusDialog::edit()
{
    const auto c = checkedCommon(tr("feature: choose a crossing"));
    if (!c) return std::nullopt;
    return edit::RecordStatus{c->featureId, c->date, m_status->currentText().toStdString(),
                              m_by->currentData().toString().toStdString(), c->sources, c->confidence, c->note};
}

std::optional<edit::Edit> RecordStatusDialog::checkedEdit()
{
    if (auto r = edit()) return edit::Edit(std::move(*r));
    return std::nullopt;
}

void RecordStatusDialog::restoreDraft(const edit::RecordStatus& r)
{
    fillCommon({r.featureId, r.date, r.sources, r.confidence, r.note});
    m_status->setCurrentText(QString::fromStdString(r.status));
    m_by->setCurrentIndex(std::max(0, m_by->findData(QString::fromStdString(r.by))));
    keepAsDraft();
}

}  // namespace atlas::app
