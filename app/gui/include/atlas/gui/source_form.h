#pragma once
// "New Source…" under a source picker (issue 15): a row of SOURCES.md (outlet, title, date,
// URL, grade H/M/L) added through the record session as an AddSource, so it is validated,
// written atomically and undoable like any edit; the picker is refilled and the new S-number
// ticked, so the source just typed is the one the edit cites.
#include "atlas/edit/edit.h"

#include <QDialog>

#include <optional>
#include <string>

class QComboBox;
class QLabel;
class QLineEdit;

namespace atlas::app {

class IdPicker;
class RecordSession;

class SourceForm : public QDialog {
    Q_OBJECT
public:
    explicit SourceForm(RecordSession& session, QWidget* parent = nullptr);

    std::optional<edit::AddSource> edit();
    QString errorText() const;
    // The S-number written by the accepted OK ("" before).
    const std::string& writtenId() const { return m_written; }

public slots:
    void accept() override;

private:
    void showError(const QString& text);

    RecordSession& m_session;
    QLineEdit* m_outlet = nullptr;
    QLineEdit* m_title = nullptr;
    QLineEdit* m_date = nullptr;
    QLineEdit* m_url = nullptr;
    QComboBox* m_grade = nullptr;
    QLabel* m_error = nullptr;
    std::string m_written;
};

// Puts a "New Source…" button (object name "newSource") under `picker`; an added source is
// ticked in it. The form opens window-modal on the picker's dialog.
void addNewSourceButton(IdPicker& picker, RecordSession& session);

}  // namespace atlas::app
