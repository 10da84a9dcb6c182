#include "atlas/publishing/project_export.h"

#include "atlas/data/dataset.h"
#include "atlas/render/renderer.h"
#include "atlas/model/cursor_labels.h"
#include "atlas/osm_source.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImageWriter>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgGenerator>

#include <algorithm>
#include <cctype>
#include <tuple>
#include <cmath>
#include <map>
#include <set>

namespace atlas::app {
namespace {

// The scene's first layers are the document's visible entries, in order (MapDocument::scene
// adds highlight and selection layers after them). Pairs each with its entry.
std::vector<std::pair<const LayerEntry*, const render::SceneLayer*>> visibleEntries(const MapDocument& doc,
                                                                                    const render::MapScene& scene)
{
    std::vector<std::pair<const LayerEntry*, const render::SceneLayer*>> out;
    std::size_t i = 0;
    for (const LayerEntry& e : doc.layers()) {
        if (!e.visible) continue;
        if (i >= scene.layers.size() || scene.layers[i].layer != e.layer) break;
        out.emplace_back(&e, &scene.layers[i]);
        ++i;
    }
    return out;
}

// Rows a scene layer draws inside the view (what the legend and the credits speak for).
template <class Fn>
void forDrawnRows(const render::SceneLayer& item, const Viewport& vp, Fn&& fn)
{
    const Layer& layer = *item.layer;
    const GeometryColumn& geom = layer.geometry();
    const Box view = vp.extent();
    auto visit = [&](uint32_t row, double opacity) {
        if (row >= geom.featureCount() || geom.isNull(row) || opacity <= 0) return;
        if (!geom.bounds(row).intersects(view)) return;
        fn(row);
    };
    if (item.state) {
        const render::FeatureState& st = *item.state;
        for (std::size_t i = 0; i < st.visible.size(); ++i) visit(st.visible[i], st.opacity.empty() ? 1.0 : st.opacity[i]);
    } else {
        for (uint32_t row : layer.index().query(view)) visit(row, 1.0);
    }
}

Viewport mapViewport(const Box& extent, int w, int h, double ratio)
{
    return Viewport::fit(extent, w, h, 8 * ratio);
}

}  // namespace

// "Reuters (Naw Betty Han, …); The Irrawaddy" → {"Reuters", "The Irrawaddy"};
// "BNI / KNG" → {"BNI", "KNG"}. Parenthesised notes (which may hold ';') are dropped first.
QStringList outletNames(const std::string& outlet)
{
    QString plain;
    int depth = 0;
    for (const QChar c : QString::fromStdString(outlet)) {
        if (c == '(') ++depth;
        else if (c == ')') depth = std::max(0, depth - 1);
        else if (depth == 0) plain += c;
    }
    QStringList out;
    for (const QString& part : plain.split(QRegularExpression(R"(;|\s/\s)"))) {
        const QString name = part.simplified();
        if (!name.isEmpty() && name != QString::fromUtf8("—")) out << name;
    }
    return out;
}

// S3 < S4 < S6b < S10 (numeric, then the letter); other ids after.
bool sourceIdLess(const std::string& a, const std::string& b)
{
    auto key = [](const std::string& s) {
        int n = 0;
        std::size_t i = 1;
        const bool numbered = s.size() > 1 && s[0] == 'S' && std::isdigit(static_cast<unsigned char>(s[1]));
        if (!numbered) return std::make_tuple(1, 0, s);
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) n = n * 10 + (s[i++] - '0');
        return std::make_tuple(0, n, s.substr(i));
    };
    return key(a) < key(b);
}

