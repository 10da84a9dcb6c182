#include "raster_paint.h"
#include "area_fill.h"
#include "pixel_blend.h"

#include "atlas/render/marker.h"

#include <QPainterPath>
#include <QRgba64>
#include <QSemaphore>
#include <QThread>
#include <QThreadPool>
#include <QtGui/qrgba64.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <compare>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace atlas::render::detail {

QPen penFor(const Symbol& s, double ratio, double opacity)
{
    if (s.strokeWidth <= 0 || s.stroke.alpha() == 0) return Qt::NoPen;
    QColor c = s.stroke;
    c.setAlphaF(static_cast<float>(c.alphaF() * opacity));
    return QPen(c, s.strokeWidth * ratio, s.strokeStyle, Qt::RoundCap, Qt::RoundJoin);
}

QBrush brushFor(const Symbol& s, double opacity)
{
    if (s.fill.alpha() == 0) return Qt::NoBrush;
    QColor c = s.fill;
    c.setAlphaF(static_cast<float>(c.alphaF() * opacity));
    return QBrush(c);
}

QImage* rasterTarget(QPainter& painter, const RenderOptions& options)
{
    if (!options.fastPaths || !painter.isActive()) return nullptr;
    QPaintDevice* device = painter.device();
    if (!device || device->devType() != QInternal::Image) return nullptr;
    auto* image = static_cast<QImage*>(device);
    if (image->format() != QImage::Format_ARGB32_Premultiplied || image->isNull()) return nullptr;
    if (!painter.transform().isIdentity() || painter.hasClipping() || painter.opacity() != 1.0
        || painter.compositionMode() != QPainter::CompositionMode_SourceOver)
        return nullptr;
    return image;
}

namespace {

constexpr int kByAttribute = -2;

bool cancelled(const RenderOptions& o)
{
    return o.cancel && o.cancel->load(std::memory_order_relaxed);
}

// --- Pixels -------------------------------------------------------------------------------
// Rounding helpers inlined where libm's would be a call per point (no SSE4.1 in the baseline).
// Valid for values within int range; callers pass finite pixel positions and opacities.
inline int floorToInt(double v)
{
    const int i = static_cast<int>(v);
    return v < i ? i - 1 : i;
}
// An opacity 0…1 (clamped) as 0…255, rounded half up as lround rounds non-negative values.
inline uint32_t opacityByte(double alpha)
{
    return static_cast<uint32_t>(std::clamp(alpha, 0.0, 1.0) * 255 + 0.5);
}

// --- Point sprites ------------------------------------------------------------------------
constexpr int kSub = 8;                  // sprite variants per pixel and axis
constexpr double kMaxSpriteDiameter = 64; // larger markers go through QPainter

struct Sprite {
    int dx = 0, dy = 0;  // top-left, relative to the integer pixel of the anchor
    int w = 0, h = 0;
    std::vector<uint32_t> px;  // premultiplied ARGB, rows of w
};

struct SpriteSet {
    std::array<Sprite, kSub * kSub> variants;  // [l * kSub + k]: anchor at (k / kSub, l / kSub)
};

struct SpriteKey {
    int shape;
    double diameter;
    quint64 fill;    // QRgba64 of the brush colour (0 for no brush)
    quint64 stroke;  // of the pen (0 for no pen)
    double strokeWidth;
    int strokeStyle;
    auto operator<=>(const SpriteKey&) const = default;
};

std::shared_ptr<const SpriteSet> buildSprites(MarkerShape shape, double diameter, const QPen& pen, const QBrush& brush)
{
    auto set = std::make_shared<SpriteSet>();
    const double reach = diameter * 1.3 + (pen.style() == Qt::NoPen ? 0.0 : pen.widthF());
    const int side = static_cast<int>(std::ceil(reach)) + 6;
    const int pad = side / 2;
    const QPainterPath marker = markerPath(shape, diameter);
    QImage img(side, side, QImage::Format_ARGB32_Premultiplied);
    for (int l = 0; l < kSub; ++l)
        for (int k = 0; k < kSub; ++k) {
            img.fill(0);
            QPainter p(&img);
            p.setRenderHint(QPainter::Antialiasing, true);
            p.setPen(pen);
            p.setBrush(brush);
            p.drawPath(marker.translated(pad + static_cast<double>(k) / kSub, pad + static_cast<double>(l) / kSub));
            p.end();
            int x0 = side, y0 = side, x1 = -1, y1 = -1;
            for (int y = 0; y < side; ++y) {
                const auto* row = reinterpret_cast<const uint32_t*>(img.constScanLine(y));
                for (int x = 0; x < side; ++x)
                    if (row[x]) {
                        x0 = std::min(x0, x); x1 = std::max(x1, x);
                        y0 = std::min(y0, y); y1 = std::max(y1, y);
                    }
            }
            Sprite& s = set->variants[static_cast<std::size_t>(l * kSub + k)];
            if (x1 < 0) continue;  // nothing visible
            s.dx = x0 - pad;
            s.dy = y0 - pad;
            s.w = x1 - x0 + 1;
            s.h = y1 - y0 + 1;
            s.px.resize(static_cast<std::size_t>(s.w) * static_cast<std::size_t>(s.h));
            for (int y = 0; y < s.h; ++y)
                std::memcpy(&s.px[static_cast<std::size_t>(y * s.w)],
                            reinterpret_cast<const uint32_t*>(img.constScanLine(y0 + y)) + x0,
                            static_cast<std::size_t>(s.w) * sizeof(uint32_t));
        }
    return set;
}

// Process-wide: a symbol's sprites are drawn once, not once a frame. Bounded; entries are
// shared_ptrs so a render holding one survives a reset.
class SpriteCache {
public:
    static SpriteCache& instance()
    {
        static SpriteCache cache;
        return cache;
    }
    std::shared_ptr<const SpriteSet> get(MarkerShape shape, double diameter, const QPen& pen, const QBrush& brush)
    {
        const SpriteKey key{static_cast<int>(shape), diameter,
                            brush.style() == Qt::NoBrush ? 0 : static_cast<quint64>(brush.color().rgba64()),
                            pen.style() == Qt::NoPen ? 0 : static_cast<quint64>(pen.color().rgba64()),
                            pen.style() == Qt::NoPen ? 0.0 : pen.widthF(), static_cast<int>(pen.style())};
        std::lock_guard lock(m_mutex);
        auto it = m_sets.find(key);
        if (it != m_sets.end()) return it->second;
        if (m_sets.size() >= 1024) m_sets.clear();
        auto set = buildSprites(shape, diameter, pen, brush);
        m_sets.emplace(key, set);
        return set;
    }

private:
    std::mutex m_mutex;
    std::map<SpriteKey, std::shared_ptr<const SpriteSet>> m_sets;
};

// --- The layers of one frame, prepared once and drawn by every band ------------------------

// One feature in a band's list. Points (one coordinate) carry what stamping needs, computed
// while bucketing from memory read in order; bands then never touch the coordinate or category
// columns at random (those reads were a third of a medium frame's point time, all cache misses).
struct Item {
    uint32_t i;      // position among the layer's considered features
    int32_t symbol;  // point: index into LayerJob::symbols; −1: draw from the geometry
    float x, y;      // point: device pixel
};

struct LayerJob {
    const SceneLayer* item = nullptr;
    const GeometryColumn* geom = nullptr;
    const uint32_t* ids = nullptr;  // features to consider, ascending; null: every feature 0 … n−1
    std::vector<uint32_t> queried;  // storage of `ids` after an R-tree query
    std::size_t count = 0;
    double reachPx = 0;             // how far a symbol reaches beyond its geometry
    const Column* categoryColumn = nullptr;
    const StringValues* strings = nullptr;
    std::vector<int> categoryOfCode;      // dictionary code → category index or −1
    std::vector<const Symbol*> symbols;   // 0: the default symbol, 1 + c: category c
    // Band b draws items[bucketStart[b] … bucketStart[b + 1]), in drawing order.
    std::vector<uint32_t> bucketStart;
    std::vector<Item> items;

