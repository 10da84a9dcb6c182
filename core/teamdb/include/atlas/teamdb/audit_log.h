#pragma once
// The record's history from the audit table (kachin-atlas db log; the inspector's history later):
// who, when, what, what changed, on which sources, and whether it was committed or refused.
#include "atlas/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace atlas::teamdb {

struct LogEntry {
    int64_t seq = 0;
    std::string at;      // UTC, ISO 8601
    std::string login;
    std::string table;
    std::string key;
    std::string op;      // INSERT, UPDATE, DELETE
    std::optional<int64_t> version;
    std::vector<std::string> changes;  // "field: before → after", "geometry changed"
    std::string sources;
    std::string outcome;  // "committed", or "conflict: …" for a refused attempt
};

struct LogFilter {
    std::string feature;  // a row key ("event:…"); "" = every row
    std::string since;    // YYYY-MM-DD (UTC); "" = from the start
};

Result<std::vector<LogEntry>> readLog(const std::string& url, const LogFilter& filter);
// One entry per paragraph: "2026-12-07T10:00:00Z  ann  UPDATE events event:…  version 2  [S75]".
std::string formatLog(const std::vector<LogEntry>& entries);

}  // namespace atlas::teamdb
