#include "atlas/gui/record_session.h"

#include "atlas/gui/add_event_dialog.h"
#include "atlas/gui/browse_tools.h"
#include "atlas/gui/delete_event_dialog.h"
#include "atlas/gui/event_list_dock.h"
#include "atlas/gui/event_update.h"
#include "atlas/gui/identify.h"
#include "atlas/gui/inspector.h"
#include "atlas/gui/map_canvas.h"
#include "atlas/gui/record_control_dialog.h"
#include "atlas/gui/record_form.h"
#include "atlas/gui/record_status_dialog.h"
#include "atlas/gui/version_panel.h"
#include "atlas/model/time_controller.h"
#include "atlas/time/date.h"
#include "atlas/gui/window_menus.h"
#include "atlas/gui/workbench.h"
#include "atlas/model/data_paths.h"
#include "atlas/model/document_model.h"

#include <QAction>
#include <QPushButton>
#include <QTimer>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <QUndoCommand>
#include <QUndoStack>

namespace atlas::app {
namespace {

// One applied edit on the undo stack. It was applied before being pushed, so the first redo
// (QUndoStack::push calls it) does nothing. Undo applies the inverse through the store the edit
// was made in (kept alive by the command, also when the window now edits elsewhere); the inverse
// of that inverse is what redo applies next, so a redone edit puts back exactly the rows undo
// removed.
class RecordEditCommand : public QUndoCommand {
public:
    RecordEditCommand(RecordSession& session, std::shared_ptr<RecordBackend> backend, edit::Edit done,
                      edit::Edit inverse)
        : m_session(session), m_backend(std::move(backend)), m_redo(std::move(done)), m_undo(std::move(inverse))
    {
        setText(QString::fromStdString(edit::describe(m_redo)));
    }
    void redo() override
    {
        if (m_first) {
            m_first = false;
            return;
        }
        run(m_redo, m_undo);
    }
    void undo() override { run(m_undo, m_redo); }

private:
    void run(const edit::Edit& what, edit::Edit& opposite)
    {
        // Through the backend's save, as the edit itself went: on a team record a colleague's
        // change in between gets the conflict dialog, and an unreachable server keeps the step
        // in the journal for Retry.
        const auto applied = m_backend->save(what);
        if (applied) opposite = applied->inverse;
        else m_session.reportRefused(text(), applied.message());
        m_session.reloadIfCurrent(m_backend.get());
    }

    RecordSession& m_session;
    std::shared_ptr<RecordBackend> m_backend;
    edit::Edit m_redo, m_undo;
    bool m_first = true;
};

class FolderBackend final : public RecordBackend {
public:
    explicit FolderBackend(QString dir) : m_dir(std::move(dir)), m_store(m_dir.toStdString()) {}
    edit::DatasetStore& store() override { return m_store; }
    std::string location() const override { return m_dir.toStdString(); }
    QString shownDir() const override { return m_dir; }
    Result<edit::Applied> save(const edit::Edit& e) override { return m_store.apply(e); }

private:
    QString m_dir;
    edit::FolderStore m_store;
};

bool isBundled(const QString& dir)
{
    const QString bundled = DataPaths::locate().geodataDir;
    return !bundled.isEmpty() && QFileInfo(bundled).canonicalFilePath() == QFileInfo(dir).canonicalFilePath();
}

}  // namespace

RecordSession::RecordSession(const Workbench& wb, QObject* parent)
    : QObject(parent), m_wb(wb), m_journal(std::make_unique<EditJournal>(EditJournal::journalDir()))
{
    setObjectName("recordSession");
    QMenu* menu = m_wb.menus.menu(WindowMenus::Menu::Edit);
    menu->addSeparator();
    QAction* open = menu->addAction(tr("Open Dataset for &Editing…"), this, &RecordSession::chooseAndOpen);
    open->setObjectName("openDatasetForEditing");
    open->setStatusTip(tr("Edit a dataset folder: added events and records are written to its files"));
    m_addEvent = menu->addAction(tr("Add &Event…"), this, &RecordSession::showAddEvent);
    m_addEvent->setObjectName("addEvent");
    m_addEvent->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_recordControl = menu->addAction(tr("Record Change of &Control…"), this, &RecordSession::showRecordControl);
    m_recordControl->setObjectName("recordControl");
    m_recordControl->setStatusTip(tr("A new controller of the place, mine or crossing shown in the inspector"));
    m_recordStatus = menu->addAction(tr("Record &Status Change…"), this, &RecordSession::showRecordStatus);
    m_recordStatus->setObjectName("recordStatus");
    m_recordStatus->setStatusTip(tr("A crossing opened, closed or restricted: the crossing shown in the inspector"));
    m_editEvent = menu->addAction(tr("Edit E&vent…"), this, &RecordSession::showEditEvent);
    m_editEvent->setObjectName("editEvent");
    m_editEvent->setShortcut(QKeySequence(Qt::Key_F2));
    m_editEvent->setStatusTip(tr("Correct the event shown in the inspector or selected in the event list"));
    m_deleteEvent = menu->addAction(tr("De&lete Event…"), this, &RecordSession::showDeleteEvent);
    m_deleteEvent->setObjectName("deleteEvent");
    // Shift+Delete: plain Delete already removes the selected annotations.
    m_deleteEvent->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Delete));
    m_deleteEvent->setStatusTip(tr("Remove the event shown in the inspector or selected in the event list"));
    m_newVersion = menu->addAction(tr("New &Version as Of…"), this, &RecordSession::showNewVersion);
    m_newVersion->setObjectName("newVersion");
    m_newVersion->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    m_newVersion->setStatusTip(tr("Redraw the front line or control area shown in the inspector from the clock's date on"));
    // Also on the inspector's context menu, next to the history it changes, and on the event list's.
    if (auto* browse = m_wb.frame.findChild<BrowseTools*>(); browse && browse->inspector()) {
        browse->inspector()->addActions({m_recordControl, m_recordStatus, m_newVersion, m_editEvent, m_deleteEvent});
        browse->inspector()->setContextMenuPolicy(Qt::ActionsContextMenu);
    }
    if (auto* list = m_wb.frame.findChild<EventListDock*>()) {
        list->addActions({m_editEvent, m_deleteEvent});
        list->setContextMenuPolicy(Qt::ActionsContextMenu);
    }
    QTimer::singleShot(0, this, &RecordSession::offerRecovery);
}

