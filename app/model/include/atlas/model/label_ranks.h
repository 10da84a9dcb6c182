#pragma once
// How much each place and crossing of the bundled dataset matters to the story, for labels:
// a rank column the label pass reads (the story's places placed first and over event symbols;
// minor places only when zoomed in). Worked out from the dataset itself, never typed in:
//  - the story's places (rank ≥ kStoryRank): seats of power (state capital, KIO/KIA HQ,
//    special region capital, district town), the towns of the dataset's border crossings, the
//    places a rare-earth mining area is named after (the Pangwa–Chipwi belt, the Tsawlaw hub…),
//    and crossings that stand alone and are in the events (a crossing at a town is never named
//    apart from it: in Burmese, "Laiza" beside လိုင်ဇာ would read as a second place);
//  - then the number of events naming the place or crossing (links or place_id), which orders
//    labels within a tier and keeps places nobody writes about (rank 0) for closer zooms.
#include "atlas/data/dataset.h"
#include "atlas/layer.h"
#include "atlas/render/style.h"

namespace atlas::app {

inline constexpr const char* kLabelRankColumn = "@label_rank";
inline constexpr double kStoryRank = 100.0;
// Places no event names show from this scale in (map metres per logical pixel): the
// state-wide view (about 560 m/px at 1600 px) names them where there is room; wider views
// (the region, the country) keep to the places in the story.
inline constexpr double kDetailUnitsPerPixel = 700.0;

// A copy of the places or crossings layer of `dataset` with kLabelRankColumn; nullptr for
// other layers.
LayerPtr withLabelRanks(const Dataset& dataset, const DatasetLayer& layer);
// Sets the label style fields that read the rank column of the dataset layer `layerKey`.
void useLabelRanks(render::LabelStyle& style, std::string_view layerKey);

}  // namespace atlas::app
