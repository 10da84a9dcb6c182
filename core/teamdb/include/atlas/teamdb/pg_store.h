#pragma once
// The team store (DESIGN.md, "Curation"): edits applied to a PostGIS record that several people
// edit at once. An edit is made exactly as FolderStore makes it — on the files' text, checked by
// the dataset's validator — in a private mirror of the database, and the rows it changed are then
// written in one transaction, each update and delete guarded by the version it was based on.
// A colleague's change in between makes the edit a Conflict (theirs and mine), never an overwrite.
#include "atlas/edit/dataset_store.h"
#include "atlas/teamdb/transfer.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace atlas::teamdb {

// One row the edit wanted to change that someone else changed (or removed, or created) first.
struct RowConflict {
    std::string table;
    std::string key;
    int64_t mineBasedOn = 0;           // the version the edit was based on (0: a new row)
    std::optional<int64_t> theirsVersion;  // nullopt: the row is gone
    std::string theirs;                // the row now in the database, as JSON ("" when gone)
    std::string mine;                  // the row as the edit would write it, as JSON ("" for a delete)
    std::string theirLogin;            // who made the change that won, and when (from the audit table)
    std::string theirTime;
};

struct Conflict {
    edit::Edit edit;  // what was refused, to retry after a reload or a merge
    std::vector<RowConflict> rows;
};

// Not written, for another reason than a conflict; `edit` is kept so it can be retried.
struct Refused {
    edit::Edit edit;
    Diagnostics why;
    bool unreachable = false;  // the server went away: nothing was written, try again later
};

using SaveOutcome = std::variant<edit::Applied, Conflict, Refused>;

// The diagnostic field of a conflict when it crosses DatasetStore's Result<Applied>.
inline constexpr const char* kConflictField = "version";

class PgStore final : public edit::DatasetStore {
public:
    // `url`: a libpq connection string, a postgresql:// URI or "service=NAME".
    explicit PgStore(std::string url);
    ~PgStore() override;

    std::string location() const override;  // the URL, password masked
    // Loads the record into the mirror (done on first use); throws nothing: diagnostics.
    Diagnostics refresh();

    SaveOutcome save(const edit::Edit& edit);
    // DatasetStore: save() with a conflict as an error diagnostic on field kConflictField.
    Result<edit::Applied> apply(const edit::Edit& edit) override;
    Result<edit::Applied> preview(const edit::Edit& edit) const override;
    Result<edit::AddVersion> versionInForce(const std::string& group, int32_t day) const override;

    // The version of a row as last loaded (nullopt: not in the record).
    std::optional<int64_t> seenVersion(const std::string& table, const std::string& key) const;
    // The mirror folder (the record as files, as last loaded), and its rows' keys and versions.
    const std::string& mirrorDir() const;
    const Snapshot* snapshot() const;

    // Fault tests only: called inside the transaction after the row changes, before COMMIT.
    void setBeforeCommit(std::function<void()> hook) { m_beforeCommit = std::move(hook); }
    // An explicit version for every guarded update/delete of the next save (the CLI's
    // --expect-version); cleared after it.
    void expectVersion(std::optional<int64_t> version) { m_expect = version; }

private:
    struct Mirror;
    std::string m_url;
    std::unique_ptr<Mirror> m_mirror;
    std::function<void()> m_beforeCommit;
    std::optional<int64_t> m_expect;
};

// "theirs: … / mine: …" lines for a person (the CLI prints these).
std::string describe(const Conflict& c);

}  // namespace atlas::teamdb
