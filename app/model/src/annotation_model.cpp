#include "atlas/model/annotation_model.h"

#include "atlas/model/annotation_commands.h"

#include <algorithm>

namespace atlas::app {

AnnotationModel::AnnotationModel(QUndoStack* history, QObject* parent)
    : QObject(parent), m_undo(history ? history : new QUndoStack(this))
{
    if (!history) m_undo->setUndoLimit(500);
}

const render::MapAnnotation* AnnotationModel::find(uint64_t id) const
{
    const auto i = indexOf(id);
    return i ? &m_items[*i] : nullptr;
}

std::optional<std::size_t> AnnotationModel::indexOf(uint64_t id) const
{
    for (std::size_t i = 0; i < m_items.size(); ++i)
        if (m_items[i].id == id) return i;
    return std::nullopt;
}

uint64_t AnnotationModel::add(render::MapAnnotation a)
{
    if (a.id == 0 || indexOf(a.id)) a.id = m_nextId;
    m_nextId = std::max(m_nextId, a.id + 1);
    const uint64_t id = a.id;
    m_undo->push(new AddAnnotationCommand(this, std::move(a)));
    return id;
}

void AnnotationModel::remove(uint64_t id)
{
    if (!indexOf(id)) return;
    m_undo->push(new RemoveAnnotationCommand(this, id));
}

void AnnotationModel::change(const render::MapAnnotation& after, const QString& what, int mergeKey)
{
    const render::MapAnnotation* before = find(after.id);
    if (!before || *before == after) return;
    m_undo->push(new ChangeAnnotationCommand(this, *before, after, what, mergeKey));
}

void AnnotationModel::reset(std::vector<render::MapAnnotation> items, bool modified)
{
    m_undo->clear();
    m_items = std::move(items);
    m_nextId = 1;
    for (render::MapAnnotation& a : m_items) m_nextId = std::max(m_nextId, a.id + 1);
    // Ids must be unique and non-zero; a hand-edited file may break that.
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        bool clash = m_items[i].id == 0;
        for (std::size_t j = 0; j < i && !clash; ++j) clash = m_items[j].id == m_items[i].id;
        if (clash) m_items[i].id = m_nextId++;
    }
    if (modified) {
        // A recovered autosave: clean is "nothing", so the first save is offered.
        m_undo->resetClean();
    }
    setSelected(0);
    emit changed();
}

void AnnotationModel::setSelected(uint64_t id)
{
    if (id != 0 && !indexOf(id)) id = 0;
    if (id == m_selected) return;
    m_selected = id;
    emit selectionChanged(id);
}

void AnnotationModel::insertAt(std::size_t index, render::MapAnnotation a)
{
    index = std::min(index, m_items.size());
    m_nextId = std::max(m_nextId, a.id + 1);
    m_items.insert(m_items.begin() + static_cast<std::ptrdiff_t>(index), std::move(a));
    emit changed();
}

render::MapAnnotation AnnotationModel::takeAt(std::size_t index)
{
    render::MapAnnotation a = std::move(m_items.at(index));
    m_items.erase(m_items.begin() + static_cast<std::ptrdiff_t>(index));
    if (a.id == m_selected) setSelected(0);
    emit changed();
    return a;
}

void AnnotationModel::replace(const render::MapAnnotation& a)
{
    if (const auto i = indexOf(a.id)) {
        m_items[*i] = a;
        emit changed();
    }
}

}  // namespace atlas::app
