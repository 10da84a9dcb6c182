#include "atlas/model/edit_journal.h"

#include "atlas/edit/edit_json.h"
#include "atlas/model/session_files.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace atlas::app {
namespace {

const char* kindName(JournalEntry::Kind k) { return k == JournalEntry::Kind::Pending ? "pending" : "draft"; }

}  // namespace

EditJournal::EditJournal(QString dir) : m_dir(std::move(dir))
{
    QDir().mkpath(m_dir);
    m_path = QDir(m_dir).filePath(QString("journal-%1-%2.json")
                                      .arg(QCoreApplication::applicationPid())
                                      .arg(QDateTime::currentMSecsSinceEpoch()));
    m_lock = std::make_unique<QLockFile>(m_path + ".lock");
    // A killed window never unlocks: its lock must read as free at once, not after 30 s.
    m_lock->setStaleLockTime(0);
    m_lock->tryLock(0);
}

EditJournal::~EditJournal()
{
    if (m_entries.empty()) QFile::remove(m_path);
    if (m_lock) m_lock->unlock();
}

QString EditJournal::journalDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath("journal");
}

Diagnostics EditJournal::put(JournalEntry entry)
{
    if (entry.saved.empty())
        entry.saved = QDateTime::currentDateTime().toString(Qt::ISODate).toStdString();
    const auto same = std::find_if(m_entries.begin(), m_entries.end(),
                                   [&](const JournalEntry& e) { return e.slot == entry.slot; });
    if (same != m_entries.end()) *same = std::move(entry);
    else m_entries.push_back(std::move(entry));
    return write();
}

Diagnostics EditJournal::drop(const std::string& slot)
{
    const auto before = m_entries.size();
    std::erase_if(m_entries, [&](const JournalEntry& e) { return e.slot == slot; });
    if (m_entries.size() == before) return {};
    if (m_entries.empty()) {
        QFile::remove(m_path);
        return {};
    }
    return write();
}

Diagnostics EditJournal::write()
{
    edit::Json doc = {{"kachin_atlas_journal", 1}, {"entries", edit::Json::array()}};
    for (const JournalEntry& e : m_entries)
        doc["entries"].push_back({{"kind", kindName(e.kind)}, {"slot", e.slot}, {"store", e.store},
                                  {"saved", e.saved}, {"edit", edit::toJson(e.edit)}});
    const std::string text = doc.dump(1) + "\n";
    Diagnostics why;
    QSaveFile f(m_path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.data(), qint64(text.size())) != qint64(text.size())
        || !f.commit())
        why.error(m_path.toStdString(), "", "journal", "cannot be written: " + f.errorString().toStdString());
    return why;
}

QStringList EditJournal::orphans() const { return filesOfEndedSessions(m_dir, "journal-*.json", m_path); }

Result<std::vector<JournalEntry>> EditJournal::read(const QString& file)
{
    const std::string name = file.toStdString();
    Diagnostics why;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        why.error(name, "", "journal", "cannot be read: " + f.errorString().toStdString());
        return why;
    }
    const edit::Json doc = edit::Json::parse(f.readAll().toStdString(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("entries") || !doc["entries"].is_array()) {
        why.error(name, "", "entries", "not a journal of edits (broken or cut short)");
        return why;
    }
    std::vector<JournalEntry> out;
    int n = 0;
    for (const edit::Json& j : doc["entries"]) {
        ++n;
        const std::string where = "entry " + std::to_string(n);
        if (!j.is_object() || !j.contains("edit")) {
            why.warning(name, where, "edit", "missing; the entry is skipped");
            continue;
        }
        auto e = edit::editFromJson(j["edit"], name);
        if (!e) {
            for (Diagnostic d : e.diagnostics().items()) {
                d.severity = Severity::Warning;
                d.location = where;
                why.add(d);
            }
            continue;
        }
        JournalEntry entry;
        entry.kind = j.value("kind", "draft") == std::string("pending") ? JournalEntry::Kind::Pending
                                                                        : JournalEntry::Kind::Draft;
        entry.slot = j.value("slot", "");
        entry.store = j.value("store", "");
        entry.saved = j.value("saved", "");
        entry.edit = std::move(*e);
        out.push_back(std::move(entry));
    }
    return Result<std::vector<JournalEntry>>(std::move(out), std::move(why));
}

void EditJournal::discard(const QString& file)
{
    QFile::remove(file);
    QFile::remove(file + ".lock");
}

}  // namespace atlas::app
