#pragma once
// Editing one annotation: its text, colour, size and the dates it is shown.
#include "atlas/render/layout_annotations.h"

#include <QDialog>

class QCheckBox;
class QDateEdit;
class QDoubleSpinBox;
class QPlainTextEdit;
class QPushButton;

namespace atlas::app {

class AnnotationDialog : public QDialog {
    Q_OBJECT
public:
    AnnotationDialog(const render::MapAnnotation& a, bool isNew, QWidget* parent = nullptr);
    render::MapAnnotation annotation() const;

private:
    void setColour(const QColor& c);

    render::MapAnnotation m_a;
    QPlainTextEdit* m_text = nullptr;
    QPushButton* m_colour = nullptr;
    QDoubleSpinBox* m_size = nullptr;
    QCheckBox* m_fromOn = nullptr;
    QCheckBox* m_toOn = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
};

// Day numbers ↔ QDate.
QDate dateOfDay(int32_t day);
int32_t dayOfDate(const QDate& date);

}  // namespace atlas::app
