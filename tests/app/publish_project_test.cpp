// Projects in the real window (offscreen): save/load round trip, atomic saves, damaged and
// newer files, autosave and recovery; annotations with undo/redo and the canvas tool.
#include "app_test_support.h"
#include "atlas/civil_date.h"
#include "atlas/crs.h"
#include "atlas/gui/annotation_tool.h"
#include "atlas/gui/main_window.h"
#include "atlas/gui/map_canvas.h"
#include "atlas/gui/publish_tools.h"
#include "atlas/model/layer_commands.h"
#include "atlas/model/time_controller.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace atlas;
using namespace atlas::app;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

void writeAll(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

struct Window {
    MainWindow window{{}};
    PublishTools* tools = nullptr;
    Window()
    {
        window.resize(1100, 800);
        window.show();
        REQUIRE(QTest::qWaitForWindowExposed(&window));
        tools = window.findChild<PublishTools*>();
        REQUIRE(tools);
        settle();
    }
    ~Window()
    {
        // Nothing of a test is left to be "recovered" by the next window.
        tools->annotations()->markSaved();
    }
    void settle()
    {
        QTest::qWait(40);
        REQUIRE(test::waitUntil([&] { return !window.canvas()->isRendering(); }));
    }
};

render::MapAnnotation callout(const char* text)
{
    render::MapAnnotation a = render::defaultAnnotation(render::AnnotationKind::Callout);
    a.points = {{97.23, 24.27}, {97.6, 24.6}};
    a.text = text;
    a.fromDay = daysFromCivil(2024, 12, 4);
    return a;
}

// Root ignores directory permissions; drop that power from this thread for a moment so a
// read-only folder is read-only for the test too.
class WithoutDacOverride {
public:
    WithoutDacOverride()
    {
        if (geteuid() != 0) return;
        m_header.version = _LINUX_CAPABILITY_VERSION_3;
        m_header.pid = 0;
        if (syscall(SYS_capget, &m_header, m_saved) != 0) return;
        __user_cap_data_struct reduced[2] = {m_saved[0], m_saved[1]};
        reduced[0].effective &= ~((1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH) | (1u << CAP_FOWNER));
        m_active = syscall(SYS_capset, &m_header, reduced) == 0;
    }
    ~WithoutDacOverride()
    {
        if (m_active) syscall(SYS_capset, &m_header, m_saved);
    }

private:
    __user_cap_header_struct m_header{};
    __user_cap_data_struct m_saved[2]{};
    bool m_active = false;
};

}  // namespace

TEST_CASE("A project round-trips: save, open, save gives the same file", "[app][publish][project]")
{
    test::widgetApp();
    qputenv("KACHIN_ATLAS_DATA", ATLAS_APP_DATA_DIR);
    QTemporaryDir dir;
    // A user layer next to the project, so its path is written relative.
    REQUIRE(QFile::copy(QString(ATLAS_TEST_DATA_DIR) + "/towns.geojson", dir.filePath("towns.geojson")));
    Window w;
    Diagnostics d;
    w.window.model().change([&](MapDocument& doc) { doc.loadFiles({dir.filePath("towns.geojson")}, d); });
    w.window.clock()->setDay(daysFromCivil(2025, 2, 20));
    w.window.clock()->setWindow(DaysWindow{7});
    w.tools->annotations()->add(callout("Bhamo airport taken"));
    render::MapAnnotation arrow = render::defaultAnnotation(render::AnnotationKind::Arrow);
    arrow.points = {{97.0, 25.0}, {97.4, 25.38}};
    w.tools->annotations()->add(arrow);
    ExportSettings settings;
    settings.format = ExportFormat::Pdf;
    settings.title = QString::fromUtf8("Bhamo — February 2025");
    w.tools->setExportSettings(settings);

    const QString first = dir.filePath("bhamo.katlas");
    REQUIRE_FALSE(w.tools->saveProject(first).hasErrors());
    CHECK_FALSE(w.tools->annotations()->isModified());
    const QByteArray saved = readAll(first);
    CHECK(saved.contains("\"path\": \"towns.geojson\""));   // relative to the project
    CHECK(saved.contains("\"version\": 1"));
    CHECK(saved.contains("\"date\": \"2025-02-20\""));
    CHECK(saved.contains("\"window\": \"7d\""));

    // Change everything the project holds, then open it again.
    w.tools->annotations()->reset({});
    w.window.clock()->setDay(daysFromCivil(2024, 1, 1));
    w.window.canvas()->zoomBy(3);
    const Diagnostics opened = w.tools->openProject(first);
    INFO(opened.formatAll());
    CHECK(opened.empty());
    CHECK(w.tools->annotations()->annotations().size() == 2);
    CHECK(w.tools->annotations()->annotations()[0].text == "Bhamo airport taken");
    CHECK(w.window.clock()->day() == daysFromCivil(2025, 2, 20));
    CHECK(w.tools->exportSettings().title == QString::fromUtf8("Bhamo — February 2025"));

    const QString second = dir.filePath("again.katlas");
    REQUIRE_FALSE(w.tools->saveProject(second).hasErrors());
    CHECK(readAll(second) == saved);
}

