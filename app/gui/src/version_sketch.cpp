#include "atlas/gui/version_sketch.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace atlas::app {
namespace {

using edit::Json;

std::vector<Coord> pointsOf(const Json& coords, bool closed)
{
    std::vector<Coord> out;
    for (const Json& c : coords)
        if (c.is_array() && c.size() >= 2) out.push_back({c[0].get<double>(), c[1].get<double>()});
    if (closed && out.size() > 1 && out.front().x == out.back().x && out.front().y == out.back().y) out.pop_back();
    return out;
}

Json coordsOf(const std::vector<Coord>& points, bool closed)
{
    Json out = Json::array();
    for (const Coord& c : points) out.push_back(Json::array({c.x, c.y}));
    if (closed && !points.empty()) out.push_back(Json::array({points.front().x, points.front().y}));
    return out;
}

Json& at(Json& coords, const std::vector<std::size_t>& where)
{
    Json* j = &coords;
    for (std::size_t i : where) j = &(*j)[i];
    return *j;
}

}  // namespace

Coord roundLonLat(Coord c) { return {std::round(c.x * 1e6) / 1e6, std::round(c.y * 1e6) / 1e6}; }

VersionSketch::VersionSketch(edit::AddVersion start) : m_start(std::move(start))
{
    for (std::size_t p = 0; p < m_start.parts.size(); ++p) {
        const Json& g = m_start.parts[p].geometry;
        if (!g.is_object() || !g.contains("coordinates")) continue;
        const std::string type = g.value("type", "");
        const Json& c = g["coordinates"];
        if (type == "LineString") {
            m_paths.push_back({p, {}, false, pointsOf(c, false)});
        } else if (type == "MultiLineString") {
            for (std::size_t i = 0; i < c.size(); ++i) m_paths.push_back({p, {i}, false, pointsOf(c[i], false)});
        } else if (type == "Polygon") {
            for (std::size_t r = 0; r < c.size(); ++r) m_paths.push_back({p, {r}, true, pointsOf(c[r], true)});
        } else if (type == "MultiPolygon") {
            for (std::size_t i = 0; i < c.size(); ++i)
                for (std::size_t r = 0; r < c[i].size(); ++r) m_paths.push_back({p, {i, r}, true, pointsOf(c[i][r], true)});
        }
    }
}

void VersionSketch::move(VertexRef v, Coord lonLat)
{
    m_paths.at(v.path).points.at(v.index) = roundLonLat(lonLat);
    m_changed = true;
}

void VersionSketch::insert(std::size_t path, std::size_t index, Coord lonLat)
{
    auto& pts = m_paths.at(path).points;
    pts.insert(pts.begin() + static_cast<long>(std::min(index, pts.size())), roundLonLat(lonLat));
    m_changed = true;
}

bool VersionSketch::remove(VertexRef v)
{
    auto& path = m_paths.at(v.path);
    if (path.points.size() <= (path.closed ? 3u : 2u) || v.index >= path.points.size()) return false;
    path.points.erase(path.points.begin() + static_cast<long>(v.index));
    m_changed = true;
    return true;
}

std::vector<edit::VersionPart> VersionSketch::parts() const
{
    std::vector<edit::VersionPart> out = m_start.parts;
    for (const SketchPath& path : m_paths) at(out[path.part].geometry["coordinates"], path.where) = coordsOf(path.points, path.closed);
    return out;
}

}  // namespace atlas::app
