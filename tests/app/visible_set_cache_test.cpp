#include "atlas/model/layer_time.h"

#include "atlas/civil_date.h"
#include "atlas/layer.h"

#include <catch2/catch.hpp>

using namespace atlas;
using namespace atlas::app;

namespace {

// Three features valid from 18 Oct 2024, 1 Nov 2024 and 1 Dec 2024, none ending.
std::shared_ptr<const LayerTime> makeTime()
{
    Layer layer("test", "test.geojson", "EPSG:4326");
    layer.addColumn("valid_from", FieldType::String);
    int64_t fid = 0;
    for (const char* from : {"2024-10-18", "2024-11-01", "2024-12-01"}) {
        layer.mutableGeometry().beginFeature(GeometryKind::None);
        layer.mutableGeometry().endFeature();
        layer.appendFid(fid++);
        layer.mutableColumns()[0].appendString(from);
    }
    auto t = std::make_shared<LayerTime>();
    t->mode = IntervalTime{};
    Diagnostics diag;
    t->times = compileFeatureTimes(layer, t->mode, diag);
    t->index = TemporalIndex(t->times.visibilities());
    return t;
}

}  // namespace

TEST_CASE("Visible sets: the rows in force on the day, kept while the clock stays", "[app][time]")
{
    VisibleSetCache cache;
    const auto time = makeTime();
    const TimeCursor nov15(daysFromCivil(2024, 11, 15));
    const auto a = cache.get(time, nov15);
    CHECK(a->visible == std::vector<uint32_t>{0, 1});
    CHECK(cache.get(time, nov15) == a);  // the same set, not a new query

    // The day before the second feature starts, and the day it starts.
    CHECK(cache.get(time, TimeCursor(daysFromCivil(2024, 10, 31)))->visible == std::vector<uint32_t>{0});
    CHECK(cache.get(time, TimeCursor(daysFromCivil(2024, 11, 1)))->visible == std::vector<uint32_t>{0, 1});
    CHECK(cache.get(time, nov15) != a);  // one cursor per layer is kept: Nov 15's set was replaced
}

TEST_CASE("Visible sets: a layer's new time is a new key, and a gone layer's set is dropped", "[app][time]")
{
    VisibleSetCache cache;
    const TimeCursor dec2(daysFromCivil(2024, 12, 2));
    auto first = makeTime();
    const std::weak_ptr<const render::FeatureState> firstSet = cache.get(first, dec2);
    CHECK_FALSE(firstSet.expired());  // held by the cache

    const auto second = makeTime();  // the same mode set again: a new LayerTime, a new key
    const auto secondSet = cache.get(second, dec2);
    CHECK(secondSet != firstSet.lock());
    CHECK(secondSet->visible == std::vector<uint32_t>{0, 1, 2});
    CHECK_FALSE(firstSet.expired());  // the first layer still exists

    first.reset();  // the layer's time is gone: its set leaves on the next call
    CHECK(cache.get(second, dec2) == secondSet);
    CHECK(firstSet.expired());
}
