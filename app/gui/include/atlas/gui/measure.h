#pragma once
// Measuring on the map: a distance along a path or the area of a polygon, clicked point by
// point, both on the WGS 84 ellipsoid (PROJ's geodesic routines) whatever the display CRS —
// km and km². Click to add a point, double-click or Enter to finish, Backspace to take the
// last point back, Escape to clear. The shape is drawn over the canvas by an overlay widget.
#include "atlas/gui/workbench.h"
#include "atlas/crs.h"
#include "atlas/geometry_column.h"

#include <QObject>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

namespace atlas::app {

class MeasureOverlay;

class MeasureTool : public QObject {
    Q_OBJECT
public:
    enum class Mode { Off, Distance, Area };

    explicit MeasureTool(const Workbench& wb);
    ~MeasureTool() override;

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    bool isActive() const { return m_mode != Mode::Off; }

    // Points in the display CRS.
    void addPoint(Coord map);
    void removeLastPoint();
    void finish();
    void clear();
    const std::vector<Coord>& points() const { return m_points; }
    bool isFinished() const { return m_finished; }

    // Geodesic length of the path (Distance) or of the ring's perimeter (Area), metres; and the
    // geodesic area of the closed ring, m². With `hover`, as if it were the next point.
    double lengthMetres(std::optional<Coord> hover = std::nullopt) const;
    double areaSquareMetres(std::optional<Coord> hover = std::nullopt) const;
    // "12.34 km", "56.7 km² · perimeter 30.1 km"
    QString resultText(std::optional<Coord> hover = std::nullopt) const;

    static QString formatKm(double metres);
    static QString formatKm2(double squareMetres);

signals:
    void modeChanged(atlas::app::MeasureTool::Mode mode);
    void measured(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    std::vector<Coord> lonLat(std::optional<Coord> hover) const;
    void changed();

    Workbench m_wb;
    MeasureOverlay* m_overlay;
    std::unique_ptr<CoordinateTransform> m_toWgs84;
    Mode m_mode = Mode::Off;
    std::vector<Coord> m_points;
    std::optional<Coord> m_hover;
    bool m_finished = false;
    friend class MeasureOverlay;
};

// Draws the measured path or polygon and its result over the canvas; transparent to the mouse.
class MeasureOverlay : public QWidget {
    Q_OBJECT
public:
    MeasureOverlay(MeasureTool* tool, QWidget* canvas);

protected:
    void paintEvent(QPaintEvent*) override;

private:
    MeasureTool* m_tool;
};

}  // namespace atlas::app
