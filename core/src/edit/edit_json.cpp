#include "atlas/edit/edit_json.h"

namespace atlas::edit {
namespace {

// The type tag of each alternative, in the variant's order.
constexpr const char* kTags[] = {"add-event",     "update",        "delete",      "restore-feature",
                                 "record-control", "record-status", "retract-span", "add-version",
                                 "remove-version", "add-source",    "remove-source"};
static_assert(std::size(kTags) == std::variant_size_v<Edit>);

Json parts(const std::vector<VersionPart>& ps)
{
    Json out = Json::array();
    for (const VersionPart& p : ps) out.push_back({{"geometry", p.geometry}, {"controller", p.controller}});
    return out;
}

struct ToJson {
    Json operator()(const AddEvent& e) const
    {
        Json j{{"date", e.date},         {"date_end", e.dateEnd},     {"date_approx", e.dateApprox}, {"kind", e.kind},
               {"title", e.title},       {"summary", e.summary},      {"actors", e.actors},          {"links", e.links},
               {"place_id", e.placeId},  {"precision", e.precision},  {"confidence", e.confidence},  {"sources", e.sources},
               {"note", e.note},         {"slug", e.slug}};
        j["lon_lat"] = e.lonLat ? Json::array({e.lonLat->first, e.lonLat->second}) : Json(nullptr);
        return j;
    }
    Json operator()(const UpdateFeature& e) const
    {
        Json set = Json::array();
        for (const auto& [field, value] : e.set) set.push_back(Json::array({field, value}));
        Json j{{"id", e.id}, {"set", set}, {"sources", e.sources}};
        if (e.geometry) j["geometry"] = *e.geometry;
        return j;
    }
    Json operator()(const DeleteFeature& e) const { return {{"id", e.id}, {"sources", e.sources}}; }
    Json operator()(const RestoreFeature& e) const
    {
        Json rows = Json::array();
        for (const auto& [index, row] : e.rows) rows.push_back(Json::array({index, row}));
        return {{"layer", e.layerKey}, {"rows", rows}, {"sources", e.sources}};
    }
    Json operator()(const RecordControl& e) const
    {
        return {{"feature_id", e.featureId}, {"date", e.date},           {"controller", e.controller},
                {"sources", e.sources},      {"confidence", e.confidence}, {"note", e.note}};
    }
    Json operator()(const RecordStatus& e) const
    {
        return {{"feature_id", e.featureId}, {"date", e.date},       {"status", e.status},    {"by", e.by},
                {"sources", e.sources},      {"confidence", e.confidence}, {"note", e.note}};
    }
    Json operator()(const RetractSpan& e) const
    {
        return {{"table", e.table == RetractSpan::Table::Controllers ? "controllers" : "crossing_status"},
                {"feature_id", e.featureId},
                {"from", e.from},
                {"restore_to", e.restoreTo ? Json(*e.restoreTo) : Json(nullptr)},
                {"sources", e.sources}};
    }
    Json operator()(const AddVersion& e) const
    {
        return {{"group", e.group},           {"as_of", e.asOf},          {"parts", parts(e.parts)},
                {"sources", e.sources},       {"confidence", e.confidence}, {"description", e.description},
                {"note", e.note}};
    }
    Json operator()(const RemoveVersion& e) const { return {{"group", e.group}, {"as_of", e.asOf}, {"sources", e.sources}}; }
    Json operator()(const AddSource& e) const
    {
        return {{"outlet", e.outlet}, {"title", e.title}, {"date", e.date}, {"url", e.url}, {"grade", e.grade}, {"id", e.id}};
    }
    Json operator()(const RemoveSource& e) const { return {{"id", e.id}}; }
};

// Reads fields, remembering the first one missing or of the wrong type.
class Reader {
public:
    explicit Reader(const Json& j) : m_j(j) {}
    template <class T>
    T get(const char* field)
    {
        if (!m_j.contains(field)) {
            if (!m_bad) m_bad = field;
            return T{};
        }
        try {
            return m_j[field].get<T>();
        } catch (const Json::exception&) {
            if (!m_bad) m_bad = field;
            return T{};
        }
    }
    const Json& raw(const char* field) const
    {
        static const Json null;
        return m_j.contains(field) ? m_j[field] : null;
    }
    bool has(const char* field) const { return m_j.contains(field); }
    const char* bad() const { return m_bad; }

private:
    const Json& m_j;
    const char* m_bad = nullptr;
};

using Strings = std::vector<std::string>;

Edit read(const std::string& tag, Reader& r)
{
    if (tag == "add-event") {
        AddEvent e;
        e.date = r.get<std::string>("date");
        e.dateEnd = r.get<std::string>("date_end");
        e.dateApprox = r.get<bool>("date_approx");
        e.kind = r.get<std::string>("kind");
        e.title = r.get<std::string>("title");
        e.summary = r.get<std::string>("summary");
        e.actors = r.get<Strings>("actors");
        e.links = r.get<Strings>("links");
        e.placeId = r.get<std::string>("place_id");
        e.precision = r.get<std::string>("precision");
        e.confidence = r.get<std::string>("confidence");
        e.sources = r.get<Strings>("sources");
        e.note = r.get<std::string>("note");
        e.slug = r.get<std::string>("slug");
        if (const Json& ll = r.raw("lon_lat"); ll.is_array() && ll.size() == 2)
            e.lonLat = std::pair{ll[0].get<double>(), ll[1].get<double>()};
        return e;
    }
    if (tag == "update") {
        UpdateFeature e;
        e.id = r.get<std::string>("id");
        for (const Json& pair : r.raw("set"))
            if (pair.is_array() && pair.size() == 2 && pair[0].is_string()) e.set.emplace_back(pair[0].get<std::string>(), pair[1]);
        if (r.has("geometry")) e.geometry = r.raw("geometry");
        e.sources = r.get<Strings>("sources");
        return e;
    }
    if (tag == "delete") return DeleteFeature{r.get<std::string>("id"), r.get<Strings>("sources"), std::nullopt};
    if (tag == "restore-feature") {
        RestoreFeature e;
        e.layerKey = r.get<std::string>("layer");
        for (const Json& row : r.raw("rows"))
            if (row.is_array() && row.size() == 2) e.rows.emplace_back(row[0].get<std::size_t>(), row[1].get<std::string>());
        e.sources = r.get<Strings>("sources");
        return e;
    }
    if (tag == "record-control")
        return RecordControl{r.get<std::string>("feature_id"), r.get<std::string>("date"), r.get<std::string>("controller"),
                             r.get<Strings>("sources"), r.get<std::string>("confidence"), r.get<std::string>("note")};
    if (tag == "record-status")
        return RecordStatus{r.get<std::string>("feature_id"), r.get<std::string>("date"), r.get<std::string>("status"),
                            r.get<std::string>("by"), r.get<Strings>("sources"), r.get<std::string>("confidence"),
                            r.get<std::string>("note")};
    if (tag == "retract-span") {
        RetractSpan e;
        e.table = r.get<std::string>("table") == "crossing_status" ? RetractSpan::Table::CrossingStatus
                                                                    : RetractSpan::Table::Controllers;
        e.featureId = r.get<std::string>("feature_id");
        e.from = r.get<std::string>("from");
        if (r.raw("restore_to").is_string()) e.restoreTo = r.raw("restore_to").get<std::string>();
        e.sources = r.get<Strings>("sources");
        return e;
    }
    if (tag == "add-version") {
        AddVersion e;
        e.group = r.get<std::string>("group");
        e.asOf = r.get<std::string>("as_of");
        for (const Json& p : r.raw("parts"))
            if (p.is_object()) e.parts.push_back({p.value("geometry", Json(nullptr)), p.value("controller", "")});
        e.sources = r.get<Strings>("sources");
        e.confidence = r.get<std::string>("confidence");
        e.description = r.get<std::string>("description");
        e.note = r.get<std::string>("note");
        return e;
    }
    if (tag == "remove-version")
        return RemoveVersion{r.get<std::string>("group"), r.get<std::string>("as_of"), r.get<Strings>("sources")};
    if (tag == "add-source")
        return AddSource{r.get<std::string>("outlet"), r.get<std::string>("title"), r.get<std::string>("date"),
                         r.get<std::string>("url"),    r.get<std::string>("grade"), r.get<std::string>("id")};
    return RemoveSource{r.get<std::string>("id")};
}

}  // namespace

Json toJson(const Edit& edit)
{
    Json j{{"edit", kTags[edit.index()]}};
    const Json fields = std::visit(ToJson{}, edit);
    for (const auto& [key, value] : fields.items()) j[key] = value;
    return j;
}

Result<Edit> editFromJson(const Json& json, const std::string& file)
{
    Diagnostics d;
    const std::string tag = json.is_object() ? json.value("edit", "") : "";
    if (std::find(std::begin(kTags), std::end(kTags), tag) == std::end(kTags)) {
        d.error(file, "", "edit", "\"" + tag + "\" is not an edit (expected add-event, update, delete, record-control…)");
        return d;
    }
    Reader r(json);
    Edit e = read(tag, r);
    if (r.bad()) {
        d.error(file, tag, r.bad(), "missing or of the wrong type");
        return d;
    }
    return e;
}

}  // namespace atlas::edit
