#include "atlas/data/validator.h"

#include <algorithm>
#include <filesystem>
#include <tuple>

namespace atlas {
namespace {

// The number in "line 12" / "feature 3 (…)"; -1 for a file-level problem.
long positionOf(const std::string& location)
{
    const auto digit = location.find_first_of("0123456789");
    if (digit == std::string::npos) return -1;
    return std::strtol(location.c_str() + digit, nullptr, 10);
}

}  // namespace

std::size_t ValidationReport::errorCount() const
{
    return static_cast<std::size_t>(
        std::count_if(problems.begin(), problems.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::size_t ValidationReport::warningCount() const
{
    return static_cast<std::size_t>(std::count_if(
        problems.begin(), problems.end(), [](const Diagnostic& d) { return d.severity == Severity::Warning; }));
}

std::size_t ValidationReport::rowsRead() const
{
    std::size_t n = 0;
    for (const FileSummary& f : files) n += f.rowsRead;
    return n;
}

std::size_t ValidationReport::rowsSkipped() const
{
    std::size_t n = 0;
    for (const FileSummary& f : files) n += f.rowsRead - f.rowsLoaded;
    return n;
}

std::string ValidationReport::summary() const
{
    const std::size_t found = static_cast<std::size_t>(
        std::count_if(files.begin(), files.end(), [](const FileSummary& f) { return f.found; }));
    const std::size_t errors = errorCount(), warnings = warningCount();
    return path + ": " + std::to_string(found) + (found == 1 ? " file, " : " files, ") + std::to_string(rowsRead()) +
           " rows, " + std::to_string(rowsSkipped()) + " skipped; " + std::to_string(errors) +
           (errors == 1 ? " error, " : " errors, ") + std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings");
}

ValidationReport validateDataset(const std::string& path, const DatasetOptions& options)
{
    namespace fs = std::filesystem;
    ValidationReport report;
    report.path = path;
    std::error_code ec;
    const bool isFile = fs::is_regular_file(path, ec);
    if (!isFile && !fs::is_directory(path, ec)) {
        report.problems.push_back({Severity::Error, path, "", "", "no such file or directory"});
        return report;
    }
    const std::string dir = isFile ? fs::path(path).parent_path().string() : path;
    Diagnostics diagnostics;
    const Dataset dataset = Dataset::load(dir.empty() ? "." : dir, options, diagnostics);

    std::vector<std::string> order;
    for (const FileSummary& f : dataset.files()) {
        if (isFile && !fs::equivalent(f.file, path, ec)) continue;
        report.files.push_back(f);
        order.push_back(f.file);
    }
    for (const Diagnostic& d : diagnostics.items()) {
        if (isFile && !fs::equivalent(d.file, path, ec)) continue;
        report.problems.push_back(d);
    }
    auto rank = [&](const std::string& file) {
        return static_cast<long>(std::find(order.begin(), order.end(), file) - order.begin());
    };
    std::stable_sort(report.problems.begin(), report.problems.end(), [&](const Diagnostic& a, const Diagnostic& b) {
        return std::tuple(rank(a.file), positionOf(a.location)) < std::tuple(rank(b.file), positionOf(b.location));
    });
    return report;
}

}  // namespace atlas
