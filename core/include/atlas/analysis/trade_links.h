#pragma once
// Which crossings and mining areas an imported trade series flows through — a mapping the
// person edits (commodity code → feature ids) and the project keeps — and what it answers: the
// series of a feature, and the events that coincide with the series' drops there.
//
// An event coincides with a drop when it concerns a feature tied to the same commodity code
// (named by the event, or by a version's area_id / line_id: LinkIndex::eventsLinkedTo) and its
// span overlaps the month of the drop or the month before (a closure late in a month shows in
// the customs figure of the next).
#include "atlas/analysis/links.h"
#include "atlas/data/trade_series.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace atlas {

class TradeLinkMap {
public:
    // hs code → feature ids, each list in the order given, without repeats.
    const std::map<std::string, std::vector<std::string>>& entries() const { return m_byHs; }
    bool empty() const { return m_byHs.empty(); }
    void set(const std::string& hsCode, std::vector<std::string> featureIds);
    void clear() { m_byHs.clear(); }
    const std::vector<std::string>& featuresOf(const std::string& hsCode) const;
    // Codes tied to a feature, ascending.
    std::vector<std::string> hsCodesOf(std::string_view featureId) const;
    bool operator==(const TradeLinkMap&) const = default;

private:
    std::map<std::string, std::vector<std::string>> m_byHs;
};

struct TradeDrop {
    MonthKey month;
    TradeChange change;                       // against the month before
    std::vector<LinkedEvent> events;          // coinciding, in date order
};

struct FeatureTradeLink {
    const TradeTrack* track = nullptr;
    std::vector<TradeDrop> drops;
};

// The tracks tied to `featureId` (through their commodity code) with their drops of at least
// `thresholdPercent` month on month and the coinciding events.
std::vector<FeatureTradeLink> tradeLinksOf(std::string_view featureId, const TradeSeries& series,
                                           const TradeLinkMap& map, const LinkIndex* links,
                                           TradeMetric metric = TradeMetric::Tonnes, double thresholdPercent = 30);

// Ids in the mapping that are no feature of the dataset ("mapping: crossing:nowhere: no such
// feature"), for the editor and `links` to report.
std::vector<std::string> unknownLinkedIds(const TradeLinkMap& map, const LinkIndex& links);

}  // namespace atlas
