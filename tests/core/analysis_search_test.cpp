// Search by name in English, Burmese, Chinese and Jinghpaw, by prefix.
#include "atlas/analysis/search_index.h"

#include <catch2/catch.hpp>

using namespace atlas;

namespace {

SearchIndex sample()
{
    SearchIndex idx;
    std::vector<std::string> bhamo = {"Bhamo", "ဗန်းမော်မြို့", "八莫"};
    for (auto& n : splitNameList("Banmaw;Manmaw (Shan);新街 Hsinkai (historical Chinese)")) bhamo.push_back(n);
    idx.add({"place:bhamo", "Bhamo", "district town", bhamo, 0});
    idx.add({"place:momauk", "Momauk", "town", {"Momauk", "မိုးမောက်မြို့", "N'mawk", "Moemauk"}, 0});
    idx.add({"place:hpakant", "Hpakant", "jade-mining town", {"Hpakant", "Hpākān"}, 0});
    idx.add({"event:2025-01-26-bhamo-airport", "KIA captures Bhamo airport", "capture", {"KIA captures Bhamo airport"}, 3});
    idx.add({"place:bhamo-airport", "Bhamo Airport", "airport", {"Bhamo Airport"}, 0});
    return idx;
}

std::vector<std::string> keys(const SearchIndex& idx, std::string_view q)
{
    std::vector<std::string> out;
    for (const SearchMatch& m : idx.find(q)) out.push_back(idx.entries()[m.entry].key);
    return out;
}

}  // namespace

TEST_CASE("Folding lower-cases Latin, strips diacritics and zero-width characters, keeps other scripts", "[analysis][search]")
{
    CHECK(foldForSearch("  Hpākān ") == "hpakan");
    CHECK(foldForSearch("N’mawk") == "n'mawk");
    CHECK(foldForSearch("ÉÇÖ") == "eco");
    CHECK(foldForSearch("八莫") == "八莫");
    CHECK(foldForSearch("ဗန်း\u200Bမော်") == "ဗန်းမော်");
}

TEST_CASE("Name lists split on semicolons with parenthesised remarks removed", "[analysis][search]")
{
    CHECK(splitNameList("Banmaw;Manmaw (Shan);新街 Hsinkai (historical Chinese)")
          == std::vector<std::string>{"Banmaw", "Manmaw", "新街 Hsinkai"});
    CHECK(splitNameList("").empty());
}

TEST_CASE("Burmese ဗန်းမော် and Chinese 八莫 both find Bhamo", "[analysis][search]")
{
    const SearchIndex idx = sample();
    REQUIRE_FALSE(keys(idx, "ဗန်းမော်").empty());
    CHECK(keys(idx, "ဗန်းမော်").front() == "place:bhamo");
    REQUIRE_FALSE(keys(idx, "八莫").empty());
    CHECK(keys(idx, "八莫").front() == "place:bhamo");
    CHECK(idx.find("八莫").front().quality == MatchQuality::Exact);
    CHECK(keys(idx, "新街").front() == "place:bhamo");
}

TEST_CASE("Prefix matching: whole names first, then words, places before events", "[analysis][search]")
{
    const SearchIndex idx = sample();
    const auto bha = keys(idx, "bha");
    REQUIRE(bha.size() == 3);
    CHECK(bha[0] == "place:bhamo");          // prefix, rank 0, "Bhamo" < "Bhamo Airport"
    CHECK(bha[1] == "place:bhamo-airport");
    CHECK(bha[2] == "event:2025-01-26-bhamo-airport");  // word prefix
    CHECK(keys(idx, "BHAMO").front() == "place:bhamo");  // exact, any case
    CHECK(keys(idx, "hpakan") == std::vector<std::string>{"place:hpakant"});
    CHECK(keys(idx, "mawk") == std::vector<std::string>{"place:momauk"});  // Jinghpaw N'mawk, word after '
    CHECK(keys(idx, "manmaw") == std::vector<std::string>{"place:bhamo"});
    CHECK(keys(idx, "amo").empty());  // not a prefix of any word
    CHECK(keys(idx, "  ").empty());
}
