#pragma once
// Delete Event… (issue 15): asks before a row of events.geojson is removed, and for the source
// that says the event did not happen as recorded (every edit names one). OK applies a
// DeleteFeature; a refusal (no source, something still links to the event) shows the store's
// diagnostic and keeps the dialog open, nothing written.
#include <QDialog>

#include <string>

class QLabel;

namespace atlas::app {

class IdPicker;
class RecordSession;

class DeleteEventDialog : public QDialog {
    Q_OBJECT
public:
    DeleteEventDialog(RecordSession& session, const std::string& eventId, QWidget* parent = nullptr);

    IdPicker* sources() const { return m_sources; }
    QString errorText() const;

public slots:
    void accept() override;

private:
    RecordSession& m_session;
    std::string m_id;
    IdPicker* m_sources = nullptr;
    QLabel* m_error = nullptr;
};

}  // namespace atlas::app
