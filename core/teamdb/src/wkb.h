#pragma once
// GeoJSON geometry ↔ WKB (hex), 2-D. The coordinates cross to PostGIS as the very doubles of the
// file: GeoJSON text through the server's parser and printer does not round-trip every double
// (97.37744 came back as 97.37744000000001), binary does.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace atlas::teamdb::detail {

// nullopt (why in `why`) for what the files never hold: Z/M coordinates, an unknown type.
std::optional<std::string> wkbHex(const nlohmann::ordered_json& geometry, std::string& why);
// The geometry as GeoJSON text in the files' compact form. Each coordinate is written as the
// shortest decimal that reads back as the same double, with ".0" for whole numbers (24.0), as the
// files have them; nlohmann's printer (Grisu2) is not always shortest (25.62683 came out as
// 25.626830000000002), so the numbers are printed with std::to_chars here.
std::string geometryTextFromWkbHex(const std::string& hex);

}  // namespace atlas::teamdb::detail
