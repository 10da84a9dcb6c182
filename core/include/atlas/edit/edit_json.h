#pragma once
// Edits as JSON, so a journal of unsaved edits can be written as they are made and read back
// after a crash (the window's autosave), or a batch of edits kept in a file.
// {"edit":"record-control","feature_id":"mine:pangwa-belt","date":"2026-03",…}
#include "atlas/edit/edit.h"
#include "atlas/result.h"

namespace atlas::edit {

Json toJson(const Edit& edit);
// An error naming `file` and the field when `json` is not an edit written by toJson().
Result<Edit> editFromJson(const Json& json, const std::string& file = "journal");

}  // namespace atlas::edit
