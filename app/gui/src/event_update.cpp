#include "atlas/gui/event_update.h"

#include "atlas/data/csv_table.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace atlas::app {
namespace {

std::set<std::string> setOf(const std::string& list)
{
    const auto items = splitList(list);
    return {items.begin(), items.end()};
}

std::set<std::string> setOf(const std::vector<std::string>& items) { return {items.begin(), items.end()}; }

// The store rounds a picked point to 5 decimals (about a metre); compared the same way.
double round5(double v) { return std::round(v * 1e5) / 1e5; }

edit::Json pointOf(const std::pair<double, double>& lonLat)
{
    return edit::Json{{"type", "Point"}, {"coordinates", edit::Json::array({round5(lonLat.first), round5(lonLat.second)})}};
}

bool samePoint(const edit::Json& a, const edit::Json& b)
{
    if (a.is_null() || b.is_null()) return a.is_null() == b.is_null();
    if (a.value("type", "") != "Point" || b.value("type", "") != "Point") return a == b;
    const auto& ca = a["coordinates"];
    const auto& cb = b["coordinates"];
    return ca.size() == 2 && cb.size() == 2 && round5(ca[0].get<double>()) == round5(cb[0].get<double>()) &&
           round5(ca[1].get<double>()) == round5(cb[1].get<double>());
}

}  // namespace

Result<edit::Json> eventRow(const std::string& dir, const std::string& eventId)
{
    Diagnostics why;
    const std::string path = dir + "/events.geojson";
    std::ifstream in(path);
    if (!in) {
        why.error(path, "", "events", "cannot be read");
        return why;
    }
    // One feature per line (geodata/README.md); the id is looked up in each line's JSON rather
    // than by text so that an id that is a prefix of another cannot match.
    const std::string needle = "\"" + eventId + "\"";
    std::string line;
    while (std::getline(in, line)) {
        if (line.find(needle) == std::string::npos) continue;
        std::string text = line;
        while (!text.empty() && (text.back() == ',' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
        const auto feature = edit::Json::parse(text, nullptr, false);
        if (feature.is_discarded() || !feature.contains("properties")) continue;
        if (feature["properties"].value("id", "") == eventId) return feature;
    }
    why.error(path, eventId, "id", "no such event");
    return why;
}

edit::AddEvent eventFromRow(const edit::Json& feature)
{
    const edit::Json& p = feature["properties"];
    auto text = [&](const char* field) { return p.contains(field) && p[field].is_string() ? p[field].get<std::string>() : std::string(); };
    edit::AddEvent e;
    e.date = text("date");
    e.dateEnd = text("date_end");
    e.dateApprox = p.value("date_approx", false);
    e.kind = text("kind");
    e.title = text("title");
    e.summary = text("summary");
    e.actors = splitList(text("actors"));
    e.links = splitList(text("links"));
    e.placeId = text("place_id");
    const edit::Json& g = feature.contains("geometry") ? feature["geometry"] : edit::Json(nullptr);
    if (g.is_object() && g.value("type", "") == "Point" && g["coordinates"].size() == 2)
        e.lonLat = std::pair{g["coordinates"][0].get<double>(), g["coordinates"][1].get<double>()};
    e.precision = text("precision");
    e.confidence = text("confidence");
    e.sources = splitList(text("sources"));
    e.note = text("note");
    return e;
}

std::optional<edit::UpdateFeature> eventUpdate(const edit::Json& feature, const edit::AddEvent& form)
{
    const edit::Json& props = feature["properties"];
    edit::UpdateFeature u;
    u.id = props.value("id", "");
    u.sources = form.sources;
    auto text = [&](const char* field) { return props.contains(field) && props[field].is_string() ? props[field].get<std::string>() : std::string(); };
    auto setText = [&](const char* field, const std::string& value) {
        if (text(field) != value) u.set.emplace_back(field, value);
    };
    setText("date", form.date);
    setText("date_end", form.dateEnd);
    if (props.value("date_approx", false) != form.dateApprox) u.set.emplace_back("date_approx", form.dateApprox);
    setText("kind", form.kind);
    setText("title", form.title);
    setText("summary", form.summary);
    setText("actors", joinList(form.actors));
    if (setOf(text("links")) != setOf(form.links)) u.set.emplace_back("links", joinList(form.links));
    setText("place_id", form.placeId);

    const edit::Json before = feature.contains("geometry") ? feature["geometry"] : edit::Json(nullptr);
    const edit::Json after = form.lonLat ? pointOf(*form.lonLat) : edit::Json(nullptr);
    if (!samePoint(before, after)) u.geometry = after;
    setText("precision", after.is_null() ? std::string() : form.precision);
    setText("confidence", form.confidence);
    setText("note", form.note);

    // The store adds the edit's sources to the row's; only a source taken away needs the cell set.
    const auto had = setOf(text("sources"));
    const auto now = setOf(form.sources);
    if (!std::includes(now.begin(), now.end(), had.begin(), had.end())) u.set.emplace_back("sources", joinList(form.sources));
    const bool newSource = !std::includes(had.begin(), had.end(), now.begin(), now.end());
    if (u.set.empty() && !u.geometry && !newSource) return std::nullopt;
    return u;
}

}  // namespace atlas::app