PageSpec pageSpecFor(const ExportSettings& s)
{
    PageSpec spec;
    spec.dpi = std::max(1, s.effectiveDpi());
    spec.landscape = s.landscape;
    spec.pageSize = QPageSize(paperFromName(s.paper).value_or(QPageSize::A4));
    const bool paper = s.format == ExportFormat::Pdf || s.usePaper;
    if (paper) {
        QSizeF inches = spec.pageSize.size(QPageSize::Inch);
        if (s.landscape) inches.transpose();
        spec.devicePixels = QSizeF(std::round(inches.width() * spec.dpi), std::round(inches.height() * spec.dpi));
    } else {
        spec.devicePixels = QSizeF(s.pixelSize);
    }
    spec.ratio = spec.dpi / 96.0;
    if (!paper && s.dpi <= 0) {
        // Sizes are set for the page (points, and 96-dpi pixels of the page: 0.265 mm). An image
        // stands for the paper at its width, so the type keeps its share of the width.
        QSizeF paperPx = spec.pageSize.size(QPageSize::Inch) * 96.0;
        if ((s.pixelSize.width() >= s.pixelSize.height()) != (paperPx.width() >= paperPx.height())) paperPx.transpose();
        spec.ratio = std::max(1.0, s.pixelSize.width() / paperPx.width());
        spec.dpi = static_cast<int>(std::lround(96.0 * spec.ratio));
    }
    // SVG is drawn in CSS pixels (96 per inch): its dpi is only what the sizes stand for.
    if (s.format == ExportFormat::Svg && !paper) spec.dpi = 96;
    if (s.format == ExportFormat::Svg && s.usePaper) {
        spec.devicePixels = QSizeF(std::round(spec.devicePixels.width() * 96.0 / spec.dpi),
                                   std::round(spec.devicePixels.height() * 96.0 / spec.dpi));
        spec.ratio = 1.0;
        spec.dpi = 96;
    }
    return spec;
}

std::vector<render::LegendSection> legendFor(const MapDocument& doc, const render::MapScene& scene)
{
    std::vector<render::LegendSection> data, basemap;
    for (const auto& [entry, item] : visibleEntries(doc, scene)) {
        if (entry->role == LayerRole::Basemap) {
            // Country fills explain themselves; Kachin State and the borders are worth a line.
            if (entry->layer->name() == "countries" && !entry->style.categories.empty()) continue;
            render::LegendSection s = render::legendSection(*item, scene.viewport);
            if (!s.items.empty()) {
                // A basemap section lists its items without a heading of its own.
                s.title.clear();
                basemap.push_back(std::move(s));
            }
            continue;
        }
        render::LegendSection s = render::legendSection(*item, scene.viewport);
        if (!s.items.empty()) data.push_back(std::move(s));
    }
    // Top layers first, as a reader scans the map; the basemap lines last.
    std::reverse(data.begin(), data.end());
    if (!basemap.empty()) {
        render::LegendSection merged;
        merged.title = "Basemap";
        for (auto& s : basemap)
            for (auto& i : s.items)
                if (std::none_of(merged.items.begin(), merged.items.end(),
                                 [&](const render::LegendItem& m) { return m.label == i.label; }))
                    merged.items.push_back(i);
        data.push_back(std::move(merged));
    }
    return data;
}

CreditSources creditSourcesFor(const MapDocument& doc, const render::MapScene& scene)
{
    CreditSources out;
    for (const auto& [entry, item] : visibleEntries(doc, scene)) {
        if (entry->role == LayerRole::Basemap) {
            bool drawn = false;
            forDrawnRows(*item, scene.viewport, [&](uint32_t) { drawn = true; });
            out.basemap = out.basemap || drawn;
            if (entry->layer->name() == "rivers") out.rivers = out.rivers || drawn;
            continue;
        }
        const Column* sources = entry->layer->column("sources");
        bool drawn = false;
        forDrawnRows(*item, scene.viewport, [&](uint32_t row) {
            drawn = true;
            if (!sources || sources->isNull(row)) return;
            for (const QString& id : QString::fromStdString(sources->text(row)).split(QRegularExpression("[;,]"))) {
                const std::string s = id.trimmed().toStdString();
                if (!s.empty()) out.ids.push_back(s);
            }
        });
        // A layer of the user's without a sources column is credited by its file.
        if (drawn && !sources && entry->datasetKey.empty()) {
            const QString file = QFileInfo(QString::fromStdString(entry->layer->sourcePath())).fileName();
            out.files << (file.isEmpty() ? QString::fromStdString(entry->layer->name()) : file);
        }
    }
    out.normalise();
    return out;
}

void CreditSources::normalise()
{
    std::sort(ids.begin(), ids.end(), sourceIdLess);
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    files.removeDuplicates();
}

