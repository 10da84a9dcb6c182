#include "atlas/model/trade_document.h"
#include "member_warnings.h"

#include "atlas/io/trade_import.h"

namespace atlas::app {

using json = nlohmann::ordered_json;

const TradeTrack* TradeDocument::track() const
{
    if (!series || series->empty()) return nullptr;
    if (!settings.hsCode.empty())
        for (const TradeTrack& t : series->tracks())
            if (t.hsCode() == settings.hsCode) return &t;
    return &series->tracks().front();
}

std::optional<render::TradeChart> TradeDocument::chart(std::optional<int32_t> day, const ExportSeries* exports) const
{
    const TradeTrack* t = track();
    if (!t) return std::nullopt;
    render::TradeChart c;
    c.series = series;
    c.track = t;
    c.metric = settings.metric;
    c.style = settings.style;
    c.day = day;
    if (exports) c.published = render::publishedMarksFor(*exports, *t, settings.metric);
    return c;
}

TradeDocument loadTradeDocument(TradeSettings settings, Diagnostics& diagnostics)
{
    TradeDocument doc;
    std::vector<std::string> paths;
    for (const QString& f : settings.files) paths.push_back(f.toStdString());
    doc.series = std::make_shared<const TradeSeries>(io::importTradeSeries(paths, diagnostics));
    doc.settings = std::move(settings);
    return doc;
}

json tradeSettingsToJson(const TradeSettings& s, const QDir& dir)
{
    json j;
    auto files = json::array();
    for (const QString& f : s.files) files.push_back(dir.relativeFilePath(f).toStdString());
    j["files"] = std::move(files);
    j["track"] = s.hsCode;
    j["metric"] = tradeMetricName(s.metric);
    j["style"] = s.style == render::TradeChartStyle::Line ? "line" : "bars";
    j["onPages"] = s.onPages;
    json links = json::object();
    for (const auto& [hs, ids] : s.links.entries()) links[hs] = ids;
    j["links"] = std::move(links);
    return j;
}

namespace {
TradeSettings readTradeSettings(const json& j, const QDir& dir, QStringList& warnings)
{
    TradeSettings s;
    if (!j.is_object()) {
        warnings << "trade: expected an object; no trade series";
        return s;
    }
    if (j.contains("files") && j["files"].is_array()) {
        for (const json& f : j["files"]) {
            if (f.is_string()) s.files << QDir::cleanPath(dir.absoluteFilePath(QString::fromStdString(f.get<std::string>())));
            else warnings << "trade.files: expected file paths";
        }
    }
    if (j.contains("track") && j["track"].is_string()) s.hsCode = j["track"].get<std::string>();
    if (j.contains("metric")) {
        const std::string m = j["metric"].is_string() ? j["metric"].get<std::string>() : "";
        if (m == "usd") s.metric = TradeMetric::Usd;
        else if (m != "tonnes") warnings << "trade.metric: expected tonnes or usd; tonnes used";
    }
    if (j.contains("style")) {
        const std::string st = j["style"].is_string() ? j["style"].get<std::string>() : "";
        if (st == "line") s.style = render::TradeChartStyle::Line;
        else if (st != "bars") warnings << "trade.style: expected bars or line; bars used";
    }
    if (j.contains("onPages") && j["onPages"].is_boolean()) s.onPages = j["onPages"].get<bool>();
    if (j.contains("links") && j["links"].is_object()) {
        for (const auto& item : j["links"].items()) {
            std::vector<std::string> ids;
            if (item.value().is_array())
                for (const json& id : item.value())
                    if (id.is_string()) ids.push_back(id.get<std::string>());
            if (ids.empty()) warnings << QString("trade.links.%1: expected a list of feature ids")
                                             .arg(QString::fromStdString(item.key()));
            s.links.set(item.key(), std::move(ids));
        }
    }
    return s;
}
}  // namespace

Result<TradeSettings> tradeSettingsFromJson(const json& j, const QDir& dir)
{
    QStringList warnings;
    TradeSettings s = readTradeSettings(j, dir, warnings);
    return Result<TradeSettings>(std::move(s), detail::memberWarnings(warnings));
}

}  // namespace atlas::app
