#include "atlas/gui/delete_event_dialog.h"

#include "atlas/data/dataset.h"
#include "atlas/gui/id_picker.h"
#include "atlas/gui/record_form.h"
#include "atlas/gui/record_session.h"
#include "atlas/gui/source_form.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace atlas::app {

DeleteEventDialog::DeleteEventDialog(RecordSession& session, const std::string& eventId, QWidget* parent)
    : QDialog(parent), m_session(session), m_id(eventId)
{
    setObjectName("deleteEventDialog");
    setWindowTitle(tr("Delete Event"));
    auto* layout = new QVBoxLayout(this);
    const Dataset* ds = session.dataset();
    const QString title = ds ? QString::fromStdString(ds->nameOf(eventId)) : QString();
    auto* question = new QLabel(tr("Delete <b>%1</b> (%2) from the record? Undo puts it back.")
                                    .arg(title.toHtmlEscaped(), QString::fromStdString(eventId).toHtmlEscaped()),
                                this);
    question->setObjectName("question");
    question->setWordWrap(true);
    layout->addWidget(question);
    layout->addWidget(new QLabel(tr("Source that shows it should go:"), this));
    m_sources = new IdPicker(this);
    m_sources->setObjectName("sources");
    fillSources(*m_sources, ds);
    addNewSourceButton(*m_sources, session);
    layout->addWidget(m_sources, 1);
    m_error = makeErrorLabel(this);
    layout->addWidget(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Delete"));
    // Cancel is the default: Enter in the search box must not delete anything.
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &DeleteEventDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(520, 420);
}

QString DeleteEventDialog::errorText() const { return m_error->text(); }

void DeleteEventDialog::accept()
{
    const auto applied = m_session.apply(edit::DeleteFeature{m_id, m_sources->checkedIds(), std::nullopt});
    if (!applied) {
        m_error->setText(QString::fromStdString(applied.message()));
        m_error->show();
        return;
    }
    QDialog::accept();
}

}  // namespace atlas::app
