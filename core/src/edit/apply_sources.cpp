// Edits of the bibliography (SOURCES.md): a source added as a new row of its markdown table, and
// removed again by its inverse.
#include "apply.h"

#include "atlas/data/csv_table.h"
#include "atlas/data/source_catalog.h"

#include <algorithm>

namespace atlas::edit::detail {
namespace {

constexpr const char* kFile = "SOURCES.md";
constexpr std::string_view kGrades[] = {"H", "M", "L"};

std::string trim(std::string_view s)
{
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return std::string(s);
}

// The id cell of a table row ("| S12 | …" → "S12"), "" for other lines.
std::string rowId(const std::string& line)
{
    if (line.size() < 2 || line[0] != '|') return {};
    const auto end = line.find('|', 1);
    if (end == std::string::npos) return {};
    std::string id = trim(std::string_view(line).substr(1, end - 1));
    return isSourceId(id) ? id : std::string();
}

// 12 for "S12" and "S12b"; -1 for NE.
int numberOf(const std::string& id)
{
    if (id.size() < 2 || id[0] != 'S') return -1;
    return std::atoi(id.c_str() + 1);
}

}  // namespace

Result<TextChange> apply(FolderText& folder, const AddSource& e)
{
    const std::string path = folder.path(kFile);
    TextFile& file = folder.file(kFile);
    if (!file.exists) return refusal(path, "", "", "file not found");
    Diagnostics d;
    const std::pair<const char*, const std::string*> cells[] = {
        {"outlet", &e.outlet}, {"title", &e.title}, {"date", &e.date}, {"url", &e.url}};
    for (const auto& [field, value] : cells) {
        if (trim(*value).empty()) d.error(path, "new source", field, "empty; a source names its outlet, title, date and URL (\"—\" when it has none)");
        else if (value->find_first_of("|\n\r") != std::string::npos)
            d.error(path, "new source", field, "contains '|' or a line break, which would break the table row");
    }
    if (std::find(std::begin(kGrades), std::end(kGrades), e.grade) == std::end(kGrades))
        d.error(path, "new source", "grade", "\"" + e.grade + "\" is not one of H | M | L");
    if (d.hasErrors()) return d;

    int highest = 0;
    std::optional<std::size_t> lastS, firstRow;
    std::string id = e.id;
    for (std::size_t i = 0; i < file.lines.size(); ++i) {
        const std::string rid = rowId(file.lines[i]);
        if (rid.empty()) continue;
        if (!firstRow) firstRow = i;
        if (rid == id) return refusal(path, lineLocation(static_cast<int>(i + 1)), "id", id + " is already listed");
        if (numberOf(rid) < 0) continue;
        highest = std::max(highest, numberOf(rid));
        // A given id goes after the rows numbered before it; a new one after every S-row.
        if (id.empty() || numberOf(rid) <= numberOf(id)) lastS = i;
    }
    if (!firstRow) return refusal(path, "", "", "no table of sources (rows \"| S1 | … |\")");
    if (id.empty()) id = "S" + std::to_string(highest + 1);
    const std::string line = "| " + id + " | " + trim(e.outlet) + " (grade " + e.grade + ") | " + trim(e.title) +
                             " | " + trim(e.date) + " | " + trim(e.url) + " |";
    const std::size_t at = lastS ? *lastS + 1 : *firstRow;
    file.lines.insert(file.lines.begin() + static_cast<long>(at), line);
    folder.markChanged(kFile);
    return TextChange{id, RemoveSource{id}};
}

Result<TextChange> apply(FolderText& folder, const RemoveSource& e)
{
    const std::string path = folder.path(kFile);
    TextFile& file = folder.file(kFile);
    for (std::size_t i = 0; i < file.lines.size(); ++i) {
        if (rowId(file.lines[i]) != e.id) continue;
        // Split the row back into the values AddSource wrote, so the inverse writes it again.
        std::vector<std::string> cells;
        std::string_view rest(file.lines[i]);
        rest.remove_prefix(1);
        while (!rest.empty()) {
            const auto bar = rest.find('|');
            cells.push_back(trim(rest.substr(0, bar)));
            if (bar == std::string_view::npos) break;
            rest.remove_prefix(bar + 1);
        }
        AddSource inverse;
        inverse.id = e.id;
        if (cells.size() >= 5) {
            inverse.outlet = cells[1];
            inverse.title = cells[2];
            inverse.date = cells[3];
            inverse.url = cells[4];
            const auto g = inverse.outlet.rfind(" (grade ");
            if (g != std::string::npos && inverse.outlet.size() == g + 10) {
                inverse.grade = inverse.outlet.substr(g + 8, 1);
                inverse.outlet.resize(g);
            }
        }
        file.lines.erase(file.lines.begin() + static_cast<long>(i));
        folder.markChanged(kFile);
        return TextChange{e.id, inverse};
    }
    return refusal(path, "", "id", e.id + " is not listed in SOURCES.md");
}

}  // namespace atlas::edit::detail
