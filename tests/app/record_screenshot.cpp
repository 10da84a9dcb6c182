// Not a test: the window editing a copy of the bundled dataset (in a temporary folder), with
// Edit → Add Event… open and filled in as a researcher would — links and sources ticked from
// their searchable lists, the point picked on the map at Bhamo — and stays up so that a
// screenshot of the display can be taken:
//
//   xvfb-run -a -s "-screen 0 1600x1000x24" sh -c \
//     'build/tests/app/record_screenshot & sleep 15; import -window root shot.png; wait'
//
// "control" as second argument shows Record Change of Control… on the Pangwa belt instead.
// "refused" as second argument leaves the sources unticked and presses OK, to show the refusal.
// "version" shows New Version as Of… on Bhamo's control area with one vertex moved and the km²
// preview; "edit" shows Edit Event… on the Lweje post's opening.
// Uses its own settings (organisation "KachinAtlasScreenshot"), never the user's.
#include "atlas/civil_date.h"
#include "atlas/crs.h"
#include "atlas/gui/add_event_dialog.h"
#include "atlas/gui/browse_tools.h"
#include "atlas/gui/identify.h"
#include "atlas/gui/id_picker.h"
#include "atlas/gui/main_window.h"
#include "atlas/gui/map_canvas.h"
#include "atlas/gui/record_control_dialog.h"
#include "atlas/gui/record_session.h"
#include "atlas/model/edit_journal.h"
#include "atlas/gui/version_panel.h"
#include "atlas/gui/version_sketch.h"
#include "atlas/model/time_controller.h"

#include <QApplication>
#include <QDir>
#include <QComboBox>
#include <QLineEdit>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <string>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName("KachinAtlasScreenshot");
    QCoreApplication::setApplicationName("record_screenshot");
    QSettings().clear();
    // Its forms are left open when it quits: their drafts are not offered back in the next shot.
    QDir(atlas::app::EditJournal::journalDir()).removeRecursively();
    if (qEnvironmentVariableIsEmpty("KACHIN_ATLAS_DATA")) qputenv("KACHIN_ATLAS_DATA", ATLAS_APP_DATA_DIR);
    const int seconds = argc > 1 ? std::atoi(argv[1]) : 25;
    const bool refused = argc > 2 && std::string(argv[2]) == "refused";
    const bool control = argc > 2 && std::string(argv[2]) == "control";
    const bool version = argc > 2 && std::string(argv[2]) == "version";
    const bool editEvent = argc > 2 && std::string(argv[2]) == "edit";

    QTemporaryDir tmp;
    const QString dir = tmp.filePath("geodata");
    if (!atlas::app::RecordSession::copyDataset(QString(ATLAS_APP_DATA_DIR) + "/geodata", dir)) return 1;

    atlas::app::MainWindow window({});
    window.setGeometry(0, 0, 1600, 1000);
    window.show();
    window.clock()->setDay(atlas::daysFromCivil(2026, 1, 14));
    QTimer::singleShot(800, &window, [&] {
        window.canvas()->zoomToExtent(atlas::CoordinateTransform(atlas::kWgs84, window.document().displayCrs())
                                          .transformBox(atlas::Box::of(96.6, 23.8, 98.2, 24.9)));
        if (!window.recordSession()->openFolder(dir)) return;
        auto* tools = window.findChild<atlas::app::BrowseTools*>();
        if (version) {
            window.clock()->setDay(atlas::daysFromCivil(2026, 1, 20));
            window.canvas()->zoomToExtent(atlas::CoordinateTransform(atlas::kWgs84, window.document().displayCrs())
                                              .transformBox(atlas::Box::of(97.05, 24.12, 97.45, 24.40)));
            if (const auto ref = atlas::app::featureRefOf(window.document(), "control:bhamo-kia-2025-12-25")) tools->inspect(*ref);
            window.recordSession()->showNewVersion();
            auto* panel = window.recordSession()->versionPanel();
            if (!panel) return;
            // One vertex of the KIA part moved 0.02° east, as a drag would.
            auto& sketch = panel->sketch();
            for (std::size_t i = 0; i < sketch.paths().size(); ++i)
                if (sketch.start().parts[sketch.paths()[i].part].controller == "KIA") {
                    const atlas::Coord c = sketch.paths()[i].points[0];
                    sketch.move({i, 0}, {c.x + 0.02, c.y});
                    break;
                }
            panel->sources()->setChecked("S33");
            panel->findChild<QLineEdit*>("description")->setText("Example (screenshot only, not a fact)");
            panel->updatePreview();
            window.canvas()->update();
            std::puts("ready");
            std::fflush(stdout);
            return;
        }
        if (editEvent) {
            if (const auto ref = atlas::app::featureRefOf(window.document(), "event:1998-08-23-lweje-post-opens"))
                tools->inspect(*ref);
            window.recordSession()->showEditEvent();
            if (auto* d = window.findChild<atlas::app::AddEventDialog*>()) d->move(900, 60);
            std::puts("ready");
            std::fflush(stdout);
            return;
        }
        if (control) {
            if (const auto ref = atlas::app::featureRefOf(window.document(), "mine:pangwa-belt")) tools->inspect(*ref);
            window.recordSession()->showRecordControl();
            auto* d = window.findChild<atlas::app::RecordControlDialog*>();
            d->move(700, 120);
            d->findChild<QLineEdit*>("date")->setText("2026-03");
            d->findChild<QComboBox*>("controller")->setCurrentText("junta");
            d->sources()->searchBox()->setText("S74");
            d->sources()->setChecked("S74");
            std::puts("ready");
            std::fflush(stdout);
            return;
        }
        window.recordSession()->showAddEvent();
        auto* d = window.findChild<atlas::app::AddEventDialog*>();
        d->move(900, 60);
        d->findChild<QLineEdit*>("date")->setText("2026-01-14");
        d->findChild<QComboBox*>("kind")->setCurrentText("capture");
        d->findChild<QLineEdit*>("title")->setText("Outpost taken near Bhamo");
        d->findChild<QLineEdit*>("summary")->setText("Example row (screenshot only, not a fact).");
        d->findChild<QLineEdit*>("actors")->setText("KIA; junta");
        d->links()->searchBox()->setText("bhamo");
        d->links()->setChecked("place:bhamo");
        d->startPicking();
        const auto toMap = atlas::CoordinateTransform(atlas::kWgs84, window.document().displayCrs());
        const atlas::Coord at = toMap.transform(atlas::Coord{97.24, 24.26});
        emit window.canvas()->clicked(at.x, at.y, {});
        d->findChild<QLineEdit*>("radius")->setText("2 km");
        if (refused) {
            d->accept();
        } else {
            d->sources()->searchBox()->setText("S33");
            d->sources()->setChecked("S33");
        }
        std::puts("ready");
        std::fflush(stdout);
    });
    QTimer::singleShot(seconds * 1000, &app, &QApplication::quit);
    return app.exec();
}
