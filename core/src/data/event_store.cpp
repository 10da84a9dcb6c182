#include "atlas/data/event_store.h"

#include "atlas/data/csv_table.h"
#include "atlas/layer.h"

#include <algorithm>
#include <tuple>

namespace atlas {
namespace {

std::string locationOf(const Layer& layer, std::size_t f, const std::string& id)
{
    std::string out = "feature " + std::to_string(layer.fid(f));
    if (!id.empty()) out += " (" + id + ")";
    return out;
}

// A cell as text ("" when the column is missing or null). Date columns come back as ISO days.
std::string cellText(const Column* c, std::size_t f) { return c ? c->text(f) : std::string(); }

bool truthy(const Column* c, std::size_t f)
{
    if (!c || c->isNull(f)) return false;
    if (const auto n = c->number(f)) return *n != 0;
    const std::string t = c->text(f);
    return t == "true" || t == "TRUE" || t == "True" || t == "yes" || t == "1";
}

}  // namespace

EventStore::EventStore(std::vector<Event> events) : m_events(std::move(events))
{
    std::stable_sort(m_events.begin(), m_events.end(), [](const Event& a, const Event& b) {
        return std::tuple(a.date.first(), a.span.end.value_or(INT32_MAX - 1), a.id)
             < std::tuple(b.date.first(), b.span.end.value_or(INT32_MAX - 1), b.id);
    });
    std::vector<Interval> spans;
    spans.reserve(m_events.size());
    for (uint32_t i = 0; i < m_events.size(); ++i) {
        const Event& e = m_events[i];
        spans.push_back(e.span);
        if (!e.id.empty()) m_byId.emplace(e.id, i);
        for (const std::string& l : e.links) {
            auto& v = m_linked[l];
            if (v.empty() || v.back() != i) v.push_back(i);
        }
        if (!e.placeId.empty()) {
            auto& v = m_linked[e.placeId];
            if (v.empty() || v.back() != i) v.push_back(i);
        }
    }
    m_index = TemporalIndex(spans);
}

EventStore EventStore::fromLayer(const Layer& layer, const EventFields& fields, Diagnostics& diagnostics)
{
    const Column* date = layer.column(fields.date);
    if (!date) {
        diagnostics.error(layer.sourcePath(), "layer " + layer.name(), fields.date,
                          "no such field; events need a date (no event loaded)");
        return {};
    }
    const Column* id = layer.column(fields.id);
    const Column* end = layer.column(fields.dateEnd);
    const Column* approx = layer.column(fields.approx);
    const Column* kind = layer.column(fields.kind);
    const Column* title = layer.column(fields.title);
    const Column* summary = layer.column(fields.summary);
    const Column* actors = layer.column(fields.actors);
    const Column* links = layer.column(fields.links);
    const Column* place = layer.column(fields.placeId);
    const Column* sources = layer.column(fields.sources);
    const Column* confidence = layer.column(fields.confidence);
    const Column* note = layer.column(fields.note);
    const GeometryColumn& geom = layer.geometry();

    std::vector<Event> events;
    events.reserve(layer.featureCount());
    for (std::size_t f = 0; f < layer.featureCount(); ++f) {
        Event e;
        e.id = cellText(id, f);
        const std::string where = locationOf(layer, f, e.id);
        const std::string dateText = cellText(date, f);
        const auto d = Date::parse(dateText);
        if (!d) {
            diagnostics.error(layer.sourcePath(), where, fields.date,
                              dateText.empty() ? std::string("empty; expected YYYY-MM-DD, YYYY-MM or YYYY; event skipped")
                                               : "\"" + dateText + "\": " + d.reason() + "; event skipped");
            continue;
        }
        e.date = *d;
        e.span = e.date.interval();
        const std::string endText = cellText(end, f);
        if (!endText.empty()) {
            const auto de = Date::parse(endText);
            if (!de) {
                diagnostics.error(layer.sourcePath(), where, fields.dateEnd,
                                  "\"" + endText + "\": " + de.reason() + "; event skipped");
                continue;
            }
            if (de->endExclusive() <= e.date.first()) {
                diagnostics.error(layer.sourcePath(), where, fields.dateEnd,
                                  de->iso() + " is before " + fields.date + " " + e.date.iso() + "; event skipped");
                continue;
            }
            e.end = *de;
            e.span.end = std::max(de->endExclusive(), e.date.endExclusive());
        }
        e.approx = truthy(approx, f);
        e.kind = cellText(kind, f);
        e.title = cellText(title, f);
        e.summary = cellText(summary, f);
        e.actors = splitList(cellText(actors, f), fields.listSeparator);
        e.links = splitList(cellText(links, f), fields.listSeparator);
        e.placeId = cellText(place, f);
        e.sources = splitList(cellText(sources, f), fields.listSeparator);
        e.confidence = cellText(confidence, f);
        e.note = cellText(note, f);
        if (!geom.isNull(f)) e.location = geom.firstCoord(f);
        e.row = f;
        events.push_back(std::move(e));
    }
    return EventStore(std::move(events));
}

std::vector<const Event*> EventStore::eventsIn(const Interval& window) const
{
    const std::vector<uint32_t> ids = m_index.query(window);  // ascending = date order
    std::vector<const Event*> out;
    out.reserve(ids.size());
    for (uint32_t i : ids) out.push_back(&m_events[i]);
    return out;
}

const Event* EventStore::next(int32_t day) const
{
    const auto it = std::upper_bound(m_events.begin(), m_events.end(), day,
                                     [](int32_t d, const Event& e) { return d < e.date.first(); });
    return it == m_events.end() ? nullptr : &*it;
}

const Event* EventStore::previous(int32_t day) const
{
    const auto it = std::lower_bound(m_events.begin(), m_events.end(), day,
                                     [](const Event& e, int32_t d) { return e.date.first() < d; });
    return it == m_events.begin() ? nullptr : &*std::prev(it);
}

const Event* EventStore::byId(std::string_view id) const
{
    const auto it = m_byId.find(id);
    return it == m_byId.end() ? nullptr : &m_events[it->second];
}

std::vector<const Event*> EventStore::linkedTo(std::string_view id) const
{
    std::vector<const Event*> out;
    const auto it = m_linked.find(id);
    if (it == m_linked.end()) return out;
    for (uint32_t i : it->second) out.push_back(&m_events[i]);
    return out;
}

std::size_t EventStore::memoryBytes() const
{
    std::size_t bytes = m_events.capacity() * sizeof(Event) + m_index.memoryBytes();
    for (const Event& e : m_events)
        bytes += e.id.capacity() + e.title.capacity() + e.summary.capacity() + e.note.capacity();
    return bytes;
}

}  // namespace atlas
