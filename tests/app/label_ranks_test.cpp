// Which labels the bundled dataset makes the story's (issue 18), worked out from the data:
// seats of power, crossing towns, places mining areas are named after; the rest by how many
// events name them. And the Irrawaddy's name on the stretch of GSHHG's line past its towns.
#include "atlas/data/dataset.h"
#include "atlas/data/schema.h"
#include "atlas/model/label_ranks.h"

#include <catch2/catch.hpp>

using namespace atlas;
using namespace atlas::app;

namespace {

const Dataset& bundled()
{
    static const Dataset ds = [] {
        Diagnostics d;
        DatasetOptions o;
        return Dataset::load(ATLAS_GEODATA_DIR, o, d);
    }();
    return ds;
}

double rankOf(const char* layerKey, const char* id)
{
    const DatasetLayer* dl = bundled().layer(layerKey);
    REQUIRE(dl);
    const LayerPtr ranked = withLabelRanks(bundled(), *dl);
    REQUIRE(ranked);
    const auto row = ranked->findById(id);
    REQUIRE(row);
    const auto v = ranked->column(kLabelRankColumn)->number(*row);
    REQUIRE(v);
    return *v;
}

}  // namespace

TEST_CASE("The story's places rank as such, from the dataset alone", "[app][labels]")
{
    // Seats: the state capital, the KIO/KIA HQ, the special region capital, a district town.
    for (const char* id : {"place:myitkyina", "place:laiza", "place:pangwa", "place:bhamo"}) {
        INFO(id);
        CHECK(rankOf(schema::kPlaces, id) >= kStoryRank);
    }
    // A crossing's town (Kanpaikti, Lweje) and a town a mining area is named after (the
    // Pangwa–Chipwi rare-earth belt).
    for (const char* id : {"place:kanpaikti", "place:lweje", "place:chipwi"}) {
        INFO(id);
        CHECK(rankOf(schema::kPlaces, id) >= kStoryRank);
    }
    // Named by events but none of the above: ranked by their events, below the story.
    CHECK(rankOf(schema::kPlaces, "place:hpakant") > 0);
    CHECK(rankOf(schema::kPlaces, "place:hpakant") < kStoryRank);
    // No event names Houqiao: shown only when zoomed in (detailRank 1).
    CHECK(rankOf(schema::kPlaces, "place:houqiao") < 1);
    // More events, higher within the story: Bhamo over Myitkyina.
    CHECK(rankOf(schema::kPlaces, "place:bhamo") > rankOf(schema::kPlaces, "place:myitkyina"));
}

TEST_CASE("A crossing at a town is not named apart from it, a crossing on its own in the news is", "[app][labels]")
{
    CHECK(rankOf(schema::kCrossings, "crossing:laiza") < 0);
    CHECK(rankOf(schema::kCrossings, "crossing:mai-ja-yang") >= kStoryRank);
}
