#include "atlas/gui/hillshade_controls.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>

namespace atlas::app {

HillshadeControls::HillshadeControls(const render::HillshadeStyle& style, QWidget* parent) : QWidget(parent)
{
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    m_enabled = new QCheckBox(tr("Draw as hillshade (elevation)"), this);
    m_enabled->setObjectName("hillshadeEnabled");
    m_enabled->setChecked(style.enabled);
    m_enabled->setToolTip(tr("Shade the raster's values as terrain lit from one direction: for a DEM (SRTM or any "
                             "single-band elevation GeoTIFF)"));
    form->addRow(m_enabled);
    m_azimuth = new QDoubleSpinBox(this);
    m_azimuth->setObjectName("hillshadeAzimuth");
    m_azimuth->setRange(0, 359.9);
    m_azimuth->setWrapping(true);
    m_azimuth->setDecimals(0);
    m_azimuth->setSuffix(tr("°"));
    m_azimuth->setValue(style.azimuth);
    m_azimuth->setToolTip(tr("Where the light comes from, clockwise from north (315°: north-west, the cartographic "
                             "convention)"));
    form->addRow(tr("Light from"), m_azimuth);
    m_altitude = new QDoubleSpinBox(this);
    m_altitude->setObjectName("hillshadeAltitude");
    m_altitude->setRange(1, 90);
    m_altitude->setDecimals(0);
    m_altitude->setSuffix(tr("° above the horizon"));
    m_altitude->setValue(style.altitude);
    form->addRow(tr("Light height"), m_altitude);
    m_zFactor = new QDoubleSpinBox(this);
    m_zFactor->setObjectName("hillshadeZFactor");
    m_zFactor->setRange(0.1, 100);
    m_zFactor->setSingleStep(0.5);
    m_zFactor->setPrefix(tr("× "));
    m_zFactor->setValue(style.zFactor);
    m_zFactor->setToolTip(tr("Vertical exaggeration: heights multiplied before shading"));
    form->addRow(tr("Exaggeration"), m_zFactor);
    auto sync = [this] {
        for (QWidget* w : {static_cast<QWidget*>(m_azimuth), static_cast<QWidget*>(m_altitude),
                           static_cast<QWidget*>(m_zFactor)})
            w->setEnabled(m_enabled->isChecked());
    };
    connect(m_enabled, &QCheckBox::toggled, this, sync);
    sync();
}

render::HillshadeStyle HillshadeControls::value() const
{
    return {m_enabled->isChecked(), m_azimuth->value(), m_altitude->value(), m_zFactor->value()};
}

}  // namespace atlas::app
