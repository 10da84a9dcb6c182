#pragma once
// Helpers of the team database tests: files, a scalar query, the kachin-atlas binary.
#include <string>

namespace atlas::test {

std::string readFile(const std::string& path);
// A new empty temporary folder (removed at exit).
std::string tempFolder(const std::string& name);
// The first column of the first row of `sql` on `url` ("" when no row, "NULL" for NULL).
std::string scalar(const std::string& url, const std::string& sql);

struct CliRun {
    int status = -1;
    std::string output;  // stdout and stderr together
};
CliRun runCli(const std::string& args);

// The event the tests edit, its source and a valid place for inserts.
inline constexpr const char* kEvent = "event:1998-08-23-lweje-post-opens";

}  // namespace atlas::test
