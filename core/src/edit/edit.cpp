#include "atlas/edit/edit.h"

#include "apply.h"

namespace atlas::edit {

const std::vector<std::string>* sourcesOf(const Edit& edit)
{
    return std::visit(
        [](const auto& e) -> const std::vector<std::string>* {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, AddSource> || std::is_same_v<T, RemoveSource>) return nullptr;
            else return &e.sources;
        },
        edit);
}

std::string describe(const Edit& edit)
{
    struct Describe {
        std::string operator()(const AddEvent& e) const { return "add event \"" + e.title + "\""; }
        std::string operator()(const UpdateFeature& e) const { return "edit " + e.id; }
        std::string operator()(const DeleteFeature& e) const { return "delete " + e.id; }
        std::string operator()(const RestoreFeature&) const { return "restore deleted features"; }
        std::string operator()(const RecordControl& e) const { return "record control of " + e.featureId + " from " + e.date; }
        std::string operator()(const RecordStatus& e) const { return "record status of " + e.featureId + " from " + e.date; }
        std::string operator()(const RetractSpan& e) const { return "take back the change of " + e.featureId + " from " + e.from; }
        std::string operator()(const AddVersion& e) const { return "new version of " + e.group + " as of " + e.asOf; }
        std::string operator()(const RemoveVersion& e) const { return "remove version of " + e.group + " as of " + e.asOf; }
        std::string operator()(const AddSource& e) const { return "add source \"" + e.title + "\""; }
        std::string operator()(const RemoveSource& e) const { return "remove source " + e.id; }
    };
    return std::visit(Describe{}, edit);
}

namespace detail {

Result<TextChange> applyToText(FolderText& folder, const Edit& edit)
{
    return std::visit([&](const auto& e) { return apply(folder, e); }, edit);
}

}  // namespace detail
}  // namespace atlas::edit
