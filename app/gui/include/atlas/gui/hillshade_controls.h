#pragma once
// The hillshade part of a raster layer's properties: on/off, the light's azimuth and altitude,
// and the vertical exaggeration (render::HillshadeStyle). A DEM opens with hillshade on; any
// single-band raster can be switched to it here.
#include "atlas/model/map_document.h"
#include "atlas/render/style.h"

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;

namespace atlas::app {

// True for a raster whose properties are worth a dialog: a DEM, or one already drawn as hillshade.
inline bool hasHillshadeStyle(const LayerEntry& e)
{
    return e.raster && (e.raster->looksLikeElevation() || e.style.hillshade.enabled);
}

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
