// kachin-atlas export-data -o FILE [--format kml|kmz|gpkg|geojson|csv] [--date D [--window W] |
//                          --from D1 --to D2] [--layers a,b] [--csv-geometry auto|lonlat|wkt] [FILE…]
#include "cli/export_data_command.h"

#include "atlas/data/dataset.h"
#include "atlas/render/default_styles.h"
#include "atlas/render/palette.h"
#include "atlas/time/date.h"
#include "atlas/vector_source.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "document/data_paths.h"
#include "document/load_policy.h"

#include <QCommandLineParser>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace atlas::app {
namespace {

io::Rgba rgba(const QColor& c)
{
    return {static_cast<uint8_t>(c.red()), static_cast<uint8_t>(c.green()), static_cast<uint8_t>(c.blue()),
            static_cast<uint8_t>(c.alpha())};
}

io::ExportMarker marker(render::MarkerShape s)
{
    switch (s) {
    case render::MarkerShape::Circle: return io::ExportMarker::Circle;
    case render::MarkerShape::Square: return io::ExportMarker::Square;
    case render::MarkerShape::Triangle: return io::ExportMarker::Triangle;
    case render::MarkerShape::Diamond: return io::ExportMarker::Diamond;
    case render::MarkerShape::Star: return io::ExportMarker::Star;
    case render::MarkerShape::Cross: return io::ExportMarker::Cross;
    }
    return io::ExportMarker::Circle;
}

io::ExportSymbol exportSymbol(const render::Symbol& s)
{
    io::ExportSymbol out;
    out.fill = rgba(s.fill);
    out.stroke = rgba(s.stroke);
    out.strokeWidth = s.strokeWidth;
    out.size = s.size;
    out.shape = marker(s.shape);
    out.dashed = s.strokeStyle != Qt::SolidLine && s.strokeStyle != Qt::NoPen;
    if (s.strokeStyle == Qt::NoPen) out.strokeWidth = 0;
    return out;
}

render::Symbol eventSymbol(QColor colour)
{
    render::Symbol s;
    s.fill = colour;
    s.fill.setAlpha(170);
    s.stroke = colour.darker(150);
    s.strokeWidth = 1.0;
    s.size = 9;
    s.shape = render::MarkerShape::Circle;
    return s;
}

}  // namespace

io::ExportStyle toExportStyle(const render::LayerStyle& style)
{
    io::ExportStyle out;
    out.title = style.title.toStdString();
    out.symbol = exportSymbol(style.symbol);
    out.categoryField = style.categoryField == render::kControllerState ? io::kControllerField
                        : style.categoryField == render::kStatusState   ? io::kStatusField
                                                                        : style.categoryField;
    for (const render::Category& c : style.categories)
        out.categories.push_back({c.value, c.label.toStdString(), exportSymbol(c.symbol)});
    out.labelField = style.label.field;
    out.labelPointSize = style.label.pointSize;
    out.labelColor = rgba(style.label.color);
    out.opacity = style.opacity;
    return out;
}

render::LayerStyle eventImportStyle(io::EventFormat format)
{
    namespace pal = render::palette;
    render::LayerStyle s;
    s.categoryField = io::kKindField;
    s.symbol = eventSymbol(pal::kGrey);
    if (format == io::EventFormat::Acled) {
        s.title = "ACLED events";
        const std::pair<const char*, QColor> kinds[] = {
            {"Battles", pal::kVermillion},
            {"Explosions/Remote violence", QColor(120, 20, 20)},
            {"Violence against civilians", pal::kReddishPurple},
            {"Strategic developments", pal::kBlue},
            {"Protests", pal::kSkyBlue},
            {"Riots", pal::kOrange},
        };
        for (const auto& [kind, colour] : kinds) s.categories.push_back({kind, QString::fromUtf8(kind), eventSymbol(colour)});
    } else {
        s.title = "UCDP GED events";
        const std::pair<const char*, QColor> kinds[] = {
            {"state-based", pal::kVermillion},
            {"non-state", pal::kOrange},
            {"one-sided", pal::kReddishPurple},
        };
        for (const auto& [kind, colour] : kinds) {
            QString label = QString::fromUtf8(kind);
            label[0] = label[0].toUpper();
            s.categories.push_back({kind, label, eventSymbol(colour)});
        }
    }
    return s;
}

