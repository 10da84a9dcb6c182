#pragma once
// Small pieces every subcommand shares: parsing sizes and extents, the clock,
// and loading the map (bundled data or the user's files, basemap underneath).
#include "atlas/box.h"
#include "atlas/diagnostics.h"
#include "atlas/time/time_cursor.h"
#include "atlas/model/map_document.h"

#include <QCommandLineParser>
#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

namespace atlas::app::cli {

class Reporter;

std::optional<QSize> parseSize(const QString& text);
// "lon0,lat0,lon1,lat1" in degrees.
std::optional<Box> parseLonLatExtent(const QString& text);

// Prints a subcommand's --help with "Usage: kachin-atlas NAME" (Qt would print argv[0]).
void printCommandHelp(const QCommandLineParser& parser, const Reporter& report);

// The clock for a command: --date (YYYY-MM-DD, YYYY-MM, YYYY) and --window (instant, 7d, 30d,
// Nd, cumulative). An empty date means the document's latest dated item. Prints the error and
// returns nullopt on bad input.
std::optional<TimeCursor> parseCursor(const QString& date, const QString& window, const MapDocument& doc,
                                      const Reporter& report);

// --dataset DIR: the dataset folder (geodata/ schema) a command reads or edits.
void addDatasetOption(QCommandLineParser& parser);
// The folder of --dataset if set, else `positional` (a command's PATH arguments).
QStringList datasetArguments(const QCommandLineParser& parser, const QStringList& positional = {});

// Loads the basemap, then `files` if any, else the dataset folder `datasetDir` (--dataset) or
// the bundled Kachin layers.
// Diagnostics collect unreadable files; a missing basemap is reported as a warning.
MapDocument loadMap(const QStringList& files, const std::string& crs, const LoadPolicy& policy,
                    Diagnostics& diagnostics, const QString& datasetDir = {});

}  // namespace atlas::app::cli
