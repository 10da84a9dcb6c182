#include "atlas/gui/record_control_dialog.h"

#include "atlas/data/vocabulary.h"

#include <QComboBox>
#include <QFormLayout>

namespace atlas::app {

RecordControlDialog::RecordControlDialog(RecordSession& session, const QString& featureId, QWidget* parent)
    : RecordSpanDialog(session, parent)
{
    setObjectName("recordControlDialog");
    setWindowTitle(tr("Record Change of Control"));
    // Only places, mines and crossings have a controller.
    build(tr("Feature:"), [](const std::string& id) {
        return id.rfind("place:", 0) == 0 || id.rfind("mine:", 0) == 0 || id.rfind("crossing:", 0) == 0;
    }, featureId);
    m_controller = new QComboBox(this);
    m_controller->setObjectName("controller");
    for (std::string_view c : vocab::kControllers)
        m_controller->addItem(QString::fromUtf8(c.data(), static_cast<int>(c.size())));
    form()->addRow(tr("New controller:"), m_controller);
    finish("control:" + featureId.toStdString());
    resize(560, 520);
}

edit::Edit RecordControlDialog::draft() const
{
    const Common c = common();
    return edit::RecordControl{c.featureId, c.date, m_controller->currentText().toStdString(), c.sources,
                               c.confidence, c.note};
}

std::optional<edit::RecordControl> RecordControlDialog::edit()
{
    const auto c = checkedCommon(tr("feature: choose a place, mine or crossing"));
    if (!c) return std::nullopt;
    return edit::RecordControl{c->featureId, c->date, m_controller->currentText().toStdString(), c->sources,
                               c->confidence, c->note};
}

std::optional<edit::Edit> RecordControlDialog::checkedEdit()
{
    if (auto r = edit()) return edit::Edit(std::move(*r));
    return std::nullopt;
}

void RecordControlDialog::restoreDraft(const edit::RecordControl& r)
{
    fillCommon({r.featureId, r.date, r.sources, r.confidence, r.note});
    m_controller->setCurrentText(QString::fromStdString(r.controller));
    keepAsDraft();
}

}  // namespace atlas::app
