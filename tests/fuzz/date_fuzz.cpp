// Fuzzes the date parsers that read text from data: Date::parse (dataset cells), parseRange
// (ISO intervals) and io::parseEventDay (ACLED/UCDP dates). Whatever they accept must survive
// a round trip through the text they write, so a saved or exported date reads back the same.
#include "atlas/io/event_import.h"
#include "atlas/time/date.h"
#include "fuzz_check.h"

#include <cstdint>
#include <string_view>

using namespace atlas;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    if (const auto d = Date::parse(text)) {
        FUZZ_CHECK(d->first() < d->endExclusive());
        const auto again = Date::parse(d->iso());
        FUZZ_CHECK(again.ok() && *again == *d);
        (void)d->label();
    } else {
        FUZZ_CHECK(!d.reason().empty());  // a refusal says why
    }

    if (const auto r = parseRange(text)) {
        FUZZ_CHECK(!r->interval().isEmpty());  // a reversed range is an error, never an empty span
        const auto again = parseRange(r->iso());
        FUZZ_CHECK(again.ok() && *again == *r);
        (void)r->label();
    }

    if (const auto day = io::parseEventDay(text)) {
        const auto again = Date::parse(isoDay(*day));
        FUZZ_CHECK(again.ok() && again->first() == *day && again->precision() == Date::Precision::Day);
    }
    return 0;
}
