// Edits of the GeoJSON layers: events added, features updated, deleted and restored, versions
// of front lines and control areas added and removed.
#include "apply.h"

#include "atlas/data/csv_table.h"
#include "atlas/data/dataset.h"
#include "atlas/data/schema.h"
#include "atlas/time/date.h"

#include <algorithm>
#include <cmath>

namespace atlas::edit::detail {
namespace {

using J = nlohmann::ordered_json;

struct Opened {
    std::string name;
    GeoJsonLines lines;
};

std::optional<Opened> open(FolderText& folder, std::string_view key, Diagnostics& d)
{
    Opened o;
    o.name = layerFile(key);
    auto g = GeoJsonLines::split(folder.file(o.name), folder.path(o.name), d);
    if (!g) return std::nullopt;
    o.lines = std::move(*g);
    return o;
}

void save(FolderText& folder, const Opened& o)
{
    o.lines.joinInto(folder.file(o.name));
    folder.markChanged(o.name);
}

// First day of a date cell, or nullopt when it does not parse (the validator will say why).
std::optional<int32_t> firstDay(const J& props, const char* field)
{
    if (!props.contains(field) || !props[field].is_string()) return std::nullopt;
    const auto d = Date::parse(props[field].get<std::string>());
    if (!d) return std::nullopt;
    return d->first();
}

double round5(double v) { return std::round(v * 1e5) / 1e5; }

// The layer holding feature `id`, from its prefix (event: → events…).
std::optional<std::string> layerOfId(std::string_view id)
{
    const auto prefix = id.substr(0, id.find(':'));
    if (prefix == "event") return schema::kEvents;
    if (prefix == "place") return schema::kPlaces;
    if (prefix == "mine") return schema::kMines;
    if (prefix == "crossing") return schema::kCrossings;
    if (prefix == "control") return schema::kControl;
    if (prefix == "front") return schema::kFrontlines;
    if (prefix == "river") return schema::kRiver;
    return std::nullopt;
}

Diagnostics noFeature(FolderText& folder, std::string_view id)
{
    const auto key = layerOfId(id);
    const std::string file = folder.path(key ? layerFile(*key) : std::string("events.geojson"));
    return refusal(file, std::string(id), "id", "\"" + std::string(id) + "\" is not a feature of the dataset" +
                                                    (key ? "" : " (expected an id with the prefix of a layer)"));
}

std::vector<std::string> merged(std::vector<std::string> into, const std::vector<std::string>& more)
{
    for (const std::string& s : more)
        if (std::find(into.begin(), into.end(), s) == into.end()) into.push_back(s);
    return into;
}

// Features of a snapshot group: (index, as_of as written).
struct GroupInfo {
    std::string key, groupField;
};

std::optional<GroupInfo> groupInfo(std::string_view group)
{
    if (group.rfind("front:", 0) == 0) return GroupInfo{schema::kFrontlines, "line_id"};
    if (group.rfind("area:", 0) == 0) return GroupInfo{schema::kControl, "area_id"};
    return std::nullopt;
}

std::string controllerSlug(std::string_view controller) { return slugOf(controller); }

}  // namespace

std::string layerFile(std::string_view key) { return std::string(key) + ".geojson"; }

Diagnostics refusal(const std::string& file, const std::string& location, const std::string& field,
                    const std::string& message)
{
    Diagnostics d;
    d.error(file, location, field, message);
    return d;
}

// --- events ----------------------------------------------------------------------------------

Result<TextChange> apply(FolderText& folder, const AddEvent& e)
{
    Diagnostics d;
    auto events = open(folder, schema::kEvents, d);
    if (!events) return d;
    const std::string slug = e.slug.empty() ? slugOf(e.title) : e.slug;
    const std::string id = "event:" + e.date + (slug.empty() ? "" : "-" + slug);

    J geometry = nullptr;
    if (e.lonLat) {
        geometry = J{{"type", "Point"}, {"coordinates", J::array({round5(e.lonLat->first), round5(e.lonLat->second)})}};
    } else if (!e.placeId.empty()) {
        Diagnostics quiet;
        if (auto places = open(folder, schema::kPlaces, quiet))
            if (const auto i = places->lines.find(e.placeId)) geometry = places->lines.feature(*i)["geometry"];
    }
    J props;
    props["id"] = id;
    props["date"] = e.date;
    props["date_end"] = e.dateEnd;
    props["date_approx"] = e.dateApprox;
    props["kind"] = e.kind;
    props["title"] = e.title;
    props["summary"] = e.summary;
    props["actors"] = joinList(e.actors);
    props["links"] = joinList(e.links);
    props["place_id"] = e.placeId;
    props["precision"] = geometry.is_null() ? std::string() : e.precision;
    props["confidence"] = e.confidence;
    props["sources"] = joinList(e.sources);
    props["note"] = e.note;
    J feature;
    feature["type"] = "Feature";
    feature["properties"] = std::move(props);
    feature["geometry"] = std::move(geometry);

    // Events are kept in date order: the new one goes after the last event dated on or before it.
    std::size_t at = events->lines.features.size();
    if (const auto d0 = Date::parse(e.date)) {
        at = 0;
        for (std::size_t i = 0; i < events->lines.features.size(); ++i) {
            const auto day = firstDay(events->lines.feature(i)["properties"], "date");
            if (day && *day <= d0->first()) at = i + 1;
        }
    }
    events->lines.features.insert(events->lines.features.begin() + static_cast<long>(at), featureLine(feature));
    save(folder, *events);
    return TextChange{id, DeleteFeature{id, e.sources, std::nullopt}};
}

// --- any feature -----------------------------------------------------------------------------

Result<TextChange> apply(FolderText& folder, const UpdateFeature& e)
{
    Diagnostics d;
    const auto key = layerOfId(e.id);
    if (!key) return noFeature(folder, e.id);
    auto layer = open(folder, *key, d);
    if (!layer) return d;
    const auto i = layer->lines.find(e.id);
    if (!i) return noFeature(folder, e.id);
    J feature = layer->lines.feature(*i);
    J& props = feature["properties"];

    UpdateFeature inverse{e.id, {}, std::nullopt, e.sources};
    auto setField = [&](const std::string& field, J value) {
        inverse.set.emplace_back(field, props.contains(field) ? props[field] : J(nullptr));
        if (value.is_null()) props.erase(field);
        else props[field] = std::move(value);
    };
    bool sourcesSet = false;
    for (const auto& [field, value] : e.set) {
        if (field == "id")
            return refusal(folder.path(layer->name), e.id, "id", "an id cannot be changed; delete the feature and add it anew");
        J v = value;
        // "true"/"false" from a command line stay booleans where the schema has booleans.
        if (v.is_string() && props.contains(field) && props[field].is_boolean()) {
            if (v == "true") v = true;
            else if (v == "false") v = false;
        }
        sourcesSet = sourcesSet || field == "sources";
        setField(field, std::move(v));
    }
    if (!sourcesSet) {
        const std::string before = props.value("sources", "");
        const std::string after = joinList(merged(splitList(before), e.sources));
        if (after != before) setField("sources", after);
    }
    if (e.geometry) {
        inverse.geometry = feature["geometry"];
        feature["geometry"] = *e.geometry;
    }
    layer->lines.features[*i] = featureLine(feature);
    save(folder, *layer);
    return TextChange{e.id, inverse};
}

Result<TextChange> apply(FolderText& folder, const DeleteFeature& e)
{
    Diagnostics d;
    const auto key = layerOfId(e.id);
    if (!key) return noFeature(folder, e.id);
    auto layer = open(folder, *key, d);
    if (!layer) return d;
    const auto i = layer->lines.find(e.id);
    if (!i) return noFeature(folder, e.id);
    RestoreFeature inverse{*key, {{*i, layer->lines.features[*i]}}, e.sources};
    layer->lines.features.erase(layer->lines.features.begin() + static_cast<long>(*i));
    save(folder, *layer);
    return TextChange{e.id, inverse};
}

Result<TextChange> apply(FolderText& folder, const RestoreFeature& e)
{
    Diagnostics d;
    auto layer = open(folder, e.layerKey, d);
    if (!layer) return d;
    if (e.rows.empty()) return refusal(folder.path(layer->name), "", "", "nothing to restore");
    for (const auto& [index, row] : e.rows) {
        const std::size_t at = std::min(index, layer->lines.features.size());
        layer->lines.features.insert(layer->lines.features.begin() + static_cast<long>(at), row);
    }
    save(folder, *layer);
    const J first = J::parse(e.rows.front().second);
    const J& props = first["properties"];
    const std::string id = props.value("id", "");
    if (e.rows.size() == 1) return TextChange{id, DeleteFeature{id, e.sources, std::nullopt}};
    const std::string group = props.value(e.layerKey == schema::kControl ? "area_id" : "line_id", "");
    return TextChange{group, RemoveVersion{group, props.value("as_of", ""), e.sources}};
}

// --- versions of snapshot groups -------------------------------------------------------------

Result<TextChange> apply(FolderText& folder, const AddVersion& e)
{
    Diagnostics d;
    const auto info = groupInfo(e.group);
    if (!info)
        return refusal(folder.path("frontlines.geojson"), e.group, "line_id",
                       "\"" + e.group + "\" is not a front line (front:…) or control area (area:…)");
    auto layer = open(folder, info->key, d);
    if (!layer) return d;
    const std::string file = folder.path(layer->name);
    if (e.parts.empty()) return refusal(file, e.group, "geometry", "a new version needs at least one geometry");
    const bool isArea = info->key == schema::kControl;
    const auto newDay = Date::parse(e.asOf);

    // The group's features, and the latest version before the new one (its template).
    std::vector<std::size_t> members;
    std::optional<int32_t> templateDay;
    for (std::size_t i = 0; i < layer->lines.features.size(); ++i) {
        const J f = layer->lines.feature(i);
        if (f["properties"].value(info->groupField, "") != e.group) continue;
        members.push_back(i);
        const auto day = firstDay(f["properties"], "as_of");
        if (day && (!newDay || *day < newDay->first()) && (!templateDay || *day > *templateDay)) templateDay = day;
    }
    if (members.empty())
        return refusal(file, e.group, info->groupField,
                       "\"" + e.group + "\" has no version yet; add its first version to " + layer->name + " by hand");
    auto templateFor = [&](const std::string& controller) {
        std::optional<J> any;
        for (std::size_t i : members) {
            J props = layer->lines.feature(i)["properties"];
            if (templateDay && firstDay(props, "as_of") != templateDay) continue;
            if (!any) any = props;
            if (!isArea || props.value("controller", "") == controller) return props;
        }
        return any ? *any : layer->lines.feature(members.front())["properties"];
    };

    const std::string groupSlug = e.group.substr(e.group.find(':') + 1);
    std::vector<std::string> rows;
    for (const VersionPart& part : e.parts) {
        J props = templateFor(part.controller);
        props["id"] = isArea ? "control:" + groupSlug + "-" + controllerSlug(part.controller) + "-" + e.asOf
                             : "front:" + groupSlug + "-" + e.asOf;
        props["as_of"] = e.asOf;
        if (isArea) props["controller"] = part.controller;
        if (props.contains("description") || !isArea) props["description"] = e.description;
        props["confidence"] = e.confidence;
        props["sources"] = joinList(e.sources);
        props["note"] = e.note;
        J feature;
        feature["type"] = "Feature";
        feature["properties"] = std::move(props);
        feature["geometry"] = part.geometry;
        rows.push_back(featureLine(feature));
    }

    // After the group's last feature dated on or before the new version; before its first otherwise.
    std::size_t at = members.front();
    for (std::size_t i : members) {
        const auto day = firstDay(layer->lines.feature(i)["properties"], "as_of");
        if (day && newDay && *day <= newDay->first()) at = i + 1;
    }
    layer->lines.features.insert(layer->lines.features.begin() + static_cast<long>(at), rows.begin(), rows.end());
    save(folder, *layer);
    return TextChange{e.group, RemoveVersion{e.group, e.asOf, e.sources}};
}

Result<TextChange> apply(FolderText& folder, const RemoveVersion& e)
{
    Diagnostics d;
    const auto info = groupInfo(e.group);
    if (!info) return refusal(folder.path("frontlines.geojson"), e.group, "line_id", "not a front line or control area");
    auto layer = open(folder, info->key, d);
    if (!layer) return d;
    RestoreFeature inverse{info->key, {}, e.sources};
    auto& features = layer->lines.features;
    for (std::size_t i = 0, kept = 0; i < features.size(); ++i) {
        const J props = J::parse(features[i])["properties"];
        if (props.value(info->groupField, "") == e.group && props.value("as_of", "") == e.asOf)
            inverse.rows.emplace_back(i, features[i]);
        else ++kept;
    }
    if (inverse.rows.empty())
        return refusal(folder.path(layer->name), e.group, "as_of", e.group + " has no version as of " + e.asOf);
    for (auto it = inverse.rows.rbegin(); it != inverse.rows.rend(); ++it)
        features.erase(features.begin() + static_cast<long>(it->first));
    save(folder, *layer);
    return TextChange{e.group, inverse};
}

Result<AddVersion> versionInForce(FolderText& folder, const std::string& group, int32_t day)
{
    Diagnostics d;
    const auto info = groupInfo(group);
    if (!info) return refusal(folder.path("frontlines.geojson"), group, "line_id", "not a front line or control area");
    auto layer = open(folder, info->key, d);
    if (!layer) return d;
    std::optional<int32_t> best;
    for (std::size_t i = 0; i < layer->lines.features.size(); ++i) {
        const J props = layer->lines.feature(i)["properties"];
        const auto first = firstDay(props, "as_of");
        if (props.value(info->groupField, "") == group && first && *first <= day && (!best || *first > *best)) best = first;
    }
    if (!best) return refusal(folder.path(layer->name), group, "as_of", group + " has no version in force on " + isoDay(day));
    AddVersion v;
    v.group = group;
    for (std::size_t i = 0; i < layer->lines.features.size(); ++i) {
        const J f = layer->lines.feature(i);
        const J& props = f["properties"];
        if (props.value(info->groupField, "") != group || firstDay(props, "as_of") != best) continue;
        if (v.parts.empty()) {
            v.asOf = props.value("as_of", "");
            v.sources = splitList(props.value("sources", ""));
            v.confidence = props.value("confidence", "");
            v.description = props.value("description", "");
            v.note = props.value("note", "");
        }
        v.parts.push_back({f["geometry"], props.value("controller", "")});
    }
    return v;
}

}  // namespace atlas::edit::detail
