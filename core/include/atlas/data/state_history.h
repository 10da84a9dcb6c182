#pragma once
// Per-feature histories of a state — who controlled a place, mine or crossing (controllers.csv)
// or whether a crossing was open (crossing_status.csv) — as ordered half-open spans. A span
// [from, to) holds on `from` and no longer on `to`; an empty `from` means "since the beginning
// of the timeline" and an empty `to` "still true". Partial dates are read at their first day.
#include "atlas/data/string_map.h"
#include "atlas/time/date.h"
#include "atlas/time/interval.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace atlas {

struct StateSpan {
    std::string featureId;
    Interval span;              // [from.first(), to.first()), open sides nullopt
    std::optional<Date> from;   // as written (keeps its precision); nullopt when empty
    std::optional<Date> to;
    std::string value;          // controller, or status
    std::string by;             // crossing_status: who closed / restricted it ("" = unknown)
    std::vector<std::string> sources;
    std::string confidence;
    std::string note;
    std::string file;           // where the row came from, for "file:line N" references
    int line = 0;
};

class StateHistory {
public:
    StateHistory() = default;
    // Rows of any features, already checked (ordered, non-overlapping per feature: the
    // dataset loader reports and drops rows that are not). Kept in the given order per feature.
    explicit StateHistory(std::vector<StateSpan> rows);

    // The spans of one feature in time order (empty when it has none).
    std::span<const StateSpan> history(std::string_view featureId) const;
    // The span holding on `day`, or nullptr (no row, or a gap between rows = unknown).
    const StateSpan* at(std::string_view featureId, int32_t day) const;
    bool contains(std::string_view featureId) const { return m_ranges.contains(featureId); }
    // Feature ids with a history, in the order of their first row.
    const std::vector<std::string>& featureIds() const { return m_ids; }
    const std::vector<StateSpan>& rows() const { return m_rows; }
    std::size_t size() const { return m_rows.size(); }

private:
    std::vector<StateSpan> m_rows;  // grouped by feature, each group in time order
    std::vector<std::string> m_ids;
    StringMap<std::pair<std::size_t, std::size_t>> m_ranges;  // id → [begin, end) in m_rows
};

}  // namespace atlas
