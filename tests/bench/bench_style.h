#pragma once
// The styles of issue 8, shared by the benchmark executables (compare_qgis.py sets the same in
// QGIS): points 3 px circles coloured by `kind` without outline, lines 1 px, polygons a
// translucent fill with a 1 px outline.
#include "atlas/layer.h"
#include "atlas/render/palette.h"
#include "atlas/render/style.h"

#include <utility>

namespace atlas::bench {

inline GeometryKind kindOf(const Layer& layer)
{
    const GeometryColumn& g = layer.geometry();
    for (std::size_t f = 0; f < g.featureCount(); ++f)
        if (!g.isNull(f)) return g.kind(f);
    return GeometryKind::None;
}

inline render::LayerStyle benchStyle(GeometryKind kind)
{
    using namespace atlas::render;
    LayerStyle s;
    switch (kind) {
    case GeometryKind::Point: {
        s.symbol.size = 3;
        s.symbol.strokeWidth = 0;
        s.symbol.stroke = Qt::transparent;
        s.symbol.fill = palette::kGrey;
        s.categoryField = "kind";
        const std::pair<const char*, QColor> kinds[] = {
            {"battle", palette::kVermillion}, {"airstrike", palette::kReddishPurple}, {"protest", palette::kSkyBlue},
            {"mining", palette::kOrange},     {"trade", palette::kBluishGreen},       {"displacement", palette::kBlue}};
        for (const auto& [value, colour] : kinds) {
            Category c{value, QString::fromLatin1(value), s.symbol};
            c.symbol.fill = colour;
            s.categories.push_back(c);
        }
        break;
    }
    case GeometryKind::Line:
        s.symbol.stroke = QColor(90, 60, 30);
        s.symbol.strokeWidth = 1;
        s.symbol.fill = Qt::transparent;
        break;
    case GeometryKind::Polygon:
    case GeometryKind::None:
        s.symbol.fill = QColor(0, 158, 115, 64);
        s.symbol.stroke = QColor(0, 100, 70);
        s.symbol.strokeWidth = 1;
        break;
    }
    return s;
}

}  // namespace atlas::bench
