#include "atlas/model/map_document.h"

#include "atlas/model/label_ranks.h"
#include "atlas/model/river_names.h"
#include "atlas/render/palette.h"
#include "atlas/data/schema.h"

#include "atlas/analysis/scene_state.h"
#include "atlas/crs.h"
#include "atlas/data/dataset.h"
#include "atlas/render/default_styles.h"
#include "atlas/vector_source.h"
#include "atlas/model/data_opener.h"
#include "atlas/model/event_layers.h"
#include "atlas/model/layer_placement.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace atlas::app {
namespace {

// Category index of a state value ("KIA", "closed") in a style driven by "@controller"/"@status".
int16_t stateCategory(const render::LayerStyle& style, const VisibleFeature& v)
{
    if (style.categoryField == render::kControllerState) return static_cast<int16_t>(style.categoryIndex(v.controller));
    if (style.categoryField == render::kStatusState) return static_cast<int16_t>(style.categoryIndex(v.status));
    return -1;
}

bool isStateStyle(const render::LayerStyle& style)
{
    return style.categoryField == render::kControllerState || style.categoryField == render::kStatusState;
}

}  // namespace

LayerEntry makeRasterEntry(std::shared_ptr<RasterSource> raster, const std::string& displayCrs, QString title)
{
    const QString path = QString::fromStdString(raster->info().path);
    if (title.isEmpty()) title = QFileInfo(path).completeBaseName();
    auto standIn = std::make_shared<Layer>(title.toStdString(), raster->info().path, displayCrs);
    standIn->buildIndex();
    LayerEntry e;
    e.layer = std::move(standIn);
    e.style.title = title;
    // A DEM is drawn as hillshade; imagery as its colours.
    e.style.hillshade.enabled = raster->looksLikeElevation();
    e.raster = std::move(raster);
    return e;
}

void MapDocument::addRaster(std::shared_ptr<RasterSource> raster, QString title)
{
    insertLayer(rasterInsertIndex(), makeRasterEntry(std::move(raster), m_crs, std::move(title)));
}

std::size_t MapDocument::rasterInsertIndex() const
{
    std::size_t at = !m_layers.empty() && m_layers.front().role == LayerRole::Basemap ? 1 : 0;
    for (std::size_t k = 0; k < m_layers.size(); ++k)
        if (m_layers[k].raster) at = std::max(at, k + 1);
    return at;
}

Box MapDocument::extentOf(const LayerEntry& entry) const
{
    return entry.raster ? entry.raster->extentIn(m_crs) : entry.layer->extent();
}

bool MapDocument::hasBasemap() const
{
    return std::any_of(m_layers.begin(), m_layers.end(), [](const LayerEntry& e) { return e.role == LayerRole::Basemap; });
}

void MapDocument::addLayer(LayerPtr layer, render::LayerStyle style, LayerRole role, std::string datasetKey)
{
    LayerEntry e;
    e.layer = std::move(layer);
    e.style = std::move(style);
    e.role = role;
    e.datasetKey = std::move(datasetKey);
    // Basemap layers stay below every data layer.
    if (role == LayerRole::Basemap) {
        auto it = m_layers.begin();
        while (it != m_layers.end() && it->role == LayerRole::Basemap) ++it;
        m_layers.insert(it, std::move(e));
    } else {
        m_layers.push_back(std::move(e));
    }
    ++m_revision;
}

bool MapDocument::loadBasemap(const QString& gpkgPath, Diagnostics& diagnostics)
{
    if (gpkgPath.isEmpty()) return false;
    LoadOptions opts;
    opts.targetCrs = m_crs;
    LoadResult r = loadVectorSource(gpkgPath.toStdString(), opts);
    diagnostics.append(r.diagnostics);
    LayerPtr countries, states, disputed;
    for (auto& l : r.layers) {
        if (l->name() == "countries") countries = l;
        else if (l->name() == "states_provinces") states = l;
        else if (l->name() == "disputed_borders") disputed = l;
    }
    if (!countries) return false;
    addLayer(countries, render::basemapCountryFillStyle(), LayerRole::Basemap);
    if (states) addLayer(states, render::basemapStateStyle(), LayerRole::Basemap);
    addLayer(countries, render::basemapCountryBorderStyle(), LayerRole::Basemap);
    if (disputed) addLayer(disputed, render::basemapDisputedStyle(), LayerRole::Basemap);
    // The rivers are built beside the basemap from GSHHG (resources/rivers); absent: no rivers.
    const QString rivers = QFileInfo(gpkgPath).dir().filePath("kachin-rivers.gpkg");
    if (QFileInfo(rivers).isFile()) {
        LoadResult rr = loadVectorSource(rivers.toStdString(), opts);
        diagnostics.append(rr.diagnostics);
        for (auto& l : rr.layers)
            if (l->name() == "rivers") addLayer(l, render::basemapRiverStyle(), LayerRole::Basemap);
    }
    return true;
}

