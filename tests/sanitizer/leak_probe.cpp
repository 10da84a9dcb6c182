// Not a test by itself: a program that forgets to free GDAL objects on purpose, so that
// leak_probe_check.cmake can prove LeakSanitizer still reports a leak whose allocation happens
// inside libgdal (tests/sanitizer/lsan.supp must name functions, never whole libraries).
//
//   leak_probe none FILE     opens FILE and frees everything (the control: no report)
//   leak_probe dataset FILE  drops a dataset without GDALClose
//   leak_probe feature FILE  drops a feature without OGRFeature::DestroyFeature
//
// The dataset is opened GDAL_OF_INTERNAL: a public open is also kept in GDAL's list of open
// datasets, which LeakSanitizer counts as reachable. catch_main.cpp checks that list at the end
// of every test run instead.
#include <gdal.h>
#include <ogr_api.h>

#include <cstdio>
#include <cstring>

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: leak_probe none|dataset|feature FILE\n");
        return 2;
    }
    GDALAllRegister();
    const char* what = argv[1];
    GDALDatasetH ds = GDALOpenEx(argv[2], GDAL_OF_VECTOR | GDAL_OF_INTERNAL, nullptr, nullptr, nullptr);
    if (!ds) {
        std::fprintf(stderr, "leak_probe: cannot open %s\n", argv[2]);
        return 2;
    }
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    OGRFeatureH feature = layer ? OGR_L_GetNextFeature(layer) : nullptr;
    if (!feature) {
        std::fprintf(stderr, "leak_probe: %s has no feature\n", argv[2]);
        return 2;
    }
    if (std::strcmp(what, "feature") != 0) OGR_F_Destroy(feature);
    if (std::strcmp(what, "dataset") != 0) GDALClose(ds);
    return 0;
}
