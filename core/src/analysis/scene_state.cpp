#include "atlas/analysis/scene_state.h"
#include "atlas/data/schema.h"

#include <algorithm>

namespace atlas {

const LayerScene* SceneState::layer(std::string_view key) const
{
    for (const LayerScene& l : layers)
        if (l.key == key) return &l;
    return nullptr;
}

namespace {

std::string_view stringCell(const Column* c, std::size_t row)
{
    return c && c->type() == FieldType::String && !c->isNull(row) ? c->string(row) : std::string_view();
}

}  // namespace

SceneState querySceneState(const LinkIndex& links, const SceneQuery& query)
{
    const Dataset& ds = links.dataset();
    SceneState out;
    out.cursor = query.cursor;
    out.window = query.cursor.window();
    const int32_t day = query.cursor.day();
    const Interval today = Interval::ofDay(day);

    for (const DatasetLayer& dl : ds.layers()) {
        LayerScene scene;
        scene.key = dl.key;
        const Layer& layer = *dl.layer;
        const bool isEvents = std::holds_alternative<InstantTime>(dl.mode) || std::holds_alternative<CumulativeTime>(dl.mode);
        const Interval window = isEvents ? out.window : today;

        std::vector<uint32_t> rows;
        if (query.extent) rows = layer.index().query(*query.extent);
        if (!dl.isStatic()) {
            const std::vector<uint32_t> inTime = dl.temporal.query(window);
            if (query.extent) {
                std::vector<uint32_t> both;
                std::set_intersection(rows.begin(), rows.end(), inTime.begin(), inTime.end(), std::back_inserter(both));
                rows = std::move(both);
            } else {
                rows = inTime;
            }
        } else if (!query.extent) {
            for (uint32_t f = 0; f < layer.featureCount(); ++f)
                if (!layer.geometry().isNull(f)) rows.push_back(f);
        }

        const Column* controller = dl.key == schema::kControl ? layer.column("controller") : nullptr;
        const bool hasController = dl.key == schema::kMines || dl.key == schema::kCrossings;
        scene.features.reserve(rows.size());
        for (uint32_t row : rows) {
            if (layer.geometry().isNull(row)) continue;
            VisibleFeature v;
            v.row = row;
            v.id = dl.id(row);
            v.opacity = dl.isStatic() ? 1.0f : static_cast<float>(dl.times.opacity(row, window));
            if (v.opacity <= 0) continue;
            if (controller) v.controller = stringCell(controller, row);
            if (hasController)
                if (const ResolvedSpan* s = links.controllerAt(v.id, day)) v.controller = s->value;
            if (dl.key == schema::kCrossings)
                if (const StateSpan* s = links.statusAt(v.id, day)) v.status = s->value;
            scene.features.push_back(v);
        }
        out.layers.push_back(std::move(scene));
    }

    out.events = ds.events().eventsIn(out.window);
    if (const DatasetLayer* fronts = ds.layer(schema::kFrontlines)) {
        for (const SnapshotGroup& g : fronts->groups) {
            FrontScene f;
            f.lineId = g.group;
            const int i = g.indexAt(day);
            if (i >= 0) f.inForce = &g.versions[static_cast<std::size_t>(i)];
            // Versions that began before the cursor's day, other than the one in force.
            for (auto it = g.versions.rbegin(); it != g.versions.rend(); ++it)
                if (&*it != f.inForce && it->asOf.first() <= day) f.previous.push_back(&*it);
            out.fronts.push_back(std::move(f));
        }
    }
    out.exports = ds.exports().covering(day);
    return out;
}

}  // namespace atlas
