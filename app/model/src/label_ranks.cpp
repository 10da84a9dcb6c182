#include "atlas/model/label_ranks.h"

#include "atlas/data/schema.h"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>

namespace atlas::app {
namespace {

constexpr double kAtTownRank = -1.0;

bool isSeat(std::string_view kind)
{
    static constexpr std::array<std::string_view, 4> seats = {"state capital", "KIO/KIA HQ", "special region capital",
                                                              "district town"};
    return std::find(seats.begin(), seats.end(), kind) != seats.end();
}

std::set<std::string> crossingPlaces(const Dataset& dataset)
{
    std::set<std::string> out;
    if (const DatasetLayer* c = dataset.layer(schema::kCrossings); c && c->layer)
        for (std::size_t f = 0; f < c->layer->featureCount(); ++f)
            if (std::string id = c->layer->text(f, "place_id"); !id.empty()) out.insert(std::move(id));
    return out;
}

// "Pangwa–Chipwi rare-earth belt" names Pangwa and Chipwi: whole words only.
bool namedInMiningArea(const Dataset& dataset, const std::string& name)
{
    const DatasetLayer* m = dataset.layer(schema::kMines);
    if (name.empty() || !m || !m->layer) return false;
    auto isLetter = [](char ch) { return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'); };
    for (std::size_t f = 0; f < m->layer->featureCount(); ++f) {
        const std::string mine = m->layer->text(f, "name");
        for (std::size_t at = mine.find(name); at != std::string::npos; at = mine.find(name, at + 1)) {
            const bool startOk = at == 0 || !isLetter(mine[at - 1]);
            const std::size_t end = at + name.size();
            const bool endOk = end == mine.size() || !isLetter(mine[end]);
            if (startOk && endOk) return true;
        }
    }
    return false;
}

}  // namespace

LayerPtr withLabelRanks(const Dataset& dataset, const DatasetLayer& dl)
{
    const bool places = dl.key == schema::kPlaces, crossings = dl.key == schema::kCrossings;
    if (!dl.layer || (!places && !crossings)) return nullptr;
    const Layer& layer = *dl.layer;
    const std::set<std::string> atCrossings = places ? crossingPlaces(dataset) : std::set<std::string>{};
    auto copy = std::make_shared<Layer>(layer);
    auto& columns = copy->mutableColumns();
    columns.erase(std::remove_if(columns.begin(), columns.end(),
                                 [](const Column& c) { return c.name() == kLabelRankColumn; }),
                  columns.end());
    Column& rank = copy->addColumn(kLabelRankColumn, FieldType::Real);
    rank.reserve(layer.featureCount());
    for (std::size_t f = 0; f < layer.featureCount(); ++f) {
        const std::string id = layer.text(f, "id");
        const auto events = static_cast<double>(std::min<std::size_t>(dataset.events().linkedTo(id).size(), 99));
        bool story = false;
        if (places)
            story = isSeat(layer.text(f, "kind")) || atCrossings.count(id) > 0
                    || namedInMiningArea(dataset, layer.text(f, "name"));
        else if (!layer.text(f, "place_id").empty()) {
            rank.appendReal(kAtTownRank);  // the town's label names it, in whatever language
            continue;
        } else {
            story = events > 0;
        }
        rank.appendReal((story ? kStoryRank : 0.0) + events);
    }
    return copy;
}

void useLabelRanks(render::LabelStyle& style, std::string_view layerKey)
{
    style.rankField = kLabelRankColumn;
    style.storyRank = kStoryRank;
    if (layerKey == schema::kCrossings) {
        // Below 0 (a crossing at a town) at no scale at all; every other crossing always.
        style.detailRank = 0.0;
        style.detailUnitsPerPixel = 0.0;
        return;
    }
    style.detailRank = 1.0;
    style.detailUnitsPerPixel = kDetailUnitsPerPixel;
}

}  // namespace atlas::app
