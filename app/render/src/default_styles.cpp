#include "atlas/render/default_styles.h"
#include "atlas/data/schema.h"

#include "atlas/io/event_import.h"
#include "atlas/render/palette.h"

#include <array>

namespace atlas::render {
namespace {

Symbol polygonSymbol(QColor fill, QColor stroke, double width)
{
    Symbol s;
    s.fill = fill;
    s.stroke = stroke;
    s.strokeWidth = width;
    return s;
}

Symbol lineSymbol(QColor stroke, double width, Qt::PenStyle style = Qt::SolidLine)
{
    Symbol s;
    s.fill = Qt::transparent;
    s.stroke = stroke;
    s.strokeWidth = width;
    s.strokeStyle = style;
    return s;
}

Symbol markerSymbol(QColor fill, double size, MarkerShape shape, QColor stroke = Qt::white, double width = 1.0)
{
    Symbol s;
    s.fill = fill;
    s.stroke = stroke;
    s.strokeWidth = width;
    s.size = size;
    s.shape = shape;
    return s;
}

QColor translucent(QColor c, int alpha)
{
    c.setAlpha(alpha);
    return c;
}

}  // namespace

LayerStyle basemapCountryFillStyle()
{
    LayerStyle s;
    s.title = "Countries";
    s.symbol = polygonSymbol(palette::kOtherCountryFill, Qt::transparent, 0);
    s.categoryField = "NAME";
    s.categories = {
        {"Myanmar", "Myanmar", polygonSymbol(palette::kMyanmarFill, Qt::transparent, 0)},
        {"China", "China", polygonSymbol(palette::kChinaFill, Qt::transparent, 0)},
    };
    s.label.field = "";
    return s;
}

LayerStyle basemapStateStyle()
{
    LayerStyle s;
    s.title = "States and provinces";
    s.symbol = polygonSymbol(Qt::transparent, palette::kStateBorder, 0.6);
    s.categoryField = "name";
    Symbol kachin = polygonSymbol(QColor(250, 225, 190, 90), palette::kKachinHighlight, 4.0);
    s.categories = {{"Kachin", "Kachin State", kachin}};
    s.showOtherInLegend = false;
    return s;
}

LayerStyle basemapCountryBorderStyle()
{
    LayerStyle s;
    s.title = "International border";
    s.symbol = polygonSymbol(Qt::transparent, palette::kCountryBorder, 1.4);
    return s;
}

LayerStyle basemapDisputedStyle()
{
    LayerStyle s;
    s.title = "Disputed border";
    s.symbol = lineSymbol(palette::kCountryBorder, 1.2, Qt::DashLine);
    return s;
}

LayerStyle basemapRiverStyle()
{
    LayerStyle s;
    s.title = "Rivers (GSHHG)";
    s.symbol = lineSymbol(palette::kRiver, 0.6);
    s.categoryField = "class";
    s.categories = {
        {"1", "Major river", lineSymbol(palette::kRiver, 2.2)},
        {"2", "Additional major river", lineSymbol(palette::kRiver, 1.4)},
        // WDBII files the Mali Hka and the Taping here: thin, but not hairlines.
        {"3", "Other river", lineSymbol(palette::kRiver, 0.9)},
    };
    s.showOtherInLegend = false;
    return s;
}

LayerStyle highlightStyle()
{
    LayerStyle s;
    s.title = "Highlighted";
    s.symbol.fill = QColor(255, 214, 0, 90);
    s.symbol.stroke = QColor(255, 196, 0);
    s.symbol.strokeWidth = 3.5;
    s.symbol.size = 18;
    s.symbol.shape = MarkerShape::Circle;
    return s;
}

std::vector<Category> controllerCategories(const Symbol& base, bool recolourStroke)
{
    std::vector<Category> out;
    for (const char* c : {"KIA", "junta", "NDA-K/BGF", "UWSA", "NDAA", "MNDAA", "contested"}) {
        Symbol s = base;
        const QColor col = palette::controllerColor(c);
        if (base.fill.alpha() > 0) s.fill = translucent(col, base.fill.alpha());
        if (recolourStroke) s.stroke = col.darker(115);
        out.push_back({c, QString::fromUtf8(c == std::string_view("junta") ? "Junta (SAC)" : c), s});
    }
    return out;
}

std::vector<Category> statusCategories(const Symbol& base)
{
    std::vector<Category> out;
    for (const char* st : {"open", "restricted", "closed"}) {
        Symbol s = base;
        s.fill = palette::statusColor(st);
        QString label = QString::fromUtf8(st);
        label[0] = label[0].toUpper();
        out.push_back({st, label, s});
    }
    return out;
}

namespace {

LayerStyle styleByName(const Layer& layer, int ordinal)
{
    const std::string& n = layer.name();
    LayerStyle s;
    s.title = QString::fromStdString(n);
    if (n == schema::kPlaces) {
        s.title = "Places";
        s.symbol = markerSymbol(palette::kTownSymbol, 6.5, MarkerShape::Circle);
        s.categoryField = "kind";
        s.categories = {{"state capital", "State capital", markerSymbol(palette::kTownSymbol, 8.5, MarkerShape::Square)}};
        s.label.field = "name";
        s.label.priority = 10;
        return s;
    }
    if (n == schema::kMines) {
        s.title = "Rare-earth mining areas";
        // Coloured by who controls the area on the clock's day; diamonds for sites.
        Symbol base = markerSymbol(palette::kGrey, 11, MarkerShape::Diamond, QColor(40, 25, 5), 1.3);
        base.fill.setAlpha(200);
        s.symbol = base;
        s.categoryField = kControllerState;
        s.categories = controllerCategories(base, false);
        s.label.field = "name";
        s.label.pointSize = 7.5;
        s.label.color = QColor(90, 50, 5);
        s.label.priority = 5;
        return s;
    }
    if (n == schema::kCrossings) {
        s.title = "Border crossings";
        // Coloured by status on the clock's day: open, restricted, closed.
        s.symbol = markerSymbol(palette::kGrey, 10, MarkerShape::Triangle, QColor(30, 30, 30), 1.0);
        s.categoryField = kStatusState;
        s.categories = statusCategories(s.symbol);
        // Named where no town label does it already (Mai Ja Yang, Hpimaw…).
        s.label.field = "name";
        s.label.pointSize = 7.5;
        s.label.color = QColor(45, 45, 45);
        s.label.priority = 8;
        return s;
    }
    if (n == schema::kControl) {
        s.title = "Areas of control (schematic)";
        s.symbol = polygonSymbol(translucent(palette::kGrey, 70), palette::kGrey, 0.8);
        s.categoryField = kControllerState;
        s.categories = controllerCategories(s.symbol);
        // Who holds the area, inside it where the words fit.
        s.label.field = kCategoryLabel;
        s.label.pointSize = 8;
        s.label.bold = true;
        s.label.color = QColor(60, 60, 60);
        s.label.priority = 3;
        return s;
    }
    if (n == schema::kFrontlines) {
        s.title = "Front line, Bhamo (schematic)";
        s.symbol = lineSymbol(palette::kFrontLine, 2.4);
        s.label.text = "Front line";
        s.label.pointSize = 7.5;
        s.label.color = palette::kFrontLine;
        s.label.priority = 6;
        return s;
    }
    if (n == schema::kRiver) {
        // Since issue 17 the row has no line: it names the river for links; GSHHG draws it.
        s.title = "Irrawaddy (name only; drawn by Rivers)";
        s.symbol = lineSymbol(palette::kRiver, 2.0);
        return s;
    }
    if (n == schema::kEvents) {
        s.title = "Events";
        // A translucent disc larger than a town dot, so an event at a town reads as a halo
        // around it; it fades with the event's age.
        s.symbol = markerSymbol(palette::kGrey, 15, MarkerShape::Circle, QColor(40, 40, 40), 1.0);
        s.categoryField = "kind";
        for (const char* k : {"battle", "capture", "airstrike", "border", "trade", "policy", "political", "disaster", "report"}) {
            Symbol sym = s.symbol;
            const QColor c = palette::eventKindColor(k);
            sym.fill = translucent(c, 150);
            sym.stroke = c.darker(140);
            QString label = QString::fromUtf8(k);
            label[0] = label[0].toUpper();
            s.categories.push_back({k, label, sym});
        }
        return s;
    }
    static const std::array<QColor, 6> cycle = {palette::kBlue, palette::kVermillion, palette::kBluishGreen,
                                                palette::kReddishPurple, palette::kOrange, palette::kSkyBlue};
    const QColor c = cycle[static_cast<std::size_t>(ordinal) % cycle.size()];
    GeometryKind kind = GeometryKind::None;
    for (std::size_t f = 0; f < layer.featureCount() && kind == GeometryKind::None; ++f) kind = layer.geometry().kind(f);
    switch (kind) {
    case GeometryKind::Line: s.symbol = lineSymbol(c, 1.5); break;
    case GeometryKind::Polygon: s.symbol = polygonSymbol(translucent(c, 90), c.darker(120), 1.0); break;
    default: s.symbol = markerSymbol(c, 6, MarkerShape::Circle); break;
    }
    if (layer.column("name")) s.label.field = "name";
    return s;
}

}  // namespace

LayerStyle importedEventStyle(const Layer& layer, const QString& title)
{
    const Column* kindColumn = layer.column(io::kKindField);
    const auto present = [&](std::string_view kind) {
        for (std::size_t f = 0; kindColumn && f < layer.featureCount(); ++f)
            if (!kindColumn->isNull(f) && kindColumn->text(f) == kind) return true;
        return false;
    };
    LayerStyle s;
    s.title = title;
    // The bundled events' look (a translucent disc with a dark ring), one colour per ACLED
    // event type and UCDP type of violence, close to the bundled kinds they correspond to.
    s.symbol = markerSymbol(palette::kGrey, 11, MarkerShape::Circle, QColor(40, 40, 40), 1.0);
    s.symbol.fill.setAlpha(170);
    s.categoryField = "kind";
    const std::pair<const char*, QColor> kinds[] = {
        {"Battles", palette::eventKindColor("battle")},
        {"Explosions/Remote violence", palette::eventKindColor("airstrike")},
        {"Violence against civilians", palette::kReddishPurple},
        {"Strategic developments", palette::eventKindColor("policy")},
        {"Protests", palette::eventKindColor("political")},
        {"Riots", palette::kBlue},
        {"state-based", palette::eventKindColor("battle")},
        {"non-state", palette::kOrange},
        {"one-sided", palette::kReddishPurple},
    };
    for (const auto& [kind, colour] : kinds) {
        if (!present(kind)) continue;  // the legend lists what the file holds
        Symbol sym = s.symbol;
        sym.fill = translucent(colour, 170);
        sym.stroke = colour.darker(150);
        QString label = QString::fromUtf8(kind);
        label[0] = label[0].toUpper();
        s.categories.push_back({kind, label, sym});
    }
    s.uncertainty.field = io::kHaloField;
    return s;
}

LayerStyle defaultStyleFor(const Layer& layer, int ordinal)
{
    LayerStyle s = styleByName(layer, ordinal);
    // Layers that say how uncertain their positions are (event imports, or any layer with the
    // column) show it unless the user turns it off.
    if (layer.column(io::kHaloField)) s.uncertainty.field = io::kHaloField;
    return s;
}

}  // namespace atlas::render
