#include "atlas/gui/measure.h"
#include "atlas/model/document_model.h"
#include <QMainWindow>

#include "atlas/gui/workbench.h"
#include "atlas/gui/map_canvas.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QStatusBar>

#include <cmath>

namespace atlas::app {

MeasureTool::MeasureTool(const Workbench& wb) : QObject(&wb.frame), m_wb(wb)
{
    m_toWgs84 = std::make_unique<CoordinateTransform>(wb.model.document().displayCrs(), kWgs84);
    MapCanvas* canvas = &wb.canvas;
    m_overlay = new MeasureOverlay(this, canvas);
    canvas->installEventFilter(this);
    connect(canvas, &MapCanvas::clicked, this, [this](double x, double y) {
        if (!isActive()) return;
        if (m_finished) clear();
        addPoint({x, y});
    });
    connect(canvas, &MapCanvas::cursorMoved, this, [this](double x, double y) {
        if (!isActive() || m_finished) return;
        m_hover = Coord{x, y};
        if (!m_points.empty()) m_wb.status.showMessage(resultText(m_hover));
        m_overlay->update();
    });
    connect(canvas, &MapCanvas::viewportChanged, m_overlay, [this] { m_overlay->update(); });
}

MeasureTool::~MeasureTool() = default;

void MeasureTool::setMode(Mode mode)
{
    if (mode == m_mode) return;
    m_mode = mode;
    clear();
    m_overlay->setVisible(mode != Mode::Off);
    m_wb.canvas.setCursor(mode == Mode::Off ? Qt::ArrowCursor : Qt::CrossCursor);
    if (mode != Mode::Off)
        m_wb.status.showMessage(
            mode == Mode::Distance ? tr("Measure distance: click points, double-click or Enter to finish, Escape to clear")
                                   : tr("Measure area: click the corners, double-click or Enter to finish, Escape to clear"));
    emit modeChanged(mode);
}

void MeasureTool::addPoint(Coord map)
{
    // A double-click's second click lands on the last point: not a new vertex.
    if (!m_points.empty() && std::hypot(map.x - m_points.back().x, map.y - m_points.back().y)
                                 < m_wb.canvas.viewport().unitsPerPixel * 2)
        return;
    m_points.push_back(map);
    changed();
}

void MeasureTool::removeLastPoint()
{
    if (m_points.empty()) return;
    m_points.pop_back();
    m_finished = false;
    changed();
}

void MeasureTool::finish()
{
    if (m_points.size() < 2) return;
    m_finished = true;
    m_hover.reset();
    changed();
}

void MeasureTool::clear()
{
    m_points.clear();
    m_hover.reset();
    m_finished = false;
    m_overlay->update();
}

void MeasureTool::changed()
{
    m_overlay->update();
    const QString text = resultText();
    if (!m_points.empty()) m_wb.status.showMessage(text);
    emit measured(text);
}

std::vector<Coord> MeasureTool::lonLat(std::optional<Coord> hover) const
{
    std::vector<Coord> pts = m_points;
    if (hover && !m_finished) pts.push_back(*hover);
    if (!pts.empty()) m_toWgs84->transform(pts.data(), pts.size());
    return pts;
}

double MeasureTool::lengthMetres(std::optional<Coord> hover) const
{
    const std::vector<Coord> ll = lonLat(hover);
    double m = 0;
    for (std::size_t i = 1; i < ll.size(); ++i) m += geodesicDistance(ll[i - 1].x, ll[i - 1].y, ll[i].x, ll[i].y);
    if (m_mode == Mode::Area && ll.size() > 2) m += geodesicDistance(ll.back().x, ll.back().y, ll.front().x, ll.front().y);
    return m;
}

double MeasureTool::areaSquareMetres(std::optional<Coord> hover) const
{
    std::vector<Coord> ll = lonLat(hover);
    if (ll.size() < 3) return 0;
    ll.push_back(ll.front());
    return geodesicArea(ll);
}

QString MeasureTool::formatKm(double metres)
{
    const double km = metres / 1000;
    return QString("%L1 km").arg(km, 0, 'f', km < 10 ? 2 : km < 1000 ? 1 : 0);
}

QString MeasureTool::formatKm2(double squareMetres)
{
    const double km2 = squareMetres / 1e6;
    return QString::fromUtf8("%L1 km²").arg(km2, 0, 'f', km2 < 10 ? 2 : km2 < 1000 ? 1 : 0);
}

QString MeasureTool::resultText(std::optional<Coord> hover) const
{
    if (m_mode == Mode::Area)
        return tr("Area %1 · perimeter %2").arg(formatKm2(areaSquareMetres(hover)), formatKm(lengthMetres(hover)));
    return tr("Distance %1").arg(formatKm(lengthMetres(hover)));
}

bool MeasureTool::eventFilter(QObject* watched, QEvent* event)
{
    if (!isActive() || watched != &m_wb.canvas) return QObject::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonDblClick:
        if (static_cast<QMouseEvent*>(event)->button() == Qt::LeftButton) {
            finish();
            return true;
        }
        break;
    case QEvent::Resize:
        m_overlay->resize(m_wb.canvas.size());
        break;
    case QEvent::KeyPress: {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) { finish(); return true; }
        if (key == Qt::Key_Backspace) { removeLastPoint(); return true; }
        if (key == Qt::Key_Escape) {
            if (m_points.empty()) setMode(Mode::Off);
            else clear();
            return true;
        }
        break;
    }
    default: break;
    }
    return QObject::eventFilter(watched, event);
}

