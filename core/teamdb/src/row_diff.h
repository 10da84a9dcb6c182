#pragma once
// What an edit did to a file's rows, as the statements the team store sends: the row lines of the
// mirror before and after the edit are aligned (longest common subsequence, so every untouched
// row stays untouched), and each changed stretch becomes updates of the same rows, deletes and
// inserts placed between their neighbours.
#include <optional>
#include <string>
#include <vector>

namespace atlas::teamdb::detail {

struct RowChange {
    enum class Op { Insert, Update, Delete };
    Op op = Op::Insert;
    std::size_t oldIndex = 0;  // Update, Delete: the row in the old lines
    std::string line;          // Insert, Update: the new line
    // Insert: the rows around it in the new order — an old row's index, or the position of an
    // earlier insert among the changes (prevInsert), nullopt at the file's ends.
    std::optional<std::size_t> prevOld, nextOld, prevInsert;
};

// `keyOf` gives a line's key ("" when the table has none): lines with the same key in one
// changed stretch are one row updated; without keys, lines are paired in order.
std::vector<RowChange> diffRows(const std::vector<std::string>& before, const std::vector<std::string>& after,
                                std::string (*keyOf)(const void*, const std::string&), const void* context);

}  // namespace atlas::teamdb::detail
