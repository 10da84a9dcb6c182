#include "teamdb_test_support.h"

#include "atlas/teamdb/connection.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <vector>

namespace atlas::test {
namespace {

namespace fs = std::filesystem;

struct Cleanup {
    std::vector<fs::path> dirs;
    ~Cleanup()
    {
        if (std::getenv("ATLAS_TEAMDB_KEEP")) return;  // to look at what a failed test pulled
        std::error_code ec;
        for (const auto& d : dirs) fs::remove_all(d, ec);
    }
};
Cleanup cleanup;

}  // namespace

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string tempFolder(const std::string& name)
{
    std::string pattern = (fs::temp_directory_path() / ("atlas-teamdb-test-" + name + "-XXXXXX")).string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create " + pattern);
    cleanup.dirs.emplace_back(pattern);
    return pattern;
}

std::string scalar(const std::string& url, const std::string& sql)
{
    const teamdb::Connection c(url);
    const teamdb::Rows r = c.exec(sql);
    if (r.size() == 0) return "";
    return r.value(0, 0).value_or("NULL");
}

#ifdef ATLAS_BINARY
CliRun runCli(const std::string& args)
{
    CliRun out;
    const std::string command = std::string(ATLAS_BINARY) + " " + args + " 2>&1";
    FILE* p = popen(command.c_str(), "r");
    if (!p) return out;
    char buffer[4096];
    while (const std::size_t n = fread(buffer, 1, sizeof buffer, p)) out.output.append(buffer, n);
    const int status = pclose(p);
    out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}
#endif

}  // namespace atlas::test