    uint32_t feature(std::size_t i) const { return ids ? ids[i] : static_cast<uint32_t>(i); }
    // Index into `symbols` of the i-th feature, f, as the plain path chooses it.
    int symbolIndex(std::size_t i, uint32_t f) const
    {
        const FeatureState* st = item->state.get();
        const int category = st && !st->category.empty() ? st->category[i] : kByAttribute;
        const auto& categories = item->style.categories;
        if (category >= 0 && static_cast<std::size_t>(category) < categories.size()) return 1 + category;
        if (category != kByAttribute || !categoryColumn) return 0;
        if (strings) return 1 + categoryOfCode[strings->codes[f]];
        return 1 + item->style.categoryIndex(categoryColumn->isNull(f) ? std::string() : categoryColumn->text(f));
    }
    double alpha(std::size_t i) const
    {
        const FeatureState* st = item->state.get();
        return (st && !st->opacity.empty() ? st->opacity[i] : 1.0) * item->style.opacity;
    }
};

LayerJob prepare(const SceneLayer& item, const Box& view, double pixelRatio)
{
    LayerJob job;
    job.item = &item;
    const Layer& layer = *item.layer;
    job.geom = &layer.geometry();
    const LayerStyle& style = item.style;
    if (item.state) {
        job.ids = item.state->visible.data();
        job.count = item.state->visible.size();
    } else {
        const Box extent = layer.index().bounds();
        if (extent.isEmpty() || (view.minX <= extent.minX && view.minY <= extent.minY && view.maxX >= extent.maxX
                                 && view.maxY >= extent.maxY)) {
            job.count = layer.featureCount();
        } else {
            job.queried = layer.index().query(view);
            job.ids = job.queried.data();
            job.count = job.queried.size();
        }
    }
    double reach = style.symbol.size * 0.65 + style.symbol.strokeWidth;
    job.symbols.push_back(&style.symbol);
    for (const Category& c : style.categories) {
        reach = std::max(reach, c.symbol.size * 0.65 + c.symbol.strokeWidth);
        job.symbols.push_back(&c.symbol);
    }
    job.reachPx = reach * pixelRatio + 3;
    if (!style.categoryField.empty()) job.categoryColumn = layer.column(style.categoryField);
    if (job.categoryColumn && (job.strings = job.categoryColumn->strings())) {
        job.categoryOfCode.resize(job.strings->dictionary.size());
        for (std::size_t c = 0; c < job.categoryOfCode.size(); ++c)
            job.categoryOfCode[c] = style.categoryIndex(job.strings->dictionary[c]);
    }
    return job;
}

// Rows of the frame cut into bands of equal height (the last shorter).
struct Bands {
    int count = 1;
    int rows = 1;
    int height = 1;
    int y0(int b) const { return std::min(height, b * rows); }
    int y1(int b) const { return std::min(height, (b + 1) * rows); }
    // floor(row / rows) clamped to the bands, in integers: std::floor is a call into libm, and
    // bucketing asks twice per feature and pass (a sixth of a zoomed medium frame's work).
    int of(double row) const
    {
        if (!(row > 0)) return 0;  // NaN too
        if (row >= height) return count - 1;
        return std::min(static_cast<int>(row) / rows, count - 1);
    }
};

// Sorts the features of a layer into the bands they touch (stable, so each band keeps the
// drawing order), `threads` chunks at a time.
void bucket(LayerJob& job, const Viewport& vp, const Bands& bands, int width, unsigned threads)
{
    const GeometryColumn& geom = *job.geom;
    const double inv = 1.0 / vp.unitsPerPixel, reach = job.reachPx;
    const double ox = vp.width / 2.0 - vp.centerX * inv, oy = vp.height / 2.0 + vp.centerY * inv;
    // A layer of single-coordinate points only (the usual point layer): feature f's position is
    // coordinate f, one read instead of a chain of five offsets — with the features of a time
    // window scattered over a million, each of those reads is a cache miss.
    const std::size_t featureCount = geom.featureCount();
    // (One coordinate per feature, so none without geometry: then dropped bounds say the rest.)
    bool simplePoints = geom.coordCount() == featureCount;
    for (std::size_t f = 0; simplePoints && !geom.pointBoundsDropped() && f < featureCount; ++f)
        simplePoints = geom.kind(f) == GeometryKind::Point;
    const GridCoord* coords = geom.allCoords().stored();
    const CoordGrid grid = geom.grid();
    const uint32_t* codes = job.strings ? job.strings->codes.data() : nullptr;
    // The item for position i (when `full`: counting needs only the bands) and its band range,
    // or false when it draws nothing here.
    auto classify = [&]<bool full>(std::size_t i, Item& item, int& b0, int& b1) {
        const uint32_t f = job.feature(i);
        item.i = static_cast<uint32_t>(i);
        item.symbol = -1;
        double left, right, top, bottom;
        bool point = false;
        Coord c{};
        if (simplePoints) {
            if (job.ids && i + 16 < job.count) {
                __builtin_prefetch(coords + job.ids[i + 16]);
                if (full && codes) __builtin_prefetch(codes + job.ids[i + 16]);
            }
            c = grid.decode(coords[f]);
            point = true;
        } else {
            if (geom.isNull(f)) return false;
            const uint32_t part = geom.partBegin(f);
            if (geom.kind(f) == GeometryKind::Point && geom.partEnd(f) == part + 1
                && geom.ringEnd(part) == geom.ringBegin(part) + 1 && geom.ring(geom.ringBegin(part)).size() == 1) {
                c = geom.ring(geom.ringBegin(part))[0];
                point = true;
            }
        }
        if (point) {
            const double x = c.x * inv + ox, y = oy - c.y * inv;
            left = x - reach; right = x + reach; top = y - reach; bottom = y + reach;
            if (right < 0 || left > width || bottom < 0 || top > bands.height) return false;
            if constexpr (full) {
                item.x = static_cast<float>(x);
                item.y = static_cast<float>(y);
                item.symbol = job.symbolIndex(i, f);
            }
        } else {
            const Box& b = geom.bounds(f);
            left = b.minX * inv + ox - reach; right = b.maxX * inv + ox + reach;
            top = oy - b.maxY * inv - reach; bottom = oy - b.minY * inv + reach;
            if (right < 0 || left > width || bottom < 0 || top > bands.height) return false;
        }
        b0 = bands.of(top);
        b1 = bands.of(bottom);
        return true;
    };
    const std::size_t n = job.count;
    const unsigned chunks = n < 20'000 ? 1u : threads;
    const auto bandCount = static_cast<std::size_t>(bands.count);
    std::vector<std::size_t> counts(chunks * bandCount, 0);
    auto chunkBegin = [&](unsigned c) { return n * c / chunks; };
    auto parallel = [&](auto body) {
        std::vector<std::thread> helpers;
        for (unsigned c = 1; c < chunks; ++c) helpers.emplace_back(body, c);
        body(0u);
        for (std::thread& t : helpers) t.join();
    };
    parallel([&](unsigned c) {
        std::size_t* count = &counts[c * bandCount];
        Item item;
        for (std::size_t i = chunkBegin(c), e = chunkBegin(c + 1); i < e; ++i) {
            int b0, b1;
            if (classify.template operator()<false>(i, item, b0, b1))
                for (int b = b0; b <= b1; ++b) ++count[b];
        }
    });
    // Offsets: band-major, chunk-minor, so each band lists its items in ascending order.
    std::vector<std::size_t> offset(chunks * bandCount);
    job.bucketStart.assign(bandCount + 1, 0);
    std::size_t total = 0;
    for (std::size_t b = 0; b < bandCount; ++b) {
        job.bucketStart[b] = static_cast<uint32_t>(total);
        for (unsigned c = 0; c < chunks; ++c) {
            offset[c * bandCount + b] = total;
            total += counts[c * bandCount + b];
        }
    }
    job.bucketStart[bandCount] = static_cast<uint32_t>(total);
    job.items.resize(total);
    parallel([&](unsigned c) {
        std::size_t* at = &offset[c * bandCount];
        Item item;
        for (std::size_t i = chunkBegin(c), e = chunkBegin(c + 1); i < e; ++i) {
            int b0, b1;
            if (classify.template operator()<true>(i, item, b0, b1))
                for (int b = b0; b <= b1; ++b) job.items[at[b]++] = item;
        }
    });
}

// --- Geometry to pixels ----------------------------------------------------------------------

// Ring or line to device pixels, dropping vertices within `tol` px of the last one kept (the
// last vertex is always kept). A single point is doubled, as in the plain path.
// Off the screen, a vertex is dropped when the last one kept and the next one are beyond the
// same side of `keep` as it: the segment that replaces its two stays beyond that side, so
// nothing inside `keep` changes — no stroke pixel (`keep` reaches past the view by the pen's
// width), no fill (a ray from a pixel inside never meets that half-plane). A zoomed-in view
// then handles the few vertices near it, not every vertex of the lines crossing it.
template <bool cull>
void toPixelsImpl(const CoordSpan& ring, const Viewport& vp, double tol, std::vector<QPointF>& out, const QRectF& keep)
{
    out.clear();
    if (ring.empty()) return;
    const double tol2 = tol * tol;
    const double inv = 1.0 / vp.unitsPerPixel;
    // Stored steps straight to pixels: x = q·(step/units per pixel) + (where the origin lands).
    const CoordGrid& g = ring.grid();
    const double scale = g.step * inv;
    const double ox = vp.width / 2.0 + (g.originX - vp.centerX) * inv, oy = vp.height / 2.0 - (g.originY - vp.centerY) * inv;
    const GridCoord* q = ring.stored();
    const double left = keep.left(), right = keep.right(), top = keep.top(), bottom = keep.bottom();
    auto side = [&](double x, double y) {
        if constexpr (!cull) return 0;
        return int(x < left) | int(x > right) << 1 | int(y < top) << 2 | int(y > bottom) << 3;
    };
    double lx = q[0].x * scale + ox, ly = oy - q[0].y * scale;
    out.emplace_back(lx, ly);
    const std::size_t n = ring.size();
    int lastSide = side(lx, ly);
    double x = n > 1 ? q[1].x * scale + ox : 0, y = n > 1 ? oy - q[1].y * scale : 0;
    int here = side(x, y);
    for (std::size_t k = 1; k < n; ++k) {
        double nx = 0, ny = 0;
        int next = 0;
        if (k + 1 < n) {
            nx = q[k + 1].x * scale + ox;
            ny = oy - q[k + 1].y * scale;
            next = side(nx, ny);
        }
        const double dx = x - lx, dy = y - ly;
        const bool hidden = k + 1 < n && (lastSide & here & next) != 0;
        if (!hidden && !(dx * dx + dy * dy <= tol2 && k + 1 < n)) {
            if (k + 1 == n && dx * dx + dy * dy <= tol2 && out.size() > 1) out.back() = QPointF(x, y);
            else out.emplace_back(x, y);
            lx = x;
            ly = y;
            lastSide = here;
        }
        x = nx;
        y = ny;
        here = next;
    }
    if (out.size() == 1) out.push_back(out.front());
}

// `within`: the feature's box, known to lie inside `keep` — no vertex is beyond it, so none is
// tested (most features of a band lie inside it).
void toPixels(const CoordSpan& ring, const Viewport& vp, double tol, std::vector<QPointF>& out, const QRectF& keep,
              bool within = false)
{
    if (within) toPixelsImpl<false>(ring, vp, tol, out, keep);
    else toPixelsImpl<true>(ring, vp, tol, out, keep);
}

// Whether the feature's box, on screen, lies inside `r`.
bool boxWithin(const Box& b, const Viewport& vp, const QRectF& r)
{
    const Coord a = vp.toPixel({b.minX, b.maxY}), z = vp.toPixel({b.maxX, b.minY});
    return a.x >= r.left() && a.y >= r.top() && z.x <= r.right() && z.y <= r.bottom();
}

// Sutherland–Hodgman against an axis-aligned rectangle (closed ring in, closed ring out).
void clipRing(std::vector<QPointF>& ring, const QRectF& r, std::vector<QPointF>& tmp)
{
    auto clipEdge = [&](auto inside, auto cross) {
        tmp.clear();
        const std::size_t n = ring.size();
        for (std::size_t k = 0; k + 1 < n; ++k) {
            const QPointF a = ring[k], b = ring[k + 1];
            const bool ia = inside(a), ib = inside(b);
            if (ia) tmp.push_back(a);
            if (ia != ib) tmp.push_back(cross(a, b));
        }
        if (!tmp.empty()) tmp.push_back(tmp.front());
        ring.swap(tmp);
    };
    auto atX = [](QPointF a, QPointF b, double x) { return QPointF(x, a.y() + (b.y() - a.y()) * (x - a.x()) / (b.x() - a.x())); };
    auto atY = [](QPointF a, QPointF b, double y) { return QPointF(a.x() + (b.x() - a.x()) * (y - a.y()) / (b.y() - a.y()), y); };
    const double x0 = r.left(), x1 = r.right(), y0 = r.top(), y1 = r.bottom();
    clipEdge([&](QPointF p) { return p.x() >= x0; }, [&](QPointF a, QPointF b) { return atX(a, b, x0); });
    if (ring.size() < 2) return;
    clipEdge([&](QPointF p) { return p.x() <= x1; }, [&](QPointF a, QPointF b) { return atX(a, b, x1); });
    if (ring.size() < 2) return;
    clipEdge([&](QPointF p) { return p.y() >= y0; }, [&](QPointF a, QPointF b) { return atY(a, b, y0); });
    if (ring.size() < 2) return;
    clipEdge([&](QPointF p) { return p.y() <= y1; }, [&](QPointF a, QPointF b) { return atY(a, b, y1); });
}

// --- Thin lines ------------------------------------------------------------------------------
// 1-px solid lines drawn straight into the pixels with the coverage QPainter's cosmetic stroker
// gives them (it is what QPainter uses for pens up to one device pixel wide): ends in 26.6 fixed
// point, the minor coordinate stepped in 16.16 fixed point, two pixels a step sharing 8-bit
// coverage, partial coverage in the first and last step, half a pixel more at capped ends, and
// Qt's source-over arithmetic. Written for speed (no span buffers, no call per pixel) after
// profiling put 80% of a medium frame's line layer inside QPainter::drawPolyline.
class ThinLine {
public:
    ThinLine(uint32_t* bits, qsizetype stride, int width, int y0, int y1, uint32_t colour)
        : m_bits(bits), m_stride(stride), m_width(width), m_y0(y0), m_y1(y1), m_colour(spreadLanes(colour))
    {
    }

