#include "atlas/data/state_history.h"

#include <algorithm>

namespace atlas {

StateHistory::StateHistory(std::vector<StateSpan> rows)
{
    // Group by feature (first appearance order), keeping each feature's rows in the given order.
    std::unordered_map<std::string, std::size_t> order;
    for (const StateSpan& r : rows)
        if (order.emplace(r.featureId, order.size()).second) m_ids.push_back(r.featureId);
    std::stable_sort(rows.begin(), rows.end(),
                     [&](const StateSpan& a, const StateSpan& b) { return order[a.featureId] < order[b.featureId]; });
    m_rows = std::move(rows);
    for (std::size_t i = 0; i < m_rows.size();) {
        std::size_t j = i;
        while (j < m_rows.size() && m_rows[j].featureId == m_rows[i].featureId) ++j;
        m_ranges.emplace(m_rows[i].featureId, std::make_pair(i, j));
        i = j;
    }
}

std::span<const StateSpan> StateHistory::history(std::string_view featureId) const
{
    const auto it = m_ranges.find(featureId);
    if (it == m_ranges.end()) return {};
    return {m_rows.data() + it->second.first, m_rows.data() + it->second.second};
}

const StateSpan* StateHistory::at(std::string_view featureId, int32_t day) const
{
    const auto spans = history(featureId);
    // Spans are ordered and disjoint: the candidate is the last one beginning on or before day.
    auto it = std::upper_bound(spans.begin(), spans.end(), day, [](int32_t d, const StateSpan& s) {
        return s.span.begin && d < *s.span.begin;
    });
    if (it == spans.begin()) return nullptr;
    --it;
    return it->span.contains(day) ? &*it : nullptr;
}

}  // namespace atlas
