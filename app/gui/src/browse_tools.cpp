#include "atlas/gui/browse_tools.h"
#include "atlas/model/document_model.h"
#include "atlas/gui/window_menus.h"
#include <QMainWindow>

#include "atlas/gui/attribute_table.h"
#include "atlas/gui/bookmarks.h"
#include "atlas/gui/event_list_dock.h"
#include "atlas/gui/identify.h"
#include "atlas/gui/inspector.h"
#include "atlas/gui/layer_panel.h"
#include "atlas/model/layer_commands.h"
#include "atlas/gui/layer_properties.h"
#include "atlas/gui/legend.h"
#include "atlas/gui/workbench.h"
#include "atlas/gui/map_canvas.h"
#include "atlas/gui/measure.h"
#include "atlas/gui/open_data.h"
#include "atlas/gui/raster_overviews.h"
#include "atlas/gui/search.h"
#include "atlas/gui/timeline_dock.h"
#include "atlas/model/time_controller.h"

#include <QAction>
#include <QActionGroup>
#include <QEvent>
#include <QMenu>
#include <QRegularExpression>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>

namespace atlas::app {
namespace {

template <class Fn>
QAction* addMenuAction(QMenu* menu, const QString& text, const QKeySequence& key, QObject* context, Fn fn)
{
    QAction* a = menu->addAction(text);
    if (!key.isEmpty()) a->setShortcut(key);
    QObject::connect(a, &QAction::triggered, context, fn);
    return a;
}

}  // namespace

BrowseTools::BrowseTools(const Workbench& wb, TimelineDock* timeline, EventListDock* events)
    : QObject(&wb.frame), m_wb(wb), m_timelineDock(timeline), m_eventDock(events)
{
    setObjectName("BrowseTools");
    m_undo = &wb.undo;
    m_openData = new OpenDataController(wb);
    m_overviews = new OverviewBuilder(wb);
    m_identify = new IdentifyController(wb);
    m_measure = new MeasureTool(wb);
    QMenu* bookmarkMenu = new QMenu(tr("&Bookmarks"), &wb.frame);
    m_bookmarks = new BookmarksController(wb, bookmarkMenu);
    buildDocks();
    buildActions();
    wb.menus.menu(WindowMenus::Menu::View)->addSeparator();
    wb.menus.menu(WindowMenus::Menu::View)->addMenu(bookmarkMenu);

    QSettings settings;
    m_language = nameLanguageFromKey(settings.value("labels/language", "en").toString());
    for (QAction* a : m_languageGroup->actions()) a->setChecked(a->data().toString() == nameLanguageKey(m_language));
    applyNameLanguage();
    m_inspector->setNameLanguage(m_language);

    MapCanvas* canvas = &wb.canvas;
    connect(canvas, &MapCanvas::clicked, this, [this](double x, double y, Qt::KeyboardModifiers mods) {
        if (m_measure->isActive() || !m_identify->isActive()) return;
        if (mods & Qt::ControlModifier) {
            // Ctrl+click adds the feature under the pointer to the selection, or takes it out.
            const auto hits = m_identify->hitsAt(m_wb.canvas.viewport().toPixel({x, y}));
            if (hits.empty()) return;
            std::vector<FeatureRef> sel = m_wb.model.document().selection();
            const auto it = std::find(sel.begin(), sel.end(), hits.front());
            if (it != sel.end()) sel.erase(it);
            else sel.push_back(hits.front());
            setSelection(std::move(sel));
            return;
        }
        m_identify->identifyAt(x, y);
    });
    connect(m_identify, &IdentifyController::identified, this, [this](const FeatureRef& f, int index, int count) {
        inspect(f);
        QString name = m_inspector->titleText();
        name.remove(QRegularExpression("<[^>]*>"));
        m_wb.status.showMessage(count > 1 ? tr("%1 — %2 of %3 features here; click again for the next")
                                                           .arg(name).arg(index + 1).arg(count)
                                                     : name,
                                           8000);
    });
    connect(m_identify, &IdentifyController::nothingFound, this, [this] {
        setSelection({});
        m_wb.status.showMessage(tr("Nothing drawn here on this day"), 3000);
    });
    connect(m_search, &SearchDock::featureChosen, this, [this](const FeatureRef& f) {
        zoomTo(f);
        inspect(f);
    });
    connect(m_search, &SearchDock::eventChosen, this, [this](const QString& id) {
        goToEvent(id, true);
        if (const auto ref = featureRefOf(m_wb.model.document(), id.toStdString())) m_inspector->showFeature(*ref);
    });
    connect(m_inspector, &InspectorDock::eventActivated, this, [this](const QString& id) { goToEvent(id, false); });
    connect(m_inspector, &InspectorDock::featureActivated, this, [this](const QString& id) {
        if (const auto ref = featureRefOf(m_wb.model.document(), id.toStdString())) {
            zoomTo(*ref);
            inspect(*ref);
        }
    });
    connect(m_table, &AttributeTableDock::selectionChanged, this, [this](const std::vector<FeatureRef>& refs) {
        m_wb.model.setSelection(refs);
        if (refs.size() == 1) m_inspector->showFeature(refs.front());
    });
    connect(m_table, &AttributeTableDock::zoomRequested, this, [this](const FeatureRef& f) {
        zoomTo(f);
        inspect(f);
    });
    connect(m_layerPanel, &LayerPanelDock::propertiesRequested, this, &BrowseTools::openLayerProperties);
    connect(m_layerPanel, &LayerPanelDock::buildOverviewsRequested, m_overviews, &OverviewBuilder::build);
    connect(m_layerPanel, &LayerPanelDock::attributeTableRequested, m_table, &AttributeTableDock::showLayer);
    connect(m_layerPanel, &LayerPanelDock::zoomToLayerRequested, this, [this](std::size_t i) {
        const auto& layers = m_wb.model.document().layers();
        if (i < layers.size()) m_wb.canvas.zoomToExtent(m_wb.model.document().extentOf(layers[i]));
    });
    connect(&wb.model, &DocumentModel::layersChanged, this, [this] {
        applyNameLanguage();
        extendClockRange();
    });

    wb.frame.installEventFilter(this);
}

BrowseTools::~BrowseTools() = default;

void BrowseTools::buildDocks()
{
    QMainWindow* w = &m_wb.frame;
    m_layerPanel = new LayerPanelDock(m_wb, w);
    m_legend = new LegendDock(m_wb, w);
    m_inspector = new InspectorDock(m_wb, m_timelineDock ? m_timelineDock->timeline() : nullptr, w);
    m_search = new SearchDock(m_wb, w);
    m_table = new AttributeTableDock(m_wb, w);

    w->addDockWidget(Qt::LeftDockWidgetArea, m_search);
    w->addDockWidget(Qt::LeftDockWidgetArea, m_layerPanel);
    w->splitDockWidget(m_layerPanel, m_legend, Qt::Vertical);
    w->addDockWidget(Qt::RightDockWidgetArea, m_inspector);
    // The window's event list shares the right column with the inspector, as a tab: the
    // inspector lists the events of the feature it shows, and needs the height for its charts.
    if (EventListDock* events = m_eventDock) {
        w->tabifyDockWidget(events, m_inspector);
        m_inspector->raise();
    }
    if (TimelineDock* timeline = m_timelineDock) w->splitDockWidget(timeline, m_table, Qt::Vertical);
    else w->addDockWidget(Qt::BottomDockWidgetArea, m_table);
    m_search->hide();
    m_table->hide();
    w->resizeDocks({m_layerPanel, m_inspector}, {250, 420}, Qt::Horizontal);
}

void BrowseTools::buildActions()
{
    // File: Open Data (background, progress, cancel) and Open Folder.
    QAction* open = new QAction(tr("&Open Data…"), this);
    open->setShortcut(QKeySequence::Open);
    open->setToolTip(tr("Open files (GeoJSON, GeoPackage, Shapefile, KML/KMZ, CSV with lon/lat…); "
                        "files and folders can also be dropped on the window"));
    connect(open, &QAction::triggered, m_openData, &OpenDataController::openDialog);
    m_wb.menus.addFileAction(open, WindowMenus::FileGroup::Data);
    QAction* openFolder = new QAction(tr("Open &Folder…"), this);
    openFolder->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O));  // Ctrl+Shift+O opens projects
    connect(openFolder, &QAction::triggered, m_openData, &OpenDataController::openFolderDialog);
    m_wb.menus.addFileAction(openFolder, WindowMenus::FileGroup::Data);

    // Layer
    QMenu* layer = m_wb.menus.menu(WindowMenus::Menu::Layer);
    addMenuAction(layer, tr("Layer &Properties…"), QKeySequence(Qt::CTRL | Qt::Key_L), this, [this] {
        if (auto i = m_layerPanel->currentLayer()) openLayerProperties(*i);
    });
    addMenuAction(layer, tr("&Attribute Table"), QKeySequence(Qt::Key_F6), this, [this] {
        if (auto i = m_layerPanel->currentLayer()) m_table->showLayer(*i);
        else m_table->show();
    });
    addMenuAction(layer, tr("&Zoom to Layer"), QKeySequence(), this, [this] {
        if (auto i = m_layerPanel->currentLayer())
            m_wb.canvas.zoomToExtent(m_wb.model.document().extentOf(m_wb.model.document().layers()[*i]));
    });
    addMenuAction(layer, tr("Build &Overviews…"), QKeySequence(), this, [this] {
        if (auto i = m_layerPanel->currentLayer()) m_overviews->build(*i);
    });
    addMenuAction(layer, tr("&Remove Layer"), QKeySequence(Qt::CTRL | Qt::Key_Delete), m_layerPanel,
                  [this] { m_layerPanel->removeCurrent(); });
    layer->addSeparator();
    layer->addAction(m_layerPanel->toggleViewAction());
    layer->addAction(m_legend->toggleViewAction());

    // View: panels and place names.
    QMenu* view = m_wb.menus.menu(WindowMenus::Menu::View);
    view->addSeparator();
    QMenu* panels = view->addMenu(tr("&Panels"));
    for (QDockWidget* d : std::initializer_list<QDockWidget*>{m_layerPanel, m_legend, m_inspector, m_search, m_table})
        panels->addAction(d->toggleViewAction());
    if (m_eventDock) panels->addAction(m_eventDock->toggleViewAction());
    if (m_timelineDock) panels->addAction(m_timelineDock->toggleViewAction());
    QMenu* names = view->addMenu(tr("Place &Names"));
    m_languageGroup = new QActionGroup(this);
    for (NameLanguage l : {NameLanguage::English, NameLanguage::Burmese, NameLanguage::Chinese, NameLanguage::Jinghpaw}) {
        QAction* a = names->addAction(nameLanguageTitle(l));
        a->setCheckable(true);
        a->setData(nameLanguageKey(l));
        m_languageGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, l] { setNameLanguage(l); });
    }
    names->addSeparator();
    names->addAction(tr("(English where a name is missing)"))->setEnabled(false);

    // Tools
    QMenu* tools = m_wb.menus.menu(WindowMenus::Menu::Tools);
    QAction* search = addMenuAction(tools, tr("&Search…"), QKeySequence(QKeySequence::Find), m_search,
                                    [this] { m_search->focusSearch(); });
    search->setShortcutContext(Qt::WindowShortcut);
    tools->addSeparator();
    m_toolGroup = new QActionGroup(this);
    auto tool = [&](const QString& text, const QKeySequence& key, MeasureTool::Mode mode) {
        QAction* a = tools->addAction(text);
        a->setCheckable(true);
        a->setShortcut(key);
        m_toolGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, mode] { m_measure->setMode(mode); });
        return a;
    };
    QAction* identify = tool(tr("&Identify"), QKeySequence(Qt::Key_I), MeasureTool::Mode::Off);
    identify->setChecked(true);
    QAction* distance = tool(tr("Measure &Distance"), QKeySequence(Qt::CTRL | Qt::Key_M), MeasureTool::Mode::Distance);
    QAction* area = tool(tr("Measure &Area"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), MeasureTool::Mode::Area);
    connect(m_measure, &MeasureTool::modeChanged, this, [identify, distance, area](MeasureTool::Mode m) {
        (m == MeasureTool::Mode::Distance ? distance : m == MeasureTool::Mode::Area ? area : identify)->setChecked(true);
    });
    tools->addSeparator();
    addMenuAction(tools, tr("&Clear Selection"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), this, [this] { setSelection({}); });
}