RecordSession::~RecordSession() = default;

const Dataset* RecordSession::dataset() const { return m_wb.model.document().dataset(); }

Result<bool> RecordSession::openFolder(const QString& dir)
{
    const QString events = QDir(dir).filePath("events.geojson");
    Diagnostics why;
    if (!QFileInfo(events).isFile())
        why.error(dir.toStdString(), "", "dataset", "not a dataset folder (no events.geojson)");
    else if (!QFileInfo(dir).isWritable() || !QFileInfo(events).isWritable())
        why.error(dir.toStdString(), "", "dataset", "the folder cannot be written (open a copy of it)");
    if (why.hasErrors()) return why;
    const QString clean = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
    openBackend(std::make_shared<FolderBackend>(clean));
    m_wb.status.showMessage(tr("Editing %1").arg(QDir::toNativeSeparators(clean)), 5000);
    return true;
}

void RecordSession::openBackend(std::shared_ptr<RecordBackend> backend)
{
    m_backend = std::move(backend);
    reload();
    // Drafts recovered for this store before it was open (a team database not yet connected)
    // reopen in their forms now; the journal kept them meanwhile.
    std::vector<JournalEntry> waiting;
    for (const JournalEntry& e : m_journal->entries())
        if (m_waitingDrafts.count(e.slot) && e.store == m_backend->location()) waiting.push_back(e);
    Diagnostics why;
    for (const JournalEntry& e : waiting) {
        m_waitingDrafts.erase(e.slot);
        why.append(reopenDraft(e));
    }
    if (!why.empty())
        QMessageBox::warning(&m_wb.frame, tr("Recover Unsaved Edits"), QString::fromStdString(why.formatAll()));
}

QString RecordSession::folder() const { return m_backend ? m_backend->shownDir() : QString(); }

Result<edit::Applied> RecordSession::apply(const edit::Edit& e)
{
    if (!m_backend) {
        Diagnostics why;
        why.error("", "", "dataset", "no dataset is open for editing (Edit → Open Dataset for Editing…)");
        return why;
    }
    // Kept alive across the save: a conflict dialog inside it may let the window switch stores.
    const std::shared_ptr<RecordBackend> backend = m_backend;
    auto applied = backend->save(e);
    if (!applied) return applied;
    m_lastId = applied->id;
    if (std::holds_alternative<edit::AddSource>(e)) rememberSources({applied->id});
    else if (const auto* cited = edit::sourcesOf(e)) rememberSources(*cited);
    reloadIfCurrent(backend.get());
    m_wb.undo.push(new RecordEditCommand(*this, backend, e, applied->inverse));
    m_wb.status.showMessage(tr("Wrote %1").arg(QString::fromStdString(applied->id)), 5000);
    return applied;
}

