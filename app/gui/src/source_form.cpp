#include "atlas/gui/source_form.h"

#include "atlas/gui/id_picker.h"
#include "atlas/gui/record_form.h"
#include "atlas/gui/record_session.h"

#include <QComboBox>
#include <QDate>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace atlas::app {

SourceForm::SourceForm(RecordSession& session, QWidget* parent) : QDialog(parent), m_session(session)
{
    setObjectName("sourceForm");
    setWindowTitle(tr("New Source"));
    auto* form = new QFormLayout;
    m_outlet = new QLineEdit(this);
    m_outlet->setObjectName("outlet");
    m_outlet->setPlaceholderText(tr("Irrawaddy, Frontier Myanmar, Global Witness…"));
    form->addRow(tr("Outlet:"), m_outlet);
    m_title = new QLineEdit(this);
    m_title->setObjectName("title");
    form->addRow(tr("Title:"), m_title);
    m_date = new QLineEdit(this);
    m_date->setObjectName("date");
    m_date->setPlaceholderText(QDate::currentDate().toString(Qt::ISODate));
    form->addRow(tr("Date:"), m_date);
    m_url = new QLineEdit(this);
    m_url->setObjectName("url");
    m_url->setPlaceholderText(tr("https://… (— when it has none)"));
    form->addRow(tr("URL:"), m_url);
    // The facts sheet's grades: how far the outlet's reporting has held up.
    m_grade = new QComboBox(this);
    m_grade->setObjectName("grade");
    m_grade->addItem(tr("H — high"), "H");
    m_grade->addItem(tr("M — medium"), "M");
    m_grade->addItem(tr("L — low"), "L");
    m_grade->setCurrentIndex(1);
    form->addRow(tr("Grade:"), m_grade);

    m_error = layOutForm(*this, form);
    resize(480, 260);
}

std::optional<edit::AddSource> SourceForm::edit()
{
    edit::AddSource s;
    s.outlet = m_outlet->text().trimmed().toStdString();
    s.title = m_title->text().trimmed().toStdString();
    QString why;
    // The date is checked here, as every date of the record is; the store checks the rest.
    s.date = readDate(*m_date, false, why).value_or("");
    if (!why.isEmpty()) return showError(why), std::nullopt;
    s.url = m_url->text().trimmed().toStdString();
    s.grade = m_grade->currentData().toString().toStdString();
    return s;
}

QString SourceForm::errorText() const { return m_error->text(); }

void SourceForm::showError(const QString& text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void SourceForm::accept()
{
    showError({});
    const auto s = edit();
    if (!s) return;
    const auto applied = m_session.apply(*s);
    if (!applied) return showError(QString::fromStdString(applied.message()));
    m_written = applied->id;
    QDialog::accept();
}

void addNewSourceButton(IdPicker& picker, RecordSession& session)
{
    auto* button = new QPushButton(QObject::tr("New Source…"), &picker);
    button->setObjectName("newSource");
    button->setToolTip(QObject::tr("Add a row to SOURCES.md and cite it here"));
    picker.addFooterWidget(button);
    QObject::connect(button, &QPushButton::clicked, &picker, [&picker, &session] {
        auto* form = new SourceForm(session, picker.window());
        form->setAttribute(Qt::WA_DeleteOnClose);
        form->setWindowModality(Qt::WindowModal);
        QObject::connect(form, &QDialog::accepted, &picker, [&picker, &session, form] {
            // Refilled from the dataset the edit reloaded; what was ticked stays ticked.
            const auto checked = picker.checkedIds();
            fillSources(picker, session.dataset());
            for (const std::string& id : checked) picker.setChecked(id);
            picker.setChecked(form->writtenId());
        });
        form->open();
    });
}

}  // namespace atlas::app
