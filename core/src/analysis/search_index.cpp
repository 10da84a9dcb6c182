#include "atlas/analysis/search_index.h"

#include <algorithm>
#include <optional>
#include <tuple>

namespace atlas {
namespace {

// Decodes one UTF-8 code point at `i` (advancing it); malformed bytes come back as themselves.
char32_t decode(std::string_view s, std::size_t& i)
{
    const auto b0 = static_cast<unsigned char>(s[i]);
    auto cont = [&](std::size_t k) { return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80; };
    auto bits = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3F); };
    if (b0 < 0x80) { ++i; return b0; }
    if ((b0 & 0xE0) == 0xC0 && cont(1)) {
        const char32_t c = (static_cast<char32_t>(b0 & 0x1F) << 6) | bits(1);
        i += 2;
        return c;
    }
    if ((b0 & 0xF0) == 0xE0 && cont(1) && cont(2)) {
        const char32_t c = (static_cast<char32_t>(b0 & 0x0F) << 12) | (bits(1) << 6) | bits(2);
        i += 3;
        return c;
    }
    if ((b0 & 0xF8) == 0xF0 && cont(1) && cont(2) && cont(3)) {
        const char32_t c = (static_cast<char32_t>(b0 & 0x07) << 18) | (bits(1) << 12) | (bits(2) << 6) | bits(3);
        i += 4;
        return c;
    }
    ++i;
    return b0;
}

void encode(char32_t c, std::string& out)
{
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// Latin letters with diacritics (Latin-1 Supplement, Latin Extended-A) to their base letter.
char32_t baseLatin(char32_t c)
{
    if (c >= 0xC0 && c <= 0xFF) {
        static constexpr char32_t table[64] = {
            'a', 'a', 'a', 'a', 'a', 'a', 0xE6, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',  // C0–CF
            0xF0, 'n', 'o', 'o', 'o', 'o', 'o', 0xD7, 'o', 'u', 'u', 'u', 'u', 'y', 0xFE, 0xDF,  // D0–DF
            'a', 'a', 'a', 'a', 'a', 'a', 0xE6, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',  // E0–EF
            0xF0, 'n', 'o', 'o', 'o', 'o', 'o', 0xF7, 'o', 'u', 'u', 'u', 'u', 'y', 0xFE, 'y',   // F0–FF
        };
        return table[c - 0xC0];
    }
    if (c >= 0x100 && c <= 0x17F) {
        // Latin Extended-A in pairs (upper, lower) of one base letter.
        static constexpr char bases[] =
            "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrsssssssstttttt"
            "uuuuuuuuuuuuwwyyyzzzzzzs";
        const std::size_t k = c - 0x100;
        if (k < sizeof(bases) - 1) return static_cast<unsigned char>(bases[k]);
    }
    return c;
}

bool isZeroWidth(char32_t c)
{
    return c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFEFF;
}

// Word separators: ASCII spaces and punctuation, dashes, CJK and Myanmar punctuation.
bool isSeparator(char32_t c)
{
    if (c < 0x80) return c == ' ' || c == '\t' || c == '-' || c == '\'' || c == '(' || c == ')' || c == '/' || c == ','
                         || c == '.' || c == ';' || c == ':' || c == '"' || c == '_';
    return c == 0x2013 || c == 0x2014 || c == 0x2019 || c == 0x3001 || c == 0x3002 || c == 0xFF0C || c == 0x104A
           || c == 0x104B || c == 0x00A0 || c == 0x3000;
}

std::string trim(std::string_view s)
{
    std::size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
    return std::string(s.substr(b, e - b));
}

}  // namespace

std::string foldForSearch(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = decode(text, i);
        if (isZeroWidth(c)) continue;
        if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
        c = baseLatin(c);
        if (c == 0x2019) c = '\'';
        encode(c, out);
    }
    return trim(out);
}

std::vector<std::string> splitNameList(std::string_view list)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t end = std::min(list.find(';', start), list.size());
        std::string item(list.substr(start, end - start));
        // Drop parenthesised remarks: "Manmaw (Shan)" → "Manmaw".
        for (std::size_t open = item.find('('); open != std::string::npos; open = item.find('(')) {
            const std::size_t close = item.find(')', open);
            item.erase(open, close == std::string::npos ? std::string::npos : close - open + 1);
        }
        item = trim(item);
        if (!item.empty()) out.push_back(std::move(item));
        start = end + 1;
    }
    return out;
}

void SearchIndex::add(SearchEntry entry)
{
    std::vector<Folded> folded;
    for (const std::string& name : entry.names) {
        Folded f;
        f.whole = foldForSearch(name);
        if (f.whole.empty()) continue;
        std::string word;
        for (std::size_t i = 0; i < f.whole.size();) {
            const std::size_t at = i;
            const char32_t c = decode(f.whole, i);
            if (isSeparator(c)) {
                if (!word.empty()) f.words.push_back(std::move(word));
                word.clear();
            } else {
                word.append(f.whole, at, i - at);
            }
        }
        if (!word.empty()) f.words.push_back(std::move(word));
        folded.push_back(std::move(f));
    }
    // Keep names and their folded forms aligned.
    std::vector<std::string> kept;
    for (const std::string& name : entry.names)
        if (!foldForSearch(name).empty()) kept.push_back(name);
    entry.names = std::move(kept);
    m_entries.push_back(std::move(entry));
    m_folded.push_back(std::move(folded));
}

std::vector<SearchMatch> SearchIndex::find(std::string_view query, std::size_t limit) const
{
    const std::string q = foldForSearch(query);
    std::vector<SearchMatch> out;
    if (q.empty()) return out;
    for (std::size_t e = 0; e < m_entries.size(); ++e) {
        std::optional<SearchMatch> best;
        for (std::size_t n = 0; n < m_folded[e].size(); ++n) {
            const Folded& f = m_folded[e][n];
            std::optional<MatchQuality> quality;
            if (f.whole == q) quality = MatchQuality::Exact;
            else if (f.whole.starts_with(q)) quality = MatchQuality::Prefix;
            else if (std::any_of(f.words.begin(), f.words.end(), [&](const std::string& w) { return w.starts_with(q); }))
                quality = MatchQuality::WordPrefix;
            if (quality && (!best || *quality < best->quality)) best = SearchMatch{e, *quality, m_entries[e].names[n]};
        }
        if (best) out.push_back(std::move(*best));
    }
    std::stable_sort(out.begin(), out.end(), [&](const SearchMatch& a, const SearchMatch& b) {
        const SearchEntry& ea = m_entries[a.entry];
        const SearchEntry& eb = m_entries[b.entry];
        return std::tie(a.quality, ea.rank, ea.label) < std::tie(b.quality, eb.rank, eb.label);
    });
    if (out.size() > limit) out.resize(limit);
    return out;
}

}  // namespace atlas