void RecordSession::reloadIfCurrent(const RecordBackend* backend)
{
    if (m_backend && backend == m_backend.get()) reload();
}

void RecordSession::reportRefused(const QString& what, const std::string& message)
{
    m_wb.status.showMessage(tr("Could not undo or redo “%1”").arg(what), 8000);
    // Not modal: an undo can come from a shortcut in the middle of other work.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Undo or Redo Refused"),
                                tr("“%1” could not be undone or redone; the files are unchanged:\n%2")
                                    .arg(what, QString::fromStdString(message)),
                                QMessageBox::Ok, &m_wb.frame);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void RecordSession::reload()
{
    // The inspector holds a row of the old layer: it is pointed at the same id in the new one,
    // so a recorded change shows in its history at once.
    InspectorDock* inspector = nullptr;
    if (auto* browse = m_wb.frame.findChild<BrowseTools*>()) inspector = browse->inspector();
    const QString inspected = inspector ? inspector->currentId() : QString();
    Diagnostics diagnostics;
    m_wb.model.change([&](MapDocument& doc) { doc.reloadDataset(folder(), diagnostics); });
    if (!inspected.isEmpty()) {
        if (const auto ref = featureRefOf(m_wb.model.document(), inspected.toStdString())) inspector->showFeature(*ref);
        else inspector->clear();
    }
    emit recordChanged();
}

bool RecordSession::ensureOpen()
{
    if (m_backend) return true;
    chooseAndOpen();
    return m_backend != nullptr;
}

void RecordSession::chooseAndOpen()
{
    QString dir = QFileDialog::getExistingDirectory(&m_wb.frame, tr("Open Dataset for Editing"),
                                                    DataPaths::locate().geodataDir);
    if (dir.isEmpty()) return;
    if (isBundled(dir) || !QFileInfo(dir).isWritable()) {
        const auto answer = QMessageBox::question(
            &m_wb.frame, tr("Edit a Copy"),
            tr("%1 is the bundled dataset (or cannot be written). Edit a copy of it in a folder you choose?")
                .arg(QDir::toNativeSeparators(dir)));
        if (answer != QMessageBox::Yes) return;
        const QString to = QFileDialog::getExistingDirectory(&m_wb.frame, tr("Folder for the Copy"), QDir::homePath());
        if (to.isEmpty()) return;
        if (const auto copied = copyDataset(dir, to); !copied) {
            QMessageBox::warning(&m_wb.frame, tr("Edit a Copy"), QString::fromStdString(copied.message()));
            return;
        }
        dir = to;
    }
    if (const auto opened = openFolder(dir); !opened)
        QMessageBox::warning(&m_wb.frame, tr("Open Dataset for Editing"), QString::fromStdString(opened.message()));
}

Result<bool> RecordSession::copyDataset(const QString& from, const QString& to)
{
    Diagnostics why;
    QDir target(to);
    if (!target.exists() && !QDir().mkpath(to)) why.error(to.toStdString(), "", "dataset", "cannot create the folder");
    for (const QFileInfo& f : QDir(from).entryInfoList(QDir::Files)) {
        if (why.hasErrors()) break;
        const QString dest = target.filePath(f.fileName());
        if (QFileInfo::exists(dest)) {
            why.error(dest.toStdString(), "", "dataset", "already exists (choose an empty folder)");
            break;
        }
        if (!QFile::copy(f.filePath(), dest)) {
            why.error(dest.toStdString(), "", "dataset", "cannot be written");
            break;
        }
        // The bundled files are installed read-only; the copy is the user's to edit.
        QFile::setPermissions(dest, QFile::permissions(dest) | QFileDevice::WriteOwner);
    }
    if (why.hasErrors()) return why;
    return true;
}

