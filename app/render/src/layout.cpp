#include "atlas/render/layout.h"

#include "atlas/crs.h"
#include "atlas/render/map_overlays.h"
#include "atlas/render/marker.h"
#include "atlas/render/palette.h"
#include "atlas/render/scale_bar.h"

#include <QFontMetricsF>
#include <QPolygonF>
#include <QPainterPath>
#include <QtMath>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace atlas::render {
namespace {

constexpr double kOuterMargin = 18;   // logical px around the page content
constexpr double kMapInset = 12;      // logical px between the map frame and furniture on it

QFont fontPx(const QFont& base, double px, bool bold = false)
{
    QFont f = base;
    f.setPixelSize(std::max(1, static_cast<int>(std::lround(px))));
    f.setBold(bold);
    return f;
}

QColor withOpacity(QColor c, double opacity)
{
    c.setAlphaF(static_cast<float>(std::clamp(c.alphaF() * opacity, 0.0, 1.0)));
    return c;
}

GeometryKind layerKind(const Layer& layer)
{
    const GeometryColumn& g = layer.geometry();
    for (std::size_t f = 0; f < g.featureCount(); ++f)
        if (!g.isNull(f)) return g.kind(f);
    return GeometryKind::None;
}

bool isStateField(const std::string& field)
{
    return field == kControllerState || field == kStatusState;
}

// --- legend ----------------------------------------------------------------------------------

struct LegendMetrics {
    QFont item, title;
    double symbolW = 0, symbolH = 0, rowH = 0, gap = 0, pad = 0, sectionGap = 0;
};

LegendMetrics legendMetrics(const QFont& base, double ratio, double scale)
{
    LegendMetrics m;
    m.item = fontPx(base, 11 * ratio * scale);
    m.title = fontPx(base, 11 * ratio * scale, true);
    m.symbolW = 20 * ratio * scale;
    m.symbolH = 12 * ratio * scale;
    m.rowH = std::max(QFontMetricsF(m.item).height(), 15 * ratio * scale) + 1.5 * ratio * scale;
    m.gap = 6 * ratio * scale;
    m.pad = 8 * ratio * scale;
    m.sectionGap = 5 * ratio * scale;
    return m;
}

// Rows of the legend in drawing order: a section title or an item.
struct LegendRow {
    const LegendSection* section = nullptr;
    const LegendItem* item = nullptr;  // null: the section's title row
};

std::vector<LegendRow> legendRows(const std::vector<LegendSection>& legend)
{
    std::vector<LegendRow> rows;
    for (const LegendSection& s : legend) {
        if (s.items.empty()) continue;
        if (!s.title.isEmpty()) rows.push_back({&s, nullptr});
        for (const LegendItem& i : s.items) rows.push_back({&s, &i});
    }
    return rows;
}

double rowHeight(const LegendRow& r, const LegendMetrics& m, bool firstInColumn)
{
    const double h = m.rowH;
    // A little air above every section but the column's first: above its title, or above the
    // one line of a section without a title.
    const bool opensSection = !r.item || (r.section->title.isEmpty() && r.item == &r.section->items.front());
    if (opensSection && !firstInColumn) return h + m.sectionGap;
    return h;
}

double rowWidth(const LegendRow& r, const LegendMetrics& m)
{
    if (!r.item) return QFontMetricsF(m.title).horizontalAdvance(r.section->title);
    // Items of a titled section are indented a little under the title.
    const double indent = r.section->title.isEmpty() ? 0 : 0;
    return indent + m.symbolW + m.gap + QFontMetricsF(m.item).horizontalAdvance(r.item->label);
}

struct LegendPlan {
    LegendMetrics metrics;
    std::vector<std::vector<LegendRow>> columns;
    std::vector<double> columnWidths;
    QSizeF size;
    std::size_t dropped = 0;  // rows that did not fit at all
};

// `wide`: a band under the map — as many balanced columns as the width takes, so the band is
// low; otherwise a column beside the map — as few columns as the height allows.
LegendPlan planLegend(const std::vector<LegendSection>& legend, const QFont& base, double ratio, QSizeF available,
                      bool wide = false)
{
    const std::vector<LegendRow> rows = legendRows(legend);
    LegendPlan best;
    if (rows.empty()) return best;
    // Largest type that fits, in as few columns as fit (or, wide, as many as fit); below 65 %
    // the last rows are left out (and counted) rather than shrunk into illegibility.
    const std::vector<int> columnCounts = wide ? std::vector<int>{5, 4, 3, 2, 1} : std::vector<int>{1, 2, 3};
    for (double scale : {1.0, 0.9, 0.8, 0.72, 0.65}) {
        for (int ncols : columnCounts) {
            LegendPlan plan;
            plan.metrics = legendMetrics(base, ratio, scale);
            const LegendMetrics& m = plan.metrics;
            double maxColH = available.height() - 2 * m.pad;
            if (wide) {
                double total = 0;
                for (std::size_t i = 0; i < rows.size(); ++i) total += rowHeight(rows[i], m, i == 0);
                maxColH = std::min(maxColH, total / ncols + 2 * m.rowH);
            }
            // Fill columns in order, section by section: a section that does not fit in what
            // is left of a column starts the next one (only a section taller than a whole
            // column is split, and never right after its title).
            plan.columns.emplace_back();
            double colH = 0;
            bool fits = true;
            for (std::size_t i = 0; i < rows.size() && fits;) {
                std::size_t end = i + 1;
                while (end < rows.size() && rows[end].section == rows[i].section) ++end;
                double blockH = 0;
                for (std::size_t k = i; k < end; ++k) blockH += rowHeight(rows[k], m, k == i && plan.columns.back().empty());
                if (colH + blockH > maxColH && !plan.columns.back().empty()) {
                    if (static_cast<int>(plan.columns.size()) == ncols) { fits = false; break; }
                    plan.columns.emplace_back();
                    colH = 0;
                }
                for (std::size_t k = i; k < end; ++k) {
                    const bool first = plan.columns.back().empty();
                    double h = rowHeight(rows[k], m, first);
                    const bool titleNeedsItem = !rows[k].item && k + 1 < end;
                    if (colH + h + (titleNeedsItem ? m.rowH : 0) > maxColH && !first) {
                        if (static_cast<int>(plan.columns.size()) == ncols) { fits = false; break; }
                        plan.columns.emplace_back();
                        colH = 0;
                        h = rowHeight(rows[k], m, true);
                    }
                    plan.columns.back().push_back(rows[k]);
                    colH += h;
                }
                i = end;
            }
            if (!fits) continue;
            double w = 0, hMax = 0;
            for (const auto& col : plan.columns) {
                double cw = 0, ch = 0;
                for (std::size_t i = 0; i < col.size(); ++i) {
                    cw = std::max(cw, rowWidth(col[i], m));
                    ch += rowHeight(col[i], m, i == 0);
                }
                plan.columnWidths.push_back(cw);
                w += cw;
                hMax = std::max(hMax, ch);
            }
            w += 2 * m.pad + (static_cast<double>(plan.columns.size()) - 1) * 2 * m.gap;
            plan.size = QSizeF(w, hMax + 2 * m.pad);
            if (plan.size.width() <= available.width()) return plan;
        }
    }
    // Nothing fits: smallest type, one column, as many rows as there is room for.
    LegendPlan plan;
    plan.metrics = legendMetrics(base, ratio, 0.65);
    const LegendMetrics& m = plan.metrics;
    plan.columns.emplace_back();
    double h = 0, w = 0;
    for (const LegendRow& r : rows) {
        const double rh = rowHeight(r, m, plan.columns.back().empty());
        if (h + rh > available.height() - 2 * m.pad - m.rowH) { ++plan.dropped; continue; }
        plan.columns.back().push_back(r);
        h += rh;
        w = std::max(w, rowWidth(r, m));
    }
    if (plan.dropped) h += m.rowH;  // the "… n more" line
    plan.columnWidths.push_back(w);
    plan.size = QSizeF(std::min(w + 2 * m.pad, available.width()), h + 2 * m.pad);
    return plan;
}

void drawLegendSymbol(QPainter& p, const LegendItem& item, QRectF box, double ratio)
{
    const Symbol& s = item.symbol;
    const double op = item.opacity;
    const QColor stroke = withOpacity(s.stroke, op);
    const QColor fill = withOpacity(s.fill, op);
    const double strokeW = std::min(s.strokeWidth * ratio, 3.0 * ratio);
    QPen pen(stroke, strokeW, s.strokeStyle, Qt::RoundCap, Qt::RoundJoin);
    if (s.strokeWidth <= 0 || stroke.alpha() == 0) pen = Qt::NoPen;
    GeometryKind kind = item.kind;
    // An outline-only area (borders) reads as a line.
    if (kind == GeometryKind::Polygon && fill.alpha() == 0) kind = GeometryKind::Line;
    const QPointF c = box.center();
    switch (kind) {
    case GeometryKind::Point:
    case GeometryKind::None: {
        const double d = std::min(s.size * ratio, box.height() + 2 * ratio);
        p.setPen(pen);
        p.setBrush(fill);
        p.drawPath(markerPath(s.shape, d).translated(c));
        break;
    }
    case GeometryKind::Line: {
        QPen line(stroke, std::max(1.0 * ratio, std::min(s.strokeWidth * ratio, 4.0 * ratio)), s.strokeStyle,
                  Qt::FlatCap, Qt::RoundJoin);
        p.setPen(line);
        p.setBrush(Qt::NoBrush);
        p.drawLine(QPointF(box.left() + 1 * ratio, c.y()), QPointF(box.right() - 1 * ratio, c.y()));
        break;
    }
    case GeometryKind::Polygon: {
        p.setPen(pen);
        p.setBrush(fill);
        const double inset = std::max(1.0 * ratio, strokeW / 2);
        p.drawRect(box.adjusted(inset, inset, -inset, -inset));
        break;
    }
    }
}

// Draws a planned legend with its top-left at `area`'s (no box: it sits beside the map).
QRectF drawLegend(QPainter& p, const LegendPlan& plan, QRectF area, double ratio)
{
    if (plan.columns.empty() || plan.columns.front().empty()) return {};
    const LegendMetrics& m = plan.metrics;
    const QRectF box(area.left() - m.pad, area.top() - m.pad, plan.size.width(), plan.size.height());
    p.save();
    double x = box.left() + m.pad;
    const QFontMetricsF fItem(m.item), fTitle(m.title);
    for (std::size_t c = 0; c < plan.columns.size(); ++c) {
        double y = box.top() + m.pad;
        const auto& col = plan.columns[c];
        for (std::size_t i = 0; i < col.size(); ++i) {
            const LegendRow& r = col[i];
            const double h = rowHeight(r, m, i == 0);
            const double rowTop = y + (h - m.rowH);
            if (!r.item) {
                p.setFont(m.title);
                p.setPen(QColor(25, 25, 25));
                p.drawText(QPointF(x, rowTop + (m.rowH + fTitle.ascent() - fTitle.descent()) / 2), r.section->title);
            } else {
                const QRectF sym(x, rowTop + (m.rowH - m.symbolH) / 2, m.symbolW, m.symbolH);
                drawLegendSymbol(p, *r.item, sym, ratio);
                p.setFont(m.item);
                p.setPen(QColor(35, 35, 35));
                p.drawText(QPointF(x + m.symbolW + m.gap, rowTop + (m.rowH + fItem.ascent() - fItem.descent()) / 2),
                           r.item->label);
            }
            y += h;
        }
        if (c + 1 == plan.columns.size() && plan.dropped) {
            p.setFont(m.item);
            p.setPen(QColor(90, 90, 90));
            p.drawText(QPointF(x, y + (m.rowH + fItem.ascent() - fItem.descent()) / 2),
                       QString::fromUtf8("… %1 more").arg(plan.dropped));
        }
        x += plan.columnWidths[c] + 2 * m.gap;
    }
    p.restore();
    return box;
}

// --- north arrow, inset ------------------------------------------------------------------------

void drawNorthArrow(QPainter& p, QPointF centre, double angleDeg, double ratio)
{
    p.save();
    p.translate(centre);
    p.rotate(angleDeg);
    const double h = 15 * ratio, w = 7 * ratio;
    QPainterPath left, right;
    left.moveTo(0, -h);
    left.lineTo(-w, h * 0.75);
    left.lineTo(0, h * 0.35);
    left.closeSubpath();
    right.moveTo(0, -h);
    right.lineTo(w, h * 0.75);
    right.lineTo(0, h * 0.35);
    right.closeSubpath();
    p.setPen(QPen(QColor(255, 255, 255, 220), 3 * ratio, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    p.drawPath(left.united(right));
    p.setPen(QPen(QColor(30, 30, 30), 1 * ratio, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(QColor(30, 30, 30));
    p.drawPath(left);
    p.setBrush(Qt::white);
    p.drawPath(right);
    // The "N" above the tip, kept upright.
    const QFont f = fontPx(p.font(), 12 * ratio, true);
    const QFontMetricsF fm(f);
    const double rad = qDegreesToRadians(angleDeg);
    const QPointF tip(std::sin(rad) * (h + 8 * ratio), -std::cos(rad) * (h + 8 * ratio));
    p.rotate(-angleDeg);
    QPainterPath halo;
    const QPointF origin(tip.x() - fm.horizontalAdvance("N") / 2, tip.y() + (fm.ascent() - fm.descent()) / 2);
    halo.addText(origin, f, "N");
    p.setPen(QPen(QColor(255, 255, 255, 220), 3 * ratio, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    p.drawPath(halo);
    p.setFont(f);
    p.setPen(QColor(30, 30, 30));
    p.drawText(origin, "N");
    p.restore();
}

struct InsetPlan {
    QRectF rect;
    Viewport vp;
    bool valid = false;
};

// The locator's layers, each feature cut to the locator's frame as a path: SVG devices do not
// clip, and a locator spilling over the map would not do. Outline-only features of categorised
// layers (every province but Kachin State) are left out: at locator scale they are clutter.
void drawInsetLayers(QPainter& p, const InsetPlan& plan, const std::vector<SceneLayer>& layers, double ratio,
                     const std::atomic<bool>* cancel)
{
    QPainterPath frame;
    frame.addRect(QRectF(0, 0, plan.rect.width(), plan.rect.height()));
    const Box view = plan.vp.extent();
    for (const SceneLayer& item : layers) {
        if (!item.layer || (cancel && cancel->load())) return;
        const Layer& layer = *item.layer;
        const LayerStyle& style = item.style;
        const GeometryColumn& geom = layer.geometry();
        for (uint32_t f : layer.index().query(view)) {
            if (geom.isNull(f)) continue;
            const Symbol* sym = &style.symbol;
            if (!style.categoryField.empty() && !isStateField(style.categoryField)) {
                const int cat = style.categoryIndex(layer.text(f, style.categoryField));
                if (cat >= 0) sym = &style.categories[static_cast<std::size_t>(cat)].symbol;
                else if (!style.categories.empty() && sym->fill.alpha() == 0) continue;
            }
            QPainterPath path;
            path.setFillRule(Qt::OddEvenFill);
            const bool area = geom.kind(f) == GeometryKind::Polygon;
            for (uint32_t part = geom.partBegin(f); part < geom.partEnd(f); ++part)
                for (uint32_t r = geom.ringBegin(part); r < geom.ringEnd(part); ++r) {
                    QPolygonF ring;
                    for (const Coord& c : geom.ring(r)) {
                        const Coord px = plan.vp.toPixel(c);
                        ring << QPointF(px.x, px.y);
                    }
                    path.addPolygon(ring);
                    if (area) path.closeSubpath();
                }
            if (area) {
                // Cut to the frame: the cut edges lie on the frame, which is stroked over them.
                const QPainterPath cut = path.intersected(frame);
                p.setBrush(withOpacity(sym->fill, style.opacity));
                p.setPen(sym->strokeWidth > 0 && sym->stroke.alpha() > 0
                             ? QPen(withOpacity(sym->stroke, style.opacity), sym->strokeWidth * ratio, sym->strokeStyle,
                                    Qt::RoundCap, Qt::RoundJoin)
                             : QPen(Qt::NoPen));
                if (!cut.isEmpty()) p.drawPath(cut);
            } else if (geom.kind(f) == GeometryKind::Line && frame.boundingRect().contains(path.boundingRect())) {
                p.setBrush(Qt::NoBrush);
                p.setPen(QPen(withOpacity(sym->stroke, style.opacity), sym->strokeWidth * ratio, sym->strokeStyle));
                p.drawPath(path);
            }
        }
    }
}

// Height over width of the locator's area in the display CRS; 0 when it cannot be projected.
double insetAspect(const std::string& crs)
{
    const auto toDisplay = CoordinateTransform::create(kWgs84, crs);
    if (!toDisplay) return 0;
    const Box ext = toDisplay->transformBox(insetLonLatExtent());
    if (ext.isEmpty() || ext.width() <= 0) return 0;
    return ext.height() / ext.width();
}

InsetPlan planInset(const QRectF& rect, const std::string& crs)
{
    InsetPlan plan;
    if (rect.isEmpty()) return plan;
    const auto toDisplay = CoordinateTransform::create(kWgs84, crs);
    if (!toDisplay) return plan;
    const Box ext = toDisplay->transformBox(insetLonLatExtent());
    plan.rect = rect;
    plan.vp = Viewport::fit(ext, static_cast<int>(std::lround(rect.width())), static_cast<int>(std::lround(rect.height())), 0);
    plan.valid = true;
    return plan;
}

void drawInset(QPainter& p, const InsetPlan& plan, const LayoutContent& content, const Viewport& mainVp, double ratio,
               const std::atomic<bool>* cancel)
{
    p.save();
    // A white casing, then the locator map clipped to its frame.
    p.setPen(QPen(QColor(255, 255, 255, 230), 3 * ratio));
    p.setBrush(palette::kSea);
    p.drawRect(plan.rect);
    p.setClipRect(plan.rect, Qt::IntersectClip);
    p.translate(plan.rect.topLeft());
    drawInsetLayers(p, plan, content.insetLayers, ratio * 0.6, cancel);

    if (const auto toDisplay = CoordinateTransform::create(kWgs84, content.displayCrs)) {
        // Country names where they do not collide with the Kachin box.
        const QFont f = fontPx(p.font(), 8.5 * ratio, true);
        const QFontMetricsF fm(f);
        p.setFont(f);
        for (const auto& [name, lon, lat] : {std::tuple{"MYANMAR", 95.7, 20.6}, std::tuple{"CHINA", 102.3, 27.6}}) {
            const Coord px = plan.vp.toPixel(toDisplay->transform(Coord{lon, lat}));
            const QString text = QString::fromLatin1(name);
            const QPointF origin(px.x - fm.horizontalAdvance(text) / 2, px.y);
            if (origin.x() < 0 || origin.x() + fm.horizontalAdvance(text) > plan.rect.width()) continue;
            QPainterPath halo;
            halo.addText(origin, f, text);
            p.setPen(QPen(QColor(255, 255, 255, 200), 2.4 * ratio, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p.setBrush(Qt::NoBrush);
            p.drawPath(halo);
            p.setPen(QColor(70, 70, 70));
            p.drawText(origin, text);
        }
    }

    // The main view's box (same CRS, so an axis-aligned rectangle); a ring marks a tiny one.
    const Box view = mainVp.extent();
    const Coord a = plan.vp.toPixel({view.minX, view.maxY});
    const Coord b = plan.vp.toPixel({view.maxX, view.minY});
    const QRectF box = QRectF(QPointF(a.x, a.y), QPointF(b.x, b.y)).normalized();
    p.setBrush(QColor(200, 20, 60, 40));
    p.setPen(QPen(QColor(200, 20, 60), 1.6 * ratio));
    p.drawRect(box);
    if (box.width() < 8 * ratio && box.height() < 8 * ratio) {
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(box.center(), 7 * ratio, 7 * ratio);
    }
    p.restore();
    p.save();
    p.setPen(QPen(QColor(60, 60, 60), 1 * ratio));
    p.setBrush(Qt::NoBrush);
    p.drawRect(plan.rect);
    p.restore();
}

// Header and footer fonts.
QFont titleFont(const QFont& base, double ratio) { return fontPx(base, 25 * ratio, true); }
QFont subtitleFont(const QFont& base, double ratio) { return fontPx(base, 14.5 * ratio); }

// The credits' font: 10 px, smaller when they need more than three lines, never below 8 px
// (6 pt in print) — long credits take more lines instead.
QFont creditsFont(const QFont& base, double ratio, const QString& credits, double width, double* height)
{
    QFont f;
    for (double px : {10.0, 9.0, 8.5, 8.0}) {
        f = fontPx(base, px * ratio);
        const QFontMetricsF fm(f);
        const QRectF r = fm.boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap, credits);
        *height = r.height();
        if (r.height() <= fm.lineSpacing() * 3.2) break;
    }
    return f;
}

}  // namespace

LegendSection legendSection(const SceneLayer& item, const Viewport& vp)
{
    LegendSection section;
    if (!item.layer) return section;
    const Layer& layer = *item.layer;
    const LayerStyle& style = item.style;
    const GeometryColumn& geom = layer.geometry();
    const Box view = vp.extent();
    const GeometryKind kind = layerKind(layer);

    // used[i] for category i; used.back() for the default symbol. kinds[i]: the geometry of
    // the first feature drawn in it (a layer may mix areas and sites).
    std::vector<char> used(style.categories.size() + 1, 0);
    std::vector<GeometryKind> kinds(style.categories.size() + 1, kind);
    bool any = false;
    auto visit = [&](uint32_t row, int stateCategory, double opacity) {
        if (row >= geom.featureCount() || geom.isNull(row) || opacity <= 0) return;
        if (!geom.bounds(row).intersects(view)) return;
        any = true;
        int cat = -1;
        if (stateCategory != -2) cat = stateCategory;
        else if (!style.categoryField.empty() && !isStateField(style.categoryField))
            cat = style.categoryIndex(layer.text(row, style.categoryField));
        const std::size_t slot =
            cat >= 0 && static_cast<std::size_t>(cat) < style.categories.size() ? static_cast<std::size_t>(cat) : used.size() - 1;
        if (!used[slot]) kinds[slot] = geom.kind(row);
        used[slot] = 1;
    };
    if (item.state) {
        const FeatureState& st = *item.state;
        for (std::size_t i = 0; i < st.visible.size(); ++i)
            visit(st.visible[i], st.category.empty() ? -2 : st.category[i], st.opacity.empty() ? 1.0 : st.opacity[i]);
    } else {
        for (uint32_t row : layer.index().query(view)) visit(row, -2, 1.0);
    }
    if (!any || style.opacity <= 0) return section;

    if (style.categories.empty()) {
        section.items.push_back({style.title, style.symbol, kind, style.opacity});
        return section;
    }
    section.title = style.title;
    for (std::size_t i = 0; i < style.categories.size(); ++i)
        if (used[i]) section.items.push_back({style.categories[i].label, style.categories[i].symbol, kinds[i], style.opacity});
    if (used.back() && style.showOtherInLegend)
        section.items.push_back({isStateField(style.categoryField) ? QStringLiteral("Not known") : QStringLiteral("Other"),
                                 style.symbol, kinds.back(), style.opacity});
    // A titled section with a single item that is the whole layer reads better as one line.
    if (section.items.empty()) section.title.clear();
    return section;
}

int PageGeometry::mapWidth() const
{
    return std::max(1, static_cast<int>(std::lround(map.width())));
}

int PageGeometry::mapHeight() const
{
    return std::max(1, static_cast<int>(std::lround(map.height())));
}

Box insetLonLatExtent()
{
    // Well inside the basemap's 88–106°E, 15–32°N: in a projected CRS the box's corners lie
    // beyond its lon/lat edges, and must still fall on basemap data.
    return Box::of(90.5, 16.0, 104.0, 30.0);
}

PageGeometry computePageGeometry(QSizeF page, double ratio, const LayoutContent& content)
{
    PageGeometry g;
    g.page = page;
    g.ratio = ratio;
    const QFont base;
    const double m = kOuterMargin * ratio;
    const double width = page.width() - 2 * m;
    double top = m;
    if (!content.title.isEmpty() || !content.subtitle.isEmpty()) {
        double h = 0;
        if (!content.title.isEmpty()) h += QFontMetricsF(titleFont(base, ratio)).height();
        if (!content.subtitle.isEmpty()) h += QFontMetricsF(subtitleFont(base, ratio)).height() + 1 * ratio;
        g.header = QRectF(m, top, width, h);
        top += h + 8 * ratio;
    } else {
        g.header = QRectF(m, top, width, 0);
    }
    double footerH = 0;
    if (!content.credits.isEmpty()) creditsFont(base, ratio, content.credits, width, &footerH);
    const double bottom = page.height() - m - (footerH > 0 ? footerH + 7 * ratio : 0);
    g.footer = QRectF(m, bottom + (footerH > 0 ? 7 * ratio : 0), width, footerH);
    // The trade chart takes a band at the bottom, under the map and what sits beside it.
    double chartBottom = bottom;
    if (content.tradeChart && content.tradeChart->track) {
        const double chartH = std::clamp((bottom - top) * 0.26, 120 * ratio, 260 * ratio);
        g.chart = QRectF(m, bottom - chartH, width, chartH);
        chartBottom = bottom - chartH - 10 * ratio;
    }
    const QRectF area(m, top, width, std::max(1.0, chartBottom - top));
    QRectF map = area;

    const bool legend = content.showLegend && !legendRows(content.legend).empty();
    const double aspect = content.showInset && !content.insetLayers.empty() ? insetAspect(content.displayCrs) : 0;
    const double gap = 14 * ratio;
    if (legend || aspect > 0) {
        if (page.width() >= page.height() * 1.15) {
            // A column on the right: the legend from the top, the locator at the bottom.
            double insetW = 0, insetH = 0;
            if (aspect > 0) {
                insetW = std::clamp(area.width() * 0.19, 120 * ratio, 240 * ratio);
                insetH = insetW * aspect;
                if (insetH > area.height() * 0.45) {
                    insetH = area.height() * 0.45;
                    insetW = insetH / aspect;
                }
            }
            double panelW = insetW;
            double legendH = area.height() - (aspect > 0 ? insetH + gap : 0);
            if (legend) {
                g.legendRoom = QSizeF(area.width() * 0.32, legendH);
                const LegendPlan plan = planLegend(content.legend, base, ratio, g.legendRoom);
                panelW = std::max(panelW, plan.size.width() - 2 * plan.metrics.pad);
            }
            map = QRectF(area.left(), area.top(), area.width() - panelW - gap, area.height());
            if (legend) g.legend = QRectF(map.right() + gap, area.top(), panelW, legendH);
            if (aspect > 0) g.inset = QRectF(area.right() - insetW, area.bottom() - insetH, insetW, insetH);
        } else {
            // A band under the map: the legend in columns on the left, the locator on the right.
            double insetW = 0, insetH = 0;
            if (aspect > 0) {
                insetH = std::clamp(area.height() * 0.19, 110 * ratio, 230 * ratio);
                insetW = insetH / aspect;
                if (insetW > area.width() * 0.4) {
                    insetW = area.width() * 0.4;
                    insetH = insetW * aspect;
                }
            }
            double bandH = insetH;
            const double legendW = area.width() - (aspect > 0 ? insetW + gap : 0);
            if (legend) {
                g.legendRoom = QSizeF(legendW, area.height() * 0.35);
                g.legendBelow = true;
                const LegendPlan plan = planLegend(content.legend, base, ratio, g.legendRoom, true);
                bandH = std::max(bandH, plan.size.height() - 2 * plan.metrics.pad);
            }
            map = QRectF(area.left(), area.top(), area.width(), area.height() - bandH - gap);
            if (legend) g.legend = QRectF(area.left(), map.bottom() + gap, legendW, bandH);
            if (aspect > 0) g.inset = QRectF(area.right() - insetW, map.bottom() + gap, insetW, insetH);
        }
    }
    // Whole device pixels for the map, so the rendered image maps 1:1 onto the frame.
    g.map = QRectF(std::round(map.left()), std::round(map.top()), std::floor(map.width()), std::floor(std::max(1.0, map.height())));
    return g;
}

double northAngleDegrees(const Viewport& vp, const std::string& displayCrs)
{
    const auto toWgs84 = CoordinateTransform::create(displayCrs, kWgs84);
    const auto toDisplay = CoordinateTransform::create(kWgs84, displayCrs);
    if (!toWgs84 || !toDisplay) return 0;  // no north to point at: the arrow points up
    const Coord centre = vp.toMap({vp.width / 2.0, vp.height / 2.0});
    const Coord ll = toWgs84->transform(centre);
    if (!std::isfinite(ll.x) || !std::isfinite(ll.y)) return 0;
    const double dLat = ll.y < 89 ? 0.05 : -0.05;
    const Coord north = toDisplay->transform(Coord{ll.x, ll.y + dLat});
    const Coord a = vp.toPixel(centre), b = vp.toPixel(north);
    double dx = b.x - a.x, dy = b.y - a.y;
    if (dLat < 0) { dx = -dx; dy = -dy; }
    if (!std::isfinite(dx) || !std::isfinite(dy) || (dx == 0 && dy == 0)) return 0;
    return qRadiansToDegrees(std::atan2(dx, -dy));
}

void drawMapOverlays(QPainter& p, const Viewport& vp, const LayoutContent& content, double ratio)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    if (content.showScaleBar) drawScaleBarOverlay(p, vp, content.displayCrs, ratio);
    drawDateStamp(p, vp, content.dateLabel, content.dateDetail, ratio);
    drawAnnotations(p, vp, content.displayCrs, ratio, content.annotations, content.day);
    p.restore();
}

bool drawPage(QPainter& p, const PageGeometry& g, const MapScene& scene, const LayoutContent& content,
              const QImage* mapImage, const std::atomic<bool>* cancel)
{
    const double ratio = g.ratio;
    const QRectF page(QPointF(0, 0), g.page);
    const QRectF map = g.map;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.fillRect(page, Qt::white);

    // The map: the window's renderer, into the frame.
    p.save();
    p.setClipRect(map);
    p.translate(map.topLeft());
    if (mapImage) {
        p.drawImage(QPointF(0, 0), *mapImage);
    } else {
        p.fillRect(QRectF(0, 0, map.width(), map.height()), scene.background);
        RenderOptions opts;
        opts.cancel = cancel;
        opts.fastPaths = false;
        if (!Renderer::render(scene, p, opts)) {
            p.restore();
            p.restore();
            return false;
        }
    }
    p.restore();
    // Not every device clips (QSvgGenerator writes no clip paths): cover what the map drew
    // outside its frame with the page's white.
    p.setPen(Qt::NoPen);
    p.setBrush(Qt::white);
    p.drawRect(QRectF(0, 0, page.width(), map.top()));
    p.drawRect(QRectF(0, map.bottom(), page.width(), page.height() - map.bottom()));
    p.drawRect(QRectF(0, map.top(), map.left(), map.height()));
    p.drawRect(QRectF(map.right(), map.top(), page.width() - map.right(), map.height()));

    // Furniture on the map, in the map's own pixels.
    const Viewport& vp = scene.viewport;
    p.save();
    p.setClipRect(map);
    p.translate(map.topLeft());
    const QRectF local(0, 0, map.width(), map.height());
    const double m = kMapInset * ratio;
    drawMapOverlays(p, vp, content, ratio);
    if (content.showNorthArrow) {
        // Above the scale bar, bottom-left.
        const QPointF at(m + 12 * ratio, local.bottom() - 64 * ratio);
        drawNorthArrow(p, at, northAngleDegrees(vp, content.displayCrs), ratio);
    }
    p.restore();

    p.setPen(QPen(QColor(60, 60, 60), 1 * ratio));
    p.setBrush(Qt::NoBrush);
    p.drawRect(map);

    // Beside the map: the legend and the locator.
    if (!g.legend.isEmpty() && content.showLegend)
        drawLegend(p, planLegend(content.legend, QFont(), ratio, g.legendRoom, g.legendBelow), g.legend, ratio);
    if (!g.inset.isEmpty()) {
        const InsetPlan inset = planInset(g.inset, content.displayCrs);
        if (inset.valid) drawInset(p, inset, content, vp, ratio, cancel);
    }

    if (!g.chart.isEmpty() && content.tradeChart) drawTradeChartPanel(p, g.chart, *content.tradeChart, ratio);

    // Header.
    double y = g.header.top();
    if (!content.title.isEmpty()) {
        const QFont f = titleFont(p.font(), ratio);
        const QFontMetricsF fm(f);
        p.setFont(f);
        p.setPen(QColor(15, 15, 15));
        p.drawText(QPointF(g.header.left(), y + fm.ascent()), fm.elidedText(content.title, Qt::ElideRight, g.header.width()));
        y += fm.height();
    }
    if (!content.subtitle.isEmpty()) {
        const QFont f = subtitleFont(p.font(), ratio);
        const QFontMetricsF fm(f);
        p.setFont(f);
        p.setPen(QColor(70, 70, 70));
        p.drawText(QPointF(g.header.left(), y + 1 * ratio + fm.ascent()),
                   fm.elidedText(content.subtitle, Qt::ElideRight, g.header.width()));
    }
    // Footer.
    if (!content.credits.isEmpty()) {
        double h = 0;
        const QFont f = creditsFont(p.font(), ratio, content.credits, g.footer.width(), &h);
        p.setFont(f);
        p.setPen(QColor(80, 80, 80));
        p.drawText(g.footer, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, content.credits);
    }
    p.restore();
    return !(cancel && cancel->load());
}

}  // namespace atlas::render
