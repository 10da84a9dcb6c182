#pragma once
// What `export` and `animate` share: their publishing options, and turning them (with an
// optional --project) into a document, an extent, a clock, export settings and annotations.
#include "atlas/diagnostics.h"
#include "atlas/model/map_document.h"
#include "atlas/publishing/project_export.h"

#include <QCommandLineParser>

#include <optional>

namespace atlas::app::cli {

class Reporter;

struct PublishContext {
    MapDocument doc;
    Box extent;                 // display CRS
    TimeCursor cursor;
    ExportSettings settings;
    std::vector<render::MapAnnotation> annotations;
    Diagnostics diagnostics;
};

// --project, --view, --extent, --crs, --date, --window, --size, --dpi, --paper, --orientation,
// --title, --subtitle, --layout, FILE…; `animate` adds its own (--from, --to, --step…) and
// takes no --format (frames are PNG); `export-web` takes no page options (size, dpi, paper,
// orientation, format, layout) and no --date of its own besides the day the page opens on.
enum class PublishKind { Page, Animation, WebMap };
void addPublishOptions(QCommandLineParser& parser, PublishKind kind);

// Reads the options (and the project); prints what is wrong and sets `exitCode` on failure.
// `output` (the -o value) picks the format when --format is not given.
std::optional<PublishContext> preparePublish(const QCommandLineParser& parser, const Reporter& report,
                                             const QString& output, const LoadPolicy& policy,
                                             int& exitCode);

}  // namespace atlas::app::cli
