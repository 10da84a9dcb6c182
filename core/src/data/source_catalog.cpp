#include "atlas/data/source_catalog.h"

#include "atlas/detail/vsi_file.h"

namespace atlas {
namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// Cells of a markdown table row "| a | b | c |" → {"a", "b", "c"}.
std::vector<std::string> cells(std::string_view line)
{
    std::vector<std::string> out;
    line = trim(line);
    if (line.empty() || line.front() != '|') return out;
    line.remove_prefix(1);
    if (!line.empty() && line.back() == '|') line.remove_suffix(1);
    std::size_t begin = 0;
    while (begin <= line.size()) {
        std::size_t end = line.find('|', begin);
        if (end == std::string_view::npos) end = line.size();
        out.emplace_back(trim(line.substr(begin, end - begin)));
        begin = end + 1;
    }
    return out;
}

}  // namespace

bool isSourceId(std::string_view id)
{
    if (id == "NE") return true;
    if (id.size() < 2 || id[0] != 'S') return false;
    std::size_t i = 1;
    while (i < id.size() && id[i] >= '0' && id[i] <= '9') ++i;
    if (i == 1) return false;
    if (i < id.size() && id[i] >= 'a' && id[i] <= 'z') ++i;
    return i == id.size();
}

SourceCatalog SourceCatalog::fromMarkdown(std::string_view text, const std::string& path, Diagnostics& diagnostics)
{
    SourceCatalog catalog;
    int lineNo = 0;
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(begin, end - begin);
        begin = end + 1;
        ++lineNo;
        const std::vector<std::string> row = cells(line);
        if (row.empty() || !isSourceId(row[0])) continue;
        Source s;
        s.id = row[0];
        s.outlet = row.size() > 1 ? row[1] : "";
        s.title = row.size() > 2 ? row[2] : "";
        s.date = row.size() > 3 ? row[3] : "";
        s.url = row.size() > 4 ? row[4] : "";
        s.line = lineNo;
        if (row.size() != 5)
            diagnostics.warning(path, "line " + std::to_string(lineNo), "",
                                "expected 5 cells (id | outlet | title | date | url), found " + std::to_string(row.size()));
        if (const Source* first = catalog.find(s.id)) {
            diagnostics.error(path, "line " + std::to_string(lineNo), "id",
                              "source " + s.id + " is listed twice (first on line " + std::to_string(first->line) +
                                  "); this row is ignored");
            continue;
        }
        catalog.m_byId.emplace(s.id, catalog.m_sources.size());
        catalog.m_sources.push_back(std::move(s));
    }
    return catalog;
}

SourceCatalog SourceCatalog::load(const std::string& path, Diagnostics& diagnostics)
{
    const auto text = detail::vsiReadFile(path);
    if (!text) {
        diagnostics.error(path, "", "", "file not found or not readable; no source id can be checked");
        return {};
    }
    return fromMarkdown(*text, path, diagnostics);
}

const Source* SourceCatalog::find(std::string_view id) const
{
    const auto it = m_byId.find(id);
    return it == m_byId.end() ? nullptr : &m_sources[it->second];
}

}  // namespace atlas
