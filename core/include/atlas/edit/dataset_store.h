#pragma once
// Where edits are applied (DESIGN.md, "Curation"). A store checks an edit with the same
// validator as the files (Dataset::load) before anything is written: an edit that would add an
// error is refused with the validator's diagnostics ("file:location: field: message") and every
// file stays byte-identical. An applied edit gives back its inverse, for an undo stack.
#include "atlas/data/dataset.h"
#include "atlas/edit/edit.h"
#include "atlas/result.h"

#include <memory>
#include <string>
#include <vector>

namespace atlas::edit {

struct Applied {
    std::string id;                   // what was written: event id, feature id, group, S-number
    Edit inverse;                     // applying it restores the files byte for byte
    std::vector<std::string> files;   // paths of the files changed
    std::string diff;                 // unified diff of the change ("--- a/events.geojson" …)
    std::shared_ptr<const Dataset> dataset;  // the dataset after the edit (loaded from what is now on disk,
                                             // or from the checked copy for a preview)
    Diagnostics warnings;             // new warnings the edit brings (it is applied nonetheless)
};

class DatasetStore {
public:
    virtual ~DatasetStore() = default;
    // "geodata" (a folder), "postgresql://…" (a database).
    virtual std::string location() const = 0;
    // Checks and writes; a refusal changes nothing.
    virtual Result<Applied> apply(const Edit& edit) = 0;
    // Checks only: what apply() would do (its diff, its dataset), without writing.
    virtual Result<Applied> preview(const Edit& edit) const = 0;
    // The parts of the version of `group` (front:…, area:…) in force on `day`, as stored (lon/lat
    // GeoJSON, unrounded): where "New version as of…" starts. An error when none is in force.
    virtual Result<AddVersion> versionInForce(const std::string& group, int32_t day) const = 0;
};

// A folder with the geodata/ schema. The edit is made on the files' text (unchanged lines kept
// byte for byte), written into a temporary copy of the folder, loaded there by the validator,
// and only then written over the real files, each atomically (a temporary file renamed). A file
// that changed on disk while the edit was checked is not overwritten (the edit is refused).
class FolderStore final : public DatasetStore {
public:
    explicit FolderStore(std::string dir, DatasetOptions options = {});
    std::string location() const override { return m_dir; }
    Result<Applied> apply(const Edit& edit) override;
    Result<Applied> preview(const Edit& edit) const override;
    Result<AddVersion> versionInForce(const std::string& group, int32_t day) const override;

private:
    Result<Applied> run(const Edit& edit, bool write) const;

    std::string m_dir;
    DatasetOptions m_options;
};

}  // namespace atlas::edit