void BrowseTools::setNameLanguage(NameLanguage language)
{
    m_language = language;
    QSettings().setValue("labels/language", nameLanguageKey(language));
    for (QAction* a : m_languageGroup->actions()) a->setChecked(a->data().toString() == nameLanguageKey(language));
    // Every labelled layer is rebuilt in the new language.
    std::vector<std::pair<LayerPtr, LayerPtr>> replaced;  // before, after
    m_wb.model.change([&](MapDocument& doc) {
        for (std::size_t i = 0; i < doc.layers().size(); ++i) {
            const LayerPtr before = doc.layers()[i].layer;
            if (!before->column(kLabelColumn)) continue;
            const LayerPtr after = withLabelColumn(*before, language);
            doc.setLayerData(i, after);
            replaced.emplace_back(before, after);
        }
    });
    for (const auto& [before, after] : replaced) layerDataReplaced(before, after);
    m_inspector->setNameLanguage(language);
}

void BrowseTools::applyNameLanguage()
{
    // Layers with names in several languages that have no label column yet (just opened, or
    // restored by undo) get one in the chosen language; their name labels read from it.
    const auto& layers = m_wb.model.layers();
    const bool pending = std::any_of(layers.begin(), layers.end(), [](const LayerEntry& e) {
        return hasTranslatedNames(*e.layer) && !e.layer->column(kLabelColumn);
    });
    if (!pending) return;
    std::vector<std::pair<LayerPtr, LayerPtr>> replaced;  // before, after
    m_wb.model.change([&](MapDocument& doc) {
        for (std::size_t i = 0; i < doc.layers().size(); ++i) {
            const LayerEntry& e = doc.layers()[i];
            if (!hasTranslatedNames(*e.layer) || e.layer->column(kLabelColumn)) continue;
            const LayerPtr before = e.layer;
            const LayerPtr after = withLabelColumn(*before, m_language);
            const std::string f = e.style.label.field;
            const bool nameLabels = f == "name" || f == "name_my" || f == "name_zh" || f == "name_kac";
            doc.setLayerData(i, after);
            if (nameLabels) {
                render::LayerStyle style = doc.layers()[i].style;
                style.label.field = kLabelColumn;
                doc.setLayerStyle(i, style);
            }
            replaced.emplace_back(before, after);
        }
    });
    for (const auto& [before, after] : replaced) layerDataReplaced(before, after);
}