TEST_CASE("Saving into a read-only folder fails with a message and leaves the old file whole", "[app][publish][project]")
{
    test::widgetApp();
    qputenv("KACHIN_ATLAS_DATA", ATLAS_APP_DATA_DIR);
    QTemporaryDir dir;
    const QString folder = dir.filePath("locked");
    REQUIRE(QDir().mkpath(folder));
    const QString path = folder + "/map.katlas";
    Window w;
    w.tools->annotations()->add(callout("first version"));
    REQUIRE_FALSE(w.tools->saveProject(path).hasErrors());
    const QByteArray before = readAll(path);

    w.tools->annotations()->add(callout("second version, not saved"));
    REQUIRE(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup));
    Diagnostics failed;
    {
        WithoutDacOverride guard;
        failed = w.tools->saveProject(path);
    }
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    REQUIRE(failed.hasErrors());
    const QString error = QString::fromStdString(failed.formatAll());
    INFO(error.toStdString());
    CHECK(error.contains("cannot save"));
    CHECK(error.contains("map.katlas"));
    CHECK(readAll(path) == before);                              // untouched
    CHECK(QDir(folder).entryList(QDir::Files) == QStringList{"map.katlas"});  // no temp file left
    CHECK(w.tools->annotations()->isModified());                  // still unsaved work
}

TEST_CASE("A damaged or newer project is refused with a clear message and nothing is lost", "[app][publish][project]")
{
    test::widgetApp();
    qputenv("KACHIN_ATLAS_DATA", ATLAS_APP_DATA_DIR);
    QTemporaryDir dir;
    Window w;
    w.tools->annotations()->add(callout("work in progress"));

    const QString damaged = dir.filePath("damaged.katlas");
    const QByteArray broken = "{\n  \"format\": \"kachin-atlas-project\",\n  \"version\": 1,\n  \"layers\": [\n";
    writeAll(damaged, broken);
    QString error = QString::fromStdString(w.tools->openProject(damaged).formatAll());
    INFO(error.toStdString());
    CHECK(error.contains("damaged.katlas:line 5, column "));
    CHECK(error.contains(": the project is damaged and cannot be opened: not valid JSON"));
    CHECK(error.contains("not changed"));
    CHECK(readAll(damaged) == broken);
    CHECK(w.tools->annotations()->annotations().size() == 1);  // the window keeps its work

    const QString newer = dir.filePath("newer.katlas");
    const QByteArray future = R"({"format": "kachin-atlas-project", "version": 7, "layers": [], "holograms": true})";
    writeAll(newer, future);
    error = QString::fromStdString(w.tools->openProject(newer).formatAll());
    CHECK(error.contains("newer Kachin Atlas"));
    CHECK(readAll(newer) == future);
    CHECK(w.tools->annotations()->annotations().size() == 1);
}