    // Where a polyline must lie to be drawn without clipping or per-pixel bounds checks (a step
    // touches pixels within a pixel and a half of the line).
    QRectF unchecked() const { return QRectF(2, m_y0 + 2, m_width - 5, (m_y1 - m_y0) - 5); }

    // A polyline; caps at its two ends unless closed (a ring). `knownInside`: the caller has
    // seen it lie within unchecked().
    void polyline(const std::vector<QPointF>& pts, bool caps, bool knownInside = false)
    {
        const std::size_t n = pts.size();
        // Most polylines lie two pixels or more inside the band: then no clipping and no
        // per-pixel bounds checks.
        bool inside = true;
        if (!knownInside)
            for (const QPointF& p : pts)
                inside = inside && p.x() >= 2 && p.x() <= m_width - 3 && p.y() >= m_y0 + 2 && p.y() <= m_y1 - 3;
        for (std::size_t k = 0; k + 1 < n; ++k) {
            int c = 0;
            if (caps && k == 0) c |= kCapBegin;
            if (caps && k + 2 == n) c |= kCapEnd;
            double x1 = pts[k].x(), y1 = pts[k].y(), x2 = pts[k + 1].x(), y2 = pts[k + 1].y();
            if (inside) {
                segment<false>(x1, y1, x2, y2, c);
                continue;
            }
            // Zoomed in, most segments of a line crossing the frame lie outside this band: no
            // division for those.
            if ((y1 < m_y0 - 2 && y2 < m_y0 - 2) || (y1 > m_y1 + 2 && y2 > m_y1 + 2) || (x1 < -2 && x2 < -2)
                || (x1 > m_width + 2 && x2 > m_width + 2))
                continue;
            if (clip(x1, y1, x2, y2)) segment<true>(x1, y1, x2, y2, c);
        }
    }

private:
    static constexpr int kCapBegin = 1, kCapEnd = 2;

