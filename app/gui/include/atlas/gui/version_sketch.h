#pragma once
// The shape being drawn by "New version as of…" (issue 15): the parts of the version in force
// (lon/lat GeoJSON, as DatasetStore::versionInForce gives them) seen as paths of vertices that
// can be moved, added and removed, and turned back into an AddVersion of the same structure
// (a MultiPolygon stays a MultiPolygon, each part keeps its controller). No Qt, no pixels: the
// tool on the canvas (vertex_edit_tool.h) decides which vertex a click means.
#include "atlas/edit/edit.h"
#include "atlas/geometry_column.h"

#include <cstddef>
#include <vector>

namespace atlas::app {

// One line or ring of a part, its vertices in lon/lat. A ring is stored without the repeated
// closing vertex (added back when written).
struct SketchPath {
    std::size_t part = 0;
    std::vector<std::size_t> where;  // indices into the part's "coordinates" down to this path
    bool closed = false;
    std::vector<Coord> points;
};

struct VertexRef {
    std::size_t path = 0;
    std::size_t index = 0;
    bool operator==(const VertexRef&) const = default;
};

class VersionSketch {
public:
    // `start`: the version in force (its group, parts and controllers); anything but lines and
    // polygons is kept as it is and not offered for editing.
    explicit VersionSketch(edit::AddVersion start);

    const std::vector<SketchPath>& paths() const { return m_paths; }
    const edit::AddVersion& start() const { return m_start; }
    bool changed() const { return m_changed; }

    void move(VertexRef v, Coord lonLat);
    // Inserts a vertex before position `index` of `path` (index == size appends).
    void insert(std::size_t path, std::size_t index, Coord lonLat);
    // False (nothing removed) when the path would no longer be a line (2) or a ring (3 vertices).
    bool remove(VertexRef v);

    // The parts as they now are, in the start's structure; the rest of the AddVersion (as_of,
    // sources…) is the caller's to fill.
    std::vector<edit::VersionPart> parts() const;

private:
    edit::AddVersion m_start;
    std::vector<SketchPath> m_paths;
    bool m_changed = false;
};

// Written coordinates keep 6 decimals (about 0.1 m): a dragged vertex does not bring 17 digits
// of mouse noise into a file meant to be read in `git diff`.
Coord roundLonLat(Coord lonLat);

}  // namespace atlas::app