TEST_CASE("Members and layers this version cannot use are kept when the project is saved again", "[app][publish][project]")
{
    test::widgetApp();
    qputenv("KACHIN_ATLAS_DATA", ATLAS_APP_DATA_DIR);
    QTemporaryDir dir;
    const QString path = dir.filePath("p.katlas");
    writeAll(path, R"({"format": "kachin-atlas-project", "version": 1, "crs": "EPSG:32647", "dataset": "bundled",
 "layers": [{"source": "dataset", "layer": "mines", "visible": true, "style": {"title": "Mines"}},
            {"source": "file", "path": "gone/missing.geojson", "layer": "missing", "visible": true, "style": {"title": "Missing"}},
            {"source": "file", "path": "/vsicurl/https://example.org/x.fgb", "layer": "x", "style": {"title": "Remote"}}],
 "annotations": [{"id": 1, "kind": "text", "points": [[97.4, 25.4]], "text": "ok"},
                 {"id": 2, "kind": "hologram", "points": []}],
 "notes": {"editor": "kept as written"}})");
    Window w;
    const Diagnostics opened = w.tools->openProject(path);
    REQUIRE_FALSE(opened.hasErrors());
    const QString all = QString::fromStdString(opened.formatAll());
    INFO(all.toStdString());
    CHECK(all.contains("file not found"));
    CHECK(all.contains("remote source, refused"));
    CHECK(all.contains("annotations[1]"));
    // Only the mines layer is on the map.
    REQUIRE(w.window.document().layers().size() == 1);
    CHECK(w.window.document().layers()[0].datasetKey == "mines");

    REQUIRE_FALSE(w.tools->saveProject(path).hasErrors());
    const QByteArray again = readAll(path);
    CHECK(again.contains("\"path\": \"gone/missing.geojson\""));
    CHECK(again.contains("/vsicurl/https://example.org/x.fgb"));
    CHECK(again.contains("\"kind\": \"hologram\""));
    CHECK(again.contains("\"editor\": \"kept as written\""));
    // The order of the layer list is kept: mines, missing, remote.
    CHECK(again.indexOf("\"mines\"") < again.indexOf("missing.geojson"));
    CHECK(again.indexOf("missing.geojson") < again.indexOf("/vsicurl/"));
}

TEST_CASE("Unsaved annotations are autosaved and offered back after a crash", "[app][publish][autosave]")
{
    test::widgetApp();
    qputenv("KACHIN_ATLAS_DATA", ATLAS_APP_DATA_DIR);
    QString crashed;
    {
        Window w;
        w.tools->annotations()->add(callout("not saved when it crashed"));
        REQUIRE(test::waitUntil([&] { return QFile::exists(w.tools->autosavePath()); }, 5000));
        // A crash leaves the autosave behind without its lock: copy it under another session's name.
        crashed = QDir(PublishTools::autosaveDir()).filePath("session-crashed-test.katlas");
        QFile::remove(crashed);
        REQUIRE(QFile::copy(w.tools->autosavePath(), crashed));
    }
    Window next;
    const QStringList offered = next.tools->recoverableAutosaves();
    REQUIRE(offered.contains(crashed));
    REQUIRE_FALSE(next.tools->recoverAutosave(crashed).hasErrors());
    REQUIRE(next.tools->annotations()->annotations().size() == 1);
    CHECK(next.tools->annotations()->annotations()[0].text == "not saved when it crashed");
    CHECK(next.tools->annotations()->isModified());  // still to be saved
    CHECK_FALSE(QFile::exists(crashed));
    CHECK(QFile::exists(next.tools->autosavePath()));  // protected again at once
    next.tools->annotations()->markSaved();
    CHECK_FALSE(QFile::exists(next.tools->autosavePath()));
}

TEST_CASE("Unsaved layer changes to a saved project are autosaved and restored after a crash", "[app][publish][autosave]")
{
    test::widgetApp();
    qputenv("KACHIN_ATLAS_DATA", ATLAS_APP_DATA_DIR);
    QTemporaryDir dir;
    const QString project = dir.filePath("bhamo.katlas");
    const auto minesOf = [](const MapDocument& doc) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < doc.layers().size(); ++i)
            if (doc.layers()[i].datasetKey == "mines") return i;
        return std::nullopt;
    };
    QString crashed;
    {
        Window w;
        REQUIRE_FALSE(w.tools->saveProject(project).hasErrors());
        const auto mines = minesOf(w.window.document());
        REQUIRE(mines);
        // Hidden after the save, never saved: only the autosave has it.
        w.window.undoStack()->push(new SetLayerVisibleCommand(w.window.model(), *mines, false));
        REQUIRE(test::waitUntil([&] { return QFile::exists(w.tools->autosavePath()); }, 5000));
        crashed = QDir(PublishTools::autosaveDir()).filePath("session-crashed-layers-test.katlas");
        QFile::remove(crashed);
        REQUIRE(QFile::copy(w.tools->autosavePath(), crashed));
    }
    Window next;
    REQUIRE_FALSE(next.tools->recoverAutosave(crashed).hasErrors());
    CHECK(QFileInfo(next.tools->projectPath()) == QFileInfo(project));  // still the user's project
    const auto mines = minesOf(next.window.document());
    REQUIRE(mines);
    CHECK_FALSE(next.window.document().layers()[*mines].visible);
    CHECK(next.tools->annotations()->isModified());  // still to be saved
    next.tools->annotations()->markSaved();
}

