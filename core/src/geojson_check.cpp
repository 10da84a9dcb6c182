#include "geojson_check.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace atlas::detail {
namespace {

using json = nlohmann::json;

// NaN and Infinity are not JSON, but GDAL accepts them; they are turned into this marker (a
// string, so that the JSON parses) and reported as what they were.
constexpr std::string_view kNotFinite = "~atlas:not-finite~";

std::string replaceNonFiniteTokens(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < text.size()) out += text[++i];
            else if (c == '"') inString = false;
            continue;
        }
        if (c == '"') { inString = true; out += c; continue; }
        for (std::string_view token : {"-Infinity", "Infinity", "NaN"}) {
            if (text.substr(i, token.size()) == token) {
                out += '"';
                out += kNotFinite;
                out += '"';
                i += token.size() - 1;
                goto next;
            }
        }
        out += c;
    next:;
    }
    return out;
}

std::string typeName(const json& v)
{
    if (v.is_string()) {
        const std::string s = v.get<std::string>();
        if (s == kNotFinite) return "NaN or Infinity";
        return "the string \"" + (s.size() > 40 ? s.substr(0, 40) + "…" : s) + "\"";
    }
    if (v.is_null()) return "null";
    if (v.is_boolean()) return "a boolean";
    if (v.is_number()) return "the number " + v.dump();
    if (v.is_array()) return "an array";
    return "an object";
}

// Depth of nesting of coordinates each geometry type expects (Point 1: [x, y]).
int coordinateDepth(const std::string& type)
{
    if (type == "Point") return 1;
    if (type == "LineString" || type == "MultiPoint") return 2;
    if (type == "Polygon" || type == "MultiLineString") return 3;
    if (type == "MultiPolygon") return 4;
    return -1;
}

// Empty when `c` is `depth` levels of arrays ending in positions of 2 or 3 finite numbers;
// otherwise what is wrong.
std::string coordinatesProblem(const json& c, int depth)
{
    if (!c.is_array()) return "expected an array, found " + typeName(c);
    if (depth == 1) {
        if (c.size() < 2 || c.size() > 4) return "a position needs 2 or 3 numbers, found " + std::to_string(c.size());
        for (const json& n : c) {
            if (n.is_string() && n.get<std::string>() == kNotFinite) return "a coordinate is NaN or Infinity";
            if (!n.is_number()) return "a coordinate must be a number, found " + typeName(n);
        }
        return {};
    }
    for (const json& child : c) {
        std::string why = coordinatesProblem(child, depth - 1);
        if (!why.empty()) return why;
    }
    return {};
}

std::string geometryProblem(const json& g)
{
    if (g.is_null()) return {};
    if (!g.is_object()) return "expected a GeoJSON geometry object or null, found " + typeName(g);
    const auto type = g.find("type");
    if (type == g.end() || !type->is_string())
        return "\"type\" must be one of Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon, "
               "GeometryCollection; found " + (type == g.end() ? std::string("none") : typeName(*type));
    const std::string t = type->get<std::string>();
    if (t == "GeometryCollection") {
        const auto parts = g.find("geometries");
        if (parts == g.end() || !parts->is_array()) return "a GeometryCollection needs a \"geometries\" array";
        for (const json& part : *parts) {
            std::string why = geometryProblem(part);
            if (!why.empty()) return why;
        }
        return {};
    }
    const int depth = coordinateDepth(t);
    if (depth < 0)
        return "\"type\" must be one of Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon, "
               "GeometryCollection; found \"" + t + "\"";
    const auto coords = g.find("coordinates");
    if (coords == g.end()) return "a " + t + " needs \"coordinates\"";
    std::string why = coordinatesProblem(*coords, depth);
    return why.empty() ? why : "coordinates of a " + t + ": " + why;
}

bool alreadyReported(const Diagnostics& d, const std::string& path, const std::string& location, const std::string& field)
{
    for (const Diagnostic& item : d.items())
        if (item.file == path && item.location == location && item.field == field) return true;
    return false;
}

}  // namespace

void checkGeoJsonStructure(std::string_view text, const std::string& path, Diagnostics& diagnostics)
{
    const json root = json::parse(replaceNonFiniteTokens(text), nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded() || !root.is_object()) return;
    const auto features = root.find("features");
    if (features == root.end() || !features->is_array()) return;
    std::size_t index = 0;
    for (const json& f : *features) {
        // OGR numbers a feature by its integer "id" when it has one, else by its position.
        const auto id = f.is_object() ? f.find("id") : f.end();
        const std::size_t number = f.is_object() && id != f.end() && id->is_number_integer() ? id->get<std::size_t>() : index;
        ++index;
        const std::string location = "feature " + std::to_string(number);
        auto report = [&](const std::string& field, const std::string& message) {
            if (!alreadyReported(diagnostics, path, location, field)) diagnostics.warning(path, location, field, message);
        };
        if (!f.is_object()) {
            report("", "expected a GeoJSON Feature object, found " + typeName(f) + "; skipped");
            continue;
        }
        if (const auto g = f.find("geometry"); g != f.end()) {
            const std::string why = geometryProblem(*g);
            if (!why.empty()) report("geometry", why + "; loaded without a geometry");
        }
        if (const auto p = f.find("properties"); p != f.end() && !p->is_object() && !p->is_null())
            report("properties", "expected an object of attributes, found " + typeName(*p) + "; loaded without attributes");
    }
}

void checkGeoJsonFile(const std::string& path, Diagnostics& diagnostics, std::size_t maxBytes)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec || size > maxBytes) return;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    checkGeoJsonStructure(text.str(), path, diagnostics);
}

}  // namespace atlas::detail
