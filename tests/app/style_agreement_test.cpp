// One style table (issue 14): what `export-data` writes as a layer's QGIS style is what the
// window draws, for every category of every bundled layer and of ACLED and UCDP imports
// (a "Riots" row included: it was blue on screen and orange in export-data).
#include "browse_test_support.h"

#include "atlas/cli/commands.h"
#include "atlas/data/dataset.h"
#include "atlas/gui/open_data.h"

#include <QFile>
#include <QMessageBox>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <map>

using namespace atlas;
using namespace atlas::app;

namespace {

// value → "r,g,b,a" of its symbol's main colour, from the QML export-data stored for `table`.
std::map<std::string, std::string> exportedColours(const QString& gpkg, const std::string& table)
{
    std::map<std::string, std::string> out;
    GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.toUtf8().constData(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    OGRLayer* styles = ds->GetLayerByName("layer_styles");
    REQUIRE(styles);
    std::string qml;
    for (auto& f : *styles)
        if (table == f->GetFieldAsString("f_table_name")) qml = f->GetFieldAsString("styleQML");
    INFO(table);
    REQUIRE(!qml.empty());
    const QString text = QString::fromStdString(qml);
    std::map<QString, std::string> colourOfSymbol;
    static const QRegularExpression symbol(
        R"re(<symbol type="(\w+)" name="(\d+)"[\s\S]*?<prop k="(?:color|line_color)" v="([\d,]+)"/>)re");
    for (auto it = symbol.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        // Lines: the stroke is the colour; markers and fills: the fill. The first of a name
        // counts: QML repeats symbol "0" as the renderer's source symbol after the categories'.
        colourOfSymbol.emplace(m.captured(2), m.captured(3).toStdString());
    }
    static const QRegularExpression category(R"re(<category render="true" symbol="(\d+)" value="([^"]*)")re");
    bool any = false;
    for (auto it = category.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        any = true;
        if (!m.captured(2).isEmpty()) out[m.captured(2).toStdString()] = colourOfSymbol[m.captured(1)];
    }
    if (!any) out[""] = colourOfSymbol["0"];
    return out;
}

std::string rgba(const QColor& c)
{
    return std::to_string(c.red()) + "," + std::to_string(c.green()) + "," + std::to_string(c.blue()) + "," +
           std::to_string(c.alpha());
}

// The same from the window: each category's symbol (or the single symbol) as drawn.
std::map<std::string, std::string> screenColours(const LayerEntry& e)
{
    std::map<std::string, std::string> out;
    GeometryKind kind = GeometryKind::None;
    for (std::size_t f = 0; f < e.layer->featureCount() && kind == GeometryKind::None; ++f)
        kind = e.layer->geometry().kind(f);
    const auto main = [&](const render::Symbol& s) { return rgba(kind == GeometryKind::Line ? s.stroke : s.fill); };
    if (e.style.categories.empty() || e.style.categoryField.empty()) out[""] = main(e.style.symbol);
    for (const render::Category& c : e.style.categories) out[c.value] = main(c.symbol);
    return out;
}

QString acledWithRiots(const QTemporaryDir& dir)
{
    QFile in(QString(ATLAS_TEST_DATA_DIR) + "/acled/acled_kachin_sample.csv");
    REQUIRE(in.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(in.readAll());
    const int protest = text.indexOf(",Protests,");
    REQUIRE(protest > 0);
    text.replace(protest, QString(",Protests,").size(), ",Riots,");
    const QString path = dir.filePath("acled_kachin_riots.csv");
    QFile out(path);
    REQUIRE(out.open(QIODevice::WriteOnly));
    out.write(text.toUtf8());
    return path;
}

std::string describe(const std::map<std::string, std::string>& colours)
{
    std::string out;
    for (const auto& [value, colour] : colours) out += "[" + value + "] " + colour + "\n";
    return out;
}

void compareLayer(const LayerEntry& e, const QString& gpkg, const std::string& table)
{
    INFO("layer " << table);
    CHECK(describe(exportedColours(gpkg, table)) == describe(screenColours(e)));
}

}  // namespace

TEST_CASE("export-data writes every bundled layer in the colours the window draws it", "[app][style]")
{
    test::useBundledData();
    test::BrowseWindow w;
    QTemporaryDir dir;
    const QString gpkg = dir.filePath("bundled.gpkg");
    REQUIRE(cli::runExportData({"-o", gpkg, "--from", "2024-01-01", "--to", "2025-12-31"}, {}) == cli::kExitOk);
    int compared = 0;
    for (const LayerEntry& e : w.window.document().layers()) {
        if (e.datasetKey.empty()) continue;
        // Mines are points and polygons: GeoPackage keeps one geometry type per table.
        if (e.datasetKey == "mines") {
            compareLayer(e, gpkg, "mines_points");
            compareLayer(e, gpkg, "mines_polygons");
        } else {
            compareLayer(e, gpkg, e.datasetKey);
        }
        ++compared;
    }
    CHECK(compared == static_cast<int>(Dataset::layerKeys().size()));
}

TEST_CASE("ACLED and UCDP imports are exported in the colours the window draws them, riots included", "[app][style]")
{
    test::useBundledData();
    test::BrowseWindow w;
    QTemporaryDir dir;
    const QString acled = acledWithRiots(dir);
    const QString ucdp = QString(ATLAS_TEST_DATA_DIR) + "/ucdp/ucdp_ged_kachin_sample.csv";
    OpenDataController* open = w.tools->openData();
    open->openPaths({acled, ucdp}, false);
    REQUIRE(test::waitUntil([&] { return !open->isBusy(); }, 30000));
    if (auto* b = w.window.findChild<QMessageBox*>("OpenDataReport")) b->close();

    const QString gpkg = dir.filePath("imports.gpkg");
    REQUIRE(cli::runExportData({"-o", gpkg, acled, ucdp}, {}) == cli::kExitOk);
    int compared = 0;
    for (const LayerEntry& e : w.window.document().layers()) {
        const std::string name = e.layer->name();
        if (name != "acled" && name != "ucdp") continue;
        if (name == "acled") CHECK(e.style.categoryIndex("Riots") >= 0);
        compareLayer(e, gpkg, name);
        ++compared;
    }
    CHECK(compared == 2);
}
