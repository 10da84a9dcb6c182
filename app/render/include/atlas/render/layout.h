#pragma once
// The page an export draws: title and subtitle above the map; on the map the date stamp, the
// legend of what the visible layers draw, a geodesic scale bar, a north arrow and an inset
// locator map (Myanmar and China with the view's box); the credits below; the annotations on
// top. The map itself is drawn by Renderer — the same call the window makes — into the map
// frame, so an export is never a separate drawing path.
//
// Everything is measured in device pixels of the page and scaled by `ratio` (device pixels
// per 96-dpi logical pixel): 1 for a 96-dpi PNG or SVG, dpi/96 for PDF and high-DPI PNG.
#include "atlas/render/layout_annotations.h"
#include "atlas/render/map_scene.h"
#include "atlas/render/renderer.h"
#include "atlas/render/style.h"
#include "atlas/render/trade_chart.h"

#include <QImage>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace atlas::render {

struct LegendItem {
    QString label;
    Symbol symbol;
    GeometryKind kind = GeometryKind::Point;
    double opacity = 1.0;
};

struct LegendSection {
    QString title;
    std::vector<LegendItem> items;
};

// What a layer of a scene draws inside its viewport, as legend items: its categories that at
// least one drawn feature falls in (style order; "Other"/"Not known" for the default symbol
// when the style shows it), or the layer's one symbol. Empty when nothing of it is in view.
LegendSection legendSection(const SceneLayer& layer, const Viewport& vp);

struct LayoutContent {
    QString title;
    QString subtitle;
    QString dateLabel;               // "20 Feb 2025"; empty: no date stamp
    QString dateDetail;              // "events of the last 30 days"
    std::vector<LegendSection> legend;
    QString credits;                 // "Sources: …  Basemap: Natural Earth."
    std::string displayCrs;          // for the scale bar, north arrow and annotations
    std::vector<SceneLayer> insetLayers;  // the locator's layers (country fills and borders)
    std::vector<MapAnnotation> annotations;
    std::optional<int32_t> day;      // annotations shown on this day (nullopt: all)
    // A trade track drawn as a panel under the map (its month from the same day as the stamp).
    std::optional<TradeChart> tradeChart;

    bool showLegend = true;
    bool showScaleBar = true;
    bool showNorthArrow = true;
    bool showInset = true;
};

// Where things go on a page. The legend and the locator sit beside the map (a column on the
// right of a wide page) or under it (a band on a tall page), so they hide nothing of it.
struct PageGeometry {
    QSizeF page;     // device pixels
    double ratio = 1;
    QRectF header;   // title and subtitle (empty height when neither)
    QRectF map;      // the map frame
    QRectF legend;   // where the legend's first line starts (empty: no legend)
    QSizeF legendRoom;       // the room the legend was planned in
    bool legendBelow = false;  // planned as a low band of columns
    QRectF inset;    // the locator map (empty: none)
    QRectF footer;   // credits
    QRectF chart;    // the trade chart panel under the map (empty: none)
    // The map frame's size in whole device pixels (the viewport to render the map at).
    int mapWidth() const;
    int mapHeight() const;
};

// Page layout for `content` on a page of `page` device pixels.
PageGeometry computePageGeometry(QSizeF page, double ratio, const LayoutContent& content);

// The locator's area: Myanmar north of 16°N and its Chinese border provinces, in degrees
// (well within the basemap's 88–106°E, 15–32°N, so no clipped edge shows).
Box insetLonLatExtent();

// Draws the map overlays the window draws too — scale bar, date stamp, annotations — in the
// device pixels of `vp` (the "map only" export is the map plus exactly these).
void drawMapOverlays(QPainter& p, const Viewport& vp, const LayoutContent& content, double ratio);

// Draws the whole page: white background, header, the map (scene.viewport must be
// mapWidth()×mapHeight()), overlays, legend, north arrow, inset, frame and footer.
// `mapImage`, when given, is the map already rendered for scene (used on raster pages so the
// map gets the raster fast paths, pixel for pixel what the window shows); otherwise the map is
// drawn with vector painter calls (SVG, PDF). Returns false when cancelled.
bool drawPage(QPainter& p, const PageGeometry& geometry, const MapScene& scene, const LayoutContent& content,
              const QImage* mapImage = nullptr, const std::atomic<bool>* cancel = nullptr);

// The north arrow's direction at the centre of the view: the angle in degrees, clockwise from
// the top of the image, at which true north lies (0 in EPSG:4326/3857; UTM grid convergence).
double northAngleDegrees(const Viewport& vp, const std::string& displayCrs);

}  // namespace atlas::render
