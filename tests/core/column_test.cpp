#include "atlas/column.h"
#include "atlas/civil_date.h"

#include <catch2/catch.hpp>

using namespace atlas;

TEST_CASE("Day numbers round-trip through civil dates", "[core][date]")
{
    CHECK(daysFromCivil(1970, 1, 1) == 0);
    CHECK(daysFromCivil(2024, 10, 18) == 20014);
    CHECK(civilFromDays(20014) == CivilDate{2024, 10, 18});
    CHECK(daysFromCivil(2024, 3, 1) - daysFromCivil(2024, 2, 28) == 2);  // leap year
    CHECK(daysInMonth(2025, 2) == 28);
    CHECK(daysInMonth(2024, 2) == 29);
}

TEST_CASE("String columns are dictionary-encoded and nulls are distinct from empty", "[core][column]")
{
    Column c("controller", FieldType::String);
    c.appendString("KIA");
    c.appendNull();
    c.appendString("junta");
    c.appendString("KIA");
    REQUIRE(c.size() == 4);
    CHECK(c.string(0) == "KIA");
    CHECK(c.isNull(1));
    CHECK(c.text(1).empty());
    CHECK(c.string(3) == "KIA");
    CHECK(c.strings()->codes[0] == c.strings()->codes[3]);
    CHECK(c.strings()->dictionary.size() == 3);  // "", KIA, junta
    c.popBack();
    CHECK(c.size() == 3);
}

TEST_CASE("Numeric and date columns format their cells", "[core][column]")
{
    Column r("value", FieldType::Real);
    r.appendReal(41700.0);
    r.appendNull();
    CHECK(r.text(0) == "41700");
    CHECK_FALSE(r.number(1).has_value());

    Column d("as_of", FieldType::Date);
    d.appendDate(daysFromCivil(2024, 12, 4));
    CHECK(d.text(0) == "2024-12-04");
    CHECK(*d.number(0) == Approx(daysFromCivil(2024, 12, 4)));
}
