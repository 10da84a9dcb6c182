#pragma once
// Where an opened layer goes in the document's drawing order. Imagery and elevation (rasters)
// lie above the basemap's country fills and under everything else; an OpenStreetMap extract is
// local basemap detail, so its themed layers go above the basemap and the rasters (roads over
// hillshade) and under the data, which stays the subject of the map.
#include "atlas/model/map_document.h"

namespace atlas::app {

// True for a themed layer read from an .osm/.pbf file (atlas/osm_source.h).
bool isOsmEntry(const LayerEntry& entry);

// The index `entry` is inserted at when opened into `doc` (after earlier ones of its kind).
std::size_t insertIndexFor(const MapDocument& doc, const LayerEntry& entry);

}  // namespace atlas::app
