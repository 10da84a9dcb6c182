#include "atlas/model/event_layers.h"

#include "atlas/render/default_styles.h"

#include <QFileInfo>
#include <QObject>

#include <memory>
#include <unordered_set>

namespace atlas::app {
namespace {

// The column io::importEventFile keeps each format's event id in.
const char* idField(io::EventFormat format)
{
    return format == io::EventFormat::Acled ? "event_id_cnty" : "id";
}

std::unordered_set<std::string> idsOf(const Layer& layer, io::EventFormat format)
{
    std::unordered_set<std::string> ids;
    if (const Column* c = layer.column(idField(format)))
        for (std::size_t f = 0; f < layer.featureCount(); ++f)
            if (!c->isNull(f)) ids.insert(c->text(f));
    return ids;
}

QString fileName(const std::string& path)
{
    return QFileInfo(QString::fromStdString(path)).fileName();
}

}  // namespace

bool isEventFile(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != "csv" && suffix != "tsv" && suffix != "txt") return false;
    return io::detectEventFormat(path.toStdString()).has_value();
}

LayerEntry eventLayerEntry(const io::EventImport& import, const QString& title)
{
    LayerEntry e;
    e.layer = import.layer.layer;
    e.style = render::importedEventStyle(*e.layer, title);
    auto time = std::make_shared<LayerTime>();
    time->mode = import.layer.mode;
    time->times = import.layer.times;
    time->index = import.layer.temporal;
    e.time = std::move(time);
    return e;
}

std::optional<io::EventFormat> eventFormatOf(const Layer& layer)
{
    if (!layer.column(io::kDateFromField) || !layer.column(io::kHaloField)) return std::nullopt;
    for (io::EventFormat f : {io::EventFormat::Acled, io::EventFormat::UcdpGed})
        if (layer.name() == io::eventFormatKey(f) && layer.column(idField(f))) return f;
    return std::nullopt;
}

LayerPtr replacedBy(const std::vector<LayerPtr>& open, const io::EventImport& newer)
{
    if (!newer.ok()) return nullptr;
    const std::unordered_set<std::string> ids = idsOf(*newer.layer.layer, newer.format);
    for (auto it = open.rbegin(); it != open.rend(); ++it) {
        const LayerPtr& layer = *it;
        if (!layer || layer == newer.layer.layer || eventFormatOf(*layer) != newer.format) continue;
        const Column* c = layer->column(idField(newer.format));
        for (std::size_t f = 0; c && f < layer->featureCount(); ++f)
            if (!c->isNull(f) && ids.count(c->text(f))) return layer;
    }
    return nullptr;
}

EventReimport compareWithOpen(const LayerPtr& replaced, const io::EventImport& newer, Diagnostics& diagnostics)
{
    EventReimport out;
    out.replaced = replaced;
    const std::string& older = replaced->sourcePath();
    const QFileInfo oldInfo(QString::fromStdString(older)), newInfo(QString::fromStdString(newer.path));
    if (oldInfo.exists() && oldInfo.canonicalFilePath() != newInfo.canonicalFilePath()) {
        Diagnostics comparison;
        if (auto report = io::compareEventExports(older, newer.path, comparison)) {
            // Row problems of both files are already in the import's diagnostics (the newer
            // one's) or were reported when the older was opened.
            out.report = std::move(*report);
            return out;
        }
        diagnostics.append(comparison);
    }
    // The older file is not there to read: compare what both layers hold, by id.
    out.itemised = false;
    io::ReimportReport& r = out.report;
    r.format = newer.format;
    r.oldPath = older;
    r.newPath = newer.path;
    const auto oldIds = idsOf(*replaced, newer.format), newIds = idsOf(*newer.layer.layer, newer.format);
    r.oldCount = oldIds.size();
    r.newCount = newIds.size();
    const auto refs = [&](const Layer& from, const std::unordered_set<std::string>& notIn, std::vector<io::EventRef>& to) {
        const Column* c = from.column(idField(newer.format));
        for (std::size_t f = 0; c && f < from.featureCount(); ++f)
            if (!c->isNull(f) && !notIn.count(c->text(f))) to.push_back({c->text(f), static_cast<int>(from.fid(f)), {}, {}});
    };
    refs(*newer.layer.layer, oldIds, r.added);
    refs(*replaced, newIds, r.deleted);
    return out;
}

QString reimportSummary(const EventReimport& reimport)
{
    const io::ReimportReport& r = reimport.report;
    QString s = QObject::tr("%1 %2 replaces %3: %4 added, ")
                    .arg(QString::fromUtf8(io::eventFormatName(r.format)), fileName(r.newPath), fileName(r.oldPath))
                    .arg(r.added.size());
    if (reimport.itemised)
        s += QObject::tr("%1 changed, %2 deleted, %3 unchanged").arg(r.changed.size()).arg(r.deleted.size()).arg(r.unchanged);
    else
        s += QObject::tr("%1 deleted (changes not compared: the older file is no longer on disk)").arg(r.deleted.size());
    return s;
}

}  // namespace atlas::app
