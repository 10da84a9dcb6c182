#pragma once
// What OGR's GeoJSON reader forgives in silence: a geometry it cannot read becomes a feature
// without geometry ("coordinates": "97.2,24.2", "type": 42), a NaN coordinate an empty point,
// "properties" that are not an object no attributes. The person must hear which feature lost
// what, so GeoJSON files are read a second time as plain JSON and checked against RFC 7946.
#include "atlas/diagnostics.h"

#include <string>
#include <string_view>

namespace atlas::detail {

// Checks the features of a GeoJSON text; each problem is a warning at "feature N" (the index
// in "features", as the loader numbers them) unless `diagnostics` already has one for that
// feature and field. Text that is not JSON at all is left to OGR's own message.
void checkGeoJsonStructure(std::string_view text, const std::string& path, Diagnostics& diagnostics);

// The same for a file on disk; files larger than `maxBytes` are not checked (the cost of a
// second parse must stay small next to the load).
void checkGeoJsonFile(const std::string& path, Diagnostics& diagnostics, std::size_t maxBytes = 128u << 20);

}  // namespace atlas::detail
