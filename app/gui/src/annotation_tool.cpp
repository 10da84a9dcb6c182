#include "atlas/gui/annotation_tool.h"

#include "atlas/gui/annotation_dialog.h"
#include "atlas/gui/map_canvas.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include <cmath>

namespace atlas::app {
namespace {

constexpr double kHandlePick = 8;   // logical px around a handle that grabs it
constexpr double kClickDrag = 6;    // logical px: less is a click, not a drag

render::AnnotationKind kindOf(AnnotationTool::Mode m)
{
    switch (m) {
    case AnnotationTool::Mode::Callout: return render::AnnotationKind::Callout;
    case AnnotationTool::Mode::Arrow: return render::AnnotationKind::Arrow;
    case AnnotationTool::Mode::Ellipse: return render::AnnotationKind::Ellipse;
    case AnnotationTool::Mode::Marker: return render::AnnotationKind::Marker;
    default: return render::AnnotationKind::Text;
    }
}

bool isUndo(const QKeyEvent* k)
{
    return k->matches(QKeySequence::Undo);
}

bool isRedo(const QKeyEvent* k)
{
    return k->matches(QKeySequence::Redo)
           || (k->key() == Qt::Key_Z && k->modifiers() == (Qt::ControlModifier | Qt::ShiftModifier));
}

}  // namespace

AnnotationTool::AnnotationTool(MapCanvas* canvas, AnnotationModel* model, std::string displayCrs,
                               std::function<int32_t()> day, QObject* parent)
    : QObject(parent), m_canvas(canvas), m_model(model), m_crs(std::move(displayCrs)), m_day(std::move(day))
{
    m_projector = std::make_unique<render::AnnotationProjector>(m_crs);
    m_editor = [this](render::MapAnnotation& a, bool isNew) { return editDialog(a, isNew); };
    canvas->installEventFilter(this);
    canvas->addOverlayPainter([this](QPainter& p, const Viewport& vp, double ratio) { paintOverlay(p, vp, ratio); });
    connect(model, &AnnotationModel::changed, canvas, qOverload<>(&QWidget::update));
    connect(model, &AnnotationModel::selectionChanged, canvas, qOverload<>(&QWidget::update));
}

void AnnotationTool::setMode(Mode mode)
{
    if (mode == m_mode) return;
    m_mode = mode;
    m_press.reset();
    m_current.reset();
    m_dragId = 0;
    if (mode == Mode::Off) m_model->setSelected(0);
    m_canvas->setCursor(mode == Mode::Off || mode == Mode::Select ? Qt::ArrowCursor : Qt::CrossCursor);
    m_canvas->update();
    emit modeChanged(mode);
}

bool AnnotationTool::ownsUndo() const
{
    return m_mode != Mode::Off || m_model->selected() != 0;
}

std::vector<QPointF> AnnotationTool::pixelsOf(const render::MapAnnotation& a) const
{
    std::vector<QPointF> px;
    for (const Coord& c : a.points) px.push_back(m_projector->toPixel(m_canvas->viewport(), c));
    return px;
}

render::AnnotationGeometry AnnotationTool::geometryOf(const render::MapAnnotation& a) const
{
    return render::annotationGeometry(a, pixelsOf(a), m_canvas->devicePixelRatioF(), m_canvas->font());
}

uint64_t AnnotationTool::annotationAt(QPointF device) const
{
    const auto& list = m_model->annotations();
    const int32_t day = m_day ? m_day() : 0;
    for (auto it = list.rbegin(); it != list.rend(); ++it) {
        if (m_day && !it->visibleOn(day)) continue;
        if (geometryOf(*it).hitArea.contains(device)) return it->id;
    }
    return 0;
}

void AnnotationTool::paintOverlay(QPainter& p, const Viewport& vp, double ratio) const
{
    const std::optional<int32_t> day = m_day ? std::optional<int32_t>(m_day()) : std::nullopt;
    render::drawAnnotations(p, vp, *m_projector, ratio, m_model->annotations(), day,
                            m_mode == Mode::Off ? 0 : m_model->selected());
    // The annotation being drawn.
    if (m_press && m_current && m_mode != Mode::Select && m_mode != Mode::Off) {
        render::MapAnnotation a = render::defaultAnnotation(kindOf(m_mode));
        a.points = {m_projector->toLonLat(vp, *m_press)};
        if (render::annotationPointCount(a.kind) == 2) {
            if (a.kind == render::AnnotationKind::Callout) a.points.insert(a.points.begin(), a.points.front());
            a.points.back() = m_projector->toLonLat(vp, *m_current);
        }
        if (a.kind == render::AnnotationKind::Text || a.kind == render::AnnotationKind::Callout) a.text = "…";
        if (a.kind == render::AnnotationKind::Marker) a.text.clear();
        render::drawAnnotations(p, vp, *m_projector, ratio, {a}, std::nullopt);
    }
}

bool AnnotationTool::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_canvas) return false;
    const double r = m_canvas->devicePixelRatioF();
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (m_mode == Mode::Off || e->button() != Qt::LeftButton) return false;
        return mousePress(e->position() * r, e->modifiers());
    }
    case QEvent::MouseMove: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (m_press || m_dragId) {
            mouseMove(e->position() * r, e->modifiers());
            return true;
        }
        if (m_mode == Mode::Select)
            m_canvas->setCursor(annotationAt(e->position() * r) ? Qt::SizeAllCursor : Qt::ArrowCursor);
        return false;
    }
    case QEvent::MouseButtonRelease: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->button() != Qt::LeftButton || (!m_press && !m_dragId)) return false;
        return mouseRelease(e->position() * r, e->modifiers());
    }
    case QEvent::MouseButtonDblClick: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (m_mode != Mode::Select) return false;
        const uint64_t id = annotationAt(e->position() * r);
        if (!id) return false;
        m_model->setSelected(id);
        editSelected();
        return true;
    }
    case QEvent::ShortcutOverride: {
        // Take Ctrl+Z, Ctrl+Shift+Z and Delete from window shortcuts while annotating.
        auto* k = static_cast<QKeyEvent*>(event);
        const bool del = (k->key() == Qt::Key_Delete || k->key() == Qt::Key_Backspace) && m_model->selected();
        if ((ownsUndo() && (isUndo(k) || isRedo(k))) || (del && m_mode != Mode::Off)) {
            event->accept();
            return true;
        }
        return false;
    }
    case QEvent::KeyPress: {
        auto* k = static_cast<QKeyEvent*>(event);
        if (ownsUndo() && isRedo(k)) { m_model->undoStack()->redo(); return true; }
        if (ownsUndo() && isUndo(k)) { m_model->undoStack()->undo(); return true; }
        if (m_mode == Mode::Off) return false;
        if ((k->key() == Qt::Key_Delete || k->key() == Qt::Key_Backspace) && m_model->selected()) {
            deleteSelected();
            return true;
        }
        if (k->key() == Qt::Key_Escape) {
            if (m_press || m_dragId) {
                // Abandon what is being drawn or dragged (a drag is undone).
                if (m_dragId && m_dragged) m_model->change(m_dragStart, tr("Move annotation"), m_dragSerial);
                m_press.reset();
                m_current.reset();
                m_dragId = 0;
                m_canvas->update();
            } else if (m_model->selected()) {
                m_model->setSelected(0);
            } else {
                setMode(Mode::Off);
            }
            return true;
        }
        if ((k->key() == Qt::Key_Return || k->key() == Qt::Key_Enter) && m_model->selected()) {
            editSelected();
            return true;
        }
        return false;
    }
    default: return false;
    }
}