    template <bool checked>
    [[gnu::always_inline]] void pixel(int x, int y, int coverage)
    {
        if (coverage <= 0) return;
        if (checked && (x < 0 || x >= m_width || y < m_y0 || y >= m_y1)) return;
        blendOver(m_bits[static_cast<qsizetype>(y) * m_stride + x], m_colour, static_cast<uint32_t>(coverage));
    }

    // Clips to the band (plus a pixel) so fixed point never overflows; Liang–Barsky.
    bool clip(double& x1, double& y1, double& x2, double& y2) const
    {
        const double xmin = -2, xmax = m_width + 2, ymin = m_y0 - 2, ymax = m_y1 + 2;
        double t0 = 0, t1 = 1;
        const double dx = x2 - x1, dy = y2 - y1;
        auto edge = [&](double p, double q) {
            if (p == 0) return q >= 0;
            const double r = q / p;
            if (p < 0) { if (r > t1) return false; t0 = std::max(t0, r); }
            else { if (r < t0) return false; t1 = std::min(t1, r); }
            return true;
        };
        if (!edge(-dx, x1 - xmin) || !edge(dx, xmax - x1) || !edge(-dy, y1 - ymin) || !edge(dy, ymax - y1)) return false;
        if (t1 < 1) { x2 = x1 + t1 * dx; y2 = y1 + t1 * dy; }
        if (t0 > 0) { x1 = x1 + t0 * dx; y1 = y1 + t0 * dy; }
        return true;
    }

    // A segment already within the band (plus two pixels).
    template <bool checked>
    void segment(double rx1, double ry1, double rx2, double ry2, int caps)
    {
        int x1 = static_cast<int>(rx1 * 64.), y1 = static_cast<int>(ry1 * 64.);
        int x2 = static_cast<int>(rx2 * 64.), y2 = static_cast<int>(ry2 * 64.);
        if (x1 == x2 && y1 == y2 && caps == 0) return;
        const int dx = x2 - x1, dy = y2 - y1;
        if (std::abs(dx) < std::abs(dy)) run<true, checked>(y1, y2, x1, x2, dy, dx, caps);
        else run<false, checked>(x1, x2, y1, y2, dx, dy, caps);
    }

