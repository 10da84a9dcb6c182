#pragma once
// How a layer is drawn. A LayerStyle is a plain value copied into every render snapshot.
#include <QColor>
#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace atlas::render {

enum class MarkerShape { Circle, Square, Triangle, Diamond, Star, Cross };

struct Symbol {
    QColor fill{90, 90, 90};
    QColor stroke{255, 255, 255};
    double strokeWidth = 1.0;   // logical pixels (scaled by the device pixel ratio)
    double size = 6.0;          // marker diameter, logical pixels
    MarkerShape shape = MarkerShape::Circle;
    Qt::PenStyle strokeStyle = Qt::SolidLine;
};

struct Category {
    std::string value;   // attribute value (or state value, e.g. a controller) this applies to
    QString label;       // legend text
    Symbol symbol;
};

struct LabelStyle {
    std::string field;          // empty: no labels
    double pointSize = 8.5;
    QColor color{25, 25, 25};
    QColor halo{255, 255, 255, 220};
    bool bold = false;
    // Cartographic convention: water is named in italics (rivers, lakes), land in roman.
    bool italic = false;
    // Higher priority labels are placed first (so they win collisions).
    int priority = 0;
    // Optional integer/real field; larger values are placed first within the layer.
    std::string rankField;
    // Labels whose rank reaches storyRank are the places the story is about: placed before
    // every other label, in wider rings, over symbols that carry no name (events).
    std::optional<double> storyRank;
    // Labels ranked below detailRank show only at detailUnitsPerPixel (map units per logical
    // pixel) or closer: more places as the user zooms in.
    std::optional<double> detailRank;
    double detailUnitsPerPixel = 0;
    // Instead of a field: the same words on every feature (a front line), or, with the field
    // kCategoryLabel, the legend label of the feature's category (who controls an area).
    QString text;

    bool enabled() const { return !field.empty() || !text.isEmpty(); }
};

inline constexpr const char* kCategoryLabel = "@category";

// Category fields that name a feature's state on the clock's day rather than an attribute:
// the controller (mines, crossings, control areas) and a crossing's status.
// Where a point may really be: a translucent disc of `field`'s value in metres around it
// (ACLED geo_precision, UCDP where_prec → halo_m), drawn under the marker in the marker's fill
// colour at `opacity`. Metres are display-CRS units (the display CRSs are metric). Empty field,
// a null value or a value ≤ 0: no disc.
struct UncertaintyHalo {
    std::string field;
    double opacity = 0.14;
};

// An elevation raster (DEM) drawn as hillshade: lit from `azimuth` degrees (clockwise from
// north) at `altitude` degrees above the horizon, heights multiplied by `zFactor`. Flat ground
// leaves what lies below unchanged; slopes facing the light lighten it, the others darken it.
struct HillshadeStyle {
    bool enabled = false;
    double azimuth = 315.0;
    double altitude = 45.0;
    double zFactor = 1.0;
};

inline constexpr const char* kControllerState = "@controller";
inline constexpr const char* kStatusState = "@status";

struct LayerStyle {
    QString title;                  // legend / layer panel title
    Symbol symbol;                  // used when no category matches
    std::string categoryField;      // attribute, or kControllerState / kStatusState
    std::vector<Category> categories;
    bool showOtherInLegend = true;  // legend shows `symbol` as "other" when categories exist
    LabelStyle label;
    UncertaintyHalo uncertainty;
    double opacity = 1.0;
    HillshadeStyle hillshade;       // raster layers only

    // The symbol for an attribute value (the default symbol when no category matches).
    const Symbol& symbolFor(std::string_view value) const;
    // Index into categories, or -1.
    int categoryIndex(std::string_view value) const;
};

}  // namespace atlas::render
