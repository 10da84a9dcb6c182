#pragma once
// Publishing a map: the export settings a project keeps, and one function that turns a
// document, an extent, a clock and those settings into a PNG, SVG or PDF page — used by the
// export dialog, `kachin-atlas export`, and every frame of an animation. The map on the page
// is drawn by render::Renderer, exactly as the window draws it; the furniture (title, legend
// of what is visible, scale bar, north arrow, inset, credits from the sources of what is
// visible, annotations) by render/layout.h.
#include "atlas/box.h"
#include "atlas/render/layout.h"
#include "atlas/time/time_cursor.h"
#include "atlas/model/export_settings.h"
#include "atlas/model/map_document.h"

#include <QImage>
#include <QPageSize>
#include <QSize>
#include <QString>

#include <atomic>
#include <optional>
#include <vector>

namespace atlas::app {

// The page an export draws on.
struct PageSpec {
    QSizeF devicePixels;  // the painter's coordinate space
    double ratio = 1;     // device pixels per 96-dpi logical pixel
    int dpi = 96;
    QPageSize pageSize;   // PDF
    bool landscape = true;
};
PageSpec pageSpecFor(const ExportSettings& settings);

// What to export.
struct ExportJob {
    const MapDocument* document = nullptr;
    Box extent;                 // display CRS; shown whole in the map frame
    TimeCursor cursor;
    ExportSettings settings;
    std::vector<render::MapAnnotation> annotations;
    // Set by animations: one legend and one credit line for every frame (the union over the
    // frames), so the page does not jump from frame to frame.
    std::optional<std::vector<render::LegendSection>> fixedLegend;
    std::optional<QString> fixedCredits;
};

// The legend of what the scene's visible data layers draw (plus Kachin State and the borders
// of the basemap), built from their styles.
std::vector<render::LegendSection> legendFor(const MapDocument& doc, const render::MapScene& scene);
// "Sources: Global Witness; Reuters; … (geodata/SOURCES.md: S3, S4, …). Basemap: Natural Earth."
// — from the `sources` of the features the scene draws in its view; layers without sources are
// credited by file name.
QString creditsFor(const MapDocument& doc, const render::MapScene& scene);

// The same in two steps, so several scenes (an animation's frames) can be credited at once.
struct CreditSources {
    std::vector<std::string> ids;  // source ids of drawn rows, sorted S1 < S2 < S10 < NE
    QStringList files;             // user files without sources, by name
    bool basemap = false;
    bool rivers = false;           // the GSHHG rivers layer (built beside the basemap)
    void merge(const CreditSources& other);
    void normalise();
};
CreditSources creditSourcesFor(const MapDocument& doc, const render::MapScene& scene);
QString formatCredits(const CreditSources& sources, const Dataset* dataset);
// The outlets a source's "outlet / author" cell names: "Reuters (Naw Betty Han, …); The
// Irrawaddy" → {"Reuters", "The Irrawaddy"}; "BNI / KNG" → {"BNI", "KNG"}.
QStringList outletNames(const std::string& outlet);
// Source ids in reading order: S3 < S4 < S6b < S10, other ids (NE) after.
bool sourceIdLess(const std::string& a, const std::string& b);
// Adds `more`'s sections and items missing from `into`, keeping the styles' order.
void mergeLegend(std::vector<render::LegendSection>& into, const std::vector<render::LegendSection>& more);

// The trade chart a laid-out page of the job carries under its map: the document's shown
// track when it is set to go on pages (nullopt otherwise, and for map-only exports).
std::optional<render::TradeChart> tradeChartFor(const ExportJob& job);

// Everything the layout draws besides the map, for a scene of the job.
render::LayoutContent layoutContentFor(const ExportJob& job, const render::MapScene& scene);

struct ExportResult {
    bool ok = false;
    bool cancelled = false;
    Diagnostics diagnostics;  // why it failed: "/x/map.pdf: cannot write: Permission denied"
    QSize pixelSize;        // PNG/SVG size; PDF: page size at its dpi
    render::LayoutContent content;  // what was drawn (legend, credits…), for reports and tests
};

// Where the map lands on the page of a job: the map frame and the viewport drawn in it (tests
// and tools that need a feature's pixel on the page).
struct PagePlan {
    render::PageGeometry geometry;
    Viewport viewport;
};
PagePlan planExportPage(const ExportJob& job);

// A PNG page (or animation frame) as an image; null when cancelled.
QImage renderPageImage(const ExportJob& job, const std::atomic<bool>* cancel = nullptr,
                       render::LayoutContent* contentOut = nullptr);
// Writes the job to `path` in the settings' format; atomic (QSaveFile): on failure the
// previous file at `path` is left as it was.
ExportResult exportMap(const ExportJob& job, const QString& path, const std::atomic<bool>* cancel = nullptr);

}  // namespace atlas::app
