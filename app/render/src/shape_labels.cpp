#include "shape_labels.h"

#include <QPainterPath>
#include <QPolygonF>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace atlas::render::detail {
namespace {

double distance(QPointF a, QPointF b)
{
    return std::hypot(b.x() - a.x(), b.y() - a.y());
}

// The point `at` pixels along the line, with the index of the segment it lies on.
std::pair<QPointF, std::size_t> pointAlong(const std::vector<QPointF>& line, const std::vector<double>& cumulative,
                                           double at)
{
    const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), at);
    std::size_t i = static_cast<std::size_t>(std::max<std::ptrdiff_t>(1, it - cumulative.begin())) - 1;
    i = std::min(i, line.size() - 2);
    const double seg = cumulative[i + 1] - cumulative[i];
    const double t = seg > 0 ? (at - cumulative[i]) / seg : 0.0;
    return {line[i] + (line[i + 1] - line[i]) * t, i};
}

}  // namespace

std::vector<LinePlacement> linePlacements(const std::vector<QPointF>& line, QSizeF size, double gap)
{
    std::vector<LinePlacement> out;
    if (line.size() < 2) return out;
    std::vector<double> cumulative(line.size(), 0.0);
    for (std::size_t i = 1; i < line.size(); ++i) cumulative[i] = cumulative[i - 1] + distance(line[i - 1], line[i]);
    const double total = cumulative.back();
    const double w = size.width();
    if (total < w * 1.15) return out;
    // Candidate centres: the middle first, then outwards in steps of a third of the text.
    std::vector<double> centres{total / 2};
    for (double d = w / 3; total / 2 + d + w / 2 <= total; d += w / 3) {
        centres.push_back(total / 2 + d);
        centres.push_back(total / 2 - d);
    }
    for (const double c : centres) {
        const double from = c - w / 2, to = c + w / 2;
        if (from < 0 || to > total) continue;
        const auto [a, ia] = pointAlong(line, cumulative, from);
        const auto [b, ib] = pointAlong(line, cumulative, to);
        // Straight enough: no vertex between the ends strays from the chord by more than 0.6 of
        // the text's height (one straight run of text, so it stays one word in SVG and PDF).
        const double chord = distance(a, b);
        if (chord < w * 0.9) continue;
        bool straight = true;
        for (std::size_t i = ia + 1; i <= ib && straight; ++i) {
            const QPointF p = line[i];
            const double cross = std::abs((b.x() - a.x()) * (a.y() - p.y()) - (a.x() - p.x()) * (b.y() - a.y())) / chord;
            straight = cross <= size.height() * 0.6;
        }
        if (!straight) continue;
        QPointF start = a, end = b;
        if (end.x() < start.x()) std::swap(start, end);  // reads left to right
        const QPointF dir = (end - start) / distance(start, end);
        const QPointF normal(dir.y(), -dir.x());  // points up the page for left-to-right text
        const QPointF base = start + normal * gap;
        const double degrees = std::atan2(dir.y(), dir.x()) * 180.0 / std::numbers::pi;
        LinePlacement p{base, degrees, {}};
        // Boxes of text height along the run, so a slanted label takes only the space it covers.
        const int n = std::max(1, static_cast<int>(std::ceil(w / size.height())));
        for (int k = 0; k < n; ++k) {
            const QPointF centre = base + dir * ((k + 0.5) * w / n) + normal * (size.height() * 0.35);
            const double half = std::max(size.height(), w / n) / 2;
            p.boxes.emplace_back(centre.x() - half, centre.y() - half, 2 * half, 2 * half);
        }
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<QPointF> areaPlacements(const std::vector<std::vector<QPointF>>& rings, QSizeF size, const QRectF& view)
{
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    double area = 0, cx = 0, cy = 0;
    for (const auto& ring : rings) {
        if (ring.size() < 3) continue;
        path.addPolygon(QPolygonF(QList<QPointF>(ring.begin(), ring.end())));
        path.closeSubpath();
        for (std::size_t i = 0; i < ring.size(); ++i) {
            const QPointF p = ring[i], q = ring[(i + 1) % ring.size()];
            const double cross = p.x() * q.y() - q.x() * p.y();
            area += cross;
            cx += (p.x() + q.x()) * cross;
            cy += (p.y() + q.y()) * cross;
        }
    }
    std::vector<QPointF> out;
    const QRectF box = path.boundingRect().intersected(view);
    if (box.width() < size.width() || box.height() < size.height() || std::abs(area) < 1e-9) return out;
    const QPointF centroid(cx / (3 * area), cy / (3 * area));
    // Distance from a point to the area's outline: the label goes where it is deepest inside
    // (a ring-shaped area's centroid lies outside it or hugs an edge).
    std::size_t vertices = 0;
    for (const auto& ring : rings) vertices += ring.size();
    auto depth = [&](QPointF q) {
        if (vertices > 4000) return 0.0;  // a detailed outline: the centroid rule alone, fast
        double best = 1e300;
        for (const auto& ring : rings)
            for (std::size_t i = 0; i < ring.size(); ++i) {
                const QPointF a = ring[i], b = ring[(i + 1) % ring.size()];
                const QPointF ab = b - a;
                const double len2 = QPointF::dotProduct(ab, ab);
                const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(q - a, ab) / len2, 0.0, 1.0) : 0.0;
                best = std::min(best, distance(q, a + ab * t));
            }
        return best;
    };
    // A grid of centres over the visible part of the area: 20 × 20, or 8 × 8 for a detailed
    // outline (each try is a point-in-polygon test over every vertex).
    std::size_t outline = 0;
    for (const auto& ring : rings) outline += ring.size();
    const double cells = outline > 1000 ? 8 : 20;
    const double step = std::max({2.0, box.width() / cells, box.height() / cells});
    std::vector<std::pair<double, QPointF>> fits;
    for (double y = box.top() + size.height() / 2; y + size.height() / 2 <= box.bottom(); y += step)
        for (double x = box.left() + size.width() / 2; x + size.width() / 2 <= box.right(); x += step) {
            const QRectF r(x - size.width() / 2, y - size.height() / 2, size.width(), size.height());
            // Deepest first; among equally deep spots (in steps of a label height), the one
            // nearest the centroid.
            if (path.contains(r))
                fits.emplace_back(-std::floor(depth(QPointF(x, y)) / size.height()) * 1e6 + distance(QPointF(x, y), centroid),
                                  r.topLeft());
        }
    std::sort(fits.begin(), fits.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& f : fits) out.push_back(f.second);
    return out;
}

}  // namespace atlas::render::detail
