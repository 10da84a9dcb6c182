#pragma once
// Drawing and editing annotations on the map canvas: a mode per kind (text, callout, arrow,
// ellipse, marker) and a select mode (click to select, drag to move, drag a handle to move one
// point, double-click to edit, Delete to remove). Works as an event filter on the canvas, so
// the canvas keeps its own pan and zoom whenever the tool does not take the mouse; draws
// through the canvas's overlay hook. Every change goes through the model's undo stack.
#include "atlas/model/annotation_model.h"
#include "atlas/render/layout_annotations.h"

#include <QObject>
#include <QPointF>

#include <functional>
#include <optional>

namespace atlas::app {

class MapCanvas;

class AnnotationTool : public QObject {
    Q_OBJECT
public:
    enum class Mode { Off, Select, Text, Callout, Arrow, Ellipse, Marker };

    // `displayCrs` is the canvas's; `day` gives the clock's day (annotations outside their date
    // range are hidden, as in exports).
    AnnotationTool(MapCanvas* canvas, AnnotationModel* model, std::string displayCrs,
                   std::function<int32_t()> day, QObject* parent = nullptr);

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    // Opens the edit dialog for the selected annotation.
    void editSelected();
    void deleteSelected();
    // Whether Ctrl+Z should go to the annotations (a mode is on or one is selected).
    bool ownsUndo() const;

    // The annotation (topmost) under a canvas pixel (device pixels), or 0.
    uint64_t annotationAt(QPointF devicePixel) const;

    // What asks for a new or edited annotation's text (default: AnnotationDialog); returns
    // false when the person cancels. Tests put a scripted one here.
    using Editor = std::function<bool(render::MapAnnotation&, bool isNew)>;
    void setEditor(Editor editor) { m_editor = std::move(editor); }

signals:
    void modeChanged(atlas::app::AnnotationTool::Mode mode);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void paintOverlay(QPainter& p, const Viewport& vp, double ratio) const;
    bool mousePress(QPointF device, Qt::KeyboardModifiers mods);
    bool mouseMove(QPointF device, Qt::KeyboardModifiers mods);
    bool mouseRelease(QPointF device, Qt::KeyboardModifiers mods);
    std::vector<QPointF> pixelsOf(const render::MapAnnotation& a) const;
    render::AnnotationGeometry geometryOf(const render::MapAnnotation& a) const;
    // Asks for the text of a new or edited annotation; false when cancelled.
    bool editDialog(render::MapAnnotation& a, bool isNew);
    void finishCreate(QPointF end, Qt::KeyboardModifiers mods);

    MapCanvas* m_canvas;
    AnnotationModel* m_model;
    std::string m_crs;
    std::function<int32_t()> m_day;
    std::unique_ptr<render::AnnotationProjector> m_projector;
    Mode m_mode = Mode::Off;
    Editor m_editor;

    // Interaction in progress.
    std::optional<QPointF> m_press;          // device pixels
    std::optional<QPointF> m_current;
    uint64_t m_dragId = 0;
    int m_dragHandle = -1;                   // -1: the whole annotation
    render::MapAnnotation m_dragStart;
    bool m_dragged = false;
    int m_dragSerial = 1000;
};

}  // namespace atlas::app
