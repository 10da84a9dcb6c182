#pragma once
// How a layer looks, as plain data for files other tools read (core has no Qt: the app turns
// its render::LayerStyle into this — app/cli/export_data_command.h). Written as:
//  * KML — one shared <Style> per category (IconStyle / LineStyle / PolyStyle, and LabelStyle
//    when the layer is labelled), through OGR
//    feature style strings that the LIBKML driver turns into KML;
//  * GeoPackage — a row of the `layer_styles` table QGIS reads (QGIS 3.22 schema: QML in
//    styleQML, SLD in styleSLD, useAsDefault = 1), so the layer opens in QGIS styled.
// Sizes and widths are logical pixels, as on the screen (QGIS unit "Pixel").
#include "atlas/geometry_column.h"

#include <cstdint>
#include <string>
#include <vector>

namespace atlas::io {

struct Rgba {
    uint8_t r = 0, g = 0, b = 0, a = 255;
    bool operator==(const Rgba&) const = default;
};

enum class ExportMarker { Circle, Square, Triangle, Diamond, Star, Cross };

struct ExportSymbol {
    Rgba fill{90, 90, 90, 255};
    Rgba stroke{255, 255, 255, 255};
    double strokeWidth = 1.0;  // px; 0 = no outline
    double size = 6.0;         // marker diameter, px
    ExportMarker shape = ExportMarker::Circle;
    bool dashed = false;
};

struct ExportCategory {
    std::string value;  // attribute value written in categoryField
    std::string label;  // legend text
    ExportSymbol symbol;
};

struct ExportStyle {
    std::string title;
    ExportSymbol symbol;          // features matching no category
    std::string categoryField;    // an attribute of the exported layer ("" = single symbol)
    std::vector<ExportCategory> categories;
    std::string labelField;       // "" = no labels
    double labelPointSize = 8.5;
    Rgba labelColor{25, 25, 25, 255};
    double opacity = 1.0;

    // The symbol for a value (the default symbol when no category matches).
    const ExportSymbol& symbolFor(std::string_view value) const;
    // Index of the category for a value, or -1.
    int categoryIndex(std::string_view value) const;
};

// "#rrggbbaa" (OGR style strings), "r,g,b,a" (QGIS), "#rrggbb" (SLD)
std::string ogrColor(Rgba c);
std::string qgisColor(Rgba c);
std::string hexRgb(Rgba c);

// An OGR feature style string for the symbol, with the parts for `kind` (SYMBOL for points,
// PEN for lines, BRUSH + PEN for polygons; all three for None, i.e. a mixed layer). Marker
// icons are Google Earth's standard shapes, tinted with the fill colour.
std::string ogrStyleString(const ExportSymbol& symbol, GeometryKind kind, double opacity = 1.0);

// The OGR LABEL part for the style's labels, which LIBKML writes as <LabelStyle>: colour
// (with the layer's opacity) and scale, 1 being our default label size (8.5 pt). "" when the
// style has no labels. Append it to ogrStyleString's result with ';'.
std::string ogrLabelString(const ExportStyle& style);

// A QGIS QML document (QGIS 3.22: a categorized or single-symbol renderer, simple marker / line
// / fill symbol layers in pixels, and simple labels when labelField is set).
std::string qgisQml(const ExportStyle& style, GeometryKind kind);
// An OGC SLD 1.1 (Symbology Encoding) document with one rule per category and an else-rule.
std::string sldDocument(const ExportStyle& style, const std::string& layerName, GeometryKind kind);

// XML text escaping (&, <, >, ", ').
std::string xmlEscape(std::string_view text);

}  // namespace atlas::io