    // Steps along the major axis (m) from m1 to m2; n is the minor coordinate. `vertical`: m is y.
    template <bool vertical, bool checked>
    void run(int m1, int m2, int n1, int n2, int dm, int dn, int caps)
    {
        // (dn · 2^16) / dm truncated, as integer division would give it: |dn| ≤ |dm| keeps the
        // quotient under 2^16, far from where a double could round across an integer.
        const int64_t inc = dm != 0 ? static_cast<int64_t>(static_cast<double>(dn) * 65536.0 / dm) : 0;
        if (m1 > m2) {
            std::swap(m1, m2);
            std::swap(n1, n2);
            caps = ((caps & kCapBegin) ? kCapEnd : 0) | ((caps & kCapEnd) ? kCapBegin : 0);
        }
        int64_t n = int64_t{n1 - 32} * 1024;
        n -= ((static_cast<int64_t>(m1 & 63) - 32) * inc) >> 6;
        if (caps & kCapBegin) { m1 -= 32; n -= inc >> 1; }
        if (caps & kCapEnd) m2 += 32;
        int m = m1 >> 6;
        const int ms = m2 >> 6;
        int alphaStart, alphaEnd;
        if (m == ms) { alphaStart = m2 - m1; alphaEnd = 0; }
        else { alphaStart = 64 - (m1 & 63); alphaEnd = m2 & 63; }
        auto put = [&](int64_t at, int scale) __attribute__((always_inline)) {
            const int a = static_cast<int>((at >> 8) & 0xff);
            const int minor = static_cast<int>(at >> 16);
            const int c0 = scale == 64 ? 255 - a : (255 - a) * scale >> 6;
            const int c1 = scale == 64 ? a : a * scale >> 6;
            if (vertical) { pixel<checked>(minor, m, c0); pixel<checked>(minor + 1, m, c1); }
            else { pixel<checked>(m, minor, c0); pixel<checked>(m, minor + 1, c1); }
        };
        put(n, alphaStart);
        n += inc;
        for (++m; m < ms; ++m, n += inc) put(n, 64);
        if (alphaEnd) put(n, alphaEnd);
    }

    uint32_t* m_bits;
    qsizetype m_stride;
    int m_width, m_y0, m_y1;
    uint64_t m_colour;  // spreadLanes of the premultiplied colour
};

// A pen the thin-line path draws exactly: solid, one device pixel wide.
bool thinPen(const QPen& pen)
{
    return pen.style() == Qt::SolidLine && pen.widthF() == 1.0 && pen.brush().style() == Qt::SolidPattern;
}

// A brush AreaFill draws: solid, or none.
bool ownFill(const QBrush& brush)
{
    return brush.style() == Qt::SolidPattern || brush.style() == Qt::NoBrush;
}

uint32_t premultiplied(const QColor& c)
{
    return qPremultiply(c.rgba64()).toArgb32();
}

// --- One band of rows ------------------------------------------------------------------------
class BandPainter {
public:
    // `bits`: the frame's pixels, taken once by the caller (QImage::bits() is not for
    // concurrent calls).
    BandPainter(const MapScene& scene, uchar* bits, int width, qsizetype bytesPerLine, int y0, int y1,
                const RenderOptions& options)
        : m_scene(scene), m_frameBits(bits), m_width(width), m_bytesPerLine(bytesPerLine), m_y0(y0), m_y1(y1),
          m_options(options)
    {
        m_bits = reinterpret_cast<uint32_t*>(bits);
        m_stride = bytesPerLine / 4;
        m_area.emplace(m_bits, m_stride, width, y0, y1);
    }
    ~BandPainter()
    {
        if (m_painter) m_painter->end();
    }

    bool draw(const LayerJob& job, int band)
    {
        const GeometryColumn& geom = *job.geom;
        const auto b = static_cast<std::size_t>(band);
        m_layerSprites.assign(job.symbols.size(), nullptr);
        const bool opaque = job.item->style.opacity == 1.0
                         && (!job.item->state || job.item->state->opacity.empty());
        const uint32_t end = job.bucketStart[b + 1];
        for (uint32_t k = job.bucketStart[b]; k < end; ++k) {
            if ((k & 4095) == 4095 && cancelled(m_options)) return false;
            const Item& item = job.items[k];
            // The pixels of the point eight items ahead, fetched while this one is stamped:
            // stamping is otherwise bound by the latency of reading the frame.
            if (k + 8 < end && job.items[k + 8].symbol >= 0) prefetchAround(job.items[k + 8].x, job.items[k + 8].y);
            if (item.symbol >= 0) {
                const Symbol& sym = *job.symbols[static_cast<std::size_t>(item.symbol)];
                if (sym.size * m_scene.pixelRatio <= kMaxSpriteDiameter) {
                    const SpriteSet*& set = m_layerSprites[static_cast<std::size_t>(item.symbol)];
                    if (!set) set = spritesFor(sym, 1.0).first;
                    if (opaque) {
                        stampAt(*set, item.x, item.y, 255);
                        continue;
                    }
                    // Faded (the window always sets a time layer's opacities): still from the
                    // item's position, never the geometry read at random; a symbol with a fill
                    // and an outline gets sprites drawn at its opacity (spritesFor says why).
                    const double alpha = job.alpha(item.i);
                    if (alpha <= 0.0) continue;
                    if (sym.strokeWidth > 0 && sym.stroke.alpha() > 0 && sym.fill.alpha() > 0) {
                        const auto [faded, opacity] = spritesFor(sym, alpha);
                        stampAt(*faded, item.x, item.y, opacity);
                    } else {
                        stampAt(*set, item.x, item.y, opacityByte(alpha));
                    }
                    continue;
                }
                const double alpha = job.alpha(item.i);
                if (alpha <= 0.0) continue;
                drawPoint(geom, job.feature(item.i), sym, alpha);
                continue;
            }
            const uint32_t f = job.feature(item.i);
            const double alpha = job.alpha(item.i);
            if (alpha <= 0.0) continue;
            const Symbol& sym = *job.symbols[static_cast<std::size_t>(job.symbolIndex(item.i, f))];
            switch (geom.kind(f)) {
            case GeometryKind::Point: drawPoint(geom, f, sym, alpha); break;
            case GeometryKind::Line: drawLine(geom, f, sym, alpha); break;
            case GeometryKind::Polygon: drawPolygon(geom, f, sym, alpha); break;
            case GeometryKind::None: break;
            }
        }
        return true;
    }

private:
    QPainter& painter()
    {
        if (!m_painter) {
            // A QImage over this band's rows of the frame (no copy), drawn in frame coordinates.
            m_bandImage = QImage(m_frameBits + static_cast<qsizetype>(m_y0) * m_bytesPerLine, m_width, m_y1 - m_y0,
                                 m_bytesPerLine, QImage::Format_ARGB32_Premultiplied);
            m_painter = std::make_unique<QPainter>(&m_bandImage);
            m_painter->setRenderHint(QPainter::Antialiasing, true);
            m_painter->translate(0, -m_y0);
        }
        return *m_painter;
    }

    void usePenAndBrush(const Symbol& sym, double alpha, bool brush)
    {
        if (&sym == m_penSymbol && alpha == m_penAlpha && brush == m_penWithBrush && !m_fillOnly) return;
        m_fillOnly = false;
        QPainter& p = painter();
        p.setPen(penFor(sym, m_scene.pixelRatio, alpha));
        p.setBrush(brush ? brushFor(sym, alpha) : QBrush(Qt::NoBrush));
        m_penSymbol = &sym;
        m_penAlpha = alpha;
        m_penWithBrush = brush;
    }

