#pragma once
// The bibliography (geodata/SOURCES.md): every `sources` value in the dataset names a row of
// its markdown table. A row is a source when its first cell is `S<digits>[letter]` or `NE`.
#include "atlas/data/string_map.h"
#include "atlas/diagnostics.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace atlas {

struct Source {
    std::string id;      // "S4", "S6b", "NE"
    std::string outlet;  // outlet / author
    std::string title;
    std::string date;    // as written ("2024-05", "~2025-03", "—")
    std::string url;     // as written (host and path; "—" when none)
    int line = 0;        // line in SOURCES.md
};

class SourceCatalog {
public:
    // Parses the markdown table; a repeated id is reported (the first row is kept).
    static SourceCatalog fromMarkdown(std::string_view text, const std::string& path, Diagnostics& diagnostics);
    // Reads the file; a missing file is reported and gives an empty catalog.
    static SourceCatalog load(const std::string& path, Diagnostics& diagnostics);

    const Source* find(std::string_view id) const;
    bool contains(std::string_view id) const { return find(id) != nullptr; }
    const std::vector<Source>& all() const { return m_sources; }
    std::size_t size() const { return m_sources.size(); }

private:
    std::vector<Source> m_sources;
    StringMap<std::size_t> m_byId;
};

// True for a well-formed source id: S1, S17b, NE.
bool isSourceId(std::string_view id);

}  // namespace atlas