void MapDocument::loadBundled(const QString& geodataDir, Diagnostics& diagnostics)
{
    DatasetOptions options;
    options.displayCrs = m_crs;
    auto dataset = std::make_shared<const Dataset>(Dataset::load(geodataDir.toStdString(), options, diagnostics));
    m_links = std::make_shared<const LinkIndex>(dataset);
    for (const DatasetLayer& dl : dataset->layers()) {
        if (!dl.layer) continue;
        render::LayerStyle style = render::defaultStyleFor(*dl.layer);
        if (LayerPtr ranked = withLabelRanks(*dataset, dl)) {
            useLabelRanks(style.label, dl.key);
            addLayer(std::move(ranked), std::move(style), LayerRole::Data, dl.key);
            continue;
        }
        addLayer(dl.layer, std::move(style), LayerRole::Data, dl.key);
    }
    // The basemap's rivers (loaded first) get the names the dataset gives them.
    for (LayerEntry& e : m_layers)
        if (e.role == LayerRole::Basemap && e.layer && e.layer->name() == "rivers" && !e.layer->column("name"))
            if (LayerPtr named = withRiverNames(*e.layer, *dataset)) {
                e.layer = std::move(named);
                e.style.label.field = "name";
                e.style.label.color = render::palette::kRiver.darker(160);
                e.style.label.pointSize = 8;
                e.style.label.italic = true;
                e.style.label.priority = 2;
            }
}

void MapDocument::reloadDataset(const QString& dir, Diagnostics& diagnostics)
{
    DatasetOptions options;
    options.displayCrs = m_crs;
    auto dataset = std::make_shared<const Dataset>(Dataset::load(dir.toStdString(), options, diagnostics));
    m_links = std::make_shared<const LinkIndex>(dataset);
    m_selection.clear();
    for (const DatasetLayer& dl : dataset->layers()) {
        if (!dl.layer) continue;
        LayerPtr ranked = withLabelRanks(*dataset, dl);
        LayerPtr data = ranked ? ranked : dl.layer;
        auto it = std::find_if(m_layers.begin(), m_layers.end(),
                               [&](const LayerEntry& e) { return e.datasetKey == dl.key; });
        if (it != m_layers.end()) {
            it->layer = std::move(data);
            continue;
        }
        render::LayerStyle style = render::defaultStyleFor(*dl.layer);
        if (ranked) useLabelRanks(style.label, dl.key);
        addLayer(std::move(data), std::move(style), LayerRole::Data, dl.key);
    }
    ++m_revision;
}

void MapDocument::loadFiles(const QStringList& files, Diagnostics& diagnostics)
{
    int ordinal = 0;
    for (const QString& file : files) {
        OpenRequest request;
        request.path = file;
        request.displayCrs = m_crs;
        request.policy = m_policy;
        const OpenedFile opened = openDataFile(request);
        diagnostics.append(opened.diagnostics());
        for (LayerEntry& e : layerEntriesOf(opened, m_crs, ordinal)) {
            const std::size_t at = insertIndexFor(*this, e);  // before `e` is moved from
            insertLayer(at, std::move(e));
        }
    }
}

std::optional<std::pair<int32_t, int32_t>> MapDocument::timeRange() const
{
    std::optional<int32_t> first, last;
    const auto take = [&](const Interval& span) {
        if (span.begin) first = std::min(first.value_or(*span.begin), *span.begin);
        if (span.end) last = std::max(last.value_or(*span.end - 1), *span.end - 1);
    };
    if (const Dataset* ds = dataset()) {
        for (const Event& e : ds->events().all()) take(e.span);
        for (const DatasetLayer& dl : ds->layers())
            for (const SnapshotGroup& g : dl.groups)
                for (const SnapshotVersion& v : g.versions) take(Interval::ofDay(v.asOf.first()));
    }
    // Dated user layers (an ACLED export reaching back years) too, so the clock can reach them.
    for (const LayerEntry& e : m_layers)
        if (e.time)
            for (std::size_t f = 0; f < e.time->times.size(); ++f)
                if (!e.time->times.excluded[f]) take(e.time->times.spans[f]);
    if (!first || !last) return std::nullopt;
    return std::make_pair(*first, *last + 30);
}

