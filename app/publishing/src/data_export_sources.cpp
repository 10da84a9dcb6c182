#include "atlas/publishing/data_export_sources.h"

#include "atlas/data/dataset.h"
#include "atlas/render/palette.h"

#include <filesystem>

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
        } else if (e.time) {  // a user layer with its own time (an ACLED / UCDP import, a dated layer)
            s.times = std::shared_ptr<const FeatureTimes>(e.time, &e.time->times);
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

std::string seriesTablePathBeside(const std::string& output)
{
    const std::filesystem::path out(output);
    return (out.parent_path() / (out.stem().string() + "_series.csv")).string();
}

SeriesTableExport exportSeriesTable(const TradeSeries& series, const io::DataExportRequest& request,
                                    Diagnostics& diagnostics)
{
    std::optional<MonthKey> from, to;
    if (const auto* range = std::get_if<io::RangeExport>(&request.when)) {
        from = MonthKey::ofDay(range->first);
        to = MonthKey::ofDay(range->last);
    }
    SeriesTableExport out;
    out.path = seriesTablePathBeside(request.path);
    const std::string csv = io::tradeSeriesCsv(series, from, to, &out.stats);
    out.ok = io::writeTradeSeriesCsv(csv, out.path, diagnostics);
    return out;
}

}  // namespace atlas::app
