#pragma once
// A layer's properties: title; style as a single symbol or as categories by a field (an
// attribute, or for the bundled layers the controller / status on the clock's day) with the
// colour-blind-safe Okabe–Ito palette; labels; opacity; and for the user's own layers a time
// mode over their date fields (instant, interval, cumulative, snapshot). The result goes
// through an undoable command; nothing changes until OK or Apply.
#include "atlas/geometry_column.h"
#include "atlas/model/map_document.h"
#include "atlas/render/style.h"
#include "atlas/time/time_mode.h"

#include <QDialog>

#include <optional>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSlider;
class QSpinBox;
class QTreeWidget;

namespace atlas::app {

class HillshadeControls;

// Categories for the distinct values of `field` (most frequent first, at most `maxCategories`;
// the rest use the default symbol): known vocabularies keep their colours (controllers,
// statuses, event kinds), anything else takes the Okabe–Ito colours in order.
std::vector<render::Category> classifyByField(const Layer& layer, const std::string& field, const render::Symbol& base,
                                              GeometryKind kind, std::size_t maxCategories = 12);
// `base` recoloured the way the map shows a colour for this geometry kind.
render::Symbol symbolWithColor(const render::Symbol& base, const QColor& color, GeometryKind kind);
// Columns holding dates: Date columns, and text columns whose values read as ISO dates.
std::vector<std::string> dateFields(const Layer& layer);

class LayerPropertiesDialog : public QDialog {
    Q_OBJECT
public:
    LayerPropertiesDialog(const MapDocument& document, std::size_t index, QWidget* parent = nullptr);

    render::LayerStyle style() const;
    // The time mode chosen (user layers); nullopt: drawn at every date.
    std::optional<TimeMode> timeMode() const;
    bool timeEditable() const { return m_timeEditable; }

signals:
    void applyRequested();

private:
    void buildStyleTab(QWidget* page);
    void buildTimeTab(QWidget* page);
    void classify();
    void updateCategoryList();
    void updateTimeFields();
    void updateTimePreview();
    void pickSingleColour();

    const MapDocument& m_doc;
    std::size_t m_index;
    const Layer* m_layer;
    GeometryKind m_kind;
    render::LayerStyle m_style;
    bool m_timeEditable = false;

    QLineEdit* m_title;
    QRadioButton* m_single;
    QRadioButton* m_categorised;
    QPushButton* m_colour;
    QDoubleSpinBox* m_size;
    QDoubleSpinBox* m_width;
    QComboBox* m_field;
    QTreeWidget* m_categories;
    QComboBox* m_label;
    QSlider* m_opacity;
    QCheckBox* m_halo = nullptr;  // only for layers with a halo_m column
    HillshadeControls* m_hillshade = nullptr;  // only for rasters

    QComboBox* m_mode = nullptr;
    QComboBox* m_dateField = nullptr;
    QComboBox* m_endField = nullptr;
    QComboBox* m_fromField = nullptr;
    QComboBox* m_toField = nullptr;
    QComboBox* m_groupField = nullptr;
    QSpinBox* m_fade = nullptr;
    QFormLayout* m_timeForm = nullptr;
    QLabel* m_timePreview = nullptr;
};

}  // namespace atlas::app