bool AnnotationTool::mousePress(QPointF device, Qt::KeyboardModifiers)
{
    const double r = m_canvas->devicePixelRatioF();
    if (m_mode == Mode::Select) {
        // A handle of the selected annotation first, then any annotation, topmost first.
        if (const render::MapAnnotation* sel = m_model->find(m_model->selected())) {
            const auto px = pixelsOf(*sel);
            for (std::size_t i = 0; i < px.size(); ++i)
                if (std::hypot(px[i].x() - device.x(), px[i].y() - device.y()) <= kHandlePick * r) {
                    m_dragId = sel->id;
                    m_dragHandle = static_cast<int>(i);
                    m_dragStart = *sel;
                    m_press = device;
                    m_dragged = false;
                    return true;
                }
        }
        const uint64_t id = annotationAt(device);
        m_model->setSelected(id);
        if (!id) return false;  // empty map: the canvas pans
        m_dragId = id;
        m_dragHandle = -1;
        m_dragStart = *m_model->find(id);
        m_press = device;
        m_dragged = false;
        return true;
    }
    m_press = device;
    m_current = device;
    m_canvas->update();
    return true;
}

bool AnnotationTool::mouseMove(QPointF device, Qt::KeyboardModifiers mods)
{
    if (m_dragId && m_press) {
        const double r = m_canvas->devicePixelRatioF();
        const QPointF d = device - *m_press;
        if (!m_dragged && std::abs(d.x()) + std::abs(d.y()) < kClickDrag * r) return true;
        m_dragged = true;
        render::MapAnnotation a = m_dragStart;
        const auto px = pixelsOf(m_dragStart);
        const Viewport& vp = m_canvas->viewport();
        for (std::size_t i = 0; i < px.size(); ++i)
            if (m_dragHandle < 0 || static_cast<int>(i) == m_dragHandle) a.points[i] = m_projector->toLonLat(vp, px[i] + d);
        m_model->change(a, m_dragHandle < 0 ? tr("Move annotation") : tr("Reshape annotation"), m_dragSerial);
        return true;
    }
    m_current = device;
    if ((mods & Qt::ShiftModifier) && m_mode == Mode::Ellipse && m_press) {
        // Shift draws a circle.
        const QPointF d = device - *m_press;
        const double s = std::max(std::abs(d.x()), std::abs(d.y()));
        m_current = *m_press + QPointF(d.x() < 0 ? -s : s, d.y() < 0 ? -s : s);
    }
    m_canvas->update();
    return true;
}

