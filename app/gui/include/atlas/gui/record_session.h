#pragma once
// Editing the record in the window (issue 15, DESIGN.md "Curation"): a dataset folder opened
// for editing, a FolderStore on it, and the Edit menu's curation actions. Every applied edit
// goes on the window's undo stack as (edit, inverse), and the window's dataset is reloaded from
// the folder at once, so the map, inspector and timeline show what the files now hold.
// The edits can go to a team database instead (team_session.h): a RecordBackend other than a
// folder, which shows the record from its mirror folder.
#include "atlas/edit/dataset_store.h"
#include "atlas/model/edit_journal.h"
#include "atlas/result.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>
#include <set>

class QAction;
class QWidget;

namespace atlas::app {

struct Workbench;
class VersionPanel;

// Where the window's edits go. A folder is the simple case; the team database has more outcomes
// than written or refused (a conflict, an unreachable server), which its backend handles itself
// before answering, and it shows the record from a mirror folder that moves with every refresh.
class RecordBackend {
public:
    virtual ~RecordBackend() = default;
    virtual edit::DatasetStore& store() = 0;
    // Where the edits go, as the journal names it: the folder, or the database's address
    // without its password.
    virtual std::string location() const = 0;
    // The folder whose dataset the window shows now.
    virtual QString shownDir() const = 0;
    // Saves `edit`; an error when it was not written (the reason in words).
    virtual Result<edit::Applied> save(const edit::Edit& edit) = 0;
};

class RecordSession : public QObject {
    Q_OBJECT
public:
    explicit RecordSession(const Workbench& wb, QObject* parent = nullptr);
    ~RecordSession() override;

    // Opens a folder of the geodata schema for editing and shows its dataset in the window.
    // Refused (with the reason) when the folder has no events.geojson or cannot be written.
    Result<bool> openFolder(const QString& dir);
    // Edits through `backend` from now on (the team database) and shows its dataset.
    void openBackend(std::shared_ptr<RecordBackend> backend);
    bool isOpen() const { return m_backend != nullptr; }
    QString folder() const;
    const RecordBackend* backend() const { return m_backend.get(); }
    const Dataset* dataset() const;

    // Checks and writes `edit`; on success the edit and its inverse go on the undo stack and
    // the window's dataset is reloaded. A refusal changes nothing.
    Result<edit::Applied> apply(const edit::Edit& edit);
    // The id the last applied edit wrote ("" before any).
    const std::string& lastWrittenId() const { return m_lastId; }
    // Reloads the window's dataset when `backend` is the one being edited (undo, redo, a
    // colleague's change).
    void reloadIfCurrent(const RecordBackend* backend);
    // An undo or redo the store refused (a file changed on disk meanwhile): said in a message box.
    void reportRefused(const QString& what, const std::string& message);

    // The dialogs (null parent: the window). Each asks to open a dataset first when none is.
    void showAddEvent();
    void showRecordControl();
    void showRecordStatus();
    // Edit Event… / Delete Event… on the event the inspector shows, or else the one selected
    // in the event list.
    void showEditEvent();
    void showDeleteEvent();
    QString currentEventId() const;
    // New Version as Of… on the front line or control area the inspector shows: the version in
    // force on the clock's day, reshaped on the map (version_panel.h). One at a time.
    void showNewVersion();
    VersionPanel* versionPanel() const;
    // Edit → Open Dataset for Editing…: a folder; the bundled or a read-only one is copied first.
    void chooseAndOpen();

    // Copies the schema's files of `from` into the (empty or new) folder `to`.
    static Result<bool> copyDataset(const QString& from, const QString& to);

    // The unsaved edits of this window (forms being filled, edits waiting for the team
    // database), rewritten as they change; a killed window's journal is offered back next time.
    EditJournal& journal() { return *m_journal; }
    // Where the edits go, as the journal names it: the folder being edited ("" before one).
    std::string storeLocation() const { return m_backend ? m_backend->location() : std::string(); }
    // Journals left by windows that did not close normally.
    QStringList recoverableJournals() const { return m_journal->orphans(); }
    // Takes a left journal's edits back: each draft reopens its form (Add Event, Edit Event,
    // Record Change of Control, Record Status Change, New Version) as it was, on the dataset
    // folder it was made on; the journal's file is removed once its entries are this window's.
    Diagnostics recoverJournal(const QString& file);

signals:
    // A folder was opened or an edit applied, undone or redone.
    void recordChanged();

private:
    void reload();
    bool ensureOpen();
    void offerRecovery();
    Diagnostics reopenDraft(const JournalEntry& entry);

    const Workbench& m_wb;
    std::string m_lastId;
    std::shared_ptr<RecordBackend> m_backend;
    QAction* m_addEvent = nullptr;
    QAction* m_recordControl = nullptr;
    QAction* m_recordStatus = nullptr;
    QAction* m_editEvent = nullptr;
    QAction* m_deleteEvent = nullptr;
    QAction* m_newVersion = nullptr;
    QPointer<VersionPanel> m_versionPanel;
    std::unique_ptr<EditJournal> m_journal;
    // Slots of recovered drafts whose store is not open yet: reopened by openBackend().
    std::set<std::string> m_waitingDrafts;
};

}  // namespace atlas::app