void CreditSources::merge(const CreditSources& other)
{
    ids.insert(ids.end(), other.ids.begin(), other.ids.end());
    files << other.files;
    basemap = basemap || other.basemap;
    rivers = rivers || other.rivers;
    normalise();
}

QString formatCredits(const CreditSources& sources, const Dataset* ds)
{
    // Outlets, alphabetically, each once.
    std::map<QString, QString> outlets;  // lower-case key → as written
    QStringList refs;
    for (const std::string& id : sources.ids) {
        const Source* src = ds ? ds->sources().find(id) : nullptr;
        if (!src) continue;
        refs << QString::fromStdString(id);
        for (const QString& o : outletNames(src->outlet)) outlets.emplace(o.toLower(), o);
    }
    QStringList parts;
    if (!outlets.empty()) {
        QStringList names;
        for (const auto& [key, name] : outlets) names << name;
        parts << QString("Sources: %1 (references %2 in the Kachin Atlas data, geodata/SOURCES.md).")
                     .arg(names.join("; "), refs.join(", "));
    }
    if (!sources.files.isEmpty()) parts << QString("Data: %1.").arg(sources.files.join(", "));
    // OpenStreetMap's licence (ODbL) asks for this credit wherever its data is shown.
    if (std::any_of(sources.files.begin(), sources.files.end(), [](const QString& f) { return osm::isOsmPath(f.toStdString()); }))
        parts << QString("Map data © OpenStreetMap contributors (ODbL).");
    if (!refs.isEmpty()) parts << QString("Areas and lines marked schematic are approximate.");
    if (sources.basemap) parts << QString(sources.rivers ? "Basemap: Natural Earth; rivers: GSHHG (WDBII)." : "Basemap: Natural Earth.");
    return parts.join(' ');
}

QString creditsFor(const MapDocument& doc, const render::MapScene& scene)
{
    return formatCredits(creditSourcesFor(doc, scene), doc.dataset());
}

void mergeLegend(std::vector<render::LegendSection>& into, const std::vector<render::LegendSection>& more)
{
    // Sections match by title (an untitled one by its single line); what is new goes after
    // what preceded it in `more`, so both keep their styles' order.
    auto key = [](const render::LegendSection& s) { return s.title.isEmpty() && !s.items.empty() ? "\n" + s.items.front().label : s.title; };
    std::size_t insertAt = 0;
    for (const render::LegendSection& s : more) {
        auto it = std::find_if(into.begin(), into.end(), [&](const render::LegendSection& t) { return key(t) == key(s); });
        if (it == into.end()) {
            it = into.insert(into.begin() + static_cast<std::ptrdiff_t>(std::min(insertAt, into.size())), s);
        } else {
            std::size_t at = 0;
            for (const render::LegendItem& i : s.items) {
                auto found = std::find_if(it->items.begin(), it->items.end(),
                                          [&](const render::LegendItem& x) { return x.label == i.label; });
                if (found == it->items.end())
                    found = it->items.insert(it->items.begin() + static_cast<std::ptrdiff_t>(std::min(at, it->items.size())), i);
                at = static_cast<std::size_t>(found - it->items.begin()) + 1;
            }
        }
        insertAt = static_cast<std::size_t>(it - into.begin()) + 1;
    }
}

render::LayoutContent layoutContentFor(const ExportJob& job, const render::MapScene& scene)
{
    const MapDocument& doc = *job.document;
    const ExportSettings& s = job.settings;
    render::LayoutContent c;
    c.displayCrs = doc.displayCrs();
    if (s.layout) {
        c.title = s.title;
        c.subtitle = s.subtitle;
    }
    if (s.dateStamp && doc.dataset()) {
        c.dateLabel = cursorDateLabel(job.cursor);
        c.dateDetail = cursorWindowLabel(job.cursor);
    }
    c.showScaleBar = s.scaleBar;
    c.showLegend = s.layout && s.legend;
    c.showNorthArrow = s.layout && s.northArrow;
    c.showInset = s.layout && s.inset;
    if (c.showLegend) c.legend = job.fixedLegend ? *job.fixedLegend : legendFor(doc, scene);
    if (s.layout && s.credits) c.credits = job.fixedCredits ? *job.fixedCredits : creditsFor(doc, scene);
    if (c.showInset)
        for (const LayerEntry& e : doc.layers())
            if (e.role == LayerRole::Basemap && e.visible && e.layer->name() != "disputed_borders") {
                render::SceneLayer l;
                l.layer = e.layer;
                l.style = e.style;
                c.insetLayers.push_back(std::move(l));
            }
    if (s.annotations) c.annotations = job.annotations;
    c.day = job.cursor.day();
    c.tradeChart = tradeChartFor(job);
    if (c.tradeChart && !c.credits.isEmpty()) {
        // The chart's figures are the imported files', credited by name.
        QStringList files;
        for (const QString& f : doc.trade().settings.files) files << QFileInfo(f).fileName();
        c.credits += QString(" Trade series: %1 (imported).").arg(files.join(", "));
    }
    return c;
}

