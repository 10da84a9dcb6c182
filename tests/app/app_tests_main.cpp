// The app tests' main: Catch2's session, then the application ended before static destruction
// (see shutdownWidgetApp), as in the real program, and then the check that every GDAL dataset
// the window opened was closed with it (see open_datasets_check.h).
#define CATCH_CONFIG_RUNNER
#include "app_test_support.h"
#include "../open_datasets_check.h"

#include <catch2/catch.hpp>

int main(int argc, char** argv)
{
    const int result = Catch::Session().run(argc, argv);
    atlas::test::shutdownWidgetApp();
    return atlas::test::reportOpenDatasets() > 0 ? 1 : result;
}
