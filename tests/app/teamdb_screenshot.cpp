// Not a test: two windows (logins ann and bob) on one throw-away team database, bob's edit of the
// Lweje post's event made on a version ann has just changed, so that bob's window shows the
// conflict dialog. The dialog is saved (QWidget::grab) to the second argument's path, then Keep
// Mine is pressed, and both windows stay up, each inspecting the event with its record history
// and the notice of the other's commit, so that a screenshot of the display can be taken:
//
//   xvfb-run -a -s "-screen 0 1600x1000x24" sh -c \
//     'build/tests/app/teamdb_screenshot 40 conflict.png & sleep 25; import -window root shot.png; wait'
//
// The edits are example rows (screenshot only, not facts). Uses its own settings (organisation
// "KachinAtlasScreenshot"), never the user's.
#include "atlas/gui/browse_tools.h"
#include "atlas/gui/conflict_dialog.h"
#include "atlas/gui/identify.h"
#include "atlas/gui/inspector.h"
#include "atlas/gui/main_window.h"
#include "atlas/gui/record_session.h"
#include "atlas/gui/team_session.h"

#include "pg_cluster.h"

#include <QApplication>
#include <QPixmap>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

namespace {

const char* const kEvent = "event:1998-08-23-lweje-post-opens";

}  // namespace

int main(int argc, char** argv)
{
    // Its own app data: no autosave or recovery offer of an earlier run, never the user's.
    QTemporaryDir dataHome;
    qputenv("XDG_DATA_HOME", dataHome.path().toUtf8());
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName("KachinAtlasScreenshot");
    QCoreApplication::setApplicationName("teamdb_screenshot");
    QSettings().clear();
    if (qEnvironmentVariableIsEmpty("KACHIN_ATLAS_DATA")) qputenv("KACHIN_ATLAS_DATA", ATLAS_APP_DATA_DIR);
    const int seconds = argc > 1 ? std::atoi(argv[1]) : 40;
    const QString dialogShot = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QString();

    atlas::test::PgCluster& pg = atlas::test::PgCluster::instance();
    const std::string db = atlas::test::freshRecord("screenshot");
    atlas::app::MainWindow ann({}), bob({});
    ann.setGeometry(0, 0, 800, 1000);
    bob.setGeometry(800, 0, 800, 1000);
    ann.show();
    bob.show();
    auto* annTeam = ann.findChild<atlas::app::TeamSession*>();
    auto* bobTeam = bob.findChild<atlas::app::TeamSession*>();
    if (!annTeam->connectTo(QString::fromStdString(pg.url(db, "ann"))) ||
        !bobTeam->connectTo(QString::fromStdString(pg.url(db, "bob"))))
        return 1;
    QTimer::singleShot(seconds * 1000, &app, &QApplication::quit);
    for (atlas::app::MainWindow* w : {&ann, &bob})
        if (const auto ref = atlas::app::featureRefOf(w->document(), kEvent))
            w->findChild<atlas::app::BrowseTools*>()->inspect(*ref);
    // The dialog runs modal inside bob's save: saved as an image, then answered.
    QTimer::singleShot(4000, &bob, [&] {
        auto* dialog = bob.findChild<atlas::app::ConflictDialog*>();
        if (!dialog) return;
        if (!dialogShot.isEmpty()) dialog->grab().save(dialogShot);
        dialog->findChild<QPushButton*>("keepMine")->click();
    });
    // Both inspectors scrolled down to the record history.
    QTimer::singleShot(7000, &bob, [&] {
        for (atlas::app::MainWindow* w : {&ann, &bob})
            if (auto* scroll = w->findChild<atlas::app::InspectorDock*>()->findChild<QScrollArea*>())
                scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
    });
    QTimer::singleShot(1500, &bob, [&] {
        using atlas::edit::Json;
        // Ann's save, then bob's, with no event processed in between: bob's window still holds
        // the version before ann's.
        annTeam->store()->save(atlas::edit::UpdateFeature{
            kEvent,
            {{"title", "Lweje border-trade post opens (example: ann's correction)"}, {"note", "Point moved to the post (example)"}},
            Json{{"type", "Point"}, {"coordinates", {97.7312, 24.2087}}}, {"S52"}, std::nullopt});
        std::puts("ready");
        std::fflush(stdout);
        bob.recordSession()->apply(atlas::edit::UpdateFeature{
            kEvent,
            {{"title", "Lweje post opens to trade (example: bob's correction)"},
             {"summary", "The Lweje–Zhangfeng border-trade post opened (example)."}},
            std::nullopt, {"S52"}, std::nullopt});
    });
    return app.exec();
}
