#include "atlas/io/export_style.h"

#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

namespace atlas::io {

const ExportSymbol& ExportStyle::symbolFor(std::string_view value) const
{
    const int i = categoryIndex(value);
    return i < 0 ? symbol : categories[static_cast<std::size_t>(i)].symbol;
}

int ExportStyle::categoryIndex(std::string_view value) const
{
    for (std::size_t i = 0; i < categories.size(); ++i)
        if (categories[i].value == value) return static_cast<int>(i);
    return -1;
}

namespace {

std::string hex2(unsigned v)
{
    char buf[3];
    std::snprintf(buf, sizeof buf, "%02x", v & 0xffu);
    return buf;
}

std::string num(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

Rgba withOpacity(Rgba c, double opacity)
{
    c.a = static_cast<uint8_t>(std::clamp(c.a * opacity + 0.5, 0.0, 255.0));
    return c;
}

// Google Earth's built-in shapes (white, so the IconStyle colour tints them).
const char* earthIcon(ExportMarker m)
{
    switch (m) {
    case ExportMarker::Circle: return "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png";
    case ExportMarker::Square: return "http://maps.google.com/mapfiles/kml/shapes/placemark_square.png";
    case ExportMarker::Triangle: return "http://maps.google.com/mapfiles/kml/shapes/triangle.png";
    case ExportMarker::Diamond: return "http://maps.google.com/mapfiles/kml/shapes/open-diamond.png";
    case ExportMarker::Star: return "http://maps.google.com/mapfiles/kml/shapes/star.png";
    case ExportMarker::Cross: return "http://maps.google.com/mapfiles/kml/shapes/cross-hairs.png";
    }
    return "";
}

const char* qgisMarkerName(ExportMarker m)
{
    switch (m) {
    case ExportMarker::Circle: return "circle";
    case ExportMarker::Square: return "square";
    case ExportMarker::Triangle: return "triangle";
    case ExportMarker::Diamond: return "diamond";
    case ExportMarker::Star: return "star";
    case ExportMarker::Cross: return "cross_fill";
    }
    return "circle";
}

const char* sldMarkerName(ExportMarker m)
{
    switch (m) {
    case ExportMarker::Circle: return "circle";
    case ExportMarker::Square: return "square";
    case ExportMarker::Triangle: return "triangle";
    case ExportMarker::Diamond: return "diamond";  // QGIS reads this well-known-name back
    case ExportMarker::Star: return "star";
    case ExportMarker::Cross: return "cross";
    }
    return "circle";
}

// --- QML ----------------------------------------------------------------------------------------

using Props = std::vector<std::pair<std::string, std::string>>;

// QGIS 3.22 writes symbol-layer properties twice, as <Option type="Map"> and as legacy <prop>;
// so do we, so older and newer QGIS read them alike.
void appendProps(std::string& out, const Props& props, const std::string& indent)
{
    out += indent + "<Option type=\"Map\">\n";
    for (const auto& [k, v] : props)
        out += indent + " <Option name=\"" + xmlEscape(k) + "\" type=\"QString\" value=\"" + xmlEscape(v) + "\"/>\n";
    out += indent + "</Option>\n";
    for (const auto& [k, v] : props) out += indent + "<prop k=\"" + xmlEscape(k) + "\" v=\"" + xmlEscape(v) + "\"/>\n";
}

const char* qgisSymbolType(GeometryKind kind)
{
    switch (kind) {
    case GeometryKind::Line: return "line";
    case GeometryKind::Polygon: return "fill";
    default: return "marker";
    }
}

void appendSymbol(std::string& out, const ExportSymbol& s, GeometryKind kind, const std::string& name)
{
    const std::string ind = "    ";
    out += "   <symbol type=\"" + std::string(qgisSymbolType(kind)) + "\" name=\"" + xmlEscape(name) +
           "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n";
    const std::string outlineStyle = s.strokeWidth <= 0 || s.stroke.a == 0 ? "no" : s.dashed ? "dash" : "solid";
    switch (kind) {
    case GeometryKind::Line:
        out += ind + "<layer class=\"SimpleLine\" enabled=\"1\" locked=\"0\" pass=\"0\">\n";
        appendProps(out,
                    {{"capstyle", "round"},
                     {"joinstyle", "round"},
                     {"line_color", qgisColor(s.stroke)},
                     {"line_style", s.dashed ? "dash" : "solid"},
                     {"line_width", num(s.strokeWidth)},
                     {"line_width_unit", "Pixel"},
                     {"offset", "0"},
                     {"offset_unit", "Pixel"}},
                    ind + " ");
        break;
    case GeometryKind::Polygon:
        out += ind + "<layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\">\n";
        appendProps(out,
                    {{"color", qgisColor(s.fill)},
                     {"joinstyle", "round"},
                     {"offset", "0,0"},
                     {"offset_unit", "Pixel"},
                     {"outline_color", qgisColor(s.stroke)},
                     {"outline_style", outlineStyle},
                     {"outline_width", num(s.strokeWidth)},
                     {"outline_width_unit", "Pixel"},
                     {"style", s.fill.a == 0 ? "no" : "solid"}},
                    ind + " ");
        break;
    default:
        out += ind + "<layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\">\n";
        appendProps(out,
                    {{"angle", "0"},
                     {"color", qgisColor(s.fill)},
                     {"joinstyle", "bevel"},
                     {"name", qgisMarkerName(s.shape)},
                     {"offset", "0,0"},
                     {"offset_unit", "Pixel"},
                     {"outline_color", qgisColor(s.stroke)},
                     {"outline_style", outlineStyle},
                     {"outline_width", num(s.strokeWidth)},
                     {"outline_width_unit", "Pixel"},
                     {"scale_method", "diameter"},
                     {"size", num(s.size)},
                     {"size_unit", "Pixel"}},
                    ind + " ");
        break;
    }
    out += ind + "</layer>\n";
    out += "   </symbol>\n";
}

// --- SLD ----------------------------------------------------------------------------------------

std::string svgParam(const char* name, const std::string& value)
{
    return "<se:SvgParameter name=\"" + std::string(name) + "\">" + xmlEscape(value) + "</se:SvgParameter>";
}

std::string sldOpacity(uint8_t a) { return num(a / 255.0); }

std::string sldSymbolizer(const ExportSymbol& s, GeometryKind kind)
{
    const std::string stroke =
        s.strokeWidth <= 0 || s.stroke.a == 0
            ? std::string()
            : "<se:Stroke>" + svgParam("stroke", hexRgb(s.stroke)) + svgParam("stroke-opacity", sldOpacity(s.stroke.a)) +
                  svgParam("stroke-width", num(s.strokeWidth)) + (s.dashed ? svgParam("stroke-dasharray", "4 2") : "") +
                  "</se:Stroke>";
    const std::string fill = s.fill.a == 0 ? std::string()
                                           : "<se:Fill>" + svgParam("fill", hexRgb(s.fill)) +
                                                 svgParam("fill-opacity", sldOpacity(s.fill.a)) + "</se:Fill>";
    switch (kind) {
    case GeometryKind::Line: return "<se:LineSymbolizer>" + stroke + "</se:LineSymbolizer>";
    case GeometryKind::Polygon: return "<se:PolygonSymbolizer>" + fill + stroke + "</se:PolygonSymbolizer>";
    default:
        return "<se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>" + std::string(sldMarkerName(s.shape)) +
               "</se:WellKnownName>" + fill + stroke + "</se:Mark><se:Size>" + num(s.size) +
               "</se:Size></se:Graphic></se:PointSymbolizer>";
    }
}

}  // namespace

std::string xmlEscape(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string ogrColor(Rgba c) { return "#" + hex2(c.r) + hex2(c.g) + hex2(c.b) + hex2(c.a); }
std::string qgisColor(Rgba c)
{
    return std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + "," + std::to_string(c.a);
}
std::string hexRgb(Rgba c) { return "#" + hex2(c.r) + hex2(c.g) + hex2(c.b); }

std::string ogrLabelString(const ExportStyle& style)
{
    if (style.labelField.empty()) return {};
    constexpr double kDefaultPointSize = 8.5;  // LabelStyle scale 1
    const double scale = std::max(0.1, style.labelPointSize / kDefaultPointSize);
    // LIBKML reads the stretch (w) in percent as the LabelStyle scale.
    return "LABEL(c:" + ogrColor(withOpacity(style.labelColor, style.opacity)) + ",w:" + num(scale * 100.0) + ")";
}

std::string ogrStyleString(const ExportSymbol& s, GeometryKind kind, double opacity)
{
    std::vector<std::string> parts;
    const bool point = kind == GeometryKind::Point || kind == GeometryKind::None;
    const bool line = kind == GeometryKind::Line || kind == GeometryKind::None;
    const bool polygon = kind == GeometryKind::Polygon || kind == GeometryKind::None;
    if (point) {
        // Google Earth draws its shapes at 32 px for scale 1; ours are 6–18 px, never below 0.4.
        const double scale = std::max(0.4, s.size / 16.0);
        parts.push_back("SYMBOL(id:\"" + std::string(earthIcon(s.shape)) + "\",c:" + ogrColor(withOpacity(s.fill, opacity)) +
                        ",s:" + num(scale) + ")");
    }
    if (polygon) parts.push_back("BRUSH(fc:" + ogrColor(withOpacity(s.fill, opacity)) + ")");
    if (line || polygon) {
        // A line's colour is its stroke; an outline of width 0 is drawn as a hairline by KML
        // viewers, so it is made transparent instead.
        const Rgba pen = s.strokeWidth <= 0 ? Rgba{s.stroke.r, s.stroke.g, s.stroke.b, 0} : withOpacity(s.stroke, opacity);
        parts.push_back("PEN(c:" + ogrColor(pen) + ",w:" + num(std::max(s.strokeWidth, 0.0)) + "px)");
    }
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : ";") + p;
    return out;
}

std::string qgisQml(const ExportStyle& style, GeometryKind kind)
{
    const bool labels = !style.labelField.empty();
    std::string out = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n";
    out += "<qgis version=\"3.22.16-Białowieża\" styleCategories=\"Symbology|Labeling|Rendering\" labelsEnabled=\"" +
           std::string(labels ? "1" : "0") + "\">\n";
    if (style.categoryField.empty() || style.categories.empty()) {
        out += " <renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\" "
               "referencescale=\"-1\">\n  <symbols>\n";
        appendSymbol(out, style.symbol, kind, "0");
        out += "  </symbols>\n";
    } else {
        out += " <renderer-v2 type=\"categorizedSymbol\" attr=\"" + xmlEscape(style.categoryField) +
               "\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\" referencescale=\"-1\">\n  <categories>\n";
        for (std::size_t i = 0; i < style.categories.size(); ++i) {
            const ExportCategory& c = style.categories[i];
            out += "   <category render=\"true\" symbol=\"" + std::to_string(i) + "\" value=\"" + xmlEscape(c.value) +
                   "\" label=\"" + xmlEscape(c.label.empty() ? c.value : c.label) + "\"/>\n";
        }
        // Everything else: QGIS's catch-all category has an empty value.
        out += "   <category render=\"true\" symbol=\"" + std::to_string(style.categories.size()) +
               "\" value=\"\" label=\"other\"/>\n";
        out += "  </categories>\n  <symbols>\n";
        for (std::size_t i = 0; i < style.categories.size(); ++i)
            appendSymbol(out, style.categories[i].symbol, kind, std::to_string(i));
        appendSymbol(out, style.symbol, kind, std::to_string(style.categories.size()));
        out += "  </symbols>\n  <source-symbol>\n";
        appendSymbol(out, style.symbol, kind, "0");
        out += "  </source-symbol>\n";
    }
    out += " </renderer-v2>\n";
    if (labels) {
        out += " <labeling type=\"simple\">\n  <settings calloutType=\"simple\">\n";
        out += "   <text-style fieldName=\"" + xmlEscape(style.labelField) +
               "\" isExpression=\"0\" fontFamily=\"Noto Sans\" namedStyle=\"Regular\" fontSize=\"" +
               num(style.labelPointSize) + "\" fontSizeUnit=\"Point\" textColor=\"" + qgisColor(style.labelColor) +
               "\" textOpacity=\"1\">\n";
        out += "    <text-buffer bufferDraw=\"1\" bufferSize=\"1\" bufferSizeUnits=\"MM\" bufferColor=\"255,255,255,255\" "
               "bufferOpacity=\"0.86\" bufferJoinStyle=\"128\"/>\n";
        out += "   </text-style>\n";
        out += "   <placement placement=\"" + std::string(kind == GeometryKind::Line ? "2" : kind == GeometryKind::Polygon ? "1" : "6") +
               "\" dist=\"1\" distUnits=\"MM\"/>\n";
        out += "  </settings>\n </labeling>\n";
    }
    out += " <layerOpacity>" + num(style.opacity) + "</layerOpacity>\n";
    out += "</qgis>\n";
    return out;
}

std::string sldDocument(const ExportStyle& style, const std::string& layerName, GeometryKind kind)
{
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<StyledLayerDescriptor xmlns=\"http://www.opengis.net/sld\" "
                      "xmlns:ogc=\"http://www.opengis.net/ogc\" xmlns:se=\"http://www.opengis.net/se\" "
                      "xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" version=\"1.1.0\" "
                      "xsi:schemaLocation=\"http://www.opengis.net/sld "
                      "http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd\">\n";
    out += " <NamedLayer>\n  <se:Name>" + xmlEscape(layerName) + "</se:Name>\n  <UserStyle>\n   <se:Name>" +
           xmlEscape(style.title.empty() ? layerName : style.title) + "</se:Name>\n   <se:FeatureTypeStyle>\n";
    const bool categorized = !style.categoryField.empty() && !style.categories.empty();
    if (categorized) {
        for (const ExportCategory& c : style.categories) {
            out += "    <se:Rule>\n     <se:Name>" + xmlEscape(c.label.empty() ? c.value : c.label) + "</se:Name>\n";
            out += "     <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>" + xmlEscape(style.categoryField) +
                   "</ogc:PropertyName><ogc:Literal>" + xmlEscape(c.value) +
                   "</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>\n";
            out += "     " + sldSymbolizer(c.symbol, kind) + "\n    </se:Rule>\n";
        }
    }
    out += "    <se:Rule>\n     <se:Name>" + std::string(categorized ? "other" : "all") + "</se:Name>\n";
    if (categorized) out += "     <se:ElseFilter/>\n";
    out += "     " + sldSymbolizer(style.symbol, kind) + "\n    </se:Rule>\n";
    out += "   </se:FeatureTypeStyle>\n  </UserStyle>\n </NamedLayer>\n</StyledLayerDescriptor>\n";
    return out;
}

}  // namespace atlas::io
