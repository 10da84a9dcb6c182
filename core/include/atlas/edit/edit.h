#pragma once
// Edits of a dataset as values (DESIGN.md, "Curation"): the window and the command line build
// the same values, a DatasetStore applies them (dataset_store.h), and applying one gives back
// its inverse, so an undo stack keeps (edit, inverse) pairs and never computes anything itself.
//
// Every edit names at least one source id of SOURCES.md and is refused without one. Dates are
// kept as written ("2026-03" keeps its month precision); the validator judges them, so an
// impossible date is refused with the same message as in a file.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace atlas::edit {

using Json = nlohmann::ordered_json;

// A new row of events.geojson. Its id is event:<date>-<slug> (slug from the title unless given).
struct AddEvent {
    std::string date;        // YYYY-MM-DD, YYYY-MM or YYYY
    std::string dateEnd;     // "" = one date
    bool dateApprox = false;
    std::string kind;        // vocab::kEventKinds
    std::string title;
    std::string summary;
    std::vector<std::string> actors;
    std::vector<std::string> links;  // ids that must resolve
    std::string placeId;             // "" = none; its point is the event's point unless lonLat is given
    std::optional<std::pair<double, double>> lonLat;  // lon, lat (EPSG:4326)
    std::string precision;   // how rough the point is ("~2 km")
    std::string confidence = "medium";
    std::vector<std::string> sources;
    std::string note;
    std::string slug;        // "" = from the title
};

// Sets properties of one feature by name (a null value removes the property) and optionally
// its geometry (a GeoJSON geometry object, or null). The edit's sources join the row's sources.
struct UpdateFeature {
    std::string id;
    std::vector<std::pair<std::string, Json>> set;
    std::optional<Json> geometry;
    std::vector<std::string> sources;
    // The row version the change was based on, for a store that keeps versions (the team
    // database; `edit update --expect-version N`). nullopt: the version the store last saw.
    // A folder has no versions and ignores it.
    std::optional<int64_t> expectVersion;
};

// Removes one feature row (any GeoJSON layer). Refused when something still refers to it.
struct DeleteFeature {
    std::string id;
    std::vector<std::string> sources;
    std::optional<int64_t> expectVersion;  // as UpdateFeature::expectVersion
};

// Puts feature rows back verbatim at their positions in their file: the inverse of
// DeleteFeature and RemoveVersion.
struct RestoreFeature {
    std::string layerKey;  // schema::kEvents…
    std::vector<std::pair<std::size_t, std::string>> rows;  // (position among the features, JSON as written), ascending
    std::vector<std::string> sources;
};

// A change of controller (controllers.csv) of a place, mine or crossing from `date` on: the
// span in force on that day is closed on it and a new span opens, lasting until the closed
// span's old end (open when it had none).
struct RecordControl {
    std::string featureId;
    std::string date;
    std::string controller;  // vocab::kControllers
    std::vector<std::string> sources;
    std::string confidence = "medium";
    std::string note;
};

// The same for a crossing's status (crossing_status.csv).
struct RecordStatus {
    std::string featureId;
    std::string date;
    std::string status;  // vocab::kStatuses
    std::string by;      // vocab::kStatusBy
    std::vector<std::string> sources;
    std::string confidence = "medium";
    std::string note;
};

// The inverse of RecordControl / RecordStatus: removes the span of `featureId` starting on
// `from` (as written) and gives the span before it back its old end (`restoreTo`, as written).
struct RetractSpan {
    enum class Table { Controllers, CrossingStatus };
    Table table = Table::Controllers;
    std::string featureId;
    std::string from;
    std::optional<std::string> restoreTo;  // nullopt: no span was closed by the record
    std::vector<std::string> sources;
};

// One feature of a new version: its geometry and, for a control area, its controller.
struct VersionPart {
    Json geometry;           // GeoJSON geometry object
    std::string controller;  // control areas only
};

// A new `as_of` version of a front line (line_id front:…) or control area (area_id area:…).
// Properties not given are taken from the version in force the day before (schematic,
// precision), so a version drawn from the previous one keeps its kind.
struct AddVersion {
    std::string group;  // "front:bhamo", "area:bhamo"
    std::string asOf;
    std::vector<VersionPart> parts;
    std::vector<std::string> sources;
    std::string confidence = "medium";
    std::string description;  // front lines: what changed
    std::string note;
};

// Removes every feature of `group` with this as_of: the inverse of AddVersion.
struct RemoveVersion {
    std::string group;
    std::string asOf;
    std::vector<std::string> sources;
};

// A new row of SOURCES.md, numbered after the highest S-number. SOURCES.md has no grade
// column, so the grade is written after the outlet, "(grade M)".
struct AddSource {
    std::string outlet;
    std::string title;
    std::string date;
    std::string url;
    std::string grade;  // H, M or L (the facts sheet's grades)
    std::string id;     // "" = the next S-number (an inverse puts a removed id back)
};

// Removes a row of SOURCES.md (the inverse of AddSource); refused while a row cites it.
struct RemoveSource {
    std::string id;
};

using Edit = std::variant<AddEvent, UpdateFeature, DeleteFeature, RestoreFeature, RecordControl, RecordStatus,
                          RetractSpan, AddVersion, RemoveVersion, AddSource, RemoveSource>;

// The source ids an edit rests on (empty for AddSource / RemoveSource, which are sources).
const std::vector<std::string>* sourcesOf(const Edit& edit);
// "add event", "record control of mine:pangwa-belt" — for an undo stack's text.
std::string describe(const Edit& edit);

}  // namespace atlas::edit
