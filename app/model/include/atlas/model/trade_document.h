#pragma once
// The trade series a person imported (File → Import Trade Series…): the files, which track is
// shown and how, whether pages carry its chart, and the mapping of commodity codes to the
// crossings and mining areas they flow through. The settings are what the project saves; the
// series is read from the files again when a project opens.
#include "atlas/analysis/trade_links.h"
#include "atlas/data/trade_series.h"
#include "atlas/diagnostics.h"
#include "atlas/result.h"
#include "atlas/render/trade_chart.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <string>

namespace atlas::app {

struct TradeSettings {
    QStringList files;            // absolute paths, in reading order (later files revise earlier)
    std::string hsCode;           // the track shown; "" for the first
    TradeMetric metric = TradeMetric::Tonnes;
    render::TradeChartStyle style = render::TradeChartStyle::Bars;
    bool onPages = true;          // page exports and animations draw the chart under the map
    TradeLinkMap links;
    bool operator==(const TradeSettings&) const = default;
};

struct TradeDocument {
    TradeSettings settings;
    std::shared_ptr<const TradeSeries> series;  // null until files are read

    bool empty() const { return !series || series->empty(); }
    // The track shown: the first of settings.hsCode, else the first track.
    const TradeTrack* track() const;
    // The chart of the shown track for `day`, with the published observations of `exports`
    // beside it; nullopt when there is no track.
    std::optional<render::TradeChart> chart(std::optional<int32_t> day, const ExportSeries* exports) const;
};

// Reads `settings.files` (bad rows to `diagnostics`).
TradeDocument loadTradeDocument(TradeSettings settings, Diagnostics& diagnostics);

// {"files": ["trade/cn.csv"], "track": "2846", "metric": "tonnes", "style": "bars",
//  "onPages": true, "links": {"2846": ["crossing:kanpaikti", "mine:pangwa-belt"]}}
// Files relative to `dir` (the project's folder).
nlohmann::ordered_json tradeSettingsToJson(const TradeSettings& s, const QDir& dir);
Result<TradeSettings> tradeSettingsFromJson(const nlohmann::ordered_json& j, const QDir& dir);

}  // namespace atlas::app