std::vector<io::ExportSource> documentExportSources(const MapDocument& doc, bool onlyVisible)
{
    std::vector<io::ExportSource> out;
    const LinkIndex* links = doc.links();
    for (const LayerEntry& e : doc.layers()) {
        // Imagery is not data to export (its stand-in layer has no features).
        if (e.role != LayerRole::Data || !e.layer || e.raster || (onlyVisible && !e.visible)) continue;
        io::ExportSource s;
        s.layer = e.layer;
        s.style = toExportStyle(e.style);
        s.name = e.datasetKey.empty() ? e.layer->name() : e.datasetKey;
        if (links && !e.datasetKey.empty()) {
            if (const DatasetLayer* dl = links->dataset().layer(e.datasetKey)) {
                s.datasetKey = e.datasetKey;
                if (!dl->isStatic()) s.times = std::shared_ptr<const FeatureTimes>(links->datasetPtr(), &dl->times);
            }
        }
        out.push_back(std::move(s));
    }
    return out;
}

std::string exportedLayersSummary(const io::DataExportResult& result)
{
    std::string out;
    for (const io::ExportedLayer& l : result.layers) {
        if (!out.empty()) out += ", ";
        out += l.name + " " + std::to_string(l.features);
    }
    return out;
}

namespace cli {

int runExportData(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Export the map's data (not a picture) for other tools: GeoPackage with QGIS styles, GeoJSON, CSV, "
        "KML/KMZ with time spans for Google Earth's slider. Either the layers as they stand on one day (--date), "
        "or everything over a span of days with its intervals (--from/--to). Coordinates in EPSG:4326.");
    parser.addHelpOption();
    parser.addOption({{"o", "output"}, "Write to <file>; GeoJSON and CSV write one file per layer when there are several.", "file"});
    parser.addOption({{"f", "format"}, "kml, kmz, gpkg, geojson or csv (default: from the file name).", "format"});
    parser.addOption({"date", "The layers as they stand on this day, YYYY-MM-DD (default: the latest dated item).", "date"});
    parser.addOption({"window", "With --date: events of instant, 7d, 30d (default), Nd or cumulative.", "window", "30d"});
    parser.addOption({"from", "Everything from this day (YYYY-MM-DD) …", "date"});
    parser.addOption({"to", "… to this day, included, each feature with its interval.", "date"});
    parser.addOption({"layers", "Only these layers, comma-separated (e.g. mines,events,acled).", "names"});
    parser.addOption({"csv-geometry", "CSV geometry: auto (lon/lat for points, else WKT), lonlat or wkt.", "mode", "auto"});
    parser.addPositionalArgument("FILE",
                                 "Files to export instead of the bundled Kachin layers; ACLED and UCDP GED CSVs are "
                                 "recognised and get their dates, precision and halo.",
                                 "[FILE…]");
    if (!parser.parse(QStringList{"kachin-atlas"} + args)) {
        std::fprintf(stderr, "kachin-atlas export-data: %s\n", qPrintable(parser.errorText()));
        return kExitUsage;
    }
    if (parser.isSet("help")) {
        printCommandHelp(parser, "export-data");
        return kExitOk;
    }
    const auto usage = [](const std::string& msg) {
        std::fprintf(stderr, "kachin-atlas export-data: %s\n", msg.c_str());
        return kExitUsage;
    };
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