    // The sprites for a symbol at an opacity, and the opacity still to apply when stamping.
    std::pair<const SpriteSet*, uint32_t> spritesFor(const Symbol& sym, double alpha)
    {
        const double d = sym.size * m_scene.pixelRatio;
        const bool both = sym.strokeWidth > 0 && sym.stroke.alpha() > 0 && sym.fill.alpha() > 0;
        // Stroke over fill, faded as one, is not the two faded separately: such symbols get
        // sprites of their own per opacity; others are faded while stamping.
        const double drawnAlpha = both ? alpha : 1.0;
        for (const auto& c : m_sprites)
            if (c.symbol == &sym && c.drawnAlpha == drawnAlpha)
                return {c.set.get(), both ? 255u : opacityByte(alpha)};
        auto set = SpriteCache::instance().get(sym.shape, d, penFor(sym, m_scene.pixelRatio, drawnAlpha),
                                               brushFor(sym, drawnAlpha));
        if (m_sprites.size() > 64) m_sprites.clear();
        m_sprites.push_back({&sym, drawnAlpha, set});
        return spritesFor(sym, alpha);
    }

    void drawPoint(const GeometryColumn& geom, uint32_t f, const Symbol& sym, double alpha)
    {
        const Viewport& vp = m_scene.viewport;
        if (sym.size * m_scene.pixelRatio > kMaxSpriteDiameter) {
            usePenAndBrush(sym, alpha, true);
            const QPainterPath marker = markerPath(sym.shape, sym.size * m_scene.pixelRatio);
            for (uint32_t p = geom.partBegin(f); p < geom.partEnd(f); ++p)
                for (uint32_t r = geom.ringBegin(p); r < geom.ringEnd(p); ++r)
                    for (const Coord& c : geom.ring(r)) {
                        const Coord px = vp.toPixel(c);
                        painter().drawPath(marker.translated(px.x, px.y));
                    }
            return;
        }
        const auto [set, opacity] = spritesFor(sym, alpha);
        for (uint32_t p = geom.partBegin(f); p < geom.partEnd(f); ++p)
            for (uint32_t r = geom.ringBegin(p); r < geom.ringEnd(p); ++r)
                for (const Coord& c : geom.ring(r)) {
                    const Coord px = vp.toPixel(c);
                    stampAt(*set, px.x, px.y, opacity);
                }
    }

    void prefetchAround(float x, float y)
    {
        const int ix = static_cast<int>(x), iy = static_cast<int>(y);
        if (ix < 2 || ix >= m_width - 2) return;
        for (int row = std::max(iy - 2, m_y0); row <= std::min(iy + 2, m_y1 - 1); ++row)
            __builtin_prefetch(m_bits + static_cast<qsizetype>(row) * m_stride + ix - 2, 1);
    }

    // The sprite variant nearest to (x, y), to 1/kSub of a pixel.
    void stampAt(const SpriteSet& set, double x, double y, uint32_t opacity)
    {
        if (!(std::abs(x) < 1e8 && std::abs(y) < 1e8)) return;  // far off the frame (and int range)
        int ix = floorToInt(x), iy = floorToInt(y);
        int k = static_cast<int>((x - ix) * kSub + 0.5), l = static_cast<int>((y - iy) * kSub + 0.5);
        if (k == kSub) { k = 0; ++ix; }
        if (l == kSub) { l = 0; ++iy; }
        stamp(set.variants[static_cast<std::size_t>(l * kSub + k)], ix, iy, opacity);
    }

    void stamp(const Sprite& s, int ax, int ay, uint32_t opacity)
    {
        const int sx = ax + s.dx, sy = ay + s.dy;
        const int ys = std::max(sy, m_y0), ye = std::min(sy + s.h, m_y1);
        const int xs = std::max(sx, 0), xe = std::min(sx + s.w, m_width);
        if (ys >= ye || xs >= xe) return;
        for (int y = ys; y < ye; ++y) {
            const uint32_t* src = &s.px[static_cast<std::size_t>((y - sy) * s.w + (xs - sx))];
            uint32_t* dst = m_bits + static_cast<qsizetype>(y) * m_stride + xs;
            for (int x = 0; x < xe - xs; ++x) {
                uint32_t v = src[x];
                if (!v) continue;
                if (opacity != 255) v = byteMul(v, opacity);
                const uint32_t a = v >> 24;
                dst[x] = a == 255 ? v : v + byteMul(dst[x], 255 - a);
            }
        }
    }

    // What drawing a line with a symbol at an opacity needs, worked out once per band: a QPen
    // per feature cost more than a short line's pixels.
    struct LinePen {
        const Symbol* symbol = nullptr;
        double alpha = -1;
        bool none = false, thin = false, capped = false;
        uint32_t colour = 0;
        double margin = 0;
    };
    const LinePen& linePen(const Symbol& sym, double alpha)
    {
        for (const LinePen& p : m_linePens)
            if (p.symbol == &sym && p.alpha == alpha) return p;
        if (m_linePens.size() >= 16) m_linePens.clear();
        const QPen pen = penFor(sym, m_scene.pixelRatio, alpha);
        LinePen p;
        p.symbol = &sym;
        p.alpha = alpha;
        p.none = pen.style() == Qt::NoPen;
        p.thin = !p.none && thinPen(pen);
        p.capped = pen.capStyle() != Qt::FlatCap;  // Qt's cosmetic stroker caps open polylines only
        p.colour = p.thin ? premultiplied(pen.color()) : 0;
        // Where a vertex can still colour a pixel of this band: its rows and twice the pen's width
        // around them (joins reach that far at Qt's default miter limit), plus two pixels.
        p.margin = 2 + 2 * std::max(1.0, pen.widthF());
        m_linePens.push_back(p);
        return m_linePens.back();
    }

    void drawLine(const GeometryColumn& geom, uint32_t f, const Symbol& sym, double alpha)
    {
        const LinePen pen = linePen(sym, alpha);
        if (pen.none) return;
        if (!pen.thin) usePenAndBrush(sym, alpha, false);
        ThinLine line(m_bits, m_stride, m_width, m_y0, m_y1, pen.colour);
        const double margin = pen.margin;
        const QRectF reach(-margin, m_y0 - margin, m_scene.viewport.width + 2 * margin, (m_y1 - m_y0) + 2 * margin);
        const Box& box = geom.bounds(f);
        const bool within = boxWithin(box, m_scene.viewport, reach);
        // The drawn vertices lie within the feature's box (simplification only drops vertices);
        // a hundredth of a pixel covers rounding between the box's and the vertices' arithmetic.
        const bool unchecked = pen.thin && boxWithin(box, m_scene.viewport, line.unchecked().adjusted(0.01, 0.01, -0.01, -0.01));
        for (uint32_t p = geom.partBegin(f); p < geom.partEnd(f); ++p)
            for (uint32_t r = geom.ringBegin(p); r < geom.ringEnd(p); ++r) {
                toPixels(geom.ring(r), m_scene.viewport, kSimplifyPx, m_points, reach, within);
                if (pen.thin) line.polyline(m_points, pen.capped && m_points.front() != m_points.back(), unchecked);
                else painter().drawPolyline(m_points.data(), static_cast<int>(m_points.size()));
            }
    }

