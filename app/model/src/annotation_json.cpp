#include "atlas/model/annotation_json.h"

#include "atlas/time/date.h"

#include <cmath>

namespace atlas::app {

std::string colorToJson(const QColor& c)
{
    return c.name(c.alpha() == 255 ? QColor::HexRgb : QColor::HexArgb).toStdString();
}

std::optional<QColor> colorFromJson(const nlohmann::ordered_json& j)
{
    if (!j.is_string()) return std::nullopt;
    const QColor c = QColor::fromString(QString::fromStdString(j.get<std::string>()));
    if (!c.isValid()) return std::nullopt;
    return c;
}

nlohmann::ordered_json annotationToJson(const render::MapAnnotation& a)
{
    nlohmann::ordered_json j;
    j["id"] = a.id;
    j["kind"] = render::annotationKindName(a.kind);
    auto points = nlohmann::ordered_json::array();
    for (const Coord& c : a.points) points.push_back({c.x, c.y});
    j["points"] = std::move(points);
    if (!a.text.isEmpty()) j["text"] = a.text.toStdString();
    j["color"] = colorToJson(a.color);
    j["size"] = a.size;
    if (a.fromDay) j["from"] = isoDay(*a.fromDay);
    if (a.toDay) j["to"] = isoDay(*a.toDay);
    return j;
}

Result<render::MapAnnotation> annotationFromJson(const nlohmann::ordered_json& j)
{
    // `why` is "field: what was expected" (or just what was expected, for the whole object).
    auto fail = [](const QString& why) {
        Diagnostics d;
        const int colon = why.indexOf(": ");
        if (colon > 0 && !why.left(colon).contains(' '))
            d.error("", "", why.left(colon).toStdString(), why.mid(colon + 2).toStdString());
        else
            d.error("", "", "", why.toStdString());
        return d;
    };
    if (!j.is_object()) return fail("expected an object");
    render::MapAnnotation a;
    const auto kind = j.contains("kind") && j["kind"].is_string()
                          ? render::annotationKindFromName(j["kind"].get<std::string>())
                          : std::nullopt;
    if (!kind) return fail("kind: expected text, callout, arrow, ellipse or marker");
    a.kind = *kind;
    if (j.contains("id")) {
        if (!j["id"].is_number_unsigned()) return fail("id: expected a positive whole number");
        a.id = j["id"].get<uint64_t>();
    }
    const std::size_t n = static_cast<std::size_t>(render::annotationPointCount(a.kind));
    const auto& pts = j.contains("points") ? j["points"] : nlohmann::ordered_json();
    if (!pts.is_array() || pts.size() != n)
        return fail(QString("points: expected %1 [longitude, latitude] pair(s)").arg(n));
    for (const auto& p : pts) {
        if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number())
            return fail("points: expected [longitude, latitude] numbers");
        const double lon = p[0].get<double>(), lat = p[1].get<double>();
        if (!std::isfinite(lon) || !std::isfinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90)
            return fail("points: longitude must be within ±180 and latitude within ±90");
        a.points.push_back({lon, lat});
    }
    if (j.contains("text")) {
        if (!j["text"].is_string()) return fail("text: expected a string");
        a.text = QString::fromStdString(j["text"].get<std::string>());
    }
    if (j.contains("color")) {
        const auto c = colorFromJson(j["color"]);
        if (!c) return fail("color: expected \"#rrggbb\" or \"#aarrggbb\"");
        a.color = *c;
    }
    if (j.contains("size")) {
        if (!j["size"].is_number() || !(j["size"].get<double>() > 0)) return fail("size: expected a positive number");
        a.size = j["size"].get<double>();
    }
    for (const char* key : {"from", "to"}) {
        if (!j.contains(key)) continue;
        if (!j[key].is_string()) return fail(QString("%1: expected YYYY-MM-DD").arg(key));
        const auto d = Date::parse(j[key].get<std::string>());
        if (!d) return fail(QString("%1: expected YYYY-MM-DD").arg(key));
        (std::string_view(key) == "from" ? a.fromDay : a.toDay) = d->first();
    }
    if (a.fromDay && a.toDay && *a.toDay <= *a.fromDay) return fail("to: must be after from");
    return a;
}

}  // namespace atlas::app
