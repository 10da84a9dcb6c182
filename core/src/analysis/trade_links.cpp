#include "atlas/analysis/trade_links.h"

#include <algorithm>
#include <set>

namespace atlas {

void TradeLinkMap::set(const std::string& hsCode, std::vector<std::string> featureIds)
{
    std::vector<std::string> unique;
    for (std::string& id : featureIds)
        if (!id.empty() && std::find(unique.begin(), unique.end(), id) == unique.end()) unique.push_back(std::move(id));
    if (unique.empty()) m_byHs.erase(hsCode);
    else m_byHs[hsCode] = std::move(unique);
}

const std::vector<std::string>& TradeLinkMap::featuresOf(const std::string& hsCode) const
{
    static const std::vector<std::string> none;
    const auto it = m_byHs.find(hsCode);
    return it == m_byHs.end() ? none : it->second;
}

std::vector<std::string> TradeLinkMap::hsCodesOf(std::string_view featureId) const
{
    std::vector<std::string> out;
    for (const auto& [hs, ids] : m_byHs)
        if (std::find(ids.begin(), ids.end(), featureId) != ids.end()) out.push_back(hs);
    return out;
}

std::vector<FeatureTradeLink> tradeLinksOf(std::string_view featureId, const TradeSeries& series,
                                           const TradeLinkMap& map, const LinkIndex* links, TradeMetric metric,
                                           double thresholdPercent)
{
    std::vector<FeatureTradeLink> out;
    for (const std::string& hs : map.hsCodesOf(featureId)) {
        // Events concerning any feature the code flows through, each once.
        std::vector<LinkedEvent> candidates;
        if (links) {
            std::set<const Event*> seen;
            for (const std::string& id : map.featuresOf(hs))
                for (const LinkedEvent& e : links->eventsLinkedTo(id))
                    if (seen.insert(e.event).second) candidates.push_back({e.event, e.via.empty() ? id : e.via});
            std::sort(candidates.begin(), candidates.end(), [](const LinkedEvent& a, const LinkedEvent& b) {
                return a.event->span.begin < b.event->span.begin;
            });
        }
        for (const TradeTrack* track : series.tracksOf(hs)) {
            FeatureTradeLink link{track, {}};
            for (MonthKey m : track->drops(metric, thresholdPercent)) {
                TradeDrop drop{m, *track->monthOnMonth(m, metric), {}};
                const Interval window = Interval::ofDays((m - 1).firstDay(), m.endDay());
                for (const LinkedEvent& e : candidates)
                    if (e.event->span.overlaps(window)) drop.events.push_back(e);
                link.drops.push_back(std::move(drop));
            }
            out.push_back(std::move(link));
        }
    }
    return out;
}

std::vector<std::string> unknownLinkedIds(const TradeLinkMap& map, const LinkIndex& links)
{
    std::vector<std::string> out;
    for (const auto& [hs, ids] : map.entries())
        for (const std::string& id : ids)
            if (!links.dataset().resolve(id) && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    return out;
}

}  // namespace atlas