    void drawPolygon(const GeometryColumn& geom, uint32_t f, const Symbol& sym, double alpha)
    {
        const Viewport& vp = m_scene.viewport;
        const QPen pen = penFor(sym, m_scene.pixelRatio, alpha);
        // A one-pixel outline is drawn by ThinLine after the fill (the plain path's order).
        const bool thin = thinPen(pen);
        if (thin || pen.style() == Qt::NoPen) {
            const QBrush brush = brushFor(sym, alpha);
            if (ownFill(brush)) {
                fillAndOutline(geom, f, brush, thin ? premultiplied(pen.color()) : 0, thin);
                return;
            }
        }
        if (thin) {
            if (m_penSymbol != &sym || m_penAlpha != alpha || m_penWithBrush || !m_fillOnly) {
                painter().setPen(Qt::NoPen);
                painter().setBrush(brushFor(sym, alpha));
                m_penSymbol = &sym;
                m_penAlpha = alpha;
                m_penWithBrush = false;
                m_fillOnly = true;
            }
        } else {
            if (m_fillOnly) m_penSymbol = nullptr;
            m_fillOnly = false;
            usePenAndBrush(sym, alpha, true);
        }
        const bool fill = painter().brush().style() != Qt::NoBrush;
        // Clip to the band plus a margin wider than the outline: cut edges stay off-screen.
        const double margin = 4 + (pen.style() == Qt::NoPen ? 0.0 : pen.widthF());
        const QRectF clip(-margin, m_y0 - margin, vp.width + 2 * margin, (m_y1 - m_y0) + 2 * margin);
        const uint32_t firstPart = geom.partBegin(f);
        const bool simple = geom.partEnd(f) - firstPart == 1 && geom.ringEnd(firstPart) - geom.ringBegin(firstPart) == 1;
        if (simple) {
            ringPixels(geom.ring(geom.ringBegin(firstPart)), clip);
            if (m_points.empty()) return;
            if (fill || !thin) painter().drawPolygon(m_points.data(), static_cast<int>(m_points.size()), Qt::OddEvenFill);
            if (thin) ThinLine(m_bits, m_stride, m_width, m_y0, m_y1, premultiplied(pen.color())).polyline(m_points, false);
            return;
        }
        QPainterPath path;
        path.setFillRule(Qt::OddEvenFill);
        m_rings.clear();
        for (uint32_t p = geom.partBegin(f); p < geom.partEnd(f); ++p)
            for (uint32_t r = geom.ringBegin(p); r < geom.ringEnd(p); ++r) {
                ringPixels(geom.ring(r), clip);
                if (m_points.empty()) continue;
                path.addPolygon(QPolygonF(QList<QPointF>(m_points.begin(), m_points.end())));
                path.closeSubpath();
                if (thin) m_rings.push_back(m_points);
            }
        if (fill || !thin) painter().drawPath(path);
        if (thin) {
            ThinLine line(m_bits, m_stride, m_width, m_y0, m_y1, premultiplied(pen.color()));
            for (const auto& ring : m_rings) line.polyline(ring, false);
        }
    }

    // A solid fill (or none) by AreaFill, then a one-pixel outline by ThinLine, when `outline`.
    void fillAndOutline(const GeometryColumn& geom, uint32_t f, const QBrush& brush, uint32_t outlineColour, bool outline)
    {
        const bool fill = brush.style() == Qt::SolidPattern && brush.color().alpha() > 0;
        if (!fill && !outline) return;
        // Clip to the band plus a margin wider than the outline: cut edges stay off-screen.
        const double margin = 4 + (outline ? 1 : 0);
        static_assert(AreaFill::kMargin >= 5);
        const QRectF clip(-margin, m_y0 - margin, m_width + 2 * margin, (m_y1 - m_y0) + 2 * margin);
        AreaFill& area = *m_area;
        ThinLine line(m_bits, m_stride, m_width, m_y0, m_y1, outlineColour);
        const uint32_t firstPart = geom.partBegin(f);
        if (geom.partEnd(f) - firstPart == 1 && geom.ringEnd(firstPart) - geom.ringBegin(firstPart) == 1) {
            ringPixels(geom.ring(geom.ringBegin(firstPart)), clip);
            if (m_points.empty()) return;
            if (fill) {
                area.addRing(m_points);
                area.fill(premultiplied(brush.color()));
            }
            if (outline) line.polyline(m_points, false);
            return;
        }
        m_rings.clear();
        for (uint32_t p = geom.partBegin(f); p < geom.partEnd(f); ++p)
            for (uint32_t r = geom.ringBegin(p); r < geom.ringEnd(p); ++r) {
                ringPixels(geom.ring(r), clip);
                if (m_points.empty()) continue;
                if (fill) area.addRing(m_points);
                if (outline) m_rings.push_back(m_points);
            }
        if (fill) area.fill(premultiplied(brush.color()));
        for (const auto& ring : m_rings) line.polyline(ring, false);
    }

    // A ring simplified to screen tolerance (never below a triangle: tiny rings keep the plain
    // path's quarter-pixel filtering) and clipped when it reaches outside `clip`.
    void ringPixels(const CoordSpan& ring, const QRectF& clip)
    {
        toPixels(ring, m_scene.viewport, kSimplifyPx, m_points, clip);
        if (m_points.size() < 4 && ring.size() >= 4) toPixels(ring, m_scene.viewport, 0.25, m_points, clip);
        double x0 = m_points[0].x(), x1 = x0, y0 = m_points[0].y(), y1 = y0;
        for (const QPointF& p : m_points) {
            x0 = std::min(x0, p.x()); x1 = std::max(x1, p.x());
            y0 = std::min(y0, p.y()); y1 = std::max(y1, p.y());
        }
        if (x0 >= clip.left() && x1 <= clip.right() && y0 >= clip.top() && y1 <= clip.bottom()) return;
        if (m_points.front() != m_points.back()) m_points.push_back(m_points.front());
        clipRing(m_points, clip, m_clipTmp);
        if (m_points.size() < 3) m_points.clear();
    }

    struct CachedSprites {
        const Symbol* symbol;
        double drawnAlpha;
        std::shared_ptr<const SpriteSet> set;
    };

