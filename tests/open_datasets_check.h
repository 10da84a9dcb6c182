#pragma once
// Shared by the test mains: GDAL keeps every dataset opened without GDAL_OF_INTERNAL in a
// process-wide list, so LeakSanitizer counts a dataset our code forgot to close as reachable and
// never reports it. The mains call this after the tests instead (tests/sanitizer/leak_probe.cpp
// covers the datasets that list does not hold).
#include <gdal.h>

#include <cstdio>

namespace atlas::test {

// Prints each dataset still open and returns how many there are.
inline int reportOpenDatasets()
{
    GDALDatasetH* open = nullptr;
    int count = 0;
    GDALGetOpenDatasets(&open, &count);
    for (int i = 0; i < count; ++i)
        std::fprintf(stderr, "GDAL dataset still open when the tests ended: %s\n", GDALGetDescription(open[i]));
    return count;
}

}  // namespace atlas::test
