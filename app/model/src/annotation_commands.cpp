#include "atlas/model/annotation_commands.h"

#include "atlas/model/annotation_model.h"

namespace atlas::app {

AddAnnotationCommand::AddAnnotationCommand(AnnotationModel* model, render::MapAnnotation a)
    : m_model(model), m_annotation(std::move(a))
{
    setText(QObject::tr("Add %1").arg(QString::fromLatin1(render::annotationKindName(m_annotation.kind))));
    m_index = model->annotations().size();
}

void AddAnnotationCommand::redo()
{
    m_model->insertAt(m_index, m_annotation);
    m_model->setSelected(m_annotation.id);
}

void AddAnnotationCommand::undo()
{
    if (const auto i = m_model->indexOf(m_annotation.id)) m_model->takeAt(*i);
}

RemoveAnnotationCommand::RemoveAnnotationCommand(AnnotationModel* model, uint64_t id) : m_model(model), m_id(id)
{
    if (const render::MapAnnotation* a = model->find(id)) {
        m_annotation = *a;
        setText(QObject::tr("Delete %1").arg(QString::fromLatin1(render::annotationKindName(a->kind))));
    }
}

void RemoveAnnotationCommand::redo()
{
    if (const auto i = m_model->indexOf(m_id)) {
        m_index = *i;
        m_annotation = m_model->takeAt(*i);
    }
}

void RemoveAnnotationCommand::undo()
{
    m_model->insertAt(m_index, m_annotation);
    m_model->setSelected(m_annotation.id);
}

ChangeAnnotationCommand::ChangeAnnotationCommand(AnnotationModel* model, render::MapAnnotation before,
                                                 render::MapAnnotation after, const QString& text, int mergeKey)
    : m_model(model), m_before(std::move(before)), m_after(std::move(after)), m_mergeKey(mergeKey)
{
    setText(text);
}

void ChangeAnnotationCommand::redo()
{
    m_model->replace(m_after);
}

void ChangeAnnotationCommand::undo()
{
    m_model->replace(m_before);
}

bool ChangeAnnotationCommand::mergeWith(const QUndoCommand* other)
{
    const auto* o = dynamic_cast<const ChangeAnnotationCommand*>(other);
    if (!o || o->m_mergeKey != m_mergeKey || o->m_after.id != m_after.id) return false;
    m_after = o->m_after;
    return true;
}

}  // namespace atlas::app
