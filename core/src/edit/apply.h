#pragma once
// Applying an edit to the folder's text (folder_text.h): the new lines, the id written and the
// inverse edit. Nothing is validated or written here; FolderStore does both.
#include "atlas/edit/edit.h"
#include "atlas/result.h"

#include "folder_text.h"

namespace atlas::edit::detail {

struct TextChange {
    std::string id;  // the id written (event id, feature id, S-number, group)
    Edit inverse;
};

Result<TextChange> applyToText(FolderText& folder, const Edit& edit);

// Per family (apply_features.cpp, apply_tables.cpp, apply_sources.cpp).
Result<TextChange> apply(FolderText& folder, const AddEvent& e);
Result<TextChange> apply(FolderText& folder, const UpdateFeature& e);
Result<TextChange> apply(FolderText& folder, const DeleteFeature& e);
Result<TextChange> apply(FolderText& folder, const RestoreFeature& e);
Result<TextChange> apply(FolderText& folder, const AddVersion& e);
Result<TextChange> apply(FolderText& folder, const RemoveVersion& e);
Result<TextChange> apply(FolderText& folder, const RecordControl& e);
Result<TextChange> apply(FolderText& folder, const RecordStatus& e);
Result<TextChange> apply(FolderText& folder, const RetractSpan& e);
Result<TextChange> apply(FolderText& folder, const AddSource& e);
Result<TextChange> apply(FolderText& folder, const RemoveSource& e);

// The version of `group` in force on `day` as an AddVersion of the same parts (as_of, sources,
// confidence, description and note of its first feature).
Result<AddVersion> versionInForce(FolderText& folder, const std::string& group, int32_t day);

// The GeoJSON file of a layer key ("events" → "events.geojson").
std::string layerFile(std::string_view key);
Diagnostics refusal(const std::string& file, const std::string& location, const std::string& field,
                    const std::string& message);

}  // namespace atlas::edit::detail
