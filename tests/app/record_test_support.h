#pragma once
// What the record-editing window tests share: a temporary copy of the bundled dataset with
// snapshots of its files, and small helpers that reach a dialog's fields by object name.
#include "atlas/data/dataset.h"
#include "atlas/gui/main_window.h"
#include "atlas/gui/identify.h"
#include "atlas/gui/inspector.h"
#include "atlas/gui/record_session.h"
#include "atlas/gui/version_panel.h"
#include "atlas/time/date.h"

#include "browse_test_support.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QDialog>
#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

namespace atlas::test {

// A copy of the bundled geodata/ in a temporary folder, made the way the window makes one.
struct DatasetCopy {
    QTemporaryDir tmp;
    QString dir;
    DatasetCopy()
    {
        REQUIRE(tmp.isValid());
        dir = tmp.filePath("geodata");
        REQUIRE(app::RecordSession::copyDataset(QString(ATLAS_APP_DATA_DIR) + "/geodata", dir).ok());
    }
    std::map<QString, QByteArray> snapshot() const
    {
        std::map<QString, QByteArray> out;
        for (const QFileInfo& f : QDir(dir).entryInfoList(QDir::Files)) {
            QFile file(f.filePath());
            REQUIRE(file.open(QIODevice::ReadOnly));
            out[f.fileName()] = file.readAll();
        }
        return out;
    }
};

inline std::multiset<QByteArray> lineSet(const QByteArray& text)
{
    std::multiset<QByteArray> out;
    for (QByteArray line : text.split('\n')) {
        if (line.endsWith(',')) line.chop(1);  // the previous last line may gain a comma
        out.insert(line);
    }
    return out;
}

inline int32_t dayOf(const char* iso) { return Date::parse(iso)->first(); }

inline bool hasEvent(const app::MainWindow& w, const std::string& id)
{
    const Dataset* ds = w.document().dataset();
    if (!ds) return false;
    for (const Event& e : ds->events().all())
        if (e.id == id) return true;
    return false;
}

template <typename W>
W* field(QWidget* dialog, const char* name)
{
    auto* widget = dialog->findChild<W*>(name);
    REQUIRE(widget);
    return widget;
}

inline void pressOk(QDialog* dialog)
{
    auto* buttons = dialog->findChild<QDialogButtonBox*>();
    REQUIRE(buttons);
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCoreApplication::processEvents();
}

// New Version as Of… on `featureId` (shown in the inspector first), through its menu action.
inline app::VersionPanel* openNewVersion(BrowseWindow& w, const char* featureId)
{
    const auto ref = app::featureRefOf(w.window.document(), featureId);
    REQUIRE(ref);
    w.tools->inspect(*ref);
    QAction* action = w.window.findChild<QAction*>("newVersion");
    REQUIRE(action);
    CHECK(w.tools->inspector()->actions().contains(action));
    action->trigger();
    auto* panel = w.window.recordSession()->versionPanel();
    REQUIRE(panel);
    REQUIRE(panel->isVisible());
    return panel;
}

// Called before the window is made (a base is built before the members).
struct BundledDataFirst {
    BundledDataFirst() { useBundledData(); }
};

// How every record test starts: the window on the bundled data, with a copy of the dataset
// open for editing and the copy's files as they were made. Taken apart where it is used:
// `auto& [w, copy, before, session] = editing;`.
struct EditingWindow : private BundledDataFirst {
    BrowseWindow w;
    DatasetCopy copy;
    std::map<QString, QByteArray> before = copy.snapshot();
    app::RecordSession* session = w.window.recordSession();

    EditingWindow()
    {
        REQUIRE(session);
        REQUIRE(session->openFolder(copy.dir).ok());
    }
};

}  // namespace atlas::test
