#include "atlas/data/mine_figures.h"

#include <algorithm>
#include <tuple>

namespace atlas {

MineFigures::MineFigures(std::vector<MineFigure> figures) : m_figures(std::move(figures))
{
    std::stable_sort(m_figures.begin(), m_figures.end(), [](const MineFigure& a, const MineFigure& b) {
        using Key = std::tuple<const std::string&, int32_t, int>;
        return Key(a.featureId, a.period.first(), a.line) < Key(b.featureId, b.period.first(), b.line);
    });
}

std::vector<const MineFigure*> MineFigures::forFeature(std::string_view featureId) const
{
    std::vector<const MineFigure*> out;
    const auto lo = std::lower_bound(m_figures.begin(), m_figures.end(), featureId,
                                     [](const MineFigure& m, std::string_view id) { return m.featureId < id; });
    for (auto it = lo; it != m_figures.end() && it->featureId == featureId; ++it) out.push_back(&*it);
    return out;
}

}  // namespace atlas