void BrowseTools::layerDataReplaced(const LayerPtr& before, const LayerPtr& after)
{
    m_table->layerDataReplaced(before, after);
    if (m_inspector->current() && m_inspector->current()->layer == before)
        m_inspector->showFeature({after, m_inspector->current()->row});
}

void BrowseTools::extendClockRange()
{
    // A user layer with a time mode widens the clock's range to its dates.
    const MapDocument& doc = m_wb.model.document();
    std::optional<int32_t> first, last;
    for (const LayerEntry& e : doc.layers()) {
        if (!e.time) continue;
        for (std::size_t f = 0; f < e.time->times.size(); ++f) {
            if (e.time->times.excluded[f]) continue;
            const Interval& s = e.time->times.spans[f];
            if (s.begin) first = std::min(first.value_or(*s.begin), *s.begin);
            if (s.end) last = std::max(last.value_or(*s.end - 1), *s.end - 1);
            else if (s.begin) last = std::max(last.value_or(*s.begin), *s.begin);
        }
    }
    if (!first || !last) return;
    TimeController* clock = &m_wb.clock;
    const bool hasRange = clock->lastDay() > clock->firstDay();
    const int32_t newFirst = hasRange ? std::min(clock->firstDay(), *first) : *first;
    const int32_t newLast = hasRange ? std::max(clock->lastDay(), *last + 30) : *last + 30;
    if (hasRange && newFirst == clock->firstDay() && newLast == clock->lastDay()) return;
    clock->setRange(newFirst, newLast);
    if (!hasRange) clock->setDay(*first);
}