    // Load: the bundled dataset (no basemap: it is not data to export), or the given files.
    Diagnostics diagnostics;
    MapDocument doc;
    std::vector<io::ExportSource> sources;
    std::optional<int32_t> latestImported;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        const DataPaths paths = DataPaths::locate();
        if (paths.geodataDir.isEmpty()) {
            std::fprintf(stderr, "kachin-atlas export-data: bundled Kachin data not found (set KACHIN_ATLAS_DATA)\n");
            return kExitFailure;
        }
        doc.loadBundled(paths.geodataDir, diagnostics);
        sources = documentExportSources(doc, false);
    } else {
        int ordinal = 0;
        for (const QString& file : files) {
            const std::string path = file.toStdString();
            if (const auto eventFormat = io::detectEventFormat(path)) {
                const io::EventImport im = io::importEventFile(path, {}, diagnostics);
                if (!im.ok()) continue;
                io::ExportSource s = io::eventImportSource(im);
                s.style = toExportStyle(eventImportStyle(*eventFormat));
                sources.push_back(std::move(s));
                for (const Interval& span : im.layer.times.spans)
                    if (span.end) latestImported = std::max(latestImported.value_or(*span.end - 1), *span.end - 1);
                continue;
            }
            LoadResult r = loadVectorSource(path, withLoadPolicy({}));
            diagnostics.append(r.diagnostics);
            for (auto& layer : r.layers) {
                io::ExportSource s;
                s.name = layer->name();
                s.style = toExportStyle(render::defaultStyleFor(*layer, ordinal++));
                s.layer = layer;
                sources.push_back(std::move(s));
            }
        }
    }
    printDiagnostics(diagnostics);

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
        std::fprintf(stderr, "kachin-atlas export-data: nothing to export\n");
        return kExitFailure;
    }

    io::DataExportRequest request;
    request.sources = std::move(sources);
    request.links = doc.links();
    request.format = *format;
    request.path = output;
    request.csvGeometry = csvGeometry;
    std::string when;
    if (ranged) {
        const auto from = Date::parse(parser.value("from").trimmed().toStdString());
        const auto to = Date::parse(parser.value("to").trimmed().toStdString());
        if (!from) return usage("--from: " + from.error().message() + " (expected YYYY-MM-DD)");
        if (!to) return usage("--to: " + to.error().message() + " (expected YYYY-MM-DD)");
        // A partial date covers its whole period: --from 2024-10 --to 2024-12 is Oct–Dec.
        request.when = io::RangeExport{from->first(), to->endExclusive() - 1};
        if (to->endExclusive() - 1 < from->first()) return usage("--to is before --from");
        when = "from " + isoDay(from->first()) + " to " + isoDay(to->endExclusive() - 1);
    } else {
        QString date = parser.value("date");
        if (date.isEmpty() && latestImported) date = QString::fromStdString(isoDay(*latestImported));
        const auto cursor = parseCursor(date, parser.value("window"), doc);
        if (!cursor) return kExitUsage;
        request.when = io::DayExport{*cursor};
        when = "on " + isoDay(cursor->day());
        // Files without dates and no --date: there is no day to speak of.
        if (date.isEmpty() && !doc.dataset()) when = "undated: every feature";
    }

    Diagnostics writing;
    const io::DataExportResult result = io::exportData(request, writing);
    printDiagnostics(writing);
    if (!result.ok) {
        std::fprintf(stderr, "kachin-atlas export-data: %s not written\n", output.c_str());
        return kExitFailure;
    }
    for (const std::string& file : result.files) {
        io::DataExportResult one;
        for (const io::ExportedLayer& l : result.layers)
            if (l.file == file) one.layers.push_back(l);
        std::printf("wrote %s (%s, %s): %s\n", file.c_str(), io::dataFormatName(*format), when.c_str(),
                    exportedLayersSummary(one).c_str());
    }
    return diagnostics.hasErrors() || writing.hasErrors() ? kExitDataErrors : kExitOk;
}

}  // namespace cli
}  // namespace atlas::app