std::optional<render::TradeChart> tradeChartFor(const ExportJob& job)
{
    const MapDocument& doc = *job.document;
    if (!job.settings.layout || !doc.trade().settings.onPages) return std::nullopt;
    return doc.trade().chart(job.cursor.day(), doc.dataset() ? &doc.dataset()->exports() : nullptr);
}

namespace {

// Lays out the page; the credits (and so the footer's height) depend on what the map frame
// shows, so settle them in a couple of rounds.
struct PlannedPage {
    render::PageGeometry geometry;
    render::MapScene scene;
    render::LayoutContent content;
};

PlannedPage planPage(const ExportJob& job, const PageSpec& spec)
{
    const MapDocument& doc = *job.document;
    PlannedPage plan;
    if (!job.settings.layout) {
        const int w = static_cast<int>(std::lround(spec.devicePixels.width()));
        const int h = static_cast<int>(std::lround(spec.devicePixels.height()));
        plan.geometry.page = spec.devicePixels;
        plan.geometry.ratio = spec.ratio;
        plan.geometry.map = QRectF(0, 0, w, h);
        plan.scene = doc.scene(Viewport::fit(job.extent, w, h, 0), spec.ratio, job.cursor);
        plan.content = layoutContentFor(job, plan.scene);
        return plan;
    }
    render::LayoutContent content;
    content.title = job.settings.title;
    content.subtitle = job.settings.subtitle;
    content.tradeChart = tradeChartFor(job);
    for (int round = 0; round < 3; ++round) {
        plan.geometry = render::computePageGeometry(spec.devicePixels, spec.ratio, content);
        const Viewport vp = mapViewport(job.extent, plan.geometry.mapWidth(), plan.geometry.mapHeight(), spec.ratio);
        plan.scene = doc.scene(vp, spec.ratio, job.cursor);
        render::LayoutContent next = layoutContentFor(job, plan.scene);
        const bool settled = next.credits == content.credits;
        content = std::move(next);
        if (settled) break;
    }
    plan.content = std::move(content);
    return plan;
}


// Draws a planned page on a vector device (SVG, PDF): the laid-out page, or the map alone with
// the overlays the canvas shows. Vector devices take the plain QPainter path, never the raster
// fast paths.
bool drawVectorPage(QPainter& p, const PlannedPage& plan, bool layout, const QSizeF& size, double ratio,
                    const std::atomic<bool>* cancel)
{
    if (layout) return render::drawPage(p, plan.geometry, plan.scene, plan.content, nullptr, cancel);
    p.fillRect(QRectF(QPointF(0, 0), size), plan.scene.background);
    render::RenderOptions opts;
    opts.cancel = cancel;
    opts.fastPaths = false;
    const bool drawn = render::Renderer::render(plan.scene, p, opts);
    render::drawMapOverlays(p, plan.scene.viewport, plan.content, ratio);
    return drawn;
}

}  // namespace

PagePlan planExportPage(const ExportJob& job)
{
    const PageSpec spec = pageSpecFor(job.settings);
    const PlannedPage plan = planPage(job, spec);
    return {plan.geometry, plan.scene.viewport};
}

