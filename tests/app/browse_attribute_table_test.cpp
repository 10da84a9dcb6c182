// The attribute table: the date filter, sorting and selection synced with the map.
#include "browse_test_support.h"

#include "atlas/gui/attribute_table.h"
#include "atlas/gui/inspector.h"

#include <QTableView>

using namespace atlas;
using namespace atlas::app;

namespace {

std::vector<std::string> idsOf(const test::BrowseWindow& w, const AttributeTableDock* table, const std::vector<uint32_t>& rows)
{
    const auto at = table->layerIndex();
    REQUIRE(at);
    const Layer& layer = *w.window.document().layers()[*at].layer;
    std::vector<std::string> out;
    for (uint32_t r : rows) out.push_back(layer.text(r, "id"));
    return out;
}

bool contains(const std::vector<std::string>& v, const char* id)
{
    return std::find(v.begin(), v.end(), id) != v.end();
}

}  // namespace

TEST_CASE("The control table filtered to 2024-10-01 hides the versions not in force that day", "[app][browse][table]")
{
    test::useBundledData();
    test::BrowseWindow w;
    w.setDay(2024, 10, 1);
    const auto control = w.entryOf("control");
    REQUIRE(control);
    AttributeTableDock* table = w.tools->attributeTable();
    table->showLayer(*control);
    const std::size_t total = w.window.document().layers()[*control].layer->featureCount();
    CHECK(table->shownRows().size() == total);

    table->setValidOnly(true);
    const auto valid = idsOf(w, table, table->shownRows());
    CHECK(valid.size() < total);
    // In force on 1 Oct 2024:
    CHECK(contains(valid, "control:pangwa-nda-k-bgf-2009"));     // until the KIA took Pangwa on 18 Oct
    CHECK(contains(valid, "control:chipwi-kia-2024-09-30"));     // from the day before
    CHECK(contains(valid, "control:lashio-mndaa-2024-08-03"));
    // Not yet, or no longer:
    CHECK_FALSE(contains(valid, "control:pangwa-kia-2024-10-18"));
    CHECK_FALSE(contains(valid, "control:kanpaikti-kia-2024-11-20"));
    CHECK_FALSE(contains(valid, "control:bhamo-kia-2024-12-04"));
    CHECK_FALSE(contains(valid, "control:lashio-junta-2025-04-22"));

    // The filter follows the clock.
    w.setDay(2024, 10, 18);
    const auto later = idsOf(w, table, table->shownRows());
    CHECK(contains(later, "control:pangwa-kia-2024-10-18"));
    CHECK_FALSE(contains(later, "control:pangwa-nda-k-bgf-2009"));

    table->setValidOnly(false);
    CHECK(table->shownRows().size() == total);
}

TEST_CASE("Sorting by a column orders the rows, a text filter narrows them", "[app][browse][table]")
{
    test::useBundledData();
    test::BrowseWindow w;
    const auto places = w.entryOf("places");
    REQUIRE(places);
    AttributeTableDock* table = w.tools->attributeTable();
    table->showLayer(*places);
    const Layer& layer = *w.window.document().layers()[*places].layer;
    const int nameColumn = [&] {
        int c = 0;
        for (const Column& col : layer.columns()) {
            if (col.name().front() == '@') continue;
            if (col.name() == "name") return c;
            ++c;
        }
        return -1;
    }();
    REQUIRE(nameColumn >= 0);
    table->view()->sortByColumn(nameColumn, Qt::AscendingOrder);
    const auto rows = table->shownRows();
    REQUIRE(rows.size() == layer.featureCount());
    for (std::size_t i = 1; i < rows.size(); ++i)
        CHECK(QString::localeAwareCompare(QString::fromStdString(layer.text(rows[i - 1], "name")),
                                          QString::fromStdString(layer.text(rows[i], "name"))) <= 0);
    table->setTextFilter("place:bhamo");
    const auto filtered = idsOf(w, table, table->shownRows());
    CHECK(contains(filtered, "place:bhamo"));
    CHECK(contains(filtered, "place:bhamo-airport"));
    CHECK_FALSE(contains(filtered, "place:laiza"));
}

TEST_CASE("Selecting rows selects on the map, identifying on the map selects the row", "[app][browse][table]")
{
    test::useBundledData();
    test::BrowseWindow w;
    const auto places = w.entryOf("places");
    REQUIRE(places);
    AttributeTableDock* table = w.tools->attributeTable();
    table->showLayer(*places);
    const LayerPtr layer = w.window.document().layers()[*places].layer;
    const uint32_t laiza = static_cast<uint32_t>(*layer->findById("place:laiza"));
    table->selectFeatures({{layer, laiza}});  // as if the map had selected it
    CHECK(table->selectedRows() == std::vector<uint32_t>{laiza});

    // Table → map: select Myitkyina's row with the mouse.
    const uint32_t myitkyina = static_cast<uint32_t>(*layer->findById("place:myitkyina"));
    table->setTextFilter("place:myitkyina");
    QTableView* view = table->view();
    REQUIRE(view->model()->rowCount() == 1);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(view->model()->index(0, 0)).center());
    const auto& sel = w.window.document().selection();
    REQUIRE(sel.size() == 1);
    CHECK(sel.front().row == myitkyina);
    CHECK(w.tools->inspector()->currentId() == "place:myitkyina");

    // Map → table: identify Bhamo by clicking it.
    table->setTextFilter("");
    QTest::mouseClick(w.window.canvas(), Qt::LeftButton, {}, w.widgetPointOf("place:bhamo"));
    CHECK(table->selectedRows() == std::vector<uint32_t>{static_cast<uint32_t>(*layer->findById("place:bhamo"))});
}
