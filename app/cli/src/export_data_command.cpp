// kachin-atlas export-data -o FILE [--format kml|kmz|gpkg|geojson|csv] [--date D [--window W] |
//                          --from D1 --to D2] [--layers a,b] [--csv-geometry auto|lonlat|wkt]
//                          [--project P.katlas | FILE…] [--series TRADE.csv]…
// With a trade series (the project's, or --series files) the monthly table goes beside the
// data as <stem>_series.csv (exportSeriesTable, atlas/publishing/data_export_sources.h).
#include "atlas/publishing/data_export_sources.h"

#include "atlas/data/dataset.h"
#include "atlas/io/trade_import.h"
#include "atlas/render/default_styles.h"
#include "atlas/time/date.h"
#include "atlas/vector_source.h"
#include "atlas/cli/cli_support.h"
#include "atlas/cli/reporter.h"
#include "atlas/cli/commands.h"
#include "atlas/model/data_paths.h"
#include "atlas/model/load_policy.h"
#include "atlas/model/project_file.h"

#include <QCommandLineParser>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace atlas::app {

namespace cli {
namespace {

// The trade series to write: the project's as loaded, or read again with the --series files
// after the project's (later files revise earlier ones). Null when there is none.
std::shared_ptr<const TradeSeries> tradeSeriesToExport(const MapDocument& doc, const QStringList& seriesFiles,
                                                       Diagnostics& diagnostics)
{
    if (seriesFiles.isEmpty()) return doc.trade().empty() ? nullptr : doc.trade().series;
    std::vector<std::string> paths;
    for (const QString& f : doc.trade().settings.files)
        if (QFileInfo::exists(f)) paths.push_back(f.toStdString());
    for (const QString& f : seriesFiles) paths.push_back(f.toStdString());
    return std::make_shared<const TradeSeries>(io::importTradeSeries(paths, diagnostics));
}

}  // namespace

int runExportData(const QStringList& args, const LoadPolicy& policy)
{
    const Reporter report("export-data");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Export the map's data (not a picture) for other tools: GeoPackage with QGIS styles, GeoJSON, CSV, "
        "KML/KMZ with time spans for Google Earth's slider. Either the layers as they stand on one day (--date), "
        "or everything over a span of days with its intervals (--from/--to). Coordinates in EPSG:4326.");
    parser.addHelpOption();
    addDatasetOption(parser);
    parser.addOption({{"o", "output"}, "Write to <file>; GeoJSON and CSV write one file per layer when there are several.", "file"});
    parser.addOption({{"f", "format"}, "kml, kmz, gpkg, geojson or csv (default: from the file name).", "format"});
    parser.addOption({"date", "The layers as they stand on this day, YYYY-MM-DD (default: the latest dated item).", "date"});
    parser.addOption({"window", "With --date: events of instant, 7d, 30d (default), Nd or cumulative.", "window", "30d"});
    parser.addOption({"from", "Everything from this day (YYYY-MM-DD) …", "date"});
    parser.addOption({"to", "… to this day, included, each feature with its interval.", "date"});
    parser.addOption({"layers", "Only these layers, comma-separated (e.g. mines,events,acled).", "names"});
    parser.addOption({"csv-geometry", "CSV geometry: auto (lon/lat for points, else WKT), lonlat or wkt.", "mode", "auto"});
    parser.addOption({"project", "Export the layers of <project> (.katlas), on its clock's day unless --date is given, "
                                 "and its imported trade series.", "file"});
    parser.addOption({"series", "A trade series CSV (UN Comtrade, its legacy layout, or plain monthly, as `series` "
                                "reads it); repeat for several, later files revising earlier ones. The monthly table "
                                "(gaps as empty cells) is written as <stem>_series.csv beside the output, as is a "
                                "project's series.", "file"});
    parser.addPositionalArgument("FILE",
                                 "Files to export instead of the bundled Kachin layers; ACLED and UCDP GED CSVs are "
                                 "recognised and get their dates, precision and halo.",
                                 "[FILE…]");
    if (!parser.parse(QStringList{"kachin-atlas"} + args)) {
        return report.usage(parser.errorText());
    }
    if (parser.isSet("help")) {
        printCommandHelp(parser, report);
        return kExitOk;
    }
    const auto usage = [&](const std::string& msg) { return report.usage(QString::fromStdString(msg)); };
    const std::string output = parser.value("output").toStdString();
    if (output.empty()) return usage("-o FILE is required");
    std::optional<io::DataFormat> format =
        parser.isSet("format") ? io::parseDataFormat(parser.value("format").toStdString()) : io::dataFormatOfPath(output);
    if (!format)
        return usage(parser.isSet("format") ? "--format: expected kml, kmz, gpkg, geojson or csv, got \"" +
                                                  parser.value("format").toStdString() + "\""
                                            : "cannot tell the format from \"" + output + "\"; give --format");
    io::CsvGeometry csvGeometry = io::CsvGeometry::Auto;
    if (const QString g = parser.value("csv-geometry").toLower(); g == "lonlat") csvGeometry = io::CsvGeometry::LonLat;
    else if (g == "wkt") csvGeometry = io::CsvGeometry::Wkt;
    else if (g != "auto") return usage("--csv-geometry: expected auto, lonlat or wkt");
    const bool ranged = parser.isSet("from") || parser.isSet("to");
    if (ranged && (!parser.isSet("from") || !parser.isSet("to"))) return usage("--from and --to go together");
    if (ranged && parser.isSet("date")) return usage("--date or --from/--to, not both");

