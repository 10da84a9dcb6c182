#pragma once
// kachin-atlas db push / db pull, and the snapshot the team store keeps as its local mirror.
// Push then pull gives the folder back byte for byte (the files' text around the rows is kept in
// file_text; each row line is rebuilt from its columns in the files' own form).
#include "atlas/diagnostics.h"
#include "atlas/teamdb/connection.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace atlas::teamdb {

// A row as the database holds it: its key (properties.id, or row_key) and version.
struct RowRef {
    std::string key;
    int64_t version = 0;
};

struct FileSnapshot {
    std::string text;           // the file as pull writes it
    std::vector<RowRef> rows;   // one per row line, in the file's order
};

// Every file of the record, read in one REPEATABLE READ transaction (one consistent state).
using Snapshot = std::map<std::string, FileSnapshot>;  // by file name
Snapshot readSnapshot(const Connection& c);  // throws DbError
// Writes each file of the snapshot into `dir` atomically (a temporary file renamed over).
Diagnostics writeSnapshot(const Snapshot& s, const std::string& dir);

// Loads a dataset folder (checked by the dataset's validator first) into a database made by db
// init whose tables are still empty; one transaction: all of it or nothing.
Diagnostics pushFolder(const std::string& dir, const std::string& url);
// Writes the record into `dir` (created when missing).
Diagnostics pullFolder(const std::string& url, const std::string& dir);

}  // namespace atlas::teamdb