Box MapDocument::homeExtent() const
{
    for (const LayerEntry& e : m_layers) {
        if (e.role != LayerRole::Basemap || e.layer->name() != "states_provinces") continue;
        const Column* name = e.layer->column("name");
        if (!name) break;
        for (std::size_t f = 0; f < e.layer->featureCount(); ++f)
            if (!name->isNull(f) && name->string(f) == "Kachin") return e.layer->geometry().bounds(f);
    }
    // Without a basemap: Kachin State's bounds from Natural Earth (95.84–98.76°E, 23.65–28.54°N).
    if (const auto t = CoordinateTransform::create(kWgs84, m_crs)) return t->transformBox(Box::of(95.84, 23.65, 98.76, 28.54));
    return dataExtent();
}

Box MapDocument::dataExtent() const
{
    Box b;
    for (const LayerEntry& e : m_layers)
        if (e.role == LayerRole::Data) b.expand(extentOf(e));
    return b;
}

void MapDocument::setHighlight(std::vector<std::string> ids)
{
    m_highlight = std::move(ids);
}

void MapDocument::setShowEarlierFrontLines(bool show)
{
    m_showEarlierFronts = show;
}

void MapDocument::insertLayer(std::size_t at, LayerEntry entry)
{
    m_layers.insert(m_layers.begin() + static_cast<std::ptrdiff_t>(std::min(at, m_layers.size())), std::move(entry));
    ++m_revision;
}

LayerEntry MapDocument::removeLayer(std::size_t at)
{
    LayerEntry e = std::move(m_layers.at(at));
    m_layers.erase(m_layers.begin() + static_cast<std::ptrdiff_t>(at));
    std::erase_if(m_selection, [&](const FeatureRef& r) { return r.layer == e.layer; });
    ++m_revision;
    return e;
}

void MapDocument::moveLayer(std::size_t from, std::size_t to)
{
    if (from >= m_layers.size() || to >= m_layers.size() || from == to) return;
    LayerEntry e = std::move(m_layers[from]);
    m_layers.erase(m_layers.begin() + static_cast<std::ptrdiff_t>(from));
    m_layers.insert(m_layers.begin() + static_cast<std::ptrdiff_t>(to), std::move(e));
    ++m_revision;
}

void MapDocument::setLayerVisible(std::size_t at, bool visible)
{
    m_layers.at(at).visible = visible;
    ++m_revision;
}

void MapDocument::setLayerOpacity(std::size_t at, double opacity)
{
    m_layers.at(at).style.opacity = std::clamp(opacity, 0.0, 1.0);
    ++m_revision;
}

void MapDocument::setLayerStyle(std::size_t at, render::LayerStyle style)
{
    m_layers.at(at).style = std::move(style);
    ++m_revision;
}

void MapDocument::setLayerData(std::size_t at, LayerPtr layer)
{
    LayerEntry& e = m_layers.at(at);
    if (!layer || layer->featureCount() != e.layer->featureCount()) return;
    for (FeatureRef& r : m_selection)
        if (r.layer == e.layer) r.layer = layer;
    e.layer = std::move(layer);
    ++m_revision;
}

void MapDocument::setLayerTime(std::size_t at, const std::optional<TimeMode>& mode, Diagnostics& diagnostics)
{
    LayerEntry& e = m_layers.at(at);
    if (!mode || std::holds_alternative<StaticTime>(*mode)) {
        e.time.reset();
    } else {
        auto t = std::make_shared<LayerTime>();
        t->mode = *mode;
        t->times = compileFeatureTimes(*e.layer, *mode, diagnostics);
        t->index = TemporalIndex(t->times);  // straight from the times: no copy of every span
        e.time = std::move(t);
    }
    ++m_revision;
}

const FeatureTimes* MapDocument::featureTimes(std::size_t at) const
{
    const LayerEntry& e = m_layers.at(at);
    if (e.time) return &e.time->times;
    if (m_links && !e.datasetKey.empty())
        if (const DatasetLayer* dl = m_links->dataset().layer(e.datasetKey); dl && !dl->isStatic()) return &dl->times;
    return nullptr;
}