MeasureOverlay::MeasureOverlay(MeasureTool* tool, QWidget* canvas) : QWidget(canvas), m_tool(tool)
{
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    resize(canvas->size());
    hide();
}

void MeasureOverlay::paintEvent(QPaintEvent*)
{
    if (size() != parentWidget()->size()) resize(parentWidget()->size());
    const auto& pts = m_tool->m_points;
    if (pts.empty()) return;
    auto* canvas = static_cast<MapCanvas*>(parentWidget());
    const Viewport& vp = canvas->viewport();
    const double r = canvas->devicePixelRatioF();
    QPolygonF poly;
    for (const Coord& c : pts) {
        const Coord px = vp.toPixel(c);
        poly << QPointF(px.x / r, px.y / r);
    }
    if (m_tool->m_hover && !m_tool->m_finished) {
        const Coord px = vp.toPixel(*m_tool->m_hover);
        poly << QPointF(px.x / r, px.y / r);
    }
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor ink(0, 90, 170);
    const bool area = m_tool->mode() == MeasureTool::Mode::Area;
    if (area && poly.size() > 2) {
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0, 114, 178, 50));
        p.drawPolygon(poly);
    }
    p.setPen(QPen(Qt::white, 4.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    if (area && poly.size() > 2) p.drawPolygon(poly);
    else p.drawPolyline(poly);
    p.setPen(QPen(ink, 2, Qt::DashLine, Qt::RoundCap, Qt::RoundJoin));
    if (area && poly.size() > 2) p.drawPolygon(poly);
    else p.drawPolyline(poly);
    p.setPen(QPen(ink, 1.5));
    p.setBrush(Qt::white);
    for (const QPointF& pt : poly) p.drawEllipse(pt, 3.5, 3.5);

    // The result beside the last point.
    const QString text = m_tool->resultText(m_tool->m_hover);
    QFont f = font();
    f.setBold(true);
    p.setFont(f);
    const QFontMetricsF fm(f);
    QRectF box(poly.back() + QPointF(10, -fm.height() - 8), QSizeF(fm.horizontalAdvance(text) + 12, fm.height() + 6));
    if (box.right() > width()) box.moveRight(poly.back().x() - 10);
    if (box.top() < 0) box.moveTop(poly.back().y() + 10);
    p.setPen(QPen(ink, 1));
    p.setBrush(QColor(255, 255, 255, 235));
    p.drawRoundedRect(box, 3, 3);
    p.setPen(ink.darker(130));
    p.drawText(box, Qt::AlignCenter, text);
}

}  // namespace atlas::app
