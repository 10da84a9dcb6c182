#pragma once
// Undoable changes to the document's layers, made on the model alone (it announces them). Every change made from the layer panel, the
// properties dialog or Open Data goes through these, so the undo stack always matches the
// document: indices recorded by an older command are still right when it is undone.
#include "atlas/model/document_model.h"

#include <QUndoCommand>

#include <optional>
#include <vector>

namespace atlas::app {

class SetLayerVisibleCommand : public QUndoCommand {
public:
    SetLayerVisibleCommand(DocumentModel& model, std::size_t index, bool visible);
    void redo() override;
    void undo() override;

private:
    DocumentModel& m_model;
    std::size_t m_index;
    bool m_visible;
};

// Consecutive opacity changes of one layer (a slider drag) merge into one step.
class SetLayerOpacityCommand : public QUndoCommand {
public:
    SetLayerOpacityCommand(DocumentModel& model, std::size_t index, double opacity);
    void redo() override;
    void undo() override;
    int id() const override { return 6001; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    DocumentModel& m_model;
    std::size_t m_index;
    double m_old;
    double m_new;
};

// Style, title, labels and (user layers) time mode, as set in the properties dialog.
class SetLayerPropertiesCommand : public QUndoCommand {
public:
    SetLayerPropertiesCommand(DocumentModel& model, std::size_t index, render::LayerStyle style,
                              std::optional<TimeMode> time);
    void redo() override;
    void undo() override;

private:
    void apply(const render::LayerStyle& style, const std::optional<TimeMode>& time);
    DocumentModel& m_model;
    std::size_t m_index;
    render::LayerStyle m_oldStyle, m_newStyle;
    std::optional<TimeMode> m_oldTime, m_newTime;
};

class RemoveLayerCommand : public QUndoCommand {
public:
    RemoveLayerCommand(DocumentModel& model, std::size_t index);
    void redo() override;
    void undo() override;

private:
    DocumentModel& m_model;
    std::size_t m_index;
    LayerEntry m_entry;
};

// A new drawing order: `order[i]` is the current index of the layer that goes to position i.
class ReorderLayersCommand : public QUndoCommand {
public:
    ReorderLayersCommand(DocumentModel& model, std::vector<std::size_t> order);
    void redo() override;
    void undo() override;

private:
    void permute(const std::vector<std::size_t>& order);
    DocumentModel& m_model;
    std::vector<std::size_t> m_order;
};

// Layers opened by the user: vectors on top, rasters under the data layers
// (MapDocument::rasterInsertIndex).
class AddLayersCommand : public QUndoCommand {
public:
    AddLayersCommand(DocumentModel& model, std::vector<LayerEntry> entries);
    void redo() override;
    void undo() override;

private:
    DocumentModel& m_model;
    std::vector<LayerEntry> m_entries;
    std::vector<std::size_t> m_at;  // where each entry went, in order
};

// A layer swapped for another in the same place (a newer export of the same events).
class ReplaceLayerCommand : public QUndoCommand {
public:
    ReplaceLayerCommand(DocumentModel& model, std::size_t index, LayerEntry entry);
    void redo() override;
    void undo() override;

private:
    void swap();
    DocumentModel& m_model;
    std::size_t m_index;
    LayerEntry m_other;  // the entry not in the document
};

// The time mode currently set on a user layer (nullopt: none).
std::optional<TimeMode> layerTimeMode(const LayerEntry& entry);

}  // namespace atlas::app
