#pragma once
// Whole-file reads and existence checks through GDAL's virtual file system, so the dataset
// loader reads a folder in memory (/vsimem/…, used by the fuzzers) exactly as one on disk.
#include <optional>
#include <string>

namespace atlas::detail {

// True when `path` names an existing regular file (on disk or in /vsimem/).
bool vsiFileExists(const std::string& path);
// The file's bytes; nullopt when it cannot be opened or read.
std::optional<std::string> vsiReadFile(const std::string& path);

}  // namespace atlas::detail
