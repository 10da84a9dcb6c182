// The shared main of the Catch2 executables: the tests, then the check that they closed every
// GDAL dataset they opened (see open_datasets_check.h).
#define CATCH_CONFIG_RUNNER
#include "open_datasets_check.h"

#include <catch2/catch.hpp>

int main(int argc, char* argv[])
{
    const int failed = Catch::Session().run(argc, argv);
    return atlas::test::reportOpenDatasets() > 0 ? 1 : failed;
}
