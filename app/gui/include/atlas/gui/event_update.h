#pragma once
// Edit Event… (issue 15): the row of events.geojson as written, and the UpdateFeature that turns
// it into what the form now says. Only the properties that differ are set, so the row's other
// cells (and its key order) stay as they were and `git diff` shows exactly the correction.
#include "atlas/edit/edit.h"
#include "atlas/result.h"

#include <optional>
#include <string>

namespace atlas::app {

// The feature of `eventId` in `dir`/events.geojson as written ({"type":"Feature",…}).
Result<edit::Json> eventRow(const std::string& dir, const std::string& eventId);

// The row as the form shows it: its cells as written (lists split, the point as lon/lat, the
// precision in its own words), so Edit Event… and a recovered draft fill the form the same way.
edit::AddEvent eventFromRow(const edit::Json& feature);

// The UpdateFeature from the row `feature` to the event the form describes (`form`, built as
// for Add Event). Links and sources are compared as sets (the pickers list them in their own
// order); a source the row had and the form no longer ticks is removed. The edit's sources are
// the form's. nullopt when nothing differs.
std::optional<edit::UpdateFeature> eventUpdate(const edit::Json& feature, const edit::AddEvent& form);

}  // namespace atlas::app
