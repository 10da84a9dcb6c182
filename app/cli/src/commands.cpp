#include "atlas/cli/commands.h"

namespace atlas::app::cli {

const std::vector<Command>& commands()
{
    static const std::vector<Command> table = {
        {"export", "render the map (PNG, SVG, PDF; laid out for publication) without a display", true, &runExport},
        {"animate", "render one laid-out frame per date (PNG frames; MP4 or GIF through ffmpeg)", true, &runAnimate},
        {"validate", "check a dataset: fields, ids, references, dates, geometries, histories", false, &runValidate},
        {"state", "the state of the map on a day (controllers, statuses, events, fronts, exports, km²)", false, &runState},
        {"links", "what is linked to an id, both ways (events, distance, trade, histories)", false, &runLinks},
        {"diff", "what changed between two days (captures, statuses, front lines, km² gained/lost)", false, &runDiff},
        {"edit", "edit a dataset folder (or the team database, --db): add events, record changes of control and status, new versions, sources", false, &runEdit},
        {"db", "the team record on PostgreSQL/PostGIS: init, push, pull, log (edit --db edits it)", false, &runDb},
        {"export-data", "export the layers as data on a day or over a range (GeoPackage, GeoJSON, CSV, KML/KMZ)", false, &runExportData},
        {"export-web", "write the map as an interactive web page (a folder: slider, popups, legend; no server)", false, &runExportWeb},
        {"series", "the monthly table of a trade series (UN Comtrade or plain CSV) with year-on-year changes", false, &runSeries},
        {"import-report", "what changed between two ACLED (or UCDP GED) exports: added, changed, deleted events", false, &runImportReport},
    };
    return table;
}

const Command* findCommand(const QString& name)
{
    for (const Command& c : commands())
        if (name == QLatin1String(c.name)) return &c;
    return nullptr;
}

}  // namespace atlas::app::cli
