#include "atlas/gui/team_session.h"

#include "atlas/gui/conflict_dialog.h"
#include "atlas/gui/record_session.h"
#include "atlas/gui/team_listener.h"
#include "atlas/gui/team_url.h"
#include "atlas/gui/window_menus.h"
#include "atlas/gui/workbench.h"
#include "atlas/edit/edit_json.h"
#include "atlas/model/edit_journal.h"
#include "atlas/teamdb/connection.h"

#include <QAction>
#include <QApplication>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

#include <algorithm>

namespace atlas::app {

namespace {

const char* const kUrlSetting = "teamDatabase/url";

// A save is one short transaction: a wait cursor, not a worker thread.
class WaitCursor {
public:
    WaitCursor() { QApplication::setOverrideCursor(Qt::WaitCursor); }
    ~WaitCursor() { QApplication::restoreOverrideCursor(); }
    WaitCursor(const WaitCursor&) = delete;
    WaitCursor& operator=(const WaitCursor&) = delete;
};

QString verb(const std::string& op)
{
    if (op == "INSERT") return QObject::tr("added");
    if (op == "DELETE") return QObject::tr("removed");
    return QObject::tr("updated");
}

Result<edit::Applied> notSaved(const QString& why)
{
    Diagnostics d;
    d.error("", "", "", why.toStdString());
    return d;
}

}  // namespace

// The team record as the record session's backend: the window shows the store's mirror.
class TeamBackend final : public RecordBackend {
public:
    TeamBackend(TeamSession& team, std::shared_ptr<teamdb::PgStore> store, std::string location)
        : m_team(team), m_store(std::move(store)), m_location(std::move(location))
    {
    }
    edit::DatasetStore& store() override { return *m_store; }
    std::string location() const override { return m_location; }
    QString shownDir() const override { return QString::fromStdString(m_store->mirrorDir()); }
    Result<edit::Applied> save(const edit::Edit& e) override { return m_team.save(e); }

private:
    TeamSession& m_team;
    std::shared_ptr<teamdb::PgStore> m_store;
    std::string m_location;  // the address without its password, as the journal names it
};

TeamSession::TeamSession(const Workbench& wb, RecordSession& session, QObject* parent)
    : QObject(parent), m_wb(wb), m_session(session)
{
    setObjectName("teamSession");
    m_connect = new QAction(tr("Connect to &Team Database…"), this);
    m_connect->setObjectName("connectTeamDatabase");
    m_connect->setStatusTip(tr("Edit the shared record on a PostgreSQL/PostGIS server with your colleagues"));
    connect(m_connect, &QAction::triggered, this, &TeamSession::chooseAndConnect);
    m_wb.menus.addFileAction(m_connect, WindowMenus::FileGroup::Data);
    m_retry = new QAction(tr("&Retry Unsaved Team Edits"), this);
    m_retry->setObjectName("retryTeamEdits");
    m_retry->setStatusTip(tr("Save the edits kept while the team database was unreachable"));
    m_retry->setEnabled(false);
    connect(m_retry, &QAction::triggered, this, &TeamSession::retry);
    QMenu* editMenu = m_wb.menus.menu(WindowMenus::Menu::Edit);
    editMenu->addAction(m_connect);
    editMenu->addAction(m_retry);

    // The non-modal notice: what a colleague changed, or that edits wait for the server.
    m_noticeBar = new QToolBar(tr("Team Database Notice"), &m_wb.frame);
    m_noticeBar->setObjectName("teamNoticeBar");
    m_noticeBar->setMovable(false);
    m_noticeText = new QLabel(m_noticeBar);
    m_noticeText->setObjectName("teamNotice");
    m_noticeBar->addWidget(m_noticeText);
    auto* retryButton = new QToolButton(m_noticeBar);
    retryButton->setDefaultAction(m_retry);
    // Shown only on the "unreachable" notice; a colleague's change needs no retry.
    m_barRetry = m_noticeBar->addWidget(retryButton);
    m_noticeBar->addAction(tr("Dismiss"), m_noticeBar, &QWidget::hide);
    // A row of its own: beside the annotation tools it would be cut to "»".
    m_wb.frame.addToolBarBreak(Qt::TopToolBarArea);
    m_wb.frame.addToolBar(Qt::TopToolBarArea, m_noticeBar);
    m_noticeBar->hide();

    m_relisten = new QTimer(this);
    m_relisten->setSingleShot(true);
    connect(m_relisten, &QTimer::timeout, this, &TeamSession::relisten);
    m_coalesce = new QTimer(this);
    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(30);
    connect(m_coalesce, &QTimer::timeout, this, &TeamSession::applyChanges);
    connect(&m_session, &RecordSession::recordChanged, this, &TeamSession::leaveIfReplaced);
}

TeamSession::~TeamSession() = default;

const EditJournal& TeamSession::journal() const { return m_session.journal(); }

QString TeamSession::notice() const { return m_noticeBar->isHidden() ? QString() : m_noticeText->text(); }

Result<bool> TeamSession::connectTo(const QString& typed, const QString& password)
{
    const QString url = password.isEmpty() ? typed.trimmed() : withPassword(typed.trimmed(), password);
    auto store = std::make_shared<teamdb::PgStore>(url.toStdString());
    {
        WaitCursor wait;
        if (Diagnostics d = store->refresh(); d.hasErrors()) return d;
    }
    m_url = url.toStdString();
    m_display = withoutPassword(typed);
    m_store = store;
    m_backend = std::make_shared<TeamBackend>(*this, m_store, m_display.toStdString());
    m_session.openBackend(m_backend);
    listen();
    m_wb.frame.setWindowTitle(tr("Kachin Atlas — Team database: %1").arg(m_display));
    if (!m_statusLabel) {
        m_statusLabel = new QLabel(&m_wb.status);
        m_statusLabel->setObjectName("teamStatus");
        m_wb.status.addPermanentWidget(m_statusLabel);
    }
    m_statusLabel->setText(tr("Team database: %1").arg(m_display));
    m_statusLabel->show();
    m_wb.status.showMessage(tr("Connected to the team database %1").arg(m_display), 5000);
    updatePendingAction();
    if (m_retry->isEnabled())
        showNotice(tr("Edits kept while the team database was unreachable are not saved yet."), true);
    emit recordRefreshed();
    return true;
}

void TeamSession::chooseAndConnect()
{
    bool ok = false;
    const QString url = QInputDialog::getText(
        &m_wb.frame, tr("Connect to Team Database"),
        tr("The database's address: a connection string (host=… dbname=… user=…), a URI "
           "(postgresql://user@host/db) or service=NAME from pg_service.conf.\n"
           "Passwords come from ~/.pgpass or PGPASSWORD; one you type is kept only until you quit."),
        QLineEdit::Normal, QSettings().value(kUrlSetting).toString(), &ok);
    if (!ok || url.trimmed().isEmpty()) return;
    auto connected = connectTo(url);
    if (!connected && wantsPassword(QString::fromStdString(connected.message()))) {
        const QString password = QInputDialog::getText(
            &m_wb.frame, tr("Team Database Password"),
            tr("The server wants a password for %1:").arg(withoutPassword(url)), QLineEdit::Password, {}, &ok);
        if (!ok) return;
        connected = connectTo(url, password);
    }
    if (!connected) {
        QMessageBox::warning(&m_wb.frame, tr("Connect to Team Database"),
                             tr("Could not open the team record:\n%1").arg(QString::fromStdString(connected.message())));
        return;
    }
    QSettings().setValue(kUrlSetting, withoutPassword(url));
}

void TeamSession::listen()
{
    delete m_listener;
    try {
        m_listener = new TeamListener(m_url, this);
    } catch (const teamdb::DbError& e) {
        m_wb.status.showMessage(tr("Live updates are off: %1").arg(QString::fromUtf8(e.what())), 8000);
        return;
    }
    connect(m_listener, &TeamListener::changed, this, &TeamSession::onChanges);
    connect(m_listener, &TeamListener::lost, this, [this](const QString& why) {
        m_listener->deleteLater();
        m_listener = nullptr;
        m_wb.status.showMessage(tr("Live updates stopped (%1); trying to reconnect").arg(why.trimmed()), 8000);
        m_relisten->setInterval(2000);
        m_relisten->start();
    });
}

bool TeamSession::isListening() const { return m_listener != nullptr; }

void TeamSession::relisten()
{
    if (!m_store || m_listener) return;
    listen();
    if (!m_listener) {
        m_relisten->setInterval(std::min(m_relisten->interval() * 2, 60000));
        m_relisten->start();
        return;
    }
    // Commits made while nobody listened sent no NOTIFY this window heard: reload the record.
    {
        WaitCursor wait;
        if (Diagnostics d = m_store->refresh(); d.hasErrors()) return;
    }
    m_session.reloadIfCurrent(m_backend.get());
    m_wb.status.showMessage(tr("Live updates are back; the team record was reloaded"), 8000);
    emit recordRefreshed();
}

Result<edit::Applied> TeamSession::save(const edit::Edit& e)
{
    teamdb::SaveOutcome outcome;
    {
        WaitCursor wait;
        outcome = m_store->save(e);
    }
    m_unreachable = false;
    if (auto* applied = std::get_if<edit::Applied>(&outcome)) {
        if (!m_listener) listen();  // the server is back
        emit recordRefreshed();
        return std::move(*applied);
    }
    if (const auto* conflict = std::get_if<teamdb::Conflict>(&outcome)) return resolve(*conflict);
    const auto& r = std::get<teamdb::Refused>(outcome);
    return r.unreachable ? keep(r.edit, r.why) : refused(r.why);
}

Result<edit::Applied> TeamSession::resolve(const teamdb::Conflict& conflict)
{
    ConflictDialog dialog(conflict, &m_wb.frame);
    dialog.exec();
    // Whatever the choice, the record is reloaded: their change is what the next save builds on.
    {
        WaitCursor wait;
        m_store->refresh();
    }
    m_session.reloadIfCurrent(m_backend.get());
    emit recordRefreshed();
    std::optional<edit::Edit> again;
    if (dialog.choice() == ConflictDialog::Choice::KeepMine) again = conflict.edit;
    else if (dialog.choice() == ConflictDialog::Choice::Merge) again = dialog.merged();
    if (const auto* u = again ? std::get_if<edit::UpdateFeature>(&*again) : nullptr; u && u->set.empty() && !u->geometry)
        again.reset();  // a merge that keeps every field of theirs
    if (!again) {
        const QString who = QString::fromStdString(conflict.rows.empty() ? std::string() : conflict.rows.front().theirLogin);
        return notSaved(tr("You kept %1's version; your edit was not saved.").arg(who.isEmpty() ? tr("the record") : who));
    }
    return save(*again);
}

Result<edit::Applied> TeamSession::keep(const edit::Edit& e, const Diagnostics& why)
{
    m_unreachable = true;
    EditJournal& journal = m_session.journal();
    // The dialog that made the edit stays open with the message: OK pressed again keeps the
    // same edit once, not twice.
    std::string slot = m_retrySlot;
    for (const JournalEntry& kept : journal.entries())
        if (slot.empty() && kept.kind == JournalEntry::Kind::Pending && edit::toJson(kept.edit) == edit::toJson(e))
            slot = kept.slot;
    for (int n = 1; slot.empty(); ++n) {
        const std::string candidate = "pending:" + std::to_string(n);
        if (std::none_of(journal.entries().begin(), journal.entries().end(),
                         [&](const JournalEntry& k) { return k.slot == candidate; }))
            slot = candidate;
    }
    const Diagnostics written = journal.put({JournalEntry::Kind::Pending, slot, m_display.toStdString(), e, {}});
    const QString text = tr("The team database is unreachable; your edit is kept.");
    showNotice(text + (written.hasErrors() ? tr(" (Not in the journal: %1)").arg(QString::fromStdString(written.formatAll()))
                                           : QString()),
               true);
    m_wb.status.showMessage(text, 10000);
    updatePendingAction();
    return notSaved(text + ' ' + tr("Retry when the server is back (Edit → Retry Unsaved Team Edits).") + '\n' +
                    QString::fromStdString(why.formatAll()));
}

Result<edit::Applied> TeamSession::refused(const Diagnostics& why)
{
    const QString text = QString::fromStdString(why.formatAll());
    // Not modal: the dialog that made the edit shows the reason too, and stays open.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Edit Refused"),
                                tr("The team database refused the edit; nothing was written:\n%1").arg(text),
                                QMessageBox::Ok, &m_wb.frame);
    box->setObjectName("teamRefusedBox");
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return why;
}

