#include "atlas/cli/cli_support.h"
#include "atlas/cli/reporter.h"

#include "atlas/osm_source.h"
#include "atlas/raster_source.h"
#include "atlas/time/date.h"
#include "atlas/model/data_paths.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>

#include <cstdio>

namespace atlas::app::cli {

std::optional<QSize> parseSize(const QString& text)
{
    static const QRegularExpression re(R"(^\s*(\d{1,5})\s*[xX×]\s*(\d{1,5})\s*$)");
    const auto m = re.match(text);
    if (!m.hasMatch()) return std::nullopt;
    const int w = m.captured(1).toInt(), h = m.captured(2).toInt();
    if (w < 16 || h < 16 || w > 20000 || h > 20000) return std::nullopt;
    return QSize(w, h);
}

std::optional<Box> parseLonLatExtent(const QString& text)
{
    const QStringList parts = text.split(',');
    if (parts.size() != 4) return std::nullopt;
    double v[4];
    for (int i = 0; i < 4; ++i) {
        bool ok = false;
        v[i] = parts[i].trimmed().toDouble(&ok);
        if (!ok) return std::nullopt;
    }
    if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90 || v[0] >= v[2] || v[1] >= v[3]) return std::nullopt;
    return Box::of(v[0], v[1], v[2], v[3]);
}

std::optional<TimeCursor> parseCursor(const QString& date, const QString& window, const MapDocument& doc,
                                      const Reporter& report)
{
    TimeCursor cursor;
    const QString w = window.trimmed().toLower();
    static const QRegularExpression days(R"(^(\d{1,4})\s*d(ays?)?$)");
    if (w.isEmpty() || w == "30d") cursor.setWindowKind(DaysWindow{30});
    else if (w == "instant" || w == "day") cursor.setWindowKind(InstantWindow{});
    else if (w == "cumulative" || w == "all") cursor.setWindowKind(CumulativeWindow{});
    else if (const auto m = days.match(w); m.hasMatch() && m.captured(1).toInt() >= 1)
        cursor.setWindowKind(DaysWindow{m.captured(1).toInt()});
    else {
        report.say(QString("--window: expected instant, 7d, 30d, Nd or cumulative, got \"%1\"").arg(window));
        return std::nullopt;
    }
    if (date.trimmed().isEmpty()) {
        const auto range = doc.timeRange();
        cursor.setDay(range ? range->second - 30 : 0);
        return cursor;
    }
    const std::string typed = date.trimmed().toStdString();
    const auto parsed = Date::parse(typed);
    if (!parsed) {
        report.say(QString("--date: %1 (expected YYYY-MM-DD)").arg(QString::fromStdString(typed + ": " + parsed.reason())));
        return std::nullopt;
    }
    cursor.setDay(parsed->first());
    return cursor;
}

void printCommandHelp(const QCommandLineParser& parser, const Reporter& report)
{
    QString text = parser.helpText();
    const int eol = text.indexOf('\n');
    const QString usage = text.left(eol);
    const int options = usage.indexOf(" [options]");
    text.replace(0, options < 0 ? eol : options, QString("Usage: kachin-atlas %1").arg(report.command()));
    std::printf("%s", qPrintable(text));
}

MapDocument loadMap(const QStringList& files, const std::string& crs, const LoadPolicy& policy,
                    Diagnostics& diagnostics, const QString& datasetDir)
{
    MapDocument doc(crs);
    doc.setLoadPolicy(policy);
    const DataPaths paths = DataPaths::locate();
    if (paths.basemapFile.isEmpty())
        diagnostics.warning("kachin-basemap.gpkg", "", "", "no basemap found (build it with `make`; see README)");
    else
        doc.loadBasemap(paths.basemapFile, diagnostics);
    // Rasters (imagery, elevation) and OpenStreetMap extracts are local detail under the data,
    // not data: with only those given, the bundled layers are still drawn over them.
    QStringList vectors;
    for (const QString& f : files)
        if (!RasterSource::isRaster(f.toStdString()) && !osm::isOsmPath(f.toStdString())) vectors << f;
    if (!files.isEmpty()) doc.loadFiles(files, diagnostics);
    if (!vectors.isEmpty()) {
        // The person's own layers replace the bundled ones.
    } else if (!datasetDir.isEmpty()) {
        doc.loadBundled(datasetDir, diagnostics);
    } else if (paths.geodataDir.isEmpty()) {
        diagnostics.warning("geodata", "", "", "bundled Kachin data not found (set KACHIN_ATLAS_DATA)");
    } else {
        doc.loadBundled(paths.geodataDir, diagnostics);
    }
    return doc;
}

void addDatasetOption(QCommandLineParser& parser)
{
    parser.addOption({"dataset", "A dataset directory with the geodata/ schema (default: the bundled data).", "dir"});
}

QStringList datasetArguments(const QCommandLineParser& parser, const QStringList& positional)
{
    if (parser.isSet("dataset")) return QStringList{parser.value("dataset")} + positional;
    return positional;
}

}  // namespace atlas::app::cli