void BrowseTools::setSelection(std::vector<FeatureRef> features)
{
    m_table->selectFeatures(features);
    m_wb.model.setSelection(std::move(features));
}

void BrowseTools::inspect(const FeatureRef& feature)
{
    setSelection({feature});
    m_inspector->showFeature(feature);
}

void BrowseTools::zoomTo(const FeatureRef& f)
{
    if (!f.layer || f.row >= f.layer->featureCount() || f.layer->geometry().isNull(f.row)) return;
    MapCanvas* canvas = &m_wb.canvas;
    Viewport vp = canvas->viewport();
    const Box b = f.layer->geometry().bounds(f.row);
    // At least ~40 km across, so a point or a small area shows its surroundings.
    const double minSpan = 40'000;
    Box target = b;
    if (target.width() < minSpan && target.height() < minSpan)
        target = Box::of(b.centerX() - minSpan / 2, b.centerY() - minSpan / 2, b.centerX() + minSpan / 2, b.centerY() + minSpan / 2);
    else
        target = target.buffered(std::max(target.width(), target.height()) * 0.15);
    // Keep a closer zoom when the feature already fits.
    if (vp.extent().buffered(-vp.unitsPerPixel * 40).contains(b.minX, b.minY)
        && vp.extent().buffered(-vp.unitsPerPixel * 40).contains(b.maxX, b.maxY) && vp.extent().width() <= target.width() * 1.5)
        return;
    canvas->zoomToExtent(target);
}