void TeamSession::retry()
{
    if (!m_store) return;
    const std::vector<JournalEntry> entries = m_session.journal().entries();
    for (const JournalEntry& entry : entries) {
        if (entry.kind != JournalEntry::Kind::Pending || entry.store != m_display.toStdString()) continue;
        m_retrySlot = entry.slot;
        const auto applied = m_session.apply(entry.edit);
        m_retrySlot.clear();
        if (!applied && m_unreachable) break;  // still unreachable: kept, try later
        // Saved, or refused for good (the user was told why): no longer pending.
        m_session.journal().drop(entry.slot);
    }
    updatePendingAction();
    if (!m_retry->isEnabled()) {
        m_noticeBar->hide();
        m_wb.status.showMessage(tr("The kept edits are saved in the team database"), 8000);
    }
}

void TeamSession::updatePendingAction()
{
    const auto& entries = m_session.journal().entries();
    const bool pending = std::any_of(entries.begin(), entries.end(), [&](const JournalEntry& e) {
        return e.kind == JournalEntry::Kind::Pending && e.store == m_display.toStdString();
    });
    m_retry->setEnabled(pending && m_store);
}

void TeamSession::onChanges(const std::vector<teamdb::Change>& changes)
{
    if (!m_store) return;
    for (const teamdb::Change& c : changes) {
        // What the mirror already holds came from our own save (it reloads after committing).
        const auto seen = m_store->seenVersion(c.table, c.key);
        const bool known = c.op == "DELETE" ? !seen : (seen && *seen >= c.version);
        if (!known) m_arrived.push_back(c);
    }
    if (!m_arrived.empty()) m_coalesce->start();
}

