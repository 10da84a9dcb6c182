#include "atlas/model/layer_time.h"

#include <algorithm>

namespace atlas::app {

render::FeatureState visibleSet(const LayerTime& time, const TimeCursor& cursor)
{
    render::FeatureState fs;
    const FeatureTimes& t = time.times;
    for (uint32_t row : time.index.query(t.windowFor(cursor))) {
        const double op = t.opacity(row, cursor);
        if (op <= 0) continue;
        fs.visible.push_back(row);
        fs.opacity.push_back(static_cast<float>(op));
    }
    return fs;
}

namespace {
bool sameOwner(const std::weak_ptr<const LayerTime>& a, const std::shared_ptr<const LayerTime>& b)
{
    return !a.owner_before(b) && !b.owner_before(a);
}
}  // namespace

std::shared_ptr<const render::FeatureState> VisibleSetCache::get(const std::shared_ptr<const LayerTime>& time,
                                                                 const TimeCursor& cursor)
{
    {
        std::lock_guard lock(m_mutex);
        std::erase_if(m_entries, [](const Entry& e) { return e.time.expired(); });  // layers gone since
        for (const Entry& e : m_entries)
            if (e.cursor == cursor && sameOwner(e.time, time)) return e.state;
    }
    // Computed outside the lock: two threads may compute the same set; both are right.
    auto fs = std::make_shared<const render::FeatureState>(visibleSet(*time, cursor));
    std::lock_guard lock(m_mutex);
    // One entry per layer: the previous cursor's set goes.
    std::erase_if(m_entries, [&](const Entry& e) { return e.time.expired() || sameOwner(e.time, time); });
    m_entries.push_back({time, cursor, fs});
    return fs;
}

}  // namespace atlas::app
