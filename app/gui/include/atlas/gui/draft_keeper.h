#pragma once
// Keeps an open editing form's content in the record's journal (edit_journal.h) as the user
// types, so a crash or a kill loses no half-written event, record or redrawn line: the next
// start offers it back in the same form. A form is journalled only once it differs from what it
// opened with; applying it or giving it up drops the draft. Closing the window with the form
// still open keeps it, as nothing was applied.
#include "atlas/edit/edit.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>
#include <string>

class QWidget;

namespace atlas::app {

class EditJournal;

class DraftKeeper : public QObject {
    Q_OBJECT
public:
    // `draft` gives the form's content as an edit, however incomplete (nullopt: nothing yet).
    // Every line edit, combo box, check box and picker under `form` is watched.
    DraftKeeper(QWidget& form, EditJournal& journal, std::string slot, std::string store,
                std::function<std::optional<edit::Edit>()> draft);

    // What the form shows now is where it started (after prefilling it): not a draft.
    void setBaseline();
    // Another slot for the same form (Add Event turned into Edit Event of one id).
    void setSlot(std::string slot);
    // Something the watched widgets do not signal changed (a vertex moved on the map).
    void touch();
    // Writes a pending change now (tests, and before a crash-prone step).
    void flush();
    // The form holds a draft recovered after a crash: journalled as it is now, and kept until
    // applied or given up even if nothing more is typed.
    void keepRecovered();
    // The form was applied or given up: its draft is dropped and nothing more is journalled.
    void finish();
    const std::string& slot() const { return m_slot; }

private:
    void write();

    EditJournal& m_journal;
    std::string m_slot, m_store, m_baseline;
    std::function<std::optional<edit::Edit>()> m_draft;
    QTimer m_delay;
    bool m_finished = false;
};

}  // namespace atlas::app
