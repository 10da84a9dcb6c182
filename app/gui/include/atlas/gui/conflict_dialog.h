#pragma once
// A save refused because a colleague changed the same row first (DESIGN.md, "Curation": a stale
// edit is a conflict shown to the user, never a silent overwrite). Theirs and mine side by side,
// field by field, the differing fields highlighted and the geometry difference said in words;
// who made their change and when; and the three ways on: keep theirs, keep mine (my edit made
// again on their version), or merge field by field (an event update).
#include "atlas/teamdb/pg_store.h"

#include <QDialog>

#include <optional>

class QTableWidget;

namespace atlas::app {

class ConflictDialog : public QDialog {
    Q_OBJECT
public:
    enum class Choice { KeepTheirs, KeepMine, Merge };

    ConflictDialog(const teamdb::Conflict& conflict, QWidget* parent = nullptr);

    Choice choice() const { return m_choice; }
    // The edit that Merge saves: mine for the fields marked "use mine", theirs (the record as it
    // now is) for the others. Only after Merge.
    std::optional<edit::Edit> merged() const;
    // Whether Merge is offered: one updated feature that is still in the record.
    bool canMerge() const { return m_canMerge; }

    // The table of the first row in conflict (tests): field, theirs, mine, use mine.
    QTableWidget* fields() const { return m_table; }
    // "geometry differs: theirs … mine …", or "" when the geometries are the same.
    QString geometryNote() const { return m_geometryNote; }

private:
    void choose(Choice c);

    teamdb::Conflict m_conflict;
    QTableWidget* m_table = nullptr;
    QString m_geometryNote;
    bool m_canMerge = false;
    Choice m_choice = Choice::KeepTheirs;
};

}  // namespace atlas::app
