#pragma once
// The undo commands of AnnotationModel: add, remove, change (merging the steps of one drag).
#include "atlas/render/layout_annotations.h"

#include <QUndoCommand>

namespace atlas::app {

class AnnotationModel;

class AddAnnotationCommand : public QUndoCommand {
public:
    AddAnnotationCommand(AnnotationModel* model, render::MapAnnotation a);
    void redo() override;
    void undo() override;

private:
    AnnotationModel* m_model;
    render::MapAnnotation m_annotation;
    std::size_t m_index = 0;
};

class RemoveAnnotationCommand : public QUndoCommand {
public:
    RemoveAnnotationCommand(AnnotationModel* model, uint64_t id);
    void redo() override;
    void undo() override;

private:
    AnnotationModel* m_model;
    uint64_t m_id;
    render::MapAnnotation m_annotation;
    std::size_t m_index = 0;
};

class ChangeAnnotationCommand : public QUndoCommand {
public:
    ChangeAnnotationCommand(AnnotationModel* model, render::MapAnnotation before, render::MapAnnotation after,
                            const QString& text, int mergeKey);
    void redo() override;
    void undo() override;
    int id() const override { return m_mergeKey > 0 ? m_mergeKey : -1; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    AnnotationModel* m_model;
    render::MapAnnotation m_before;
    render::MapAnnotation m_after;
    int m_mergeKey;
};

}  // namespace atlas::app
