#pragma once
// Polygon validity of a loaded layer. OGR reads what a file holds — a ring that does not close, a
// polygon that crosses itself — and such shapes fill wrongly, measure wrong areas and make GEOS
// analysis fail. Each one is reported (file, feature, GEOS's reason and where, in lon/lat); it
// is repaired with GEOS MakeValid only when the person asks for it (LoadOptions::repairInvalid:
// the --repair-invalid option, the question Open Data asks), never silently.
#include "atlas/diagnostics.h"
#include "atlas/layer.h"

#include <cstddef>
#include <memory>
#include <string>

namespace atlas {

struct PolygonCheck {
    std::size_t invalid = 0;   // polygon features found invalid (each reported)
    std::size_t repaired = 0;  // of them, repaired (only with `repair`)
};

// True when feature f is certainly a valid polygon by a quick exact test: one part, one closed
// ring of at least 4 points that touches itself nowhere (orientation signs under an error
// bound; whatever the bound cannot settle is "not certain"). False says nothing: GEOS decides.
bool certainlyValidPolygon(const GeometryColumn& geometry, std::size_t f);

// Checks every polygon feature of `layer`: each ring closed and of at least 4 points, then GEOS
// validity (skipped for the polygons certainlyValidPolygon proves valid). An invalid feature is
// reported as a warning at "feature N", field "geometry". Without `repair` the layer comes back
// unchanged (invalid features are drawn as read); with it, a copy in which each invalid polygon
// is replaced by GEOS MakeValid's polygonal result (after closing its rings), each repair
// reported too. Never throws for bad geometry.
std::shared_ptr<Layer> checkPolygons(std::shared_ptr<Layer> layer, const std::string& file, bool repair,
                                     Diagnostics& diagnostics, PolygonCheck* summary = nullptr);

}  // namespace atlas
