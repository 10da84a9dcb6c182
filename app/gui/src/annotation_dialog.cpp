#include "atlas/gui/annotation_dialog.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>

namespace atlas::app {

QDate dateOfDay(int32_t day)
{
    return QDate(1970, 1, 1).addDays(day);
}

int32_t dayOfDate(const QDate& date)
{
    return static_cast<int32_t>(QDate(1970, 1, 1).daysTo(date));
}

AnnotationDialog::AnnotationDialog(const render::MapAnnotation& a, bool isNew, QWidget* parent)
    : QDialog(parent), m_a(a)
{
    const QString kind = QString::fromLatin1(render::annotationKindName(a.kind));
    setWindowTitle(isNew ? tr("New %1").arg(kind) : tr("Edit %1").arg(kind));
    auto* form = new QFormLayout;
    const bool hasText = a.kind == render::AnnotationKind::Text || a.kind == render::AnnotationKind::Callout
                         || a.kind == render::AnnotationKind::Marker;
    if (hasText) {
        m_text = new QPlainTextEdit(a.text, this);
        m_text->setTabChangesFocus(true);
        m_text->setMinimumHeight(60);
        m_text->selectAll();
        form->addRow(a.kind == render::AnnotationKind::Marker ? tr("Label (optional)") : tr("Text"), m_text);
    }
    m_colour = new QPushButton(this);
    connect(m_colour, &QPushButton::clicked, this, [this] {
        const QColor c = QColorDialog::getColor(m_a.color, this, tr("Annotation colour"));
        if (c.isValid()) setColour(c);
    });
    setColour(a.color);
    form->addRow(tr("Colour"), m_colour);
    m_size = new QDoubleSpinBox(this);
    m_size->setRange(0.5, 96);
    m_size->setDecimals(1);
    m_size->setValue(a.size);
    m_size->setSuffix(" px");
    const bool line = a.kind == render::AnnotationKind::Arrow || a.kind == render::AnnotationKind::Ellipse;
    form->addRow(line ? tr("Line width") : a.kind == render::AnnotationKind::Marker ? tr("Diameter") : tr("Text size"),
                 m_size);

    auto dateRow = [&](QCheckBox*& on, QDateEdit*& edit, const QString& label, std::optional<int32_t> day) {
        on = new QCheckBox(label, this);
        edit = new QDateEdit(this);
        edit->setDisplayFormat("yyyy-MM-dd");
        edit->setCalendarPopup(true);
        edit->setDate(day ? dateOfDay(*day) : QDate::currentDate());
        on->setChecked(day.has_value());
        edit->setEnabled(day.has_value());
        connect(on, &QCheckBox::toggled, edit, &QWidget::setEnabled);
        auto* row = new QHBoxLayout;
        row->addWidget(on);
        row->addWidget(edit, 1);
        return row;
    };
    form->addRow(tr("Shown"), dateRow(m_fromOn, m_from, tr("from"), a.fromDay));
    form->addRow(QString(), dateRow(m_toOn, m_to, tr("until (not on)"), a.toDay));
    auto* note = new QLabel(tr("Without dates the annotation shows on every day."), this);
    note->setWordWrap(true);
    form->addRow(QString(), note);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_text && m_a.kind != render::AnnotationKind::Marker && m_text->toPlainText().trimmed().isEmpty()) {
            m_text->setFocus();
            return;
        }
        if (m_fromOn->isChecked() && m_toOn->isChecked() && m_to->date() <= m_from->date()) {
            m_to->setFocus();
            return;
        }
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

void AnnotationDialog::setColour(const QColor& c)
{
    m_a.color = c;
    m_colour->setText(c.name());
    m_colour->setStyleSheet(QString("QPushButton { background: %1; color: %2; }")
                                .arg(c.name(), c.lightness() > 140 ? "black" : "white"));
}

render::MapAnnotation AnnotationDialog::annotation() const
{
    render::MapAnnotation a = m_a;
    if (m_text) a.text = m_text->toPlainText().trimmed();
    a.size = m_size->value();
    a.fromDay = m_fromOn->isChecked() ? std::optional<int32_t>(dayOfDate(m_from->date())) : std::nullopt;
    a.toDay = m_toOn->isChecked() ? std::optional<int32_t>(dayOfDate(m_to->date())) : std::nullopt;
    return a;
}

}  // namespace atlas::app
