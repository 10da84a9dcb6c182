#include "label_pass.h"

#include "atlas/render/label_placer.h"
#include "label_text.h"
#include "shape_labels.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

namespace atlas::render::detail {
namespace {

LabelInk inkFor(const LabelStyle& style, double pixelRatio)
{
    return {style.color, style.halo, 2.6 * pixelRatio};
}

// Names already drawn, so a crossing at a town of the same name does not say it twice.
class PlacedNames {
public:
    bool nearby(const QString& text, QPointF at, double radius) const
    {
        return std::any_of(m_names.begin(), m_names.end(), [&](const auto& n) {
            return n.first == text && std::hypot(n.second.x() - at.x(), n.second.y() - at.y()) < radius;
        });
    }
    void add(const QString& text, QPointF at) { m_names.emplace_back(text, at); }

private:
    std::vector<std::pair<QString, QPointF>> m_names;
};

bool placePoint(QPainter& painter, LabelPlacer& placer, PlacedNames& names, const PointLabel& c, double ratio,
                std::vector<PlacedLabel>& placed)
{
    const QFont font = labelFont(painter.font(), *c.style, ratio);
    const QFontMetricsF fm(font);
    if (names.nearby(c.text, c.anchor, 4 * fm.height())) return true;  // said already
    const QSizeF size(fm.horizontalAdvance(c.text) + 2, fm.height());
    const auto pos = placer.place(c.anchor, c.radius, size, c.story, c.story);
    if (!pos) return false;
    drawLabelText(painter, QPointF(pos->x() + 1, pos->y() + fm.ascent()), font, c.text, inkFor(*c.style, ratio));
    names.add(c.text, c.anchor);
    placed.push_back({c.text, QRectF(*pos, size), c.story});
    return true;
}

bool placeShape(QPainter& painter, LabelPlacer& placer, const ShapeLabel& c, const QRectF& view, double ratio,
                std::vector<PlacedLabel>& placed)
{
    const QFont font = labelFont(painter.font(), *c.style, ratio);
    const QFontMetricsF fm(font);
    const QSizeF size(fm.horizontalAdvance(c.text) + 2, fm.height());
    const LabelInk ink = inkFor(*c.style, ratio);
    if (c.area) {
        // The lines of the name as one block, each line centred in it.
        const auto placeBlock = [&](const QStringList& lines) {
            double width = 0;
            for (const QString& line : lines) width = std::max(width, fm.horizontalAdvance(line));
            const QSizeF block(width + 2, fm.height() * lines.size());
            for (const QPointF& tl : areaPlacements(c.rings, block, view.adjusted(2, 2, -2, -2)))
                if (placer.placeBoxes({QRectF(tl, block)})) {
                    for (qsizetype i = 0; i < lines.size(); ++i) {
                        const double x = tl.x() + 1 + (width - fm.horizontalAdvance(lines[i])) / 2;
                        drawLabelText(painter, QPointF(x, tl.y() + i * fm.height() + fm.ascent()), font, lines[i], ink);
                    }
                    placed.push_back({c.text, QRectF(tl, block), false});
                    return true;
                }
            return false;
        };
        if (placeBlock({c.text})) return true;
        // Too wide for a narrow area ("Junta (SAC)" around a besieged town): two lines, broken
        // at the space nearest the middle.
        qsizetype cut = -1;
        for (qsizetype i = 0; i < c.text.size(); ++i)
            if (c.text[i] == ' ' && (cut < 0 || std::abs(i - c.text.size() / 2) < std::abs(cut - c.text.size() / 2))) cut = i;
        return cut > 0 && placeBlock({c.text.left(cut), c.text.mid(cut + 1)});
    }
    for (const auto& ring : c.rings)
        for (const LinePlacement& p : linePlacements(ring, size, fm.descent() + 2 * ratio))
            if (placer.placeBoxes(p.boxes)) {
                drawRotatedLabelText(painter, p.baseline, p.degrees, font, c.text, ink);
                QRectF box;
                for (const QRectF& b : p.boxes) box = box.united(b);
                placed.push_back({c.text, box, false});
                return true;
            }
    return false;
}

}  // namespace

QFont labelFont(const QFont& base, const LabelStyle& style, double pixelRatio)
{
    QFont font = base;
    font.setBold(style.bold);
    font.setItalic(style.italic);
    // Point sizes are for 96 dpi logical pixels; scale to device pixels.
    font.setPixelSize(std::max(1, static_cast<int>(std::lround(style.pointSize * 96.0 / 72.0 * pixelRatio))));
    return font;
}

void drawLabels(const MapScene& scene, QPainter& painter, LabelCandidates& candidates, RenderStats& stats)
{
    // The story first, then top layers, then by priority and rank: the most important names
    // win collisions.
    auto& points = candidates.points;
    std::stable_sort(points.begin(), points.end(), [](const PointLabel& a, const PointLabel& b) {
        if (a.story != b.story) return a.story;
        if (a.style->priority != b.style->priority) return a.style->priority > b.style->priority;
        if (a.layerOrder != b.layerOrder) return a.layerOrder > b.layerOrder;
        return a.rank > b.rank;
    });
    auto& shapes = candidates.shapes;
    std::stable_sort(shapes.begin(), shapes.end(), [](const ShapeLabel& a, const ShapeLabel& b) {
        if (a.style->priority != b.style->priority) return a.style->priority > b.style->priority;
        return a.layerOrder > b.layerOrder;
    });

    const Viewport& vp = scene.viewport;
    const QRectF view(0, 0, vp.width, vp.height);
    LabelPlacer placer(view, 48.0 * scene.pixelRatio, scene.pixelRatio);
    for (const LabelObstacle& o : candidates.obstacles) placer.addObstacle(o.rect, o.soft);

    PlacedNames names;
    const double ratio = scene.pixelRatio;
    painter.save();
    auto point = [&](const PointLabel& c) {
        if (placePoint(painter, placer, names, c, ratio, stats.labels)) {
            ++stats.labelsPlaced;
        } else {
            ++stats.labelsDropped;
            if (c.story) ++stats.storyLabelsDropped;
        }
    };
    // Points before lines and areas: a town's name has a few places to go, a line's or an
    // area's has many along or inside it.
    std::for_each(points.begin(), points.end(), point);
    for (const ShapeLabel& c : shapes) {
        if (placeShape(painter, placer, c, view, ratio, stats.labels)) ++stats.labelsPlaced;
        else ++stats.labelsDropped;
    }
    painter.restore();
}

}  // namespace atlas::render::detail
