#include "atlas/render/osm_styles.h"

#include "atlas/osm_source.h"
#include "atlas/render/palette.h"

#include <string_view>

namespace atlas::render {
namespace {

Symbol line(QColor colour, double width, Qt::PenStyle style = Qt::SolidLine)
{
    Symbol s;
    s.fill = Qt::transparent;
    s.stroke = colour;
    s.strokeWidth = width;
    s.strokeStyle = style;
    return s;
}

Symbol area(QColor fill, QColor outline = Qt::transparent, double width = 0)
{
    Symbol s;
    s.fill = fill;
    s.stroke = outline;
    s.strokeWidth = width;
    return s;
}

const QColor kWater{170, 205, 232};

LayerStyle roads()
{
    LayerStyle s;
    s.title = "Roads";
    s.categoryField = "highway";
    // Widths in logical pixels at the map's scale; colours after the usual road-map ramp
    // (major roads red-orange to yellow, minor ones grey-white), darkened enough to read on
    // the beige land fill and on hillshade.
    const QColor motorway{200, 80, 60}, trunk{214, 112, 58}, primary{222, 140, 56}, secondary{214, 176, 62},
        tertiary{160, 150, 130}, minor{175, 168, 155};
    s.categories = {
        {"motorway", "Motorway", line(motorway, 3.2)},          {"motorway_link", "Motorway", line(motorway, 1.8)},
        {"trunk", "Trunk road", line(trunk, 2.8)},              {"trunk_link", "Trunk road", line(trunk, 1.6)},
        {"primary", "Primary road", line(primary, 2.4)},        {"primary_link", "Primary road", line(primary, 1.4)},
        {"secondary", "Secondary road", line(secondary, 1.9)},  {"secondary_link", "Secondary road", line(secondary, 1.2)},
        {"tertiary", "Tertiary road", line(tertiary, 1.4)},     {"tertiary_link", "Tertiary road", line(tertiary, 1.0)},
        {"unclassified", "Minor road", line(minor, 1.0)},       {"residential", "Street", line(minor, 0.8)},
        {"living_street", "Street", line(minor, 0.8)},          {"road", "Minor road", line(minor, 0.8)},
        {"service", "Service road", line(minor, 0.6)},          {"track", "Track", line(QColor(150, 120, 80), 0.8, Qt::DashLine)},
    };
    s.symbol = line(minor, 0.6);
    s.showOtherInLegend = false;
    return s;
}

LayerStyle waterways()
{
    LayerStyle s;
    s.title = "Rivers and streams";
    s.categoryField = "waterway";
    s.categories = {
        {"river", "River", line(palette::kRiver, 2.0)},
        {"canal", "Canal", line(palette::kRiver, 1.2)},
        {"stream", "Stream", line(palette::kRiver, 0.7)},
    };
    s.symbol = line(palette::kRiver, 0.6);
    s.showOtherInLegend = false;
    s.label.field = "name";
    s.label.color = QColor(40, 90, 150);
    s.label.pointSize = 7.5;
    s.label.italic = true;
    return s;
}

LayerStyle railways()
{
    LayerStyle s;
    s.title = "Railways";
    s.categoryField = "railway";
    s.symbol = line(QColor(90, 90, 90), 1.2, Qt::DashDotLine);
    s.categories = {{"rail", "Railway", line(QColor(70, 70, 70), 1.6, Qt::DashLine)}};
    s.showOtherInLegend = false;
    return s;
}

LayerStyle water()
{
    LayerStyle s;
    s.title = "Water";
    s.categoryField = "water";
    s.symbol = area(kWater, palette::kRiver, 0.5);
    return s;
}

LayerStyle landuse()
{
    LayerStyle s;
    s.title = "Built-up areas";
    s.categoryField = "landuse";
    s.categories = {
        {"residential", "Built-up area", area(QColor(221, 208, 196), QColor(196, 180, 166), 0.5)},
        {"commercial", "Commercial", area(QColor(228, 206, 200))},
        {"retail", "Commercial", area(QColor(228, 206, 200))},
        {"industrial", "Industrial", area(QColor(214, 208, 222))},
        {"quarry", "Quarry", area(QColor(205, 200, 190), QColor(150, 140, 130), 0.5)},
    };
    s.symbol = area(QColor(221, 208, 196));
    s.showOtherInLegend = false;
    return s;
}

LayerStyle places()
{
    LayerStyle s;
    s.title = "Places";
    s.categoryField = "place";
    Symbol dot;
    dot.fill = QColor(60, 60, 60);
    dot.stroke = Qt::white;
    dot.strokeWidth = 0.8;
    dot.size = 4.0;
    Symbol town = dot;
    town.size = 5.5;
    Symbol small = dot;
    small.size = 3.0;
    s.categories = {
        {"city", "City", town}, {"town", "Town", town}, {"village", "Village", dot}, {"suburb", "Village", dot},
        {"hamlet", "Hamlet", small},
    };
    s.symbol = small;
    s.showOtherInLegend = false;
    s.label.field = "name";
    s.label.rankField = "rank";
    s.label.pointSize = 8.0;
    s.label.color = QColor(50, 50, 50);
    return s;
}

}  // namespace

std::optional<LayerStyle> osmStyleFor(const Layer& layer, const QString& title)
{
    if (!osm::isOsmPath(layer.sourcePath())) return std::nullopt;
    const std::string_view name = layer.name();
    std::optional<LayerStyle> s;
    if (name == osm::kRoads) s = roads();
    else if (name == osm::kWaterways) s = waterways();
    else if (name == osm::kRailways) s = railways();
    else if (name == osm::kWater) s = water();
    else if (name == osm::kLanduse) s = landuse();
    else if (name == osm::kPlaces) s = places();
    if (s && !title.isEmpty()) s->title = title + " — " + s->title;
    return s;
}

}  // namespace atlas::render
