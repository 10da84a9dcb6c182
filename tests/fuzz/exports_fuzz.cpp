// Fuzzes the export-volume loader: exports.csv read by CsvTable (OGR's CSV driver from
// /vsimem/), its row checks and the ExportSeries built from the rows that pass.
#include "memory_dataset.h"

#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    fuzz::initDataset();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    atlas::Diagnostics diagnostics;
    const atlas::Dataset ds =
        fuzz::loadWith("exports.csv", std::string_view(reinterpret_cast<const char*>(data), size), diagnostics);
    for (const atlas::ExportObservation& o : ds.exports().all()) {
        FUZZ_CHECK(!o.span.isEmpty());  // a loaded observation covers at least its period
        FUZZ_CHECK(ds.resolve(o.id).has_value());
    }
    return 0;
}
