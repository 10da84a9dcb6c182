// Identify on click and the inspector, in the real window offscreen.
#include "browse_test_support.h"

#include "atlas/gui/inspector.h"
#include "atlas/gui/inspector_charts.h"
#include "atlas/time/date.h"

#include <QTreeWidget>

#include <algorithm>
#include <set>

using namespace atlas;
using namespace atlas::app;

TEST_CASE("Identify at Bhamo's pixel returns place:bhamo, also under an event's disc", "[app][browse][identify]")
{
    test::useBundledData();
    test::BrowseWindow w;
    // 10 Dec 2024: the Bhamo offensive (4 Dec, at Bhamo's point) is in the 30-day window.
    w.setDay(2024, 12, 10);
    w.settle();
    const Coord px = w.pixelOf("place:bhamo");
    const auto hits = w.tools->identify()->hitsAt(px);
    REQUIRE_FALSE(hits.empty());
    CHECK(datasetIdOf(w.window.document(), hits.front()) == "place:bhamo");
    std::vector<std::string> ids;
    for (const FeatureRef& h : hits) ids.push_back(datasetIdOf(w.window.document(), h));
    CHECK(std::find(ids.begin(), ids.end(), "event:2024-12-04-bhamo-offensive") != ids.end());

    // A real click on the canvas opens the inspector on Bhamo.
    QTest::mouseClick(w.window.canvas(), Qt::LeftButton, {}, w.widgetPointOf("place:bhamo"));
    CHECK(w.tools->inspector()->currentId() == "place:bhamo");
    CHECK(w.tools->inspector()->titleText().contains("Bhamo"));
    const auto& sel = w.window.document().selection();
    REQUIRE(sel.size() == 1);
    CHECK(datasetIdOf(w.window.document(), sel.front()) == "place:bhamo");

    // Clicking again on the same spot steps through what lies under it, then comes back.
    std::vector<QString> cycle;
    for (std::size_t i = 0; i < hits.size(); ++i) {
        QTest::mouseClick(w.window.canvas(), Qt::LeftButton, {}, w.widgetPointOf("place:bhamo"), 400);
        cycle.push_back(w.tools->inspector()->currentId());
    }
    CHECK(cycle.front() != "place:bhamo");
    CHECK(cycle.back() == "place:bhamo");
}

TEST_CASE("Identify only finds what the map draws on the clock's day", "[app][browse][identify]")
{
    test::useBundledData();
    test::BrowseWindow w;
    // 1 Oct 2024: the Bhamo offensive has not happened; no event disc at Bhamo.
    w.setDay(2024, 10, 1);
    w.settle();
    for (const FeatureRef& h : w.tools->identify()->hitsAt(w.pixelOf("place:bhamo")))
        CHECK_FALSE(datasetIdOf(w.window.document(), h).starts_with("event:"));
    // Far out in the Bay of Bengal nothing is hit.
    const Coord sea = w.window.canvas()->viewport().toPixel({-200'000, 2'000'000});
    CHECK(w.tools->identify()->hitsAt(sea).empty());
}

TEST_CASE("The inspector on the Pangwa belt: history with today marked, events, export chart, sources", "[app][browse][inspector]")
{
    test::useBundledData();
    test::BrowseWindow w;
    w.setDay(2024, 11, 1);
    const auto ref = featureRefOf(w.window.document(), "mine:pangwa-belt");
    REQUIRE(ref);
    w.tools->inspect(*ref);
    InspectorDock* inspector = w.tools->inspector();
    CHECK(inspector->currentId() == "mine:pangwa-belt");
    // On 1 Nov 2024 the KIA holds the belt (since 18 Oct 2024).
    CHECK(inspector->nowText().contains("KIA"));
    CHECK(inspector->nowText().contains("18 Oct 2024"));
    // History: NDA-K/BGF, then KIA.
    const auto& rows = inspector->historyStrip()->rows();
    REQUIRE_FALSE(rows.empty());
    QStringList values;
    for (const HistorySpan& s : rows.front().spans) values << s.text;
    CHECK(values.contains("NDA-K/BGF"));
    CHECK(values.contains("KIA"));
    // Events naming the belt, in date order; the capture of Pangwa among them.
    const QStringList events = inspector->eventIds();
    CHECK(events.contains("event:2024-10-18-pangwa-captured"));
    CHECK(events.contains("event:2025-02-pangwa-sites-shut"));
    CHECK(events.indexOf("event:2024-10-18-pangwa-captured") < events.indexOf("event:2025-02-pangwa-sites-shut"));
    // The February 2025 trade observations linked through the events.
    CHECK_FALSE(inspector->exportChart()->bars().empty());
    // Sources with their titles and URLs as text.
    CHECK(inspector->sourcesText().contains("S"));
}

TEST_CASE("Clicking an event in the inspector moves the one clock to it", "[app][browse][inspector]")
{
    test::useBundledData();
    test::BrowseWindow w;
    w.setDay(2024, 11, 1);
    const auto ref = featureRefOf(w.window.document(), "mine:pangwa-belt");
    REQUIRE(ref);
    w.tools->inspect(*ref);
    auto* tree = w.tools->inspector()->findChild<QTreeWidget*>();
    REQUIRE(tree);
    QTreeWidgetItem* target = nullptr;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        if (tree->topLevelItem(i)->data(0, Qt::UserRole).toString() == "event:2025-02-pangwa-sites-shut") target = tree->topLevelItem(i);
    REQUIRE(target);
    tree->scrollToItem(target);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualItemRect(target).center());
    CHECK(w.window.clock()->day() == daysFromCivil(2025, 2, 1));
    // The inspector stays on the belt and now reads the new day.
    CHECK(w.tools->inspector()->currentId() == "mine:pangwa-belt");
    CHECK(w.tools->inspector()->nowText().contains("1 Feb 2025"));
}

TEST_CASE("A control area's versions in the inspector: one segment per version, the inspected side named", "[app][browse][inspector]")
{
    test::useBundledData();
    test::BrowseWindow w;
    w.setDay(2026, 1, 20);
    w.settle();
    const auto ref = app::featureRefOf(w.window.document(), "control:bhamo-kia-2025-12-25");
    REQUIRE(ref);
    w.tools->inspect(*ref);
    const app::HistoryRow* versions = nullptr;
    for (const app::HistoryRow& row : w.tools->inspector()->historyStrip()->rows())
        if (row.label == "Versions") versions = &row;
    REQUIRE(versions);
    std::set<std::pair<std::optional<int32_t>, std::optional<int32_t>>> spans;
    for (const HistorySpan& s : versions->spans) CHECK(spans.insert({s.begin, s.end}).second);  // none stacked
    const auto inForce = std::find_if(versions->spans.begin(), versions->spans.end(),
                                      [](const HistorySpan& s) { return s.begin == Date::parse("2025-12-25")->first(); });
    REQUIRE(inForce != versions->spans.end());
    CHECK(inForce->text == "KIA");
    CHECK(inForce->tooltip.contains("control:bhamo-kia-2025-12-25"));
    CHECK(inForce->tooltip.count("control:bhamo-") >= 2);  // the version's other parts, in the tip
}
