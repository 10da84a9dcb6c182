// Fuzzes the ACLED / UCDP GED event import from a file's bytes (io::importEventText), the path
// every downloaded event CSV takes. Beyond memory safety: a row that does not load is reported
// (never a silent drop), and the event store holds exactly the layer's rows.
#include "atlas/io/event_import.h"
#include "fuzz_check.h"

#include <cstdint>
#include <string_view>

using namespace atlas;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    Diagnostics diagnostics;
    const io::EventImport import = io::importEventText(text, "fuzz.csv", io::EventImportOptions{}, diagnostics);
    if (!import.ok()) {
        FUZZ_CHECK(diagnostics.hasErrors());
        return 0;
    }
    FUZZ_CHECK(import.featureCount() <= import.rowsRead);
    if (import.featureCount() < import.rowsRead) FUZZ_CHECK(diagnostics.hasErrors());
    FUZZ_CHECK(import.events.size() == import.featureCount());
    (void)diagnostics.formatAll();
    return 0;
}
