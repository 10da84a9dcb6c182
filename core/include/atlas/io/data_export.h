#pragma once
// Data exports: the map's layers as they stand on a day, or over a span of days, written for
// other tools — GeoPackage (one table per layer, plus the `layer_styles` table QGIS reads),
// GeoJSON (RFC 7946), CSV (lon/lat columns or WKT), KML and KMZ (each feature's TimeSpan or
// TimeStamp, so Google Earth's time slider replays them, and a shared <Style> per category).
// Everything goes through GDAL/OGR (drivers GPKG, GeoJSON, CSV, LIBKML) and is written in
// EPSG:4326, longitude first, coordinates rounded to 7 decimals (~1 cm).
//
// What a feature carries besides its own attributes:
//  * `controller` — places, mines and crossings of the dataset (LinkIndex::controllerAt: own
//    history first, then the control layer); control areas keep their own `controller` column;
//  * `status` — crossings (open / restricted / closed);
//  * `valid_from`, `valid_to` — its time, half-open as everywhere in Kachin Atlas: valid_to is
//    the first day it no longer holds (an event on 2024-12-04 has valid_to 2024-12-05); empty
//    for an open side. Features without time (static layers, features of no known state) have
//    neither. In KML these become <TimeSpan><begin>valid_from</begin><end>valid_to</end>: dates
//    are midnight instants there, so the span is exactly [valid_from, valid_to). A single-day
//    event gets <TimeStamp><when>day</when> instead.
//
// Two ways to choose what is written:
//  * DayExport — what the map shows on the cursor's day: states (interval and snapshot layers,
//    controllers, statuses) on that day, events whose own span overlaps the cursor's window
//    (the faded remnants of older events are not exported), static layers whole. A state-carrying
//    feature's valid_from/valid_to is the span its controller (and status) hold around that day.
//  * RangeExport — everything overlapping [first, last] with its own interval; a feature whose
//    controller or status changes is split into one feature per state (valid_from/valid_to of
//    each state, not clipped to the range), so a KML replay recolours mines and crossings as
//    they change hands.
#include "atlas/analysis/links.h"
#include "atlas/diagnostics.h"
#include "atlas/io/event_import.h"
#include "atlas/io/export_style.h"
#include "atlas/layer.h"
#include "atlas/time/time_cursor.h"
#include "atlas/time/time_mode.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace atlas::io {

enum class DataFormat { GeoPackage, GeoJson, Csv, Kml, Kmz };

// "gpkg"/"geopackage", "geojson"/"json", "csv", "kml", "kmz" (any case)
std::optional<DataFormat> parseDataFormat(std::string_view name);
// From a file name's extension (.gpkg, .geojson, .json, .csv, .kml, .kmz).
std::optional<DataFormat> dataFormatOfPath(std::string_view path);
// "gpkg", "geojson", "csv", "kml", "kmz"
const char* dataFormatName(DataFormat format);
// ".gpkg", ".geojson", ".csv", ".kml", ".kmz"
const char* dataFormatExtension(DataFormat format);

inline constexpr const char* kControllerField = "controller";
inline constexpr const char* kStatusField = "status";
inline constexpr const char* kValidFromField = "valid_from";
inline constexpr const char* kValidToField = "valid_to";

struct ExportSource {
    std::string name;                           // output layer name (made unique in the output)
    LayerPtr layer;                             // any CRS (layer->crs()); written in EPSG:4326
    std::shared_ptr<const FeatureTimes> times;  // row for row; null = not on the timeline
    std::string datasetKey;                     // a layer of the request's dataset ("mines"…), or ""
    ExportStyle style;                          // categoryField names an exported attribute
};

struct DayExport {
    TimeCursor cursor;
};
struct RangeExport {
    int32_t first = 0;  // days, both included
    int32_t last = 0;
};
using ExportWhen = std::variant<DayExport, RangeExport>;

enum class CsvGeometry {
    Auto,    // lon/lat columns for point layers, WKT otherwise
    LonLat,  // lon/lat columns (point layers; others fall back to WKT, with a warning)
    Wkt,     // a WKT column
};

struct DataExportRequest {
    std::vector<ExportSource> sources;
    const LinkIndex* links = nullptr;  // controllers and statuses (may be null; must outlive the call)
    ExportWhen when = DayExport{};
    DataFormat format = DataFormat::GeoPackage;
    // The file to write. GeoJSON and CSV hold one layer a file: with several layers, each goes
    // to "<stem>_<layer><ext>" beside it.
    std::string path;
    CsvGeometry csvGeometry = CsvGeometry::Auto;
    std::string title = "Kachin Atlas";  // KML document name
};

// The features chosen for one layer (before writing); exposed for tests and previews.
struct ExportRow {
    uint32_t row = 0;             // row in the source layer
    std::optional<Interval> span; // its time; nullopt = not on the timeline
    std::string controller;       // "" = not known (or not a state-carrying layer)
    std::string status;
};

struct ExportTable {
    std::string name;                   // unique in the output
    const ExportSource* source = nullptr;
    std::vector<ExportRow> rows;        // by source row, then time
    bool hasController = false;         // adds the `controller` column
    bool hasStatus = false;             // adds the `status` column
    bool timed = false;                 // adds valid_from / valid_to
    // GeoPackage only: a layer mixing points and areas is written as one table per kind
    // ("mines_points", "mines_polygons"), each with its style; None = every kind.
    GeometryKind geometryKind = GeometryKind::None;
};

std::vector<ExportTable> selectExportRows(const DataExportRequest& request);

struct ExportedLayer {
    std::string name;
    std::string file;
    std::size_t features = 0;
};

struct DataExportResult {
    bool ok = false;                     // every file was written
    std::vector<ExportedLayer> layers;
    std::vector<std::string> files;      // in the order written
};

// The layers of a dataset as sources, in drawing order: name and datasetKey = the layer key,
// times shared with the dataset (null for static layers), style empty (the app fills it in).
std::vector<ExportSource> datasetExportSources(const std::shared_ptr<const Dataset>& dataset);
// An imported ACLED / UCDP layer as a source (named by its key, "acled" / "ucdp").
ExportSource eventImportSource(const EventImport& import);

// Writes atomically: each file goes to a temporary name in its directory and is renamed into
// place when complete, so a failed export never leaves a half-written file (nor touches an
// existing one). Problems (unwritable directory, a driver error) are diagnostics.
DataExportResult exportData(const DataExportRequest& request, Diagnostics& diagnostics);

// The OGR geometry type an exported layer gets for these kinds: Point/LineString/Polygon,
// their Multi forms when any feature has several parts, Unknown for a mix. (For tests.)
std::string exportGeometryTypeName(const Layer& layer);

}  // namespace atlas::io
