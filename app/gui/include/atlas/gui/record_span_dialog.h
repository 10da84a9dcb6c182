#pragma once
// What Record Change of Control… and Record Status Change… share (issue 15): a feature chosen by
// name, the date the new span starts with its precision shown, the sources, confidence and note,
// the refusal label and OK/Cancel. OK applies the subclass's edit through the record session;
// a refusal keeps the form open with the store's diagnostic, nothing written. While open, the
// form is journalled as a draft (draft_keeper.h), so a crash loses nothing.
#include "atlas/edit/edit.h"

#include <QDialog>

#include <functional>
#include <optional>
#include <string>
#include <vector>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace atlas::app {

class DraftKeeper;
class IdPicker;
class RecordSession;

class RecordSpanDialog : public QDialog {
    Q_OBJECT
public:
    // The edit the form describes; nullopt (with the reason in errorText()) when a field is bad.
    virtual std::optional<edit::Edit> checkedEdit() = 0;
    // The form's content as an edit, unchecked (what the journal keeps).
    virtual edit::Edit draft() const = 0;
    QString errorText() const;
    IdPicker* sources() const { return m_sources; }

public slots:
    void accept() override;
    void done(int result) override;

protected:
    // The fields every span has; the subclass's own rows go into form() between build() and
    // finish().
    struct Common {
        std::string featureId;
        std::string date;  // as typed, trimmed
        std::vector<std::string> sources;
        std::string confidence;
        std::string note;
    };
    RecordSpanDialog(RecordSession& session, QWidget* parent);
    // Adds the feature (ids accepted by `pick`, `featureId` chosen) and date rows.
    void build(const QString& featureLabel, const std::function<bool(const std::string&)>& pick,
               const QString& featureId);
    // Adds sources, confidence, note, the refusal label and the buttons; starts journalling the
    // draft under `slot`.
    void finish(const std::string& slot);
    QFormLayout* form() const { return m_form; }
    Common common() const;
    // The common fields checked (a feature chosen, a date the parser reads); nullopt: shown why.
    std::optional<Common> checkedCommon(const QString& noFeature);
    // Puts a recovered draft's common fields back in the form.
    void fillCommon(const Common& c);
    void showError(const QString& text);
    // The draft is recovered content, not where the form started: journal it as it is.
    void keepAsDraft();

    RecordSession& m_session;

private:
    QFormLayout* m_form = nullptr;
    QComboBox* m_feature = nullptr;
    QLineEdit* m_date = nullptr;
    QLabel* m_datePrecision = nullptr;
    IdPicker* m_sources = nullptr;
    QComboBox* m_confidence = nullptr;
    QLineEdit* m_note = nullptr;
    QLabel* m_error = nullptr;
    DraftKeeper* m_drafts = nullptr;
};

}  // namespace atlas::app
