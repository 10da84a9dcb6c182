#pragma once
// Edit → Record Status Change… on a crossing (the inspector's feature): from the date on, a new
// status (open, closed, restricted) imposed by whom; the span in force is closed and the next
// opened (RecordStatus), as Record Change of Control does for controllers. A refusal shows the
// store's diagnostic and keeps the form open; nothing is written.
#include "atlas/edit/edit.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;

namespace atlas::app {

class IdPicker;
class RecordSession;

class RecordStatusDialog : public QDialog {
    Q_OBJECT
public:
    // `featureId`: preselected when it is a crossing ("" lets the user pick one).
    RecordStatusDialog(RecordSession& session, const QString& featureId, QWidget* parent = nullptr);

    std::optional<edit::RecordStatus> edit();
    QString errorText() const;
    IdPicker* sources() const { return m_sources; }

public slots:
    void accept() override;

private:
    void showError(const QString& text);

    RecordSession& m_session;
    QComboBox* m_feature = nullptr;
    QLineEdit* m_date = nullptr;
    QLabel* m_datePrecision = nullptr;
    QComboBox* m_status = nullptr;
    QComboBox* m_by = nullptr;
    IdPicker* m_sources = nullptr;
    QComboBox* m_confidence = nullptr;
    QLineEdit* m_note = nullptr;
    QLabel* m_error = nullptr;
};

}  // namespace atlas::app
