#pragma once
// Typed events, sorted by date, with a temporal index: which events fall in a window, the next
// and previous event from a day, events by id and by the ids they concern. Built from any
// Layer with a date field — the bundled events.geojson, or a user's ACLED export (map its
// column names with EventFields).
#include "atlas/data/string_map.h"
#include "atlas/diagnostics.h"
#include "atlas/geometry_column.h"
#include "atlas/time/date.h"
#include "atlas/time/interval.h"
#include "atlas/time/temporal_index.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace atlas {

class Layer;

struct Event {
    std::string id;
    Date date;                  // first (or only) day, with its precision ("2024-10" = the month)
    std::optional<Date> end;    // date_end as written: the inclusive last day / period
    Interval span;              // [date.first(), (end ? end : date).endExclusive())
    bool approx = false;        // the source says ~ / mid- / early / late
    std::string kind;
    std::string title;
    std::string summary;
    std::vector<std::string> actors;
    std::vector<std::string> links;  // ids the event concerns (features, exports, events, area_id / line_id)
    std::string placeId;
    std::optional<Coord> location;   // in the layer's CRS; nullopt for events without a point
    std::vector<std::string> sources;
    std::string confidence;
    std::string note;
    std::size_t row = 0;             // row in the layer it was built from
};

// Column names to read; a name the layer lacks leaves that attribute empty (only the date
// field is required). The defaults are the bundled events.geojson schema; for ACLED e.g.
// {.id = "event_id_cnty", .date = "event_date", .kind = "event_type", .summary = "notes", …}.
struct EventFields {
    std::string id = "id";
    std::string date = "date";
    std::string dateEnd = "date_end";
    std::string approx = "date_approx";
    std::string kind = "kind";
    std::string title = "title";
    std::string summary = "summary";
    std::string actors = "actors";
    std::string links = "links";
    std::string placeId = "place_id";
    std::string sources = "sources";
    std::string confidence = "confidence";
    std::string note = "note";
    char listSeparator = ';';
};

class EventStore {
public:
    EventStore() = default;
    // Events in any order; they are sorted by (first day, last day, id).
    explicit EventStore(std::vector<Event> events);
    // Reads every feature of `layer`. A row whose date is missing or unreadable, or whose end
    // is before its date, is reported ("file:feature N (id): field: message") and skipped.
    static EventStore fromLayer(const Layer& layer, const EventFields& fields, Diagnostics& diagnostics);

    const std::vector<Event>& all() const { return m_events; }
    std::size_t size() const { return m_events.size(); }

    // Events whose span overlaps `window`, in date order. A "2024-10" event is in any window
    // touching October.
    std::vector<const Event*> eventsIn(const Interval& window) const;
    // The first event starting after `day` / the last one starting before it (by first day).
    const Event* next(int32_t day) const;
    const Event* previous(int32_t day) const;
    const Event* byId(std::string_view id) const;
    // Events listing `id` in their links or as their place_id, in date order.
    std::vector<const Event*> linkedTo(std::string_view id) const;

    std::size_t memoryBytes() const;

private:
    std::vector<Event> m_events;
    TemporalIndex m_index;
    StringMap<uint32_t> m_byId;
    StringMap<std::vector<uint32_t>> m_linked;
};

}  // namespace atlas
