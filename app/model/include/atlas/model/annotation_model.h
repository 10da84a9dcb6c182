#pragma once
// The project's annotations and their undo history. Every change a person makes goes through
// a QUndoCommand on undoStack() (Ctrl+Z / Ctrl+Shift+Z); loading a project replaces the list
// without history. The model knows nothing of views: the canvas tool and the exporters read
// annotations() and listen to changed().
#include "atlas/render/layout_annotations.h"

#include <QObject>
#include <QUndoStack>

#include <optional>
#include <vector>

namespace atlas::app {

class AnnotationModel : public QObject {
    Q_OBJECT
public:
    // `history`: the window's shared undo stack; without one the model keeps its own.
    explicit AnnotationModel(QUndoStack* history = nullptr, QObject* parent = nullptr);

    const std::vector<render::MapAnnotation>& annotations() const { return m_items; }
    const render::MapAnnotation* find(uint64_t id) const;
    QUndoStack* undoStack() { return m_undo; }
    // True when there are changes since the last save (or load).
    bool isModified() const { return !m_undo->isClean(); }
    void markSaved() { m_undo->setClean(); }

    // Undoable edits. add() assigns a fresh id (returned) when the annotation has none.
    uint64_t add(render::MapAnnotation a);
    void remove(uint64_t id);
    // Replaces the annotation with `after`'s id. Consecutive changes with the same non-zero
    // `mergeKey` (one drag) become one undo step.
    void change(const render::MapAnnotation& after, const QString& what, int mergeKey = 0);

    // Loading: replaces everything, clears the history (clean unless `modified`).
    void reset(std::vector<render::MapAnnotation> items, bool modified = false);

    uint64_t selected() const { return m_selected; }
    void setSelected(uint64_t id);

    // Raw edits for the undo commands only.
    void insertAt(std::size_t index, render::MapAnnotation a);
    render::MapAnnotation takeAt(std::size_t index);
    void replace(const render::MapAnnotation& a);
    std::optional<std::size_t> indexOf(uint64_t id) const;

signals:
    void changed();
    void selectionChanged(uint64_t id);

private:
    std::vector<render::MapAnnotation> m_items;
    QUndoStack* m_undo;
    uint64_t m_nextId = 1;
    uint64_t m_selected = 0;
};

}  // namespace atlas::app
