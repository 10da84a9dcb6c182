#pragma once
// Trade and share observations (exports.csv) as published — not a fake monthly series. Each
// observation covers its period: a year, a month, a day, or an inclusive span of months
// ("Jan–Nov 2024"). Aggregation to years or months only uses periods that are exactly that
// year or month (or, for a year, twelve monthly quantities that can be summed); a year is never
// split into months, a missing period stays a gap, and conflicting figures for the same period
// and series are kept side by side, each with its sources.
#include "atlas/data/string_map.h"
#include "atlas/time/date.h"
#include "atlas/time/interval.h"
#include "atlas/time/temporal_index.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace atlas {

struct ExportObservation {
    std::string id;
    Date period;                     // YYYY, YYYY-MM or YYYY-MM-DD
    std::optional<Date> periodEnd;   // inclusive last period of a span, nullopt for a single period
    Interval span;                   // [period.first(), (periodEnd ? periodEnd : period).endExclusive())
    std::string reporter;
    std::string partner;
    std::string flow;                // import | export | total | production | quota
    std::string basket;              // the commodity as the source words it
    std::vector<std::string> hsCodes;
    std::string metric;              // quantity | value | change | share
    std::string qualifier;           // "" | > | ≥ | < | ≤ | ≈
    double value = 0;
    std::string valueText;           // as written ("21925.6", "-31.6")
    std::string unit;                // t | USD | percent
    std::vector<std::string> sources;
    std::string confidence;
    std::string note;
    int line = 0;                    // line in exports.csv

    // "2023", "2024-01/2024-11"
    std::string periodIso() const;
    // "2023", "Jan 2024 – Nov 2024"
    std::string periodLabel() const;
};

enum class Granularity { Year, Month };

// The observations that describe the same thing: who reported what flow of which basket, in
// which metric and unit. Observations of different series are never combined.
struct SeriesKey {
    std::string reporter, partner, flow, basket, metric, unit;
    bool operator==(const SeriesKey&) const = default;
    auto operator<=>(const SeriesKey&) const = default;
};

struct Figure {
    double value = 0;
    std::string qualifier;
    std::vector<std::string> sources;
    std::vector<std::string> observationIds;  // one id, or the twelve months of a summed year
    bool summed = false;                      // a year total computed from its twelve months
};

struct SeriesPeriod {
    Date period;                  // a year or a month (its precision says which)
    std::vector<Figure> figures;  // empty = gap; more than one = conflicting figures, side by side
};

struct AggregatedSeries {
    SeriesKey key;
    std::vector<SeriesPeriod> periods;  // every year / month from the first to the last with a figure
};

class ExportSeries {
public:
    ExportSeries() = default;
    explicit ExportSeries(std::vector<ExportObservation> observations);

    const std::vector<ExportObservation>& all() const { return m_observations; }
    std::size_t size() const { return m_observations.size(); }
    const ExportObservation* byId(std::string_view id) const;

    // Observations whose period contains `day` / overlaps `window`, in (period start, id) order.
    std::vector<const ExportObservation*> covering(int32_t day) const;
    std::vector<const ExportObservation*> overlapping(const Interval& window) const;

    // Every series, aggregated by year or by month (see the file comment). Year totals are
    // summed from months only for `quantity` and `value`, when all twelve months have exactly
    // one unqualified figure.
    std::vector<AggregatedSeries> aggregate(Granularity granularity) const;

private:
    std::vector<ExportObservation> m_observations;  // by (period start, id)
    TemporalIndex m_index;
    StringMap<uint32_t> m_byId;
};

SeriesKey seriesKeyOf(const ExportObservation& o);

}  // namespace atlas