void BrowseTools::goToEvent(const QString& eventId, bool zoom)
{
    const Dataset* ds = m_wb.model.document().dataset();
    const Event* e = ds ? ds->events().byId(eventId.toStdString()) : nullptr;
    if (!e) return;
    if (e->span.begin) m_wb.clock.setDay(*e->span.begin);
    // The event list selects it; the window highlights what it concerns and pans to it.
    if (EventListDock* list = m_eventDock) list->selectEvent(eventId);
    if (zoom && e->location) {
        if (const auto ref = featureRefOf(m_wb.model.document(), e->id)) zoomTo(*ref);
    }
}

void BrowseTools::openLayerProperties(std::size_t index)
{
    // A raster has no vector style to edit; its opacity is in the layer panel.
    if (index >= m_wb.model.document().layers().size() || m_wb.model.document().layers()[index].raster) return;
    auto* dialog = new LayerPropertiesDialog(m_wb.model.document(), index, &m_wb.frame);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const LayerPtr layer = m_wb.model.document().layers()[index].layer;
    auto apply = [this, dialog, layer] {
        const auto at = entryIndexOf(m_wb.model.document(), layer.get());
        if (!at) return;
        m_undo->push(new SetLayerPropertiesCommand(m_wb.model, *at, dialog->style(), dialog->timeMode()));
    };
    connect(dialog, &LayerPropertiesDialog::applyRequested, this, apply);
    connect(dialog, &QDialog::accepted, this, apply);
    dialog->show();
}

void BrowseTools::restoreView()
{
    QSettings settings;
    if (settings.value("view/crs").toString().toStdString() != m_wb.model.document().displayCrs()) return;
    const QList<QVariant> e = settings.value("view/extent").toList();
    if (e.size() != 4) return;
    const Box b = Box::of(e[0].toDouble(), e[1].toDouble(), e[2].toDouble(), e[3].toDouble());
    if (b.isEmpty() || !(b.width() > 0)) return;
    m_wb.canvas.zoomToExtent(b);
}

void BrowseTools::saveView() const
{
    QSettings settings;
    const Box b = m_wb.canvas.viewport().extent();
    settings.setValue("view/crs", QString::fromStdString(m_wb.model.document().displayCrs()));
    settings.setValue("view/extent", QList<QVariant>{b.minX, b.minY, b.maxX, b.maxY});
}

bool BrowseTools::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == &m_wb.frame) {
        if (event->type() == QEvent::Show && !m_viewRestored) {
            m_viewRestored = true;
            // After the window's own first-show zoom to Kachin State.
            QTimer::singleShot(0, this, &BrowseTools::restoreView);
        } else if (event->type() == QEvent::Close) {
            saveView();
        }
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace atlas::app
