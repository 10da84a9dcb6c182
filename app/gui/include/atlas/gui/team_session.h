#pragma once
// The window on the team database (issue 16, DESIGN.md "Curation"): File → Connect to Team
// Database… makes the record session edit through a PgStore, shows the record from the store's
// mirror, and keeps the window current with the colleagues' commits (NOTIFY). A save's other
// outcomes are handled here, while the save is still in progress: a conflict asks the user
// (conflict_dialog.h), an unreachable server keeps the edit in the edit journal to retry, and a
// refusal by the server (a reader's login) is said in a message box.
#include "atlas/result.h"
#include "atlas/teamdb/listener.h"
#include "atlas/teamdb/pg_store.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>
#include <vector>

class QAction;
class QLabel;
class QTimer;
class QToolBar;

namespace atlas::app {

struct Workbench;
class EditJournal;
class RecordSession;
class TeamBackend;
class TeamListener;

class TeamSession : public QObject {
    Q_OBJECT
public:
    // Edits kept for a retry go into the session's journal (the window's one).
    TeamSession(const Workbench& wb, RecordSession& session, QObject* parent = nullptr);
    ~TeamSession() override;

    // Connects to `url` (a connection string, postgresql:// URI or service=NAME), with
    // `password` added in memory only when given, and edits the record there from now on.
    Result<bool> connectTo(const QString& url, const QString& password = {});
    bool isConnected() const { return m_store != nullptr; }
    // Hearing the record's commits (the listening connection is up).
    bool isListening() const;
    // The address as shown and remembered: without any password.
    QString displayUrl() const { return m_display; }
    // The connection string in use (with the password typed in this session, if any).
    std::string url() const { return m_url; }
    teamdb::PgStore* store() const { return m_store.get(); }
    const EditJournal& journal() const;
    // The window's last notice about the record ("ann updated event:… (version 3)").
    QString notice() const;

    // File → Connect to Team Database…: asks for the address (and a password when the server
    // wants one).
    void chooseAndConnect();
    // Edit → Retry Unsaved Team Edits: saves the edits kept while the server was unreachable.
    void retry();

    // RecordBackend::save of the team record: the store's outcome, resolved with the user.
    Result<edit::Applied> save(const edit::Edit& edit);

signals:
    // Connected, or the record reloaded after a commit (ours or a colleague's).
    void recordRefreshed();

private:
    Result<edit::Applied> resolve(const teamdb::Conflict& conflict);
    Result<edit::Applied> keep(const edit::Edit& edit, const Diagnostics& why);
    Result<edit::Applied> refused(const Diagnostics& why);
    void onChanges(const std::vector<teamdb::Change>& changes);
    void applyChanges();
    void listen();
    // The listening connection was lost: tried again, 2 s after, then less and less often (up
    // to a minute), until the server answers; what was missed meanwhile is reloaded then.
    void relisten();
    void showNotice(const QString& text, bool retry);
    void updatePendingAction();
    void leaveIfReplaced();

    const Workbench& m_wb;
    RecordSession& m_session;
    std::string m_url;
    QString m_display;
    std::shared_ptr<teamdb::PgStore> m_store;
    std::shared_ptr<TeamBackend> m_backend;
    QPointer<TeamListener> m_listener;
    std::vector<teamdb::Change> m_arrived;  // NOTIFYs not shown yet (a commit brings several)
    QTimer* m_coalesce = nullptr;
    QTimer* m_relisten = nullptr;
    std::string m_retrySlot;  // the journal slot of the edit being retried
    bool m_unreachable = false;  // the last save found the server gone
    QAction* m_connect = nullptr;
    QAction* m_retry = nullptr;
    QAction* m_barRetry = nullptr;  // the notice's own Retry button
    QToolBar* m_noticeBar = nullptr;
    QLabel* m_noticeText = nullptr;
    QLabel* m_statusLabel = nullptr;
};

}  // namespace atlas::app
