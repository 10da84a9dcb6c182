// Not a test: opens the real window on the bundled data, as a user would leave it — the
// inspector on the Pangwa rare-earth belt (history, events, export chart), place names in
// Burmese, a search for 八莫 — and stays up so that a screenshot of the display can be taken:
//
//   xvfb-run -a -s "-screen 0 1600x1000x24" sh -c \
//     'build/tests/app/browse_screenshot & sleep 15; import -window root shot.png; wait'
//
// An optional second argument names another feature to inspect (e.g. crossing:kanpaikti).
// "trade FILE [HS]" as third and following arguments imports FILE as a trade series (File →
// Import Trade Series…), shows the track HS (default: the first), ties it to the inspected
// feature and sets the clock to 20 Nov 2024.
// Uses its own settings (organisation "KachinAtlasScreenshot"), never the user's.
#include "atlas/civil_date.h"
#include "atlas/gui/attribute_table.h"
#include "atlas/gui/browse_tools.h"
#include "atlas/gui/identify.h"
#include "atlas/gui/inspector.h"
#include "atlas/gui/main_window.h"
#include "atlas/gui/map_canvas.h"
#include "atlas/gui/search.h"
#include "atlas/gui/timeline_dock.h"
#include "atlas/gui/trade_tools.h"
#include "atlas/model/time_controller.h"

#include <QApplication>
#include <QSettings>
#include <QTimer>

#include <cstdio>
#include <string>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName("KachinAtlasScreenshot");
    QCoreApplication::setApplicationName("browse_screenshot");
    QSettings().clear();
    if (qEnvironmentVariableIsEmpty("KACHIN_ATLAS_DATA")) qputenv("KACHIN_ATLAS_DATA", ATLAS_APP_DATA_DIR);
    const int seconds = argc > 1 ? std::atoi(argv[1]) : 25;
    const char* featureId = argc > 2 ? argv[2] : "mine:pangwa-belt";
    // A third argument "panels" also opens the attribute table and a layer's properties.
    const bool panels = argc > 3 && std::string(argv[3]) == "panels";
    const bool trade = argc > 4 && std::string(argv[3]) == "trade";

    atlas::app::MainWindow window({});
    window.setGeometry(0, 0, 1600, 1000);
    window.show();
    auto* tools = window.findChild<atlas::app::BrowseTools*>();
    tools->setNameLanguage(atlas::app::NameLanguage::Burmese);
    window.clock()->setDay(atlas::daysFromCivil(2025, 2, 20));
    QTimer::singleShot(800, &window, [&] {
        // The Pangwa–Chipwi belt bookmark with a little of Myitkyina and the border around it.
        window.canvas()->zoomToExtent(
            atlas::CoordinateTransform(atlas::kWgs84, window.document().displayCrs()).transformBox(atlas::Box::of(96.9, 24.0, 98.9, 26.3)));
        if (trade) {
            window.tradeTools()->importFiles({QString::fromLocal8Bit(argv[4])});
            atlas::app::TradeSettings s = window.document().trade().settings;
            if (argc > 5) s.hsCode = argv[5];
            s.links.set(s.hsCode, {featureId});
            window.model().setTradeSettings(s);
            window.clock()->setDay(atlas::daysFromCivil(2024, 11, 20));
            window.timelineDock()->timeline()->setVisibleRange(atlas::daysFromCivil(2022, 12, 1), atlas::daysFromCivil(2025, 8, 1));
        }
        if (const auto ref = atlas::app::featureRefOf(window.document(), featureId)) tools->inspect(*ref);
        tools->search()->focusSearch();
        tools->search()->setQuery(QString::fromUtf8("八莫"));
        if (panels) {
            const auto& layers = window.document().layers();
            for (std::size_t i = 0; i < layers.size(); ++i)
                if (layers[i].datasetKey == "control") {
                    tools->attributeTable()->showLayer(i);
                    tools->attributeTable()->setValidOnly(true);
                }
            for (std::size_t i = 0; i < layers.size(); ++i)
                if (layers[i].datasetKey == "mines") tools->openLayerProperties(i);
        }
        std::puts("ready");
        std::fflush(stdout);
    });
    QTimer::singleShot(seconds * 1000, &app, &QApplication::quit);
    return app.exec();
}