void TeamSession::applyChanges()
{
    if (m_arrived.empty() || !m_store) return;
    const std::vector<teamdb::Change> arrived = std::exchange(m_arrived, {});
    {
        WaitCursor wait;
        if (Diagnostics d = m_store->refresh(); d.hasErrors()) {
            m_wb.status.showMessage(tr("Could not reload the team record: %1").arg(QString::fromStdString(d.formatAll())), 8000);
            return;
        }
    }
    m_session.reloadIfCurrent(m_backend.get());
    QStringList said;
    for (const teamdb::Change& c : arrived) {
        if (c.key.empty()) continue;  // a row without an id (controllers.csv): said by its feature's rows
        QString line = tr("%1 %2 %3").arg(QString::fromStdString(c.login.empty() ? "someone" : c.login), verb(c.op),
                                          QString::fromStdString(c.key));
        if (c.op != "DELETE") line += tr(" (version %1)").arg(c.version);
        if (!said.contains(line)) said << line;
    }
    if (said.isEmpty())
        said << tr("%1 changed the record").arg(QString::fromStdString(arrived.front().login));
    const int shown = 3;
    QString text = QStringList(said.mid(0, shown)).join("; ");
    if (said.size() > shown) text += tr("; and %1 more").arg(said.size() - shown);
    showNotice(text, false);
    m_wb.status.showMessage(text, 15000);
    emit recordRefreshed();
}

void TeamSession::showNotice(const QString& text, bool retry)
{
    m_noticeText->setText(text);
    m_barRetry->setVisible(retry);
    m_noticeBar->show();
    if (retry) m_retry->setEnabled(true);
}

void TeamSession::leaveIfReplaced()
{
    if (!m_store || m_session.backend() == m_backend.get()) return;
    // Another dataset was opened for editing: this window no longer follows the team record.
    delete m_listener;
    m_store.reset();
    m_backend.reset();
    m_url.clear();
    m_wb.frame.setWindowTitle("Kachin Atlas");
    if (m_statusLabel) m_statusLabel->hide();
    m_noticeBar->hide();
    updatePendingAction();
}

}  // namespace atlas::app
