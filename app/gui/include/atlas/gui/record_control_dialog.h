#pragma once
// Edit → Record Change of Control… on a place, mine or crossing (the inspector's feature): from
// the date on, a new controller; the span in force is closed and the next opened (RecordControl).
// The form's shared parts and its OK are RecordSpanDialog's.
#include "atlas/gui/record_span_dialog.h"

class QComboBox;

namespace atlas::app {

class RecordControlDialog : public RecordSpanDialog {
    Q_OBJECT
public:
    // `featureId`: preselected ("" lets the user pick one).
    RecordControlDialog(RecordSession& session, const QString& featureId, QWidget* parent = nullptr);

    std::optional<edit::RecordControl> edit();
    std::optional<edit::Edit> checkedEdit() override;
    edit::Edit draft() const override;
    // A draft recovered after a crash back in the form, and in this window's journal.
    void restoreDraft(const edit::RecordControl& r);

private:
    QComboBox* m_controller = nullptr;
};

}  // namespace atlas::app