std::vector<uint32_t> MapDocument::drawnRows(std::size_t at, const TimeCursor& cursor) const
{
    const LayerEntry& e = m_layers.at(at);
    const TemporalIndex* index = nullptr;
    const FeatureTimes* times = featureTimes(at);
    if (e.time) index = &e.time->index;
    else if (times) index = &m_links->dataset().layer(e.datasetKey)->temporal;
    std::vector<uint32_t> rows;
    if (!index || !times) {
        rows.resize(e.layer->featureCount());
        for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<uint32_t>(i);
        return rows;
    }
    for (uint32_t r : index->query(times->windowFor(cursor)))
        if (times->opacity(r, cursor) > 0) rows.push_back(r);
    return rows;
}

void MapDocument::setSelection(std::vector<FeatureRef> features)
{
    m_selection = std::move(features);
}

render::MapScene MapDocument::scene(const Viewport& vp, double pixelRatio, const TimeCursor& cursor,
                                    bool deferTimeStates) const
{
    render::MapScene s;
    s.viewport = vp;
    s.crs = m_crs;
    s.pixelRatio = pixelRatio;

    std::optional<SceneState> state;
    if (m_links) {
        SceneQuery q;
        q.extent = vp.extent().buffered(vp.unitsPerPixel * 32 * pixelRatio);
        q.cursor = cursor;
        state = querySceneState(*m_links, q);
    }

    for (const LayerEntry& e : m_layers) {
        if (!e.visible) continue;
        render::SceneLayer item;
        item.layer = e.layer;
        item.style = e.style;
        item.raster = e.raster;
        const DatasetLayer* dl = m_links && !e.datasetKey.empty() ? m_links->dataset().layer(e.datasetKey) : nullptr;
        const LayerScene* ls = state && dl ? state->layer(e.datasetKey) : nullptr;
        if (ls && (!dl->isStatic() || isStateStyle(e.style))) {
            auto fs = std::make_shared<render::FeatureState>();
            const bool byState = isStateStyle(e.style);
            // Superseded front-line versions first, faint, so the one in force draws over them.
            if (e.datasetKey == schema::kFrontlines && m_showEarlierFronts) {
                for (const FrontScene& f : state->fronts)
                    for (const SnapshotVersion* v : f.previous)
                        for (uint32_t row : v->rows) {
                            fs->visible.push_back(row);
                            fs->opacity.push_back(0.22f);
                        }
            }
            for (const VisibleFeature& v : ls->features) {
                fs->visible.push_back(v.row);
                fs->opacity.push_back(v.opacity);
                if (byState) fs->category.push_back(stateCategory(e.style, v));
            }
            item.state = std::move(fs);
            item.timeDependent = true;
        } else if (e.time) {
            // A user layer with a time mode: its own temporal index on the cursor's window.
            if (deferTimeStates)
                item.deferredState = [sets = m_visibleSets, time = e.time, cursor] { return sets->get(time, cursor); };
            else
                item.state = m_visibleSets->get(e.time, cursor);
            item.timeDependent = true;
        }
        s.layers.push_back(std::move(item));
    }

    // Highlighted features on top, in a halo style, re-drawn with the time layers.
    if (m_links && !m_highlight.empty()) {
        const Dataset& ds = m_links->dataset();
        for (const std::string& id : m_highlight) {
            const auto target = ds.resolve(id);
            if (!target || target->kind != IdTarget::Kind::Feature) continue;
            const DatasetLayer* dl = ds.layer(target->layerKey);
            if (!dl || !dl->layer || dl->layer->geometry().isNull(target->row)) continue;
            render::SceneLayer item;
            item.layer = dl->layer;
            item.style = render::highlightStyle();
            auto fs = std::make_shared<render::FeatureState>();
            fs->visible = {target->row};
            item.state = std::move(fs);
            item.timeDependent = true;
            s.layers.push_back(std::move(item));
        }
    }

    // The selection (attribute table, identify), in the same halo, on top of everything.
    for (const FeatureRef& r : m_selection) {
        if (!r.layer || r.row >= r.layer->featureCount() || r.layer->geometry().isNull(r.row)) continue;
        render::SceneLayer item;
        item.layer = r.layer;
        item.style = render::highlightStyle();
        item.style.label.field.clear();
        // A ring, not a wash: the feature keeps the colour that says who holds it.
        item.style.symbol.fill = Qt::transparent;
        auto fs = std::make_shared<render::FeatureState>();
        fs->visible = {r.row};
        item.state = std::move(fs);
        item.timeDependent = true;
        s.layers.push_back(std::move(item));
    }
    return s;
}

}  // namespace atlas::app