QImage renderPageImage(const ExportJob& job, const std::atomic<bool>* cancel, render::LayoutContent* contentOut)
{
    const PageSpec spec = pageSpecFor(job.settings);
    const PlannedPage plan = planPage(job, spec);
    render::RenderOptions opts;
    opts.cancel = cancel;
    // The map exactly as the window renders it (raster fast paths included).
    QImage map = render::Renderer::renderImage(plan.scene, opts);
    if (cancel && cancel->load()) return {};
    QImage page;
    if (!job.settings.layout) {
        page = std::move(map);
        QPainter p(&page);
        render::drawMapOverlays(p, plan.scene.viewport, plan.content, spec.ratio);
    } else {
        page = QImage(static_cast<int>(std::lround(spec.devicePixels.width())),
                      static_cast<int>(std::lround(spec.devicePixels.height())), QImage::Format_ARGB32_Premultiplied);
        QPainter p(&page);
        if (!render::drawPage(p, plan.geometry, plan.scene, plan.content, &map, cancel)) return {};
    }
    const int dpm = static_cast<int>(std::lround(spec.dpi / 0.0254));
    page.setDotsPerMeterX(dpm);
    page.setDotsPerMeterY(dpm);
    if (contentOut) *contentOut = plan.content;
    return page;
}

ExportResult exportMap(const ExportJob& job, const QString& path, const std::atomic<bool>* cancel)
{
    ExportResult result;
    if (!job.document) {
        result.diagnostics.error(path.toStdString(), "", "", "nothing to export");
        return result;
    }
    const PageSpec spec = pageSpecFor(job.settings);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        result.diagnostics.error(path.toStdString(), "", "", "cannot write: " + file.errorString().toStdString());
        return result;
    }
    bool drawn = false;
    switch (job.settings.format) {
    case ExportFormat::Png: {
        const QImage image = renderPageImage(job, cancel, &result.content);
        if (image.isNull()) break;
        QImageWriter writer(&file, "png");
        if (!writer.write(image)) {
            file.cancelWriting();
            result.diagnostics.error(path.toStdString(), "", "", "cannot write: " + writer.errorString().toStdString());
            return result;
        }
        result.pixelSize = image.size();
        drawn = true;
        break;
    }
    case ExportFormat::Svg: {
        const PlannedPage plan = planPage(job, spec);
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        const QSize size(static_cast<int>(std::lround(spec.devicePixels.width())),
                         static_cast<int>(std::lround(spec.devicePixels.height())));
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setResolution(96);
        svg.setTitle(job.settings.title.isEmpty() ? QString("Kachin Atlas map") : job.settings.title);
        svg.setDescription(plan.content.credits);
        QPainter p;
        if (!p.begin(&svg)) break;
        drawn = drawVectorPage(p, plan, job.settings.layout, spec.devicePixels, spec.ratio, cancel);
        p.end();
        result.pixelSize = size;
        result.content = plan.content;
        break;
    }
    case ExportFormat::Pdf: {
        QPdfWriter pdf(&file);
        pdf.setResolution(spec.dpi);
        pdf.setPageSize(spec.pageSize);
        pdf.setPageOrientation(spec.landscape ? QPageLayout::Landscape : QPageLayout::Portrait);
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setTitle(job.settings.title.isEmpty() ? QString("Kachin Atlas map") : job.settings.title);
        pdf.setCreator(QString("Kachin Atlas %1").arg(KACHIN_ATLAS_VERSION));
        ExportSettings settings = job.settings;
        ExportJob paged = job;
        PageSpec actual = spec;
        actual.devicePixels = QSizeF(pdf.width(), pdf.height());
        const PlannedPage plan = planPage(paged, actual);
        QPainter p;
        if (!p.begin(&pdf)) break;
        drawn = drawVectorPage(p, plan, settings.layout, actual.devicePixels, spec.ratio, cancel);
        p.end();
        result.pixelSize = QSize(pdf.width(), pdf.height());
        result.content = plan.content;
        break;
    }
    }
    if (!drawn) {
        file.cancelWriting();
        result.cancelled = cancel && cancel->load();
        if (!result.cancelled) result.diagnostics.error(path.toStdString(), "", "", "cannot draw the page");
        return result;
    }
    if (!file.commit()) {
        result.diagnostics.error(path.toStdString(), "", "", "cannot write: " + file.errorString().toStdString());
        return result;
    }
    result.ok = true;
    return result;
}

}  // namespace atlas::app
