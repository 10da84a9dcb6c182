// Search (Ctrl+F) in the real window: names in any language, prefix matching, results that
// zoom to the feature or move the clock to the event.
#include "browse_test_support.h"

#include "atlas/gui/event_list_dock.h"
#include "atlas/gui/inspector.h"
#include "atlas/gui/search.h"

using namespace atlas;
using namespace atlas::app;

TEST_CASE("Searching ဗန်းမော် (Burmese) and 八莫 (Chinese) both find Bhamo first", "[app][browse][search]")
{
    test::useBundledData();
    test::BrowseWindow w;
    SearchDock* search = w.tools->search();
    search->setQuery(QString::fromUtf8("ဗန်းမော်"));
    REQUIRE_FALSE(search->resultKeys().isEmpty());
    CHECK(search->resultKeys().front() == "place:bhamo");
    search->setQuery(QString::fromUtf8("八莫"));
    REQUIRE_FALSE(search->resultKeys().isEmpty());
    CHECK(search->resultKeys().front() == "place:bhamo");
    // English by prefix, any case; Jinghpaw (Momauk: N'mawk); an alternative spelling.
    search->setQuery("bham");
    CHECK(search->resultKeys().mid(0, 2).contains("place:bhamo"));
    CHECK(search->resultKeys().contains("place:bhamo-airport"));
    search->setQuery("N'mawk");
    CHECK(search->resultKeys().value(0) == "place:momauk");
    search->setQuery("Banmaw");
    CHECK(search->resultKeys().value(0) == "place:bhamo");
}

TEST_CASE("Ctrl+F focuses search, choosing a place zooms to it and opens the inspector", "[app][browse][search]")
{
    test::useBundledData();
    test::BrowseWindow w;
    w.window.canvas()->setFocus();
    QTest::keyClick(&w.window, Qt::Key_F, Qt::ControlModifier);
    CHECK(w.tools->search()->isVisible());
    w.tools->search()->setQuery(QString::fromUtf8("八莫"));
    const double before = w.window.canvas()->viewport().unitsPerPixel;
    w.tools->search()->activateResult(0);
    const Viewport& vp = w.window.canvas()->viewport();
    CHECK(vp.unitsPerPixel < before);
    const auto ref = featureRefOf(w.window.document(), "place:bhamo");
    REQUIRE(ref);
    const Coord c = ref->layer->geometry().firstCoord(ref->row);
    CHECK(vp.extent().contains(c.x, c.y));
    CHECK(w.tools->inspector()->currentId() == "place:bhamo");
}

TEST_CASE("Choosing an event in search moves the clock to its day", "[app][browse][search]")
{
    test::useBundledData();
    test::BrowseWindow w;
    w.setDay(2024, 6, 1);
    w.tools->search()->setQuery("KIA seizes");
    const QStringList keys = w.tools->search()->resultKeys();
    const int row = static_cast<int>(keys.indexOf("event:2025-01-26-bhamo-airport"));
    REQUIRE(row >= 0);
    w.tools->search()->activateResult(row);
    CHECK(w.window.clock()->day() == daysFromCivil(2025, 1, 26));
    CHECK(w.window.eventListDock()->listedIds().contains("event:2025-01-26-bhamo-airport"));
}
