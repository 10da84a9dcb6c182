#pragma once
// A vector layer as loaded: columnar geometry in the display CRS, typed attribute columns,
// and a spatial index. Immutable once built, so it can be shared (shared_ptr<const Layer>)
// between the GUI thread and render workers without locks.
#include "atlas/column.h"
#include "atlas/geometry_column.h"
#include "atlas/spatial_index.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atlas {

namespace detail { struct LayerCacheAccess; }

class Layer {
public:
    Layer(std::string name, std::string sourcePath, std::string crs);

    const std::string& name() const { return m_name; }
    const std::string& sourcePath() const { return m_sourcePath; }
    const std::string& crs() const { return m_crs; }
    std::size_t featureCount() const { return m_geometry.featureCount(); }

    const GeometryColumn& geometry() const { return m_geometry; }
    const std::vector<Column>& columns() const { return m_columns; }
    const Column* column(std::string_view name) const;
    std::optional<std::size_t> columnIndex(std::string_view name) const;
    // Source feature id (OGR FID) of row f.
    int64_t fid(std::size_t f) const { return m_fids.empty() ? m_fidBase + static_cast<int64_t>(f) : m_fids[f]; }
    // Text of a field for row f ("" when the column does not exist or the value is null).
    std::string text(std::size_t f, std::string_view field) const;
    // Row of the feature whose `id` column equals `id`, if any.
    std::optional<std::size_t> findById(std::string_view id) const;

    const SpatialIndex& index() const { return m_index; }
    Box extent() const { return m_geometry.extent(); }
    std::size_t memoryBytes() const;

    // Building (loaders only).
    GeometryColumn& mutableGeometry() { return m_geometry; }
    Column& addColumn(std::string name, FieldType type);
    std::vector<Column>& mutableColumns() { return m_columns; }
    void appendFid(int64_t fid);
    void dropLastFeature();
    void buildIndex()
    {
        m_geometry.keepBounds();
        m_index = SpatialIndex(m_geometry.allBounds());
        m_geometry.dropPointBounds();
    }
    // Once every row is in: frees what only building needed (see Column::finishLoading).
    void finishLoading();

private:
    friend struct detail::LayerCacheAccess;  // the columnar cache file (layer_cache.h)

    std::string m_name;
    std::string m_sourcePath;
    std::string m_crs;
    GeometryColumn m_geometry;
    std::vector<Column> m_columns;
    // FIDs: while they run base, base + 1, … (as GeoPackage and most files number rows) only
    // the first is kept and m_fids stays empty — 8 bytes a feature saved.
    int64_t m_fidBase = 0;
    std::size_t m_fidCount = 0;
    std::vector<int64_t> m_fids;
    SpatialIndex m_index;
};

using LayerPtr = std::shared_ptr<const Layer>;

}  // namespace atlas
