#pragma once
// A unified diff of two versions of a text file, for `edit --dry-run` and a save dialog.
// Edits change one place of a file, so the changed lines are found as what lies between the
// longest common head and tail, shown with `context` lines around them (one hunk).
#include <string>
#include <string_view>

namespace atlas::edit {

// "" when the texts are equal. `name` is shown as a/NAME and b/NAME.
std::string unifiedDiff(std::string_view before, std::string_view after, const std::string& name, int context = 3);

}  // namespace atlas::edit
