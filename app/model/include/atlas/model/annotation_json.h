#pragma once
// Annotations in the project file: one JSON object each, e.g.
//   {"id": 3, "kind": "callout", "points": [[97.23, 24.27], [97.5, 24.45]], "text": "Bhamo",
//    "color": "#282828", "size": 12, "from": "2024-12-04", "to": "2025-06-01"}
// points are [longitude, latitude] in degrees (WGS84); from/to (optional) are the first day
// shown and the first day no longer shown.
#include "atlas/result.h"
#include "atlas/render/layout_annotations.h"

#include <nlohmann/json.hpp>

#include <QString>

#include <optional>

namespace atlas::app {

nlohmann::ordered_json annotationToJson(const render::MapAnnotation& a);
// The annotation, or why the object is unusable (field "points": "expected 2 [longitude,
// latitude] pair(s)"); the caller names the file and the annotation's place in it.
Result<render::MapAnnotation> annotationFromJson(const nlohmann::ordered_json& j);

// Colours as "#rrggbb", or "#aarrggbb" when not opaque.
std::string colorToJson(const QColor& c);
std::optional<QColor> colorFromJson(const nlohmann::ordered_json& j);

}  // namespace atlas::app
