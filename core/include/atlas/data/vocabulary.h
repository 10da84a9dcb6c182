#pragma once
// The closed vocabularies of the bundled dataset (geodata/README.md, "Vocabularies"). The
// validator checks values against them; the renderer maps controller and status values to its
// categories, so the spelling here is the spelling in the data (`NDA-K/BGF`, not `BGF`).
#include <array>
#include <span>
#include <string>
#include <string_view>

namespace atlas::vocab {

inline constexpr std::array<std::string_view, 7> kControllers = {"NDA-K/BGF", "KIA",   "junta",    "UWSA",
                                                                  "NDAA",      "MNDAA", "contested"};
inline constexpr std::array<std::string_view, 3> kStatuses = {"open", "closed", "restricted"};
// Who closed or restricted a crossing; empty = not known.
inline constexpr std::array<std::string_view, 4> kStatusBy = {"", "China", "KIA", "China;KIA"};
inline constexpr std::array<std::string_view, 3> kConfidence = {"high", "medium", "low"};
inline constexpr std::array<std::string_view, 9> kEventKinds = {"battle", "capture", "airstrike", "border",   "trade",
                                                                "policy", "political", "disaster", "report"};
inline constexpr std::array<std::string_view, 15> kPlaceKinds = {
    "state capital",          "regional capital", "district town",    "town",         "border town",
    "border-trade town",      "KIO/KIA HQ",       "special region capital", "jade-mining town",
    "county-level city",      "county seat",      "port town",        "border city",  "prefecture city",
    "airport"};
inline constexpr std::array<std::string_view, 2> kCountries = {"MM", "CN"};
inline constexpr std::array<std::string_view, 4> kMetrics = {"quantity", "value", "change", "share"};
inline constexpr std::array<std::string_view, 3> kUnits = {"t", "USD", "percent"};
inline constexpr std::array<std::string_view, 5> kFlows = {"import", "export", "total", "production", "quota"};
// Exports and mine figures; empty = the figure is exact as published.
inline constexpr std::array<std::string_view, 6> kQualifiers = {"", ">", "≥", "<", "≤", "≈"};

inline bool contains(std::span<const std::string_view> words, std::string_view value)
{
    for (std::string_view w : words)
        if (w == value) return true;
    return false;
}

// "high | medium | low" (an empty word shows as "(empty)") — for "expected …" messages.
inline std::string alternatives(std::span<const std::string_view> words)
{
    std::string out;
    for (std::string_view w : words) {
        if (!out.empty()) out += " | ";
        out += w.empty() ? std::string_view("(empty)") : w;
    }
    return out;
}

}  // namespace atlas::vocab
