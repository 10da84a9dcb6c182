#pragma once
// The journal of the record's unsaved edits (issue 15 "survives a crash", issue 16 "keeps
// unsaved edits"): a form or a reshaped line not applied yet (a draft), and edits made while the
// team database was unreachable (pending). Each window keeps one journal file under
// AppDataLocation/journal, rewritten atomically on every change and locked while the window
// runs; a window that was killed leaves its file with a stale lock, and the next start offers
// its entries back. Edits are kept as values (edit_json.h), never as screenshots of a form.
#include "atlas/edit/edit.h"
#include "atlas/result.h"

#include <QString>

#include <memory>
#include <string>
#include <vector>

class QLockFile;

namespace atlas::app {

struct JournalEntry {
    enum class Kind { Draft, Pending };
    Kind kind = Kind::Draft;
    // One entry per slot: a later put() of the same slot replaces it ("add-event",
    // "edit:event:…", "version:front:bhamo", "pending:3").
    std::string slot;
    // Where the edit goes: a dataset folder, or a database URL with no password in it.
    std::string store;
    edit::Edit edit;
    std::string saved;  // local time, ISO 8601, when it was journalled
};

class EditJournal {
public:
    // `dir`: the folder of journals (journalDir() in the window; a temporary one in tests).
    explicit EditJournal(QString dir);
    ~EditJournal();  // keeps the file when entries remain (recoverable), else removes it
    EditJournal(const EditJournal&) = delete;
    EditJournal& operator=(const EditJournal&) = delete;

    static QString journalDir();

    // Adds or replaces the slot's entry and rewrites the file (atomic). Fails only when the
    // file cannot be written; the entry is still kept in memory then.
    Diagnostics put(JournalEntry entry);
    Diagnostics drop(const std::string& slot);
    const std::vector<JournalEntry>& entries() const { return m_entries; }
    QString path() const { return m_path; }

    // Journal files of windows that are not running any more (their lock is free), oldest first.
    // This window's own file is never among them.
    QStringList orphans() const;
    // An orphan's entries; an entry that cannot be read is a diagnostic naming the file and
    // entry, and the others still load.
    static Result<std::vector<JournalEntry>> read(const QString& file);
    // Removes an orphan once its entries were taken back (or declined).
    static void discard(const QString& file);

private:
    Diagnostics write();

    QString m_dir, m_path;
    std::unique_ptr<QLockFile> m_lock;
    std::vector<JournalEntry> m_entries;
};

}  // namespace atlas::app
