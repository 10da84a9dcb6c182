#include "atlas/data/export_series.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace atlas {

std::string ExportObservation::periodIso() const
{
    return periodEnd ? period.iso() + "/" + periodEnd->iso() : period.iso();
}

std::string ExportObservation::periodLabel() const
{
    return periodEnd ? period.label() + " – " + periodEnd->label() : period.label();
}

SeriesKey seriesKeyOf(const ExportObservation& o)
{
    return {o.reporter, o.partner, o.flow, o.basket, o.metric, o.unit};
}

ExportSeries::ExportSeries(std::vector<ExportObservation> observations) : m_observations(std::move(observations))
{
    std::stable_sort(m_observations.begin(), m_observations.end(), [](const auto& a, const auto& b) {
        return std::tuple(a.period.first(), a.id) < std::tuple(b.period.first(), b.id);
    });
    std::vector<Interval> spans;
    spans.reserve(m_observations.size());
    for (uint32_t i = 0; i < m_observations.size(); ++i) {
        spans.push_back(m_observations[i].span);
        m_byId.emplace(m_observations[i].id, i);
    }
    m_index = TemporalIndex(spans);
}

const ExportObservation* ExportSeries::byId(std::string_view id) const
{
    const auto it = m_byId.find(id);
    return it == m_byId.end() ? nullptr : &m_observations[it->second];
}

std::vector<const ExportObservation*> ExportSeries::covering(int32_t day) const
{
    return overlapping(Interval::ofDay(day));
}

std::vector<const ExportObservation*> ExportSeries::overlapping(const Interval& window) const
{
    std::vector<const ExportObservation*> out;
    for (uint32_t i : m_index.query(window)) out.push_back(&m_observations[i]);
    return out;
}

std::vector<AggregatedSeries> ExportSeries::aggregate(Granularity granularity) const
{
    const Date::Precision wanted = granularity == Granularity::Year ? Date::Precision::Year : Date::Precision::Month;
    // Per series: figures of each exact period (keyed by its first day), and the monthly
    // observations by year for summing.
    struct Collect {
        std::map<int32_t, std::vector<Figure>> figures;
        std::map<int, std::vector<const ExportObservation*>> monthsOfYear;
    };
    std::map<SeriesKey, Collect> bySeries;
    for (const ExportObservation& o : m_observations) {
        Collect& c = bySeries[seriesKeyOf(o)];
        if (o.periodEnd) continue;  // a span of periods belongs to no single year or month
        if (o.period.precision() == wanted)
            c.figures[o.period.first()].push_back({o.value, o.qualifier, o.sources, {o.id}, false});
        if (granularity == Granularity::Year && o.period.precision() == Date::Precision::Month)
            c.monthsOfYear[o.period.civil().year].push_back(&o);
    }

    std::vector<AggregatedSeries> out;
    for (auto& [key, c] : bySeries) {
        if (granularity == Granularity::Year && (key.metric == "quantity" || key.metric == "value")) {
            for (const auto& [year, months] : c.monthsOfYear) {
                std::set<unsigned> seen;
                bool summable = months.size() == 12;
                double sum = 0;
                Figure total;
                total.summed = true;
                std::set<std::string> sources;
                for (const ExportObservation* o : months) {
                    summable = summable && o->qualifier.empty() && seen.insert(o->period.civil().month).second;
                    sum += o->value;
                    total.observationIds.push_back(o->id);
                    sources.insert(o->sources.begin(), o->sources.end());
                }
                if (!summable) continue;
                total.value = sum;
                total.sources.assign(sources.begin(), sources.end());
                c.figures[Date::ofYear(year).first()].push_back(std::move(total));
            }
        }
        if (c.figures.empty()) continue;
        AggregatedSeries series;
        series.key = key;
        const CivilDate start = civilFromDays(c.figures.begin()->first);
        const Date first = granularity == Granularity::Year ? Date::ofYear(start.year)
                                                            : Date::ofMonth(start.year, start.month);
        const int32_t last = c.figures.rbegin()->first;
        for (Date p = first; p.first() <= last;) {
            SeriesPeriod sp{p, {}};
            if (const auto it = c.figures.find(p.first()); it != c.figures.end()) sp.figures = it->second;
            series.periods.push_back(std::move(sp));
            const CivilDate cd = Date::ofDay(p.endExclusive()).civil();
            p = granularity == Granularity::Year ? Date::ofYear(cd.year) : Date::ofMonth(cd.year, cd.month);
        }
        out.push_back(std::move(series));
    }
    return out;
}

}  // namespace atlas
