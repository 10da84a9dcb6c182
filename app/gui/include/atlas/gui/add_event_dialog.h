#pragma once
// Edit → Add Event… (Ctrl+Shift+E): the form of one new row of events.geojson. Links and
// sources are picked from searchable lists and the point by a click on the map, so no id or
// coordinate is typed. OK applies an AddEvent through the record session; a refusal shows the
// store's diagnostic (`file:location: field: message`) and keeps the form open, nothing written.
// The same form edits an existing event (Edit Event…): prefilled from its row as written, OK
// applies an UpdateFeature of the fields that changed (event_update.h).
#include "atlas/edit/edit.h"
#include "atlas/geometry_column.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace atlas::app {

class DraftKeeper;
class IdPicker;
class RecordSession;
struct Workbench;

class AddEventDialog : public QDialog {
    Q_OBJECT
public:
    AddEventDialog(RecordSession& session, const Workbench& wb, QWidget* parent = nullptr);
    ~AddEventDialog() override;

    // Turns the form into Edit Event… of `feature` (its row of events.geojson as written).
    void editExisting(const edit::Json& feature);
    bool isEditing() const { return !m_editing.is_null(); }

    // The edit the form describes; nullopt (with the reason in errorText()) when a field is bad.
    std::optional<edit::AddEvent> edit();
    // The form's content unchecked, as typed (what the journal keeps while the form is open).
    edit::AddEvent draft() const;
    // Puts `e` in the form (a row being edited, or a draft recovered after a crash). Ids the
    // pickers lack are kept, not dropped.
    void fill(const edit::AddEvent& e);
    // A draft recovered after a crash back in the form, and in this window's journal.
    void restoreDraft(const edit::AddEvent& e);
    QString errorText() const;
    // The id written by the last accepted OK ("" before).
    const std::string& writtenId() const { return m_written; }

    IdPicker* links() const { return m_links; }
    IdPicker* sources() const { return m_sources; }
    // Starts "Pick on map": the next click on the canvas sets the point.
    void startPicking();
    bool isPicking() const { return m_picking; }

public slots:
    void accept() override;
    void done(int result) override;

private:
    void showError(const QString& text);
    void onCanvasClicked(double x, double y);
    // A place chosen in the list: its point becomes the event's when none is given yet.
    void onPlaceChosen();
    void setLonLat(Coord displayXY);

    RecordSession& m_session;
    const Workbench& m_wb;
    QLineEdit* m_date = nullptr;
    QLabel* m_datePrecision = nullptr;
    QLineEdit* m_dateEnd = nullptr;
    QCheckBox* m_approx = nullptr;
    QComboBox* m_kind = nullptr;
    QLineEdit* m_title = nullptr;
    QLineEdit* m_summary = nullptr;
    QLineEdit* m_actors = nullptr;
    IdPicker* m_links = nullptr;
    QComboBox* m_place = nullptr;
    QLineEdit* m_lon = nullptr;
    QLineEdit* m_lat = nullptr;
    QPushButton* m_pick = nullptr;
    QLineEdit* m_radius = nullptr;
    IdPicker* m_sources = nullptr;
    QComboBox* m_confidence = nullptr;
    QLineEdit* m_note = nullptr;
    QLabel* m_error = nullptr;
    bool m_picking = false;
    std::string m_written;
    edit::Json m_editing;           // the row being edited (null: a new event)
    std::string m_keptPrecision;    // its precision as written ("town point" is no radius)
    std::vector<std::string> m_unlistedLinks, m_unlistedSources;  // ids the pickers lack: kept, not dropped
    DraftKeeper* m_drafts = nullptr;
};

}  // namespace atlas::app