TEST_CASE("Annotations: draw an arrow on the canvas, move it, undo and redo with the keyboard", "[app][publish][annotations]")
{
    test::widgetApp();
    qputenv("KACHIN_ATLAS_DATA", ATLAS_APP_DATA_DIR);
    Window w;
    MapCanvas* canvas = w.window.canvas();
    AnnotationTool* tool = w.tools->annotationTool();
    AnnotationModel* model = w.tools->annotations();
    canvas->setFocus();

    tool->setMode(AnnotationTool::Mode::Arrow);
    const QPoint tail(200, 300), head(420, 260);
    QTest::mousePress(canvas, Qt::LeftButton, {}, tail);
    QTest::mouseMove(canvas, QPoint(300, 280));
    QTest::mouseMove(canvas, head);
    QTest::mouseRelease(canvas, Qt::LeftButton, {}, head);
    REQUIRE(model->annotations().size() == 1);
    const render::MapAnnotation arrow = model->annotations()[0];
    CHECK(arrow.kind == render::AnnotationKind::Arrow);
    // Stored in lon/lat: the head is where the canvas puts the pixel it was released on.
    const double r = canvas->devicePixelRatioF();
    const CoordinateTransform toWgs84(w.window.document().displayCrs(), kWgs84);
    const Coord expected = toWgs84.transform(canvas->viewport().toMap({head.x() * r, head.y() * r}));
    CHECK(arrow.points[1].x == Approx(expected.x).margin(1e-9));
    CHECK(arrow.points[1].y == Approx(expected.y).margin(1e-9));
    CHECK(arrow.points[1].x > 90);
    CHECK(arrow.points[1].x < 110);

    // Select and drag it 50 px right: one undo step however many moves the drag had.
    tool->setMode(AnnotationTool::Mode::Select);
    const QPoint mid = (tail + head) / 2;
    QTest::mousePress(canvas, Qt::LeftButton, {}, mid);
    for (int dx = 5; dx <= 50; dx += 5) QTest::mouseMove(canvas, mid + QPoint(dx, 0));
    QTest::mouseRelease(canvas, Qt::LeftButton, {}, mid + QPoint(50, 0));
    CHECK(model->selected() == arrow.id);
    const render::MapAnnotation moved = model->annotations()[0];
    CHECK(moved.points[0].x > arrow.points[0].x);
    CHECK(model->undoStack()->count() == 2);  // add, move

    QTest::keyClick(canvas, Qt::Key_Z, Qt::ControlModifier);
    CHECK(model->annotations()[0].points[0].x == Approx(arrow.points[0].x));
    QTest::keyClick(canvas, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(model->annotations()[0].points[0].x == Approx(moved.points[0].x));

    // Delete, undo brings it back.
    QTest::keyClick(canvas, Qt::Key_Delete);
    CHECK(model->annotations().empty());
    QTest::keyClick(canvas, Qt::Key_Z, Qt::ControlModifier);
    CHECK(model->annotations().size() == 1);

    // A text label through the (scripted) editor; cancelling creates nothing.
    tool->setMode(AnnotationTool::Mode::Text);
    tool->setEditor([](render::MapAnnotation& a, bool) { a.text = "Laiza"; return true; });
    QTest::mouseClick(canvas, Qt::LeftButton, {}, QPoint(500, 400));
    REQUIRE(model->annotations().size() == 2);
    CHECK(model->annotations()[1].text == "Laiza");
    tool->setEditor([](render::MapAnnotation&, bool) { return false; });
    QTest::mouseClick(canvas, Qt::LeftButton, {}, QPoint(600, 400));
    CHECK(model->annotations().size() == 2);
    tool->setMode(AnnotationTool::Mode::Off);
}
