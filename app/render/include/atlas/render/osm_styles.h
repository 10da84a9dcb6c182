#pragma once
// How an OpenStreetMap extract is drawn: one style per themed layer (atlas/osm_source.h), its
// categories selected by the tag the layer is named after — roads by `highway` class (wider and
// warmer as the class rises), rivers by `waterway`, built-up areas by `landuse`, place names by
// `place`. Muted, so the conflict data drawn over it stays the subject of the map.
#include "atlas/layer.h"
#include "atlas/render/style.h"

#include <optional>

namespace atlas::render {

// The style of an OSM themed layer (the layer's source is a .osm/.pbf file and its name one of
// the themes), titled `title`; nullopt for any other layer.
std::optional<LayerStyle> osmStyleFor(const Layer& layer, const QString& title);

}  // namespace atlas::render
