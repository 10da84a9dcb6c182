#include "app_test_support.h"
#include "atlas/civil_date.h"
#include "atlas/model/time_controller.h"

#include <catch2/catch.hpp>

using namespace atlas;
using namespace atlas::app;

TEST_CASE("Stepping moves the clock by exactly a day, a week or a calendar month", "[app][time]")
{
    test::widgetApp();
    TimeController clock;
    clock.setRange(daysFromCivil(2021, 1, 1), daysFromCivil(2026, 1, 31));
    clock.setDay(daysFromCivil(2024, 10, 17));
    int changes = 0;
    QObject::connect(&clock, &TimeController::cursorChanged, [&] { ++changes; });

    clock.step(1, StepUnit::Day);
    CHECK(clock.day() == daysFromCivil(2024, 10, 18));
    clock.step(-1, StepUnit::Day);
    CHECK(clock.day() == daysFromCivil(2024, 10, 17));
    clock.step(1, StepUnit::Week);
    CHECK(clock.day() == daysFromCivil(2024, 10, 24));
    clock.setDay(daysFromCivil(2025, 1, 31));
    clock.step(1, StepUnit::Month);
    CHECK(clock.day() == daysFromCivil(2025, 2, 28));
    CHECK(changes == 5);
}

TEST_CASE("Next and previous event land exactly on event days", "[app][time]")
{
    test::widgetApp();
    TimeController clock;
    clock.setRange(daysFromCivil(2024, 1, 1), daysFromCivil(2025, 12, 31));
    clock.setEventDays({daysFromCivil(2024, 12, 4), daysFromCivil(2024, 10, 18), daysFromCivil(2025, 1, 26)});
    clock.setDay(daysFromCivil(2024, 10, 18));
    clock.nextEvent();
    CHECK(clock.day() == daysFromCivil(2024, 12, 4));
    clock.nextEvent();
    CHECK(clock.day() == daysFromCivil(2025, 1, 26));
    clock.nextEvent();  // no later event: stays
    CHECK(clock.day() == daysFromCivil(2025, 1, 26));
    clock.setDay(daysFromCivil(2024, 11, 1));
    clock.previousEvent();
    CHECK(clock.day() == daysFromCivil(2024, 10, 18));
}

TEST_CASE("The date is clamped to the range and playback advances by wall time", "[app][time]")
{
    test::widgetApp();
    TimeController clock;
    clock.setRange(daysFromCivil(2024, 10, 1), daysFromCivil(2024, 10, 10));
    clock.setDay(daysFromCivil(2030, 1, 1));
    CHECK(clock.day() == daysFromCivil(2024, 10, 10));
    clock.setDay(daysFromCivil(2024, 10, 1));
    clock.setDaysPerSecond(100);  // reaches the end within ~0.1 s
    clock.play();
    CHECK(clock.isPlaying());
    CHECK(test::waitUntil([&] { return !clock.isPlaying(); }, 5000));
    CHECK(clock.day() == daysFromCivil(2024, 10, 10));

    clock.setLoop(true);
    clock.setDay(daysFromCivil(2024, 10, 9));
    clock.play();
    CHECK(test::waitUntil([&] { return clock.day() < daysFromCivil(2024, 10, 5); }, 5000));
    clock.pause();
}

TEST_CASE("Month arithmetic clamps to the last day of the month", "[app][time]")
{
    CHECK(addMonths(daysFromCivil(2024, 1, 31), 1) == daysFromCivil(2024, 2, 29));
    CHECK(addMonths(daysFromCivil(2024, 12, 15), 1) == daysFromCivil(2025, 1, 15));
    CHECK(addMonths(daysFromCivil(2025, 1, 15), -1) == daysFromCivil(2024, 12, 15));
}
