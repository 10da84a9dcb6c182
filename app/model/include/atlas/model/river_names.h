#pragma once
// Names for the basemap's GSHHG rivers, which carry none. The dataset's river row
// (geodata/river.geojson, river:irrawaddy) says which line is the Irrawaddy: the class-1 line
// that passes Myitkyina, Bhamo and Shwegu (its note gives the gaps, 0.6–3.0 km, and
// tests/cli/rivers_test.cpp checks them against 4 km). The stretch of that line between the
// first and the last of those towns gets the row's name (above Myitkyina the line is the N'Mai
// Hka, not yet the Irrawaddy); every other river stays unnamed, as the data leaves it.
#include "atlas/data/dataset.h"
#include "atlas/layer.h"

namespace atlas::app {

// The GSHHG `rivers` layer again, with the named stretch split out as features of its own and
// a "name" column (null where the dataset names nothing); nullptr when it names none.
LayerPtr withRiverNames(const Layer& rivers, const Dataset& dataset);

}  // namespace atlas::app
