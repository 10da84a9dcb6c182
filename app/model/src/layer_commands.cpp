#include "atlas/model/layer_commands.h"
#include "atlas/model/layer_placement.h"

#include <QObject>

namespace atlas::app {

std::optional<TimeMode> layerTimeMode(const LayerEntry& entry)
{
    if (!entry.time) return std::nullopt;
    return entry.time->mode;
}

namespace {

QString titleOf(const DocumentModel& model, std::size_t i)
{
    const auto& layers = model.layers();
    return i < layers.size() ? layers[i].style.title : QString();
}

}  // namespace

SetLayerVisibleCommand::SetLayerVisibleCommand(DocumentModel& model, std::size_t index, bool visible)
    : m_model(model), m_index(index), m_visible(visible)
{
    setText(visible ? QObject::tr("Show %1").arg(titleOf(model, index)) : QObject::tr("Hide %1").arg(titleOf(model, index)));
}

void SetLayerVisibleCommand::redo()
{
    m_model.setLayerVisible(m_index, m_visible);
}

void SetLayerVisibleCommand::undo()
{
    m_model.setLayerVisible(m_index, !m_visible);
}

SetLayerOpacityCommand::SetLayerOpacityCommand(DocumentModel& model, std::size_t index, double opacity)
    : m_model(model), m_index(index), m_old(model.layers().at(index).style.opacity), m_new(opacity)
{
    setText(QObject::tr("Opacity of %1").arg(titleOf(model, index)));
}

void SetLayerOpacityCommand::redo()
{
    m_model.setLayerOpacity(m_index, m_new);
}

void SetLayerOpacityCommand::undo()
{
    m_model.setLayerOpacity(m_index, m_old);
}

bool SetLayerOpacityCommand::mergeWith(const QUndoCommand* other)
{
    const auto* o = static_cast<const SetLayerOpacityCommand*>(other);
    if (o->m_index != m_index) return false;
    m_new = o->m_new;
    return true;
}

SetLayerPropertiesCommand::SetLayerPropertiesCommand(DocumentModel& model, std::size_t index, render::LayerStyle style,
                                                     std::optional<TimeMode> time)
    : m_model(model), m_index(index), m_newStyle(std::move(style)), m_newTime(std::move(time))
{
    const LayerEntry& e = model.layers().at(index);
    m_oldStyle = e.style;
    m_oldTime = layerTimeMode(e);
    setText(QObject::tr("Properties of %1").arg(m_oldStyle.title));
}

void SetLayerPropertiesCommand::apply(const render::LayerStyle& style, const std::optional<TimeMode>& time)
{
    m_model.change([&](MapDocument& doc) {
        doc.setLayerStyle(m_index, style);
        if (doc.layers().at(m_index).datasetKey.empty() && layerTimeMode(doc.layers().at(m_index)) != time) {
            Diagnostics ignored;  // reported by the dialog when the mode was chosen
            doc.setLayerTime(m_index, time, ignored);
        }
    });
}

void SetLayerPropertiesCommand::redo()
{
    apply(m_newStyle, m_newTime);
}

void SetLayerPropertiesCommand::undo()
{
    apply(m_oldStyle, m_oldTime);
}

RemoveLayerCommand::RemoveLayerCommand(DocumentModel& model, std::size_t index) : m_model(model), m_index(index)
{
    setText(QObject::tr("Remove %1").arg(titleOf(model, index)));
}

void RemoveLayerCommand::redo()
{
    m_entry = m_model.removeLayer(m_index);
}

void RemoveLayerCommand::undo()
{
    m_model.insertLayer(m_index, m_entry);
}

ReorderLayersCommand::ReorderLayersCommand(DocumentModel& model, std::vector<std::size_t> order)
    : m_model(model), m_order(std::move(order))
{
    setText(QObject::tr("Reorder layers"));
}

void ReorderLayersCommand::permute(const std::vector<std::size_t>& order)
{
    // Realise the permutation with moves: position i takes the layer now at order[i].
    m_model.change([&](MapDocument& doc) {
        std::vector<std::size_t> current(order.size());
        for (std::size_t i = 0; i < current.size(); ++i) current[i] = i;  // current[pos] = original index
        for (std::size_t i = 0; i < order.size(); ++i) {
            const auto it = std::find(current.begin() + static_cast<std::ptrdiff_t>(i), current.end(), order[i]);
            const auto from = static_cast<std::size_t>(it - current.begin());
            if (from != i) {
                doc.moveLayer(from, i);
                const std::size_t moved = current[from];
                current.erase(current.begin() + static_cast<std::ptrdiff_t>(from));
                current.insert(current.begin() + static_cast<std::ptrdiff_t>(i), moved);
            }
        }
    });
}

void ReorderLayersCommand::redo()
{
    permute(m_order);
}

void ReorderLayersCommand::undo()
{
    std::vector<std::size_t> inverse(m_order.size());
    for (std::size_t i = 0; i < m_order.size(); ++i) inverse[m_order[i]] = i;
    permute(inverse);
}

AddLayersCommand::AddLayersCommand(DocumentModel& model, std::vector<LayerEntry> entries)
    : m_model(model), m_entries(std::move(entries))
{
    setText(m_entries.size() == 1 ? QObject::tr("Add %1").arg(m_entries.front().style.title)
                                  : QObject::tr("Add %1 layers").arg(m_entries.size()));
}

void AddLayersCommand::redo()
{
    m_at.clear();
    m_model.change([&](MapDocument& doc) {
        for (const LayerEntry& e : m_entries) {
            m_at.push_back(insertIndexFor(doc, e));
            doc.insertLayer(m_at.back(), e);
        }
    });
}

void AddLayersCommand::undo()
{
    // Last added first: each removal then finds the document as that insertion left it.
    m_model.change([&](MapDocument& doc) {
        for (std::size_t i = m_entries.size(); i-- > 0;) m_entries[i] = doc.removeLayer(m_at[i]);
    });
}

ReplaceLayerCommand::ReplaceLayerCommand(DocumentModel& model, std::size_t index, LayerEntry entry)
    : m_model(model), m_index(index), m_other(std::move(entry))
{
    setText(QObject::tr("Replace %1 with %2").arg(titleOf(model, index), m_other.style.title));
}

void ReplaceLayerCommand::swap()
{
    m_model.change([&](MapDocument& doc) {
        LayerEntry out = doc.removeLayer(m_index);
        doc.insertLayer(m_index, std::move(m_other));
        m_other = std::move(out);
    });
}

void ReplaceLayerCommand::redo()
{
    swap();
}

void ReplaceLayerCommand::undo()
{
    swap();
}

}  // namespace atlas::app