    // Load: the project, the bundled dataset (no basemap: it is not data to export), or the
    // given files.
    Diagnostics diagnostics;
    const QStringList files = parser.positionalArguments();
    std::optional<Project> project;
    if (parser.isSet("project")) {
        if (!files.isEmpty()) return usage("give either --project or FILEs, not both");
        const QString path = parser.value("project");
        Result<Project> read = readProjectFile(path);
        report.diagnostics(read.diagnostics());  // why it was refused, or what was skipped
        if (!read) return kExitFailure;
        project = std::move(read).value();
    }
    // The person's files are read as the window reads them (data_opener.h) and keep their
    // coordinates' datum: they are written in EPSG:4326 anyway.
    MapDocument doc(project ? project->crs : files.isEmpty() ? std::string("EPSG:32647") : std::string("EPSG:4326"));
    doc.setLoadPolicy(policy);
    std::optional<int32_t> latestImported;
    if (project) {
        QStringList problems;
        applyProjectLayers(doc, *project, diagnostics, problems);
        for (const QString& p : problems) report.warning(p);
    } else if (files.isEmpty() && parser.isSet("dataset")) {
        doc.loadBundled(parser.value("dataset"), diagnostics);
    } else if (files.isEmpty()) {
        const DataPaths paths = DataPaths::locate();
        if (paths.geodataDir.isEmpty()) {
            return report.failure(QString("bundled Kachin data not found (set KACHIN_ATLAS_DATA)"));
        }
        doc.loadBundled(paths.geodataDir, diagnostics);
    } else {
        doc.loadFiles(files, diagnostics);
        // Without --date, the files' latest dated day.
        for (const LayerEntry& e : doc.layers())
            if (e.time)
                for (std::size_t f = 0; f < e.time->times.size(); ++f)
                    if (const Interval& span = e.time->times.spans[f]; !e.time->times.excluded[f] && span.end)
                        latestImported = std::max(latestImported.value_or(*span.end - 1), *span.end - 1);
    }
    std::vector<io::ExportSource> sources = documentExportSources(doc, false);
    const std::shared_ptr<const TradeSeries> series = tradeSeriesToExport(doc, parser.values("series"), diagnostics);
    report.diagnostics(diagnostics);

