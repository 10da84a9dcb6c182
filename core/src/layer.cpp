#include "atlas/layer.h"

namespace atlas {

Layer::Layer(std::string name, std::string sourcePath, std::string crs)
    : m_name(std::move(name)), m_sourcePath(std::move(sourcePath)), m_crs(std::move(crs))
{
}

const Column* Layer::column(std::string_view name) const
{
    for (const Column& c : m_columns)
        if (c.name() == name) return &c;
    return nullptr;
}

std::optional<std::size_t> Layer::columnIndex(std::string_view name) const
{
    for (std::size_t i = 0; i < m_columns.size(); ++i)
        if (m_columns[i].name() == name) return i;
    return std::nullopt;
}

std::string Layer::text(std::size_t f, std::string_view field) const
{
    const Column* c = column(field);
    return c ? c->text(f) : std::string();
}

std::optional<std::size_t> Layer::findById(std::string_view id) const
{
    const Column* c = column("id");
    if (!c) return std::nullopt;
    for (std::size_t f = 0; f < featureCount(); ++f)
        if (!c->isNull(f) && c->text(f) == id) return f;
    return std::nullopt;
}

std::size_t Layer::memoryBytes() const
{
    std::size_t bytes = m_geometry.memoryBytes() + m_index.memoryBytes() + m_fids.capacity() * sizeof(int64_t);
    for (const Column& c : m_columns) bytes += c.memoryBytes();
    return bytes;
}

Column& Layer::addColumn(std::string name, FieldType type)
{
    return m_columns.emplace_back(std::move(name), type);
}

void Layer::appendFid(int64_t fid)
{
    if (m_fids.empty()) {
        if (m_fidCount == 0) m_fidBase = fid;
        if (fid == m_fidBase + static_cast<int64_t>(m_fidCount)) {
            ++m_fidCount;
            return;
        }
        // The run is broken: from here on every FID is stored.
        m_fids.reserve(std::max<std::size_t>(m_fidCount + 1, m_geometry.featureCount()));
        for (std::size_t f = 0; f < m_fidCount; ++f) m_fids.push_back(m_fidBase + static_cast<int64_t>(f));
    }
    m_fids.push_back(fid);
    ++m_fidCount;
}

void Layer::dropLastFeature()
{
    m_geometry.dropLastFeature();
    for (Column& c : m_columns)
        if (c.size() > m_geometry.featureCount()) c.popBack();
    if (m_fidCount > m_geometry.featureCount()) {
        --m_fidCount;
        if (!m_fids.empty()) m_fids.pop_back();
    }
}

void Layer::finishLoading()
{
    for (Column& c : m_columns) c.finishLoading();
}

}  // namespace atlas
