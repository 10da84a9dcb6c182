#pragma once
// The label pass that follows the layers: what the layers collected (names at points, along
// lines, inside areas; the space symbols take) and the placement that draws them.
#include "atlas/render/map_scene.h"
#include "atlas/render/renderer.h"

#include <QPainter>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <vector>

namespace atlas::render::detail {

struct PointLabel {
    QPointF anchor;  // device pixels
    double radius;   // of the symbol at the anchor
    QString text;
    const LabelStyle* style;
    int layerOrder;
    double rank;
    bool story;  // the style's storyRank reached: placed first, may cover nameless symbols
};

// A name along a line (device-pixel polyline) or inside an area (its rings).
struct ShapeLabel {
    std::vector<std::vector<QPointF>> rings;
    QString text;
    const LabelStyle* style;
    int layerOrder;
    bool area;
};

struct LabelObstacle {
    QRectF rect;
    bool soft;  // a symbol with no name of its own: story labels may cover it
};

struct LabelCandidates {
    std::vector<PointLabel> points;
    std::vector<ShapeLabel> shapes;
    std::vector<LabelObstacle> obstacles;
};

// The font a label style asks for, in device pixels.
QFont labelFont(const QFont& base, const LabelStyle& style, double pixelRatio);

// Places and draws every candidate: story points, then the other points by priority, layer and
// rank, then lines and areas. No two labels overlap; names are not repeated next to each other.
void drawLabels(const MapScene& scene, QPainter& painter, LabelCandidates& candidates, RenderStats& stats);

}  // namespace atlas::render::detail
