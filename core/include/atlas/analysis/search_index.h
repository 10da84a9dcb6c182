#pragma once
// Find places, features and events by name in any of their languages — English, Burmese
// (Myanmar script), Chinese, Jinghpaw — and their alternative spellings, by prefix.
//
// Matching is on folded text: Latin letters lower-cased with their diacritics removed
// ("Hpākān" → "hpakan"), zero-width joiners and spaces at the ends dropped; other scripts are
// compared as written (UTF-8 bytes). A name matches a query when the whole name starts with
// it, or one of its words does (words split at spaces and punctuation), so "ဗန်းမော်" finds
// "ဗန်းမော်မြို့" and "maw" finds "Man Maw". Ranking: exact name, then name prefix, then
// word prefix; then the entry's rank (lower first); then the label.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace atlas {

struct SearchEntry {
    std::string key;                 // what the caller resolves a result with (an id)
    std::string label;               // shown in the results (the English name, a title)
    std::string detail;              // second line (kind, date)
    std::vector<std::string> names;  // every name to match, in any script
    int rank = 0;                    // kind order: lower first (places before events)
};

enum class MatchQuality { Exact, Prefix, WordPrefix };

struct SearchMatch {
    std::size_t entry = 0;        // index into entries()
    MatchQuality quality = MatchQuality::Exact;
    std::string matchedName;      // the name (as written) that matched
};

class SearchIndex {
public:
    void add(SearchEntry entry);
    const std::vector<SearchEntry>& entries() const { return m_entries; }
    std::size_t size() const { return m_entries.size(); }

    // Best matches first (see the file comment); at most `limit`. Empty for a blank query.
    std::vector<SearchMatch> find(std::string_view query, std::size_t limit = 50) const;

private:
    struct Folded {
        std::string whole;
        std::vector<std::string> words;
    };
    std::vector<SearchEntry> m_entries;
    std::vector<std::vector<Folded>> m_folded;  // per entry, per name
};

// The folded form used for matching (see the file comment).
std::string foldForSearch(std::string_view text);
// A `;`-separated list of names ("Banmaw;Manmaw (Shan);新街 Hsinkai (historical Chinese)")
// as names, each with any parenthesised remark removed ("Manmaw", "新街 Hsinkai").
std::vector<std::string> splitNameList(std::string_view list);

}  // namespace atlas