    const MapScene& m_scene;
    uchar* const m_frameBits;
    const int m_width;
    const qsizetype m_bytesPerLine;
    const int m_y0, m_y1;
    const RenderOptions& m_options;
    uint32_t* m_bits = nullptr;
    qsizetype m_stride = 0;
    QImage m_bandImage;
    std::unique_ptr<QPainter> m_painter;
    const Symbol* m_penSymbol = nullptr;
    double m_penAlpha = -1;
    bool m_penWithBrush = false;
    bool m_fillOnly = false;  // the painter holds the brush only (the outline is ThinLine's)
    std::vector<CachedSprites> m_sprites;
    std::vector<const SpriteSet*> m_layerSprites;  // by symbol index, at full opacity
    std::vector<LinePen> m_linePens;
    std::optional<AreaFill> m_area;
    std::vector<QPointF> m_points, m_clipTmp;
    std::vector<std::vector<QPointF>> m_rings;
};

// Runs `worker` `tasks` times concurrently and waits, on Qt's global thread pool. Qt 6.4's raster
// engine splits a fill of more than ~96 spans into tasks on that pool and waits for them on a
// semaphore — unless the filling thread is one of the pool's own. A zoomed-in polygon has that
// many spans, so from threads of our own every polygon paid a round trip through the pool (on
// this 2-core guest ~0.1 ms: 1,800 polygons of a zoomed medium frame cost 190 ms, more than
// the full frame's 10,000). Band painters running in the pool fill on their own thread. A caller
// already in the pool (none of ours) paints on its own thread: waiting there for the pool could
// wait for itself.
template <class Worker>
void inPaintPool(unsigned tasks, Worker&& worker)
{
    QThreadPool* pool = QThreadPool::globalInstance();
    if (!pool || pool->contains(QThread::currentThread())) {
        worker();
        return;
    }
    QSemaphore done;
    for (unsigned t = 0; t < tasks; ++t)
        pool->start([&] {
            worker();
            done.release();
        });
    done.acquire(static_cast<int>(tasks));
}

// The work of a layer's lines and areas beyond their count, in units of a point (a 256-pixel
// box), from the screen boxes of up to 64 of its features: a zoomed-in frame draws few shapes,
// each large on screen, and deserves every core as much as a full frame's many small ones.
std::size_t areaWork(const LayerJob& job, const Viewport& vp)
{
    if (job.count == 0) return 0;
    const double inv2 = 1.0 / (vp.unitsPerPixel * vp.unitsPerPixel);
    const double frame = static_cast<double>(vp.width) * vp.height;
    double sum = 0;
    std::size_t sampled = 0;
    const std::size_t step = std::max<std::size_t>(1, job.count / 64);
    for (std::size_t i = 0; i < job.count && sampled < 64; i += step, ++sampled) {
        const uint32_t f = job.feature(i);
        if (job.geom->isNull(f) || job.geom->kind(f) == GeometryKind::Point) continue;
        const Box& b = job.geom->bounds(f);
        sum += std::min(frame, b.width() * b.height() * inv2);
    }
    return static_cast<std::size_t>(sum / static_cast<double>(sampled) * static_cast<double>(job.count) / 256.0);
}

// Whether a layer may be drawn through QPainter rather than sprites, thin lines and area fills:
// pens wider than a pixel or dashed, patterned fills, markers too large for sprites. From its
// symbols and a sample of its features' kinds; a guess either way only costs time, never pixels.
bool mayUseQPainter(const LayerJob& job, bool pointsSampled, bool linesSampled, bool polygonsSampled, double pixelRatio)
{
    for (const Symbol* s : job.symbols) {
        if (pointsSampled && s->size * pixelRatio > kMaxSpriteDiameter) return true;
        if (!linesSampled && !polygonsSampled) continue;
        const QPen pen = penFor(*s, pixelRatio, 1.0);
        if (pen.style() != Qt::NoPen && !thinPen(pen)) return true;
        if (polygonsSampled && !ownFill(brushFor(*s, 1.0))) return true;
    }
    return false;
}

}  // namespace

bool paintLayersRaster(const MapScene& scene, QImage& image, const std::vector<char>& paint,
                       const RenderOptions& options, std::size_t* featuresDrawn)
{
    const Viewport& vp = scene.viewport;
    const Box view = vp.extent().buffered(vp.unitsPerPixel * 16 * scene.pixelRatio);
    std::vector<LayerJob> jobs;
    std::size_t work = 0;
    for (std::size_t i = 0; i < scene.layers.size(); ++i) {
        if (!paint[i] || !scene.layers[i].layer) continue;
        jobs.push_back(prepare(scene.layers[i], view, scene.pixelRatio));
        work += jobs.back().count + areaWork(jobs.back(), vp);
    }

    // Features drawn, counted as the plain path counts them (in view, visible), when asked.
    if (featuresDrawn)
        for (const LayerJob& job : jobs)
            for (std::size_t i = 0; i < job.count; ++i) {
                const uint32_t f = job.feature(i);
                if (job.geom->isNull(f) || !job.geom->bounds(f).intersects(view)) continue;
                if (job.alpha(i) > 0.0) ++*featuresDrawn;
            }

    // Each layer is drawn by all threads over bands of rows, one layer after the other (so
    // layers compose in order), bands of a layer in any order (they share no pixel). Points
    // get bands of ~64 rows (a quarter to half a megabyte at 1920 wide) so a band's pixels stay
    // in the core's L2 cache while it is stamped — profiling showed a million points stamped in
    // feature order to be a million cache misses. Lines and polygons get a few tall bands: a
    // feature crossing bands is projected once per band it crosses. Small frames are one band
    // a layer, drawn on the calling thread unless QPainter may draw it (mayUseQPainter).
    const unsigned threads = work < 4000 ? 1u : std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
    uchar* const bits = image.bits();
    std::atomic<bool> stopped{false};
    for (LayerJob& job : jobs) {
        std::size_t sampled = 0, points = 0, lines = 0, polygons = 0;
        for (std::size_t i = 0; i < job.count && sampled < 64; i += std::max<std::size_t>(1, job.count / 64), ++sampled) {
            const GeometryKind kind = job.geom->kind(job.feature(i));
            points += kind == GeometryKind::Point;
            lines += kind == GeometryKind::Line;
            polygons += kind == GeometryKind::Polygon;
        }
        Bands bands;
        bands.height = image.height();
        bands.count = threads == 1 ? 1
                    : points * 2 > sampled ? std::clamp(bands.height / 64, static_cast<int>(threads), 64)
                                           : std::min(bands.height, static_cast<int>(threads) * 2);
        bands.rows = (bands.height + bands.count - 1) / bands.count;
        bucket(job, vp, bands, image.width(), threads);
        std::atomic<int> next{0};
        auto paintBands = [&] {
            for (int b; !stopped.load() && (b = next.fetch_add(1)) < bands.count;) {
                BandPainter band(scene, bits, image.width(), image.bytesPerLine(), bands.y0(b), bands.y1(b), options);
                if (!band.draw(job, b)) stopped.store(true);
            }
        };
        // One band that never fills through QPainter needs no pool thread: handing it over and
        // waiting cost more than a small frame's points and lines (a tenth of a small step).
        if (threads == 1 && !mayUseQPainter(job, points > 0, lines > 0, polygons > 0, scene.pixelRatio)) paintBands();
        else inPaintPool(threads, paintBands);
        if (stopped.load()) break;
    }
    return !stopped.load() && !cancelled(options);
}

}  // namespace atlas::render::detail
