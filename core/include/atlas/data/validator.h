#pragma once
// `kachin-atlas validate`: the checks Dataset::load runs on every row (see dataset.h), as a
// report — every problem as "file:feature N (id)|line N: field: message", sorted by file and
// position, and a summary of rows read, loaded and skipped.
#include "atlas/data/dataset.h"

#include <string>
#include <vector>

namespace atlas {

struct ValidationReport {
    std::string path;                 // what was asked for (a dataset directory or one of its files)
    std::vector<Diagnostic> problems; // sorted by file, then line / feature
    std::vector<FileSummary> files;   // the files checked

    std::size_t errorCount() const;
    std::size_t warningCount() const;
    std::size_t rowsRead() const;
    std::size_t rowsSkipped() const;
    bool ok() const { return errorCount() == 0; }
    // "geodata: 12 files, 355 rows, 0 skipped; 0 errors, 0 warnings"
    std::string summary() const;
};

// Validates a dataset directory, or a single file of one (its directory is loaded, so
// references resolve, and only that file's problems are kept).
ValidationReport validateDataset(const std::string& path, const DatasetOptions& options = {});

}  // namespace atlas
