// Not a test by itself: a program that forgets to free GDAL objects on purpose, so that
// leak_probe_check.cmake can prove LeakSanitizer still reports a leak whose allocation happens
// inside libgdal (tests/sanitizer/lsan.supp must name functions, never whole libraries).
//
//   leak_probe none FILE     opens FILE and frees everything (the control: no report)
//   leak_probe dataset FILE  drops a dataset without GDALClose
//   leak_probe feature FILE  drops a feature without OGR_F_Destroy
//
// The dataset is opened GDAL_OF_INTERNAL: a public open is also kept in GDAL's list of open
// datasets, which LeakSanitizer counts as reachable; the test mains check that list at their end
// instead (tests/open_datasets_check.h).
#include <gdal.h>
#include <ogr_api.h>

#include <cstddef>
#include <cstdio>
#include <cstring>

namespace {

// Opens FILE, reads its first feature and frees what `what` does not name. Kept out of main and
// followed by scrubStack(): LeakSanitizer scans the stack conservatively, and a stale copy of a
// dropped pointer left there would make the leak look reachable.
[[gnu::noinline]] int openAndDrop(const char* what, const char* path)
{
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_INTERNAL, nullptr, nullptr, nullptr);
    if (!ds) {
        std::fprintf(stderr, "leak_probe: cannot open %s\n", path);
        return 2;
    }
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    OGRFeatureH feature = layer ? OGR_L_GetNextFeature(layer) : nullptr;
    if (!feature) {
        std::fprintf(stderr, "leak_probe: %s has no feature\n", path);
        return 2;
    }
    if (std::strcmp(what, "feature") != 0) OGR_F_Destroy(feature);
    if (std::strcmp(what, "dataset") != 0) GDALClose(ds);
    return 0;
}

[[gnu::noinline]] void scrubStack()
{
    volatile char scratch[256 * 1024];
    for (std::size_t i = 0; i < sizeof scratch; ++i) scratch[i] = 0;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: leak_probe none|dataset|feature FILE\n");
        return 2;
    }
    GDALAllRegister();
    const int status = openAndDrop(argv[1], argv[2]);
    scrubStack();
    return status;
}
