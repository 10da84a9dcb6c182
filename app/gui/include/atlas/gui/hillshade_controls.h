#pragma once
// The hillshade part of a raster layer's properties: on/off, the light's azimuth and altitude,
// and the vertical exaggeration (render::HillshadeStyle). A DEM opens with hillshade on; any
// single-band raster can be switched to it here.
#include "atlas/render/style.h"

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;

namespace atlas::app {

class HillshadeControls : public QWidget {
    Q_OBJECT
public:
    HillshadeControls(const render::HillshadeStyle& style, QWidget* parent = nullptr);
    render::HillshadeStyle value() const;

private:
    QCheckBox* m_enabled;
    QDoubleSpinBox* m_azimuth;
    QDoubleSpinBox* m_altitude;
    QDoubleSpinBox* m_zFactor;
};

}  // namespace atlas::app