void RecordSession::showAddEvent()
{
    if (!ensureOpen()) return;
    auto* dialog = new AddEventDialog(*this, m_wb, &m_wb.frame);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void RecordSession::showRecordControl()
{
    if (!ensureOpen()) return;
    QString id;
    if (auto* browse = m_wb.frame.findChild<BrowseTools*>(); browse && browse->inspector())
        id = browse->inspector()->currentId();
    auto* dialog = new RecordControlDialog(*this, id, &m_wb.frame);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void RecordSession::showRecordStatus()
{
    if (!ensureOpen()) return;
    QString id;
    if (auto* browse = m_wb.frame.findChild<BrowseTools*>(); browse && browse->inspector())
        id = browse->inspector()->currentId();
    auto* dialog = new RecordStatusDialog(*this, id, &m_wb.frame);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

VersionPanel* RecordSession::versionPanel() const { return m_versionPanel.data(); }

void RecordSession::showNewVersion()
{
    if (!ensureOpen()) return;
    std::string group;
    if (auto* browse = m_wb.frame.findChild<BrowseTools*>(); browse && browse->inspector())
        if (const auto& ref = browse->inspector()->current(); ref && ref->layer) {
            group = ref->layer->text(ref->row, "line_id");
            if (group.empty()) group = ref->layer->text(ref->row, "area_id");
        }
    if (group.empty()) {
        m_wb.status.showMessage(tr("Show a front line or control area in the inspector first"), 8000);
        return;
    }
    const int32_t day = m_wb.clock.day();
    const auto start = m_backend->store().versionInForce(group, day);
    if (!start) {
        QMessageBox::warning(&m_wb.frame, tr("New Version"), QString::fromStdString(start.message()));
        return;
    }
    if (m_versionPanel) m_versionPanel->cancel();
    m_versionPanel = new VersionPanel(*this, m_wb, *start, day, &m_wb.frame);
    m_wb.frame.addDockWidget(Qt::RightDockWidgetArea, m_versionPanel);
    m_versionPanel->show();
    m_versionPanel->raise();
    m_wb.canvas.setFocus();
    m_wb.status.showMessage(tr("Reshaping %1 from %2 on").arg(QString::fromStdString(group),
                                                               QString::fromStdString(isoDay(day))), 8000);
}

QString RecordSession::currentEventId() const
{
    if (auto* browse = m_wb.frame.findChild<BrowseTools*>(); browse && browse->inspector())
        if (const QString id = browse->inspector()->currentId(); id.startsWith("event:")) return id;
    if (auto* list = m_wb.frame.findChild<EventListDock*>()) return list->currentId();
    return {};
}

void RecordSession::showEditEvent()
{
    if (!ensureOpen()) return;
    const QString id = currentEventId();
    if (id.isEmpty()) {
        m_wb.status.showMessage(tr("Select an event in the event list or on the map first"), 8000);
        return;
    }
    const auto row = eventRow(folder().toStdString(), id.toStdString());
    if (!row) {
        QMessageBox::warning(&m_wb.frame, tr("Edit Event"), QString::fromStdString(row.message()));
        return;
    }
    auto* dialog = new AddEventDialog(*this, m_wb, &m_wb.frame);
    dialog->editExisting(*row);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void RecordSession::showDeleteEvent()
{
    if (!ensureOpen()) return;
    const QString id = currentEventId();
    if (id.isEmpty()) {
        m_wb.status.showMessage(tr("Select an event in the event list or on the map first"), 8000);
        return;
    }
    auto* dialog = new DeleteEventDialog(*this, id.toStdString(), &m_wb.frame);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

// --- unsaved edits after a crash ------------------------------------------------------------

void RecordSession::offerRecovery()
{
    const QStringList files = recoverableJournals();
    if (files.isEmpty()) return;
    QStringList what;
    int count = 0;
    for (const QString& file : files)
        if (const auto read = EditJournal::read(file))
            for (const JournalEntry& e : *read) {
                ++count;
                if (what.size() < 6)
                    what << QString::fromStdString(edit::describe(e.edit) + " (" + e.store + ")");
            }
    if (count == 0) {
        for (const QString& file : files) EditJournal::discard(file);
        return;
    }
    // Qt's %n plurals need a translation loaded; the English forms are spelled out here.
    const QString edits = count == 1 ? tr("an edit") : tr("%1 edits").arg(count);
    const QString them = count == 1 ? tr("Reopen it in its form?") : tr("Reopen them in their forms?");
    auto* box = new QMessageBox(QMessageBox::Question, tr("Recover unsaved edits?"),
                                tr("Kachin Atlas stopped last time with %1 of the record not yet written (a crash, "
                                   "or a form left open):\n\n%2\n\n%3")
                                    .arg(edits, what.join("\n"), them),
                                QMessageBox::NoButton, &m_wb.frame);
    box->setObjectName("recoverEditsBox");
    QPushButton* recover = box->addButton(tr("Reopen"), QMessageBox::AcceptRole);
    QPushButton* discard = box->addButton(tr("Discard"), QMessageBox::DestructiveRole);
    box->addButton(tr("Later"), QMessageBox::RejectRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, files, recover, discard](QAbstractButton* b) {
        if (b == recover) {
            Diagnostics all;
            for (const QString& file : files) all.append(recoverJournal(file));
            if (!all.empty())
                QMessageBox::warning(&m_wb.frame, tr("Recover Unsaved Edits"), QString::fromStdString(all.formatAll()));
        } else if (b == discard) {
            for (const QString& file : files) EditJournal::discard(file);
        }
    });
    // Not modal: nothing waits on it, and a test's window never blocks on it.
    box->setModal(false);
    box->show();
}

Diagnostics RecordSession::recoverJournal(const QString& file)
{
    const auto read = EditJournal::read(file);
    if (!read) return read.diagnostics();
    Diagnostics out = read.diagnostics();
    // Everything is this window's first, so nothing is lost if a form cannot be reopened.
    for (const JournalEntry& e : *read) m_journal->put(e);
    EditJournal::discard(file);
    for (const JournalEntry& e : *read) out.append(reopenDraft(e));
    return out;
}

Diagnostics RecordSession::reopenDraft(const JournalEntry& entry)
{
    Diagnostics why;
    if (entry.kind != JournalEntry::Kind::Draft) return why;  // the team database retries those
    const QString store = QString::fromStdString(entry.store);
    const bool current = m_backend && (entry.store == m_backend->location() ||
                                       QFileInfo(store).absoluteFilePath() == QFileInfo(folder()).absoluteFilePath());
    if (!current && !QFileInfo(store).isDir()) {
        m_waitingDrafts.insert(entry.slot);
        why.warning(entry.store, entry.slot, "dataset",
                    "a draft for the team database: it reopens in its form when you connect to it (File → Connect "
                    "to Team Database…); until then it is kept");
        return why;
    }
    if (!current) {
        if (const auto opened = openFolder(store); !opened) {
            why.error(entry.store, entry.slot, "dataset",
                      opened.reason() + "; the draft is kept and offered again next time");
            return why;
        }
    }
    // The recovered entry is replaced by the reopened form's own draft (its slot may differ).
    m_journal->drop(entry.slot);
    QWidget* opened = nullptr;
    if (const auto* e = std::get_if<edit::AddEvent>(&entry.edit)) {
        auto* dialog = new AddEventDialog(*this, m_wb, &m_wb.frame);
        if (entry.slot.rfind("edit:", 0) == 0) {
            const auto row = eventRow(folder().toStdString(), entry.slot.substr(5));
            if (!row) {
                delete dialog;
                m_journal->put(entry);
                why.error(entry.store, entry.slot, "id", row.reason() + "; the draft is kept");
                return why;
            }
            dialog->editExisting(*row);
        }
        dialog->restoreDraft(*e);
        opened = dialog;
    } else if (const auto* c = std::get_if<edit::RecordControl>(&entry.edit)) {
        auto* dialog = new RecordControlDialog(*this, QString::fromStdString(c->featureId), &m_wb.frame);
        dialog->restoreDraft(*c);
        opened = dialog;
    } else if (const auto* st = std::get_if<edit::RecordStatus>(&entry.edit)) {
        auto* dialog = new RecordStatusDialog(*this, QString::fromStdString(st->featureId), &m_wb.frame);
        dialog->restoreDraft(*st);
        opened = dialog;
    } else if (const auto* v = std::get_if<edit::AddVersion>(&entry.edit)) {
        if (m_versionPanel) m_versionPanel->cancel();
        const auto day = Date::parse(v->asOf);
        m_versionPanel = new VersionPanel(*this, m_wb, *v, day ? day->first() : m_wb.clock.day(), &m_wb.frame);
        m_versionPanel->restoreDraft(*v);
        m_wb.frame.addDockWidget(Qt::RightDockWidgetArea, m_versionPanel);
        m_versionPanel->show();
        return why;
    } else {
        m_journal->put(entry);
        why.warning(entry.store, entry.slot, "edit", "no form shows " + edit::describe(entry.edit) + "; kept");
        return why;
    }
    opened->setAttribute(Qt::WA_DeleteOnClose);
    opened->show();
    return why;
}

}  // namespace atlas::app