bool AnnotationTool::mouseRelease(QPointF device, Qt::KeyboardModifiers mods)
{
    if (m_dragId) {
        m_dragId = 0;
        m_press.reset();
        if (m_dragged) ++m_dragSerial;  // the next drag is its own undo step
        m_dragged = false;
        return true;
    }
    if (m_press && m_mode != Mode::Select && m_mode != Mode::Off) finishCreate(device, mods);
    m_press.reset();
    m_current.reset();
    m_canvas->update();
    return true;
}

void AnnotationTool::finishCreate(QPointF end, Qt::KeyboardModifiers mods)
{
    const double r = m_canvas->devicePixelRatioF();
    const QPointF start = *m_press;
    QPointF d = end - start;
    const bool click = std::abs(d.x()) + std::abs(d.y()) < kClickDrag * r;
    render::MapAnnotation a = render::defaultAnnotation(kindOf(m_mode));
    const Viewport& vp = m_canvas->viewport();
    auto ll = [&](QPointF px) { return m_projector->toLonLat(vp, px); };
    switch (a.kind) {
    case render::AnnotationKind::Text:
    case render::AnnotationKind::Marker: a.points = {ll(start)}; break;
    case render::AnnotationKind::Callout:
        // Pressed on what it points at, released where the box goes (a click: up and right).
        a.points = {ll(start), ll(click ? start + QPointF(70, -45) * r : end)};
        break;
    case render::AnnotationKind::Arrow:
        // Dragged from tail to head (a click: an arrow pointing at the place).
        a.points = click ? std::vector<Coord>{ll(start + QPointF(-80, 55) * r), ll(start)}
                         : std::vector<Coord>{ll(start), ll(end)};
        break;
    case render::AnnotationKind::Ellipse: {
        if (click) d = QPointF(30, 30) * r;
        if (mods & Qt::ShiftModifier) {
            const double s = std::max(std::abs(d.x()), std::abs(d.y()));
            d = QPointF(d.x() < 0 ? -s : s, d.y() < 0 ? -s : s);
        }
        a.points = click ? std::vector<Coord>{ll(start - d), ll(start + d)} : std::vector<Coord>{ll(start), ll(start + d)};
        break;
    }
    }
    for (const Coord& c : a.points)
        if (!std::isfinite(c.x) || !std::isfinite(c.y)) return;
    if (a.kind == render::AnnotationKind::Marker) a.text.clear();
    const bool needsText = a.kind == render::AnnotationKind::Text || a.kind == render::AnnotationKind::Callout
                           || a.kind == render::AnnotationKind::Marker;
    if (needsText && m_editor && !m_editor(a, true)) return;
    m_model->add(a);
}

bool AnnotationTool::editDialog(render::MapAnnotation& a, bool isNew)
{
    AnnotationDialog dialog(a, isNew, m_canvas->window());
    if (dialog.exec() != QDialog::Accepted) return false;
    a = dialog.annotation();
    return true;
}

void AnnotationTool::editSelected()
{
    const render::MapAnnotation* sel = m_model->find(m_model->selected());
    if (!sel) return;
    render::MapAnnotation a = *sel;
    if (m_editor && m_editor(a, false)) m_model->change(a, tr("Edit annotation"));
}

void AnnotationTool::deleteSelected()
{
    if (m_model->selected()) m_model->remove(m_model->selected());
}

}  // namespace atlas::app
