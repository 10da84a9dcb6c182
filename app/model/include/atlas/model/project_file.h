#pragma once
// The project file (.katlas): versioned JSON holding what a person set up — the layers (files
// by paths relative to the project, the bundled dataset and basemap by name) with their
// styles, visibility, order and time mode; the view; the display CRS; the clock; the
// annotations; the export settings.
//
//   {"format": "kachin-atlas-project", "version": 1, "crs": "EPSG:32647",
//    "dataset": "bundled", "layers": [...], "view": {...}, "clock": {...},
//    "annotations": [...], "export": {...}}
//
// Saving is atomic (QSaveFile: a temporary file renamed over the old one), so a failed or
// interrupted save leaves the previous file whole. Reading never changes the file; a damaged
// file or one from a newer version is refused with a message that says so. Members this
// version does not know are kept and written back. Remote sources (http…, /vsicurl/, PG:…)
// are refused: nothing reaches the network unless the person asks for it.
#include "atlas/result.h"
#include "atlas/render/layout_annotations.h"
#include "atlas/render/style.h"
#include "atlas/time/time_cursor.h"
#include "atlas/time/time_mode.h"
#include "atlas/viewport.h"
#include "atlas/model/map_document.h"
#include "atlas/model/export_settings.h"

#include <nlohmann/json.hpp>

#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <vector>

namespace atlas::app {

inline constexpr int kProjectFormatVersion = 1;
inline constexpr const char* kProjectFormatName = "kachin-atlas-project";

struct ProjectLayer {
    enum class Source { Basemap, Dataset, File };
    Source source = Source::File;
    std::string layer;          // basemap layer name, dataset key, or the layer's name in its file
    QString path;               // File: absolute path (written relative to the project's folder)
    bool visible = true;
    render::LayerStyle style;
    std::optional<TimeMode> time;  // File layers given a time mode
    bool operator==(const ProjectLayer&) const;
};

// The view as the window had it: centre and scale in the display CRS, and the canvas size
// (device pixels) that framed it, so an export shows the same area.
struct ProjectView {
    double centerX = 0;
    double centerY = 0;
    double unitsPerPixel = 1;
    int width = 1;
    int height = 1;
    Viewport viewport() const { return {centerX, centerY, unitsPerPixel, width, height}; }
    static ProjectView of(const Viewport& vp) { return {vp.centerX, vp.centerY, vp.unitsPerPixel, vp.width, vp.height}; }
    bool operator==(const ProjectView&) const = default;
};

struct ProjectClock {
    TimeCursor cursor;
    double daysPerSecond = 7;
    bool loop = false;
    bool operator==(const ProjectClock&) const = default;
};

struct Project {
    std::string crs = "EPSG:32647";
    // The Kachin dataset the project uses: the bundled one, one in a folder (absolute path;
    // written relative), or none.
    enum class DatasetRef { None, Bundled, Folder };
    DatasetRef dataset = DatasetRef::Bundled;
    QString datasetPath;
    std::vector<ProjectLayer> layers;  // bottom first
    // The file has no "layers" (written by hand): the basemap and the dataset with their
    // default styles. A saved project always lists its layers.
    bool defaultLayers = false;
    std::optional<ProjectView> view;
    std::optional<ProjectClock> clock;
    std::vector<render::MapAnnotation> annotations;
    ExportSettings exportSettings;
    // The imported trade series: files, the track shown, its links (nullopt: none).
    std::optional<TradeSettings> trade;
    // Layers this session could not open (missing file, refused remote source): kept as
    // written, at their position, so saving loses nothing.
    std::vector<std::pair<std::size_t, nlohmann::ordered_json>> unavailableLayers;
    // Top-level members this version does not know, written back unchanged.
    nlohmann::ordered_json extra = nlohmann::ordered_json::object();
};

// Serialises `project` as it will be written to `projectFile` (paths relative to its folder).
// Deterministic: the same project gives the same bytes.
QByteArray projectToJson(const Project& project, const QString& projectFile);

// The project, with a warning for each part skipped (a bad annotation, an unknown style value:
// "p.katlas: layers[2].style.fill: not a colour, using the default"); or why it was refused
// ("p.katlas:line 3, column 5: the project is damaged…", field "version" for a newer format).
Result<Project> projectFromJson(const QByteArray& bytes, const QString& projectFile);
Result<Project> readProjectFile(const QString& path);
// Atomic write: empty diagnostics, or why it failed ("/x/p.katlas: cannot save: Permission
// denied…"), in which case any previous file at `path` is untouched.
[[nodiscard]] Diagnostics writeProjectFile(const Project& project, const QString& path);

// True for sources that would reach the network: URLs, GDAL's /vsicurl/ and cloud drivers,
// database connection strings.
bool isRemoteSource(const QString& path);

// The layers of `doc` as project layers (dataset and basemap layers by name, files by path).
std::vector<ProjectLayer> projectLayersOf(const MapDocument& doc);

// Makes `doc`'s layer list the project's: loads the basemap, the dataset and files as needed
// (reusing what `doc` already holds), then sets order, styles, visibility and time modes.
// Layers that cannot be opened are reported in `problems` and kept in project.unavailableLayers.
// Load diagnostics (bad rows) go to `diagnostics`.
void applyProjectLayers(MapDocument& doc, Project& project, Diagnostics& diagnostics, QStringList& problems);

// Style and time mode JSON (also used for the layer list).
nlohmann::ordered_json styleToJson(const render::LayerStyle& style);
// A value always; its warnings name the members skipped or brought into range (field "fill").
Result<render::LayerStyle> styleFromJson(const nlohmann::ordered_json& j);
nlohmann::ordered_json timeModeToJson(const TimeMode& mode);
std::optional<TimeMode> timeModeFromJson(const nlohmann::ordered_json& j);
nlohmann::ordered_json exportSettingsToJson(const ExportSettings& s);
Result<ExportSettings> exportSettingsFromJson(const nlohmann::ordered_json& j);
// "instant", "30d", "cumulative"
QString windowToText(const TimeCursor::Window& w);
std::optional<TimeCursor::Window> windowFromText(const QString& text);

}  // namespace atlas::app
