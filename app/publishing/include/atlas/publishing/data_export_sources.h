#pragma once
// The app side of data exports (core: atlas/io/data_export.h): render styles turned into plain
// export styles, the document's layers turned into export sources. There is no export style of its own:
// every layer is written with the style the map draws it in. Used by `kachin-atlas export-data` and by the Export Data dialog, so both write
// the same files for the same map.
#include "atlas/io/data_export.h"
#include "atlas/io/event_import.h"
#include "atlas/io/trade_export.h"
#include "atlas/render/style.h"
#include "atlas/model/map_document.h"

#include <string>
#include <vector>

namespace atlas::app {

// A render style as an export style. Categories on the clock's state ("@controller",
// "@status") become categories on the exported `controller` / `status` columns.
io::ExportStyle toExportStyle(const render::LayerStyle& style);

// The document's data layers (not the basemap), bottom first, with their on-screen styles;
// dataset layers and user layers with a time mode with their times (the document's dataset must outlive the sources' use).
// With `onlyVisible`, hidden layers are left out.
std::vector<io::ExportSource> documentExportSources(const MapDocument& doc, bool onlyVisible);

// "control 12, mines 14, events 5"
std::string exportedLayersSummary(const io::DataExportResult& result);

// An imported trade series written beside a data export as "<stem>_series.csv" (the table of
// atlas/io/trade_export.h): every month for a day export (a month's figure has no day), the
// months a range export's days overlap. Used by `export-data` and the Export Data dialog.
struct SeriesTableExport {
    bool ok = false;
    std::string path;
    io::TradeSeriesCsvStats stats;
};
std::string seriesTablePathBeside(const std::string& output);
SeriesTableExport exportSeriesTable(const TradeSeries& series, const io::DataExportRequest& request,
                                    Diagnostics& diagnostics);

}  // namespace atlas::app
