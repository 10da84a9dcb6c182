#include "row_diff.h"

#include <algorithm>

namespace atlas::teamdb::detail {

std::vector<RowChange> diffRows(const std::vector<std::string>& a, const std::vector<std::string>& b,
                                std::string (*keyOf)(const void*, const std::string&), const void* context)
{
    const std::size_t n = a.size(), m = b.size();
    // lcs[i][j]: length of the LCS of a[i..] and b[j..].
    std::vector<std::vector<std::size_t>> lcs(n + 1, std::vector<std::size_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);

    // The edit script: keep (both), delete (old only), add (new only), in the new order.
    struct Step {
        std::optional<std::size_t> oldIndex, newIndex;
    };
    std::vector<Step> script;
    for (std::size_t i = 0, j = 0; i < n || j < m;) {
        if (i < n && j < m && a[i] == b[j]) script.push_back({i++, j++});
        else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) script.push_back({std::nullopt, j++});
        else script.push_back({i++, std::nullopt});
    }

    std::vector<RowChange> out;
    std::optional<std::size_t> lastOld;     // the last old row placed in the new order
    std::optional<std::size_t> lastInsert;  // an insert placed after it
    for (std::size_t s = 0; s < script.size();) {
        if (script[s].oldIndex && script[s].newIndex) {
            lastOld = script[s++].oldIndex, lastInsert.reset();
            continue;
        }
        // A changed stretch up to the next kept row.
        std::size_t e = s;
        std::vector<std::size_t> removed, added;
        while (e < script.size() && !(script[e].oldIndex && script[e].newIndex)) {
            if (script[e].oldIndex) removed.push_back(*script[e].oldIndex);
            else added.push_back(*script[e].newIndex);
            ++e;
        }
        const std::optional<std::size_t> nextOld = e < script.size() ? script[e].oldIndex : std::nullopt;
        std::vector<bool> used(removed.size(), false);
        for (std::size_t k : added) {
            const std::string key = keyOf(context, b[k]);
            std::optional<std::size_t> match;
            for (std::size_t r = 0; r < removed.size() && !match; ++r)
                if (!used[r] && (key.empty() || keyOf(context, a[removed[r]]) == key)) match = r;
            if (match) {
                used[*match] = true;
                out.push_back({RowChange::Op::Update, removed[*match], b[k], {}, {}, {}});
                lastOld = removed[*match], lastInsert.reset();
            } else {
                out.push_back({RowChange::Op::Insert, 0, b[k], lastInsert ? std::nullopt : lastOld, nextOld, lastInsert});
                lastInsert = out.size() - 1;
            }
        }
        for (std::size_t r = 0; r < removed.size(); ++r)
            if (!used[r]) out.push_back({RowChange::Op::Delete, removed[r], {}, {}, {}, {}});
        s = e;
    }
    return out;
}

}  // namespace atlas::teamdb::detail