    if (parser.isSet("layers")) {
        std::vector<io::ExportSource> chosen;
        for (const QString& name : parser.value("layers").split(',', Qt::SkipEmptyParts)) {
            const auto it = std::find_if(sources.begin(), sources.end(),
                                         [&](const io::ExportSource& s) { return s.name == name.trimmed().toStdString(); });
            if (it == sources.end()) {
                std::string known;
                for (const io::ExportSource& s : sources) known += (known.empty() ? "" : ", ") + s.name;
                return usage("--layers: no layer \"" + name.trimmed().toStdString() + "\" (layers: " + known + ")");
            }
            chosen.push_back(*it);
        }
        sources = std::move(chosen);
    }
    if (sources.empty()) {
        return report.failure(QString("nothing to export"));
    }

    io::DataExportRequest request;
    request.sources = std::move(sources);
    request.links = doc.links();
    request.format = *format;
    request.path = output;
    request.csvGeometry = csvGeometry;
    std::string when;
    if (ranged) {
        const std::string fromText = parser.value("from").trimmed().toStdString();
        const std::string toText = parser.value("to").trimmed().toStdString();
        const auto from = Date::parse(fromText);
        const auto to = Date::parse(toText);
        if (!from) return usage("--from: " + fromText + ": " + from.reason() + " (expected YYYY-MM-DD)");
        if (!to) return usage("--to: " + toText + ": " + to.reason() + " (expected YYYY-MM-DD)");
        // A partial date covers its whole period: --from 2024-10 --to 2024-12 is Oct–Dec.
        request.when = io::RangeExport{from->first(), to->endExclusive() - 1};
        if (to->endExclusive() - 1 < from->first()) return usage("--to is before --from");
        when = "from " + isoDay(from->first()) + " to " + isoDay(to->endExclusive() - 1);
    } else {
        QString date = parser.value("date");
        if (date.isEmpty() && latestImported) date = QString::fromStdString(isoDay(*latestImported));
        std::optional<TimeCursor> cursor;
        if (date.isEmpty() && project && project->clock) cursor = project->clock->cursor;
        else cursor = parseCursor(date, parser.value("window"), doc, report);
        if (!cursor) return kExitUsage;
        request.when = io::DayExport{*cursor};
        when = "on " + isoDay(cursor->day());
        // Files without dates and no --date: there is no day to speak of.
        if (date.isEmpty() && !doc.dataset()) when = "undated: every feature";
    }

    Diagnostics writing;
    const io::DataExportResult result = io::exportData(request, writing);
    report.diagnostics(writing);
    if (!result.ok) {
        return report.failure(QString("%1 not written").arg(QString::fromStdString(output)));
    }
    for (const std::string& file : result.files) {
        io::DataExportResult one;
        for (const io::ExportedLayer& l : result.layers)
            if (l.file == file) one.layers.push_back(l);
        std::printf("wrote %s (%s, %s): %s\n", file.c_str(), io::dataFormatName(*format), when.c_str(),
                    exportedLayersSummary(one).c_str());
    }
    if (series && !series->empty()) {
        const SeriesTableExport table = exportSeriesTable(*series, request, writing);
        if (!table.ok) {
            report.diagnostics(writing);
            return report.failure(QString("%1 not written").arg(QString::fromStdString(table.path)));
        }
        std::string names;
        for (const std::string& f : series->files())
            names += (names.empty() ? "" : ", ") + std::filesystem::path(f).filename().string();
        std::printf("wrote %s (csv, trade series: %zu tracks, %zu months, gaps: %zu; from %s)\n", table.path.c_str(),
                    table.stats.tracks, table.stats.months, table.stats.gaps, names.c_str());
    }
    return diagnostics.hasErrors() || writing.hasErrors() ? kExitDataErrors : kExitOk;
}

}  // namespace cli
}  // namespace atlas::app
