#pragma once
// The dataset schema's names in one place: the layer keys of a dataset folder (each also the
// GeoJSON file's base name) and the id prefix of each layer's rows. Code says schema::kMines,
// never "mines", so a renamed layer is one edit and a typo does not compile.
namespace atlas::schema {

inline constexpr const char* kPlaces = "places";
inline constexpr const char* kMines = "mines";
inline constexpr const char* kCrossings = "crossings";
inline constexpr const char* kControl = "control";
inline constexpr const char* kFrontlines = "frontlines";
inline constexpr const char* kRiver = "river";
inline constexpr const char* kEvents = "events";
// Not a layer: the trade observations table (exports.csv); ids of its rows resolve to it.
inline constexpr const char* kExports = "exports";

}  // namespace atlas::schema
