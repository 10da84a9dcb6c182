// Not a test: the process the crash tests kill with SIGKILL (tests/app/crash_test.cpp).
//
//   crash_helper save-loop FILE     writes FILE.A and FILE.B (two complete projects), then saves
//                                   them into FILE in turn, forever, through writeProjectFile
//   crash_helper annotate N         opens the window (offscreen), adds N annotations, waits for
//                                   the autosave, then waits to be killed
//   crash_helper draft-event DIR    opens DIR for editing, types an event into Add Event… (not
//                                   applied), waits for the journal, then waits to be killed
// Each prints "ready" on its own line once the state the test kills it in is reached.
#include "atlas/civil_date.h"
#include "atlas/render/layout_annotations.h"
#include "atlas/model/project_file.h"
#include "atlas/gui/main_window.h"
#include "atlas/gui/add_event_dialog.h"
#include "atlas/gui/id_picker.h"
#include "atlas/gui/publish_tools.h"
#include "atlas/gui/record_session.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QFile>
#include <QThread>

#include <cstdio>
#include <cstring>

using namespace atlas;
using namespace atlas::app;

namespace {

render::MapAnnotation note(int i)
{
    render::MapAnnotation a = render::defaultAnnotation(render::AnnotationKind::Callout);
    a.points = {{97.23 + 0.001 * i, 24.27}, {97.6, 24.6}};
    a.text = QString("note %1 — written before the kill").arg(i);
    a.fromDay = daysFromCivil(2024, 12, 4);
    return a;
}

// Two projects of clearly different sizes, so a torn write could not pass for either.
Project version(int notes)
{
    Project p;
    p.dataset = Project::DatasetRef::None;
    for (int i = 0; i < notes; ++i) p.annotations.push_back(note(i));
    return p;
}

int saveLoop(const QString& file)
{
    const Project a = version(3), b = version(400);
    for (const auto& [p, path] : {std::pair{&a, file + ".A"}, std::pair{&b, file + ".B"}, std::pair{&a, file}})
        if (const Diagnostics failed = writeProjectFile(*p, path); failed.hasErrors()) {
            std::fprintf(stderr, "%s\n", failed.formatAll().c_str());
            return 1;
        }
    std::printf("ready\n");
    std::fflush(stdout);
    for (unsigned n = 0;; ++n) {
        if (const Diagnostics failed = writeProjectFile(n % 2 ? a : b, file); failed.hasErrors()) {
            std::fprintf(stderr, "%s\n", failed.formatAll().c_str());
            return 1;
        }
    }
}

// The platform and the identity must be set before QApplication and the window exist: the
// same identity as app_tests, so the test's window finds what this one autosaves and journals.
int& offscreenAsAppTests(int& argc)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QCoreApplication::setOrganizationName("KachinAtlasTests");
    QCoreApplication::setApplicationName("app_tests");
    return argc;
}

// The window the test kills.
struct HelperWindow {
    QApplication app;
    MainWindow window{{}};
    HelperWindow(int& argc, char** argv) : app(offscreenAsAppTests(argc), argv) { window.show(); }
    int readyThenWait()
    {
        std::printf("ready\n");
        std::fflush(stdout);
        return app.exec();  // until killed
    }
};

int annotate(int argc, char** argv, int count)
{
    HelperWindow helper(argc, argv);
    MainWindow& window = helper.window;
    auto* tools = window.findChild<PublishTools*>();
    if (!tools) return 1;
    for (int i = 0; i < count; ++i) tools->annotations()->add(note(i));
    while (!QFile::exists(tools->autosavePath())) QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return helper.readyThenWait();
}

int draftEvent(int argc, char** argv, const QString& dir)
{
    HelperWindow helper(argc, argv);
    MainWindow& window = helper.window;
    auto* session = window.findChild<RecordSession*>();
    if (!session || !session->openFolder(dir)) return 1;
    window.findChild<QAction*>("addEvent")->trigger();
    auto* dialog = window.findChild<AddEventDialog*>();
    if (!dialog) return 1;
    dialog->findChild<QLineEdit*>("date")->setText("2026-02-03");
    dialog->findChild<QLineEdit*>("title")->setText("Typed before the kill");
    dialog->findChild<QLineEdit*>("summary")->setText("A draft nobody pressed OK on.");
    dialog->links()->setChecked("place:bhamo");
    dialog->sources()->setChecked("S33");
    // Ready once the journal on disk has the last field typed.
    for (;;) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QFile f(session->journal().path());
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains("S33")) break;
    }
    return helper.readyThenWait();
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc == 3 && std::strcmp(argv[1], "save-loop") == 0) {
        QCoreApplication app(argc, argv);
        return saveLoop(QString::fromLocal8Bit(argv[2]));
    }
    if (argc == 3 && std::strcmp(argv[1], "annotate") == 0) return annotate(argc, argv, std::atoi(argv[2]));
    if (argc == 3 && std::strcmp(argv[1], "draft-event") == 0)
        return draftEvent(argc, argv, QString::fromLocal8Bit(argv[2]));
    std::fprintf(stderr, "usage: crash_helper save-loop FILE | annotate N | draft-event DIR\n");
    return 2;
}
