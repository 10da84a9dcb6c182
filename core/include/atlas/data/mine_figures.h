#pragma once
// Dated figures about mines (mine_figures.csv): pools, sites, ponds, levies… each with the
// period it refers to, a qualifier and its sources. Values are kept as published.
#include "atlas/time/date.h"

#include <string>
#include <string_view>
#include <vector>

namespace atlas {

struct MineFigure {
    std::string featureId;  // a mine: id
    Date period;
    std::string metric;     // free text: "collection pools", "KIA levy on rare-earth output"
    std::string qualifier;  // "" | > | ≥ | < | ≤ | ≈
    double value = 0;
    std::string valueText;  // as written
    std::string unit;       // free text: count, percent, km², CNY per t
    std::vector<std::string> sources;
    std::string confidence;
    std::string note;
    int line = 0;
};

class MineFigures {
public:
    MineFigures() = default;
    // Sorted by (feature id, period, line).
    explicit MineFigures(std::vector<MineFigure> figures);

    const std::vector<MineFigure>& all() const { return m_figures; }
    std::size_t size() const { return m_figures.size(); }
    // The figures of one mine in period order.
    std::vector<const MineFigure*> forFeature(std::string_view featureId) const;

private:
    std::vector<MineFigure> m_figures;
};

}  // namespace atlas
