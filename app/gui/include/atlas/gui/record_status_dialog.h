#pragma once
// Edit → Record Status Change… on a crossing (the inspector's feature): from the date on, a new
// status (open, closed, restricted) imposed by whom; the span in force is closed and the next
// opened (RecordStatus), as Record Change of Control does for controllers. The form's shared
// parts and its OK are RecordSpanDialog's.
#include "atlas/gui/record_span_dialog.h"

class QComboBox;

namespace atlas::app {

class RecordStatusDialog : public RecordSpanDialog {
    Q_OBJECT
public:
    // `featureId`: preselected ("" lets the user pick one).
    RecordStatusDialog(RecordSession& session, const QString& featureId, QWidget* parent = nullptr);

    std::optional<edit::RecordStatus> edit();
    std::optional<edit::Edit> checkedEdit() override;
    edit::Edit draft() const override;
    // A draft recovered after a crash back in the form, and in this window's journal.
    void restoreDraft(const edit::RecordStatus& r);

private:
    QComboBox* m_status = nullptr;
    QComboBox* m_by = nullptr;
};

}  // namespace atlas::app
