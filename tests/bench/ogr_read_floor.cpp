// The floor for loading: a plain C++ loop that reads every feature of every layer with OGR —
// geometry and every field — and keeps nothing. What any loader built on OGR pays at least.
//
//   ogr_read_floor FILE [--runs N]      prints `ogr_read_ms <median>` and `features <count>`
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: ogr_read_floor FILE [--runs N]\n");
        return 2;
    }
    int runs = 3;
    for (int i = 2; i + 1 < argc; i += 2)
        if (std::string(argv[i]) == "--runs") runs = std::max(1, std::stoi(argv[i + 1]));
    GDALAllRegister();

    std::vector<double> times;
    long long features = 0;
    double checksum = 0;
    for (int run = 0; run < runs; ++run) {
        const auto t0 = std::chrono::steady_clock::now();
        GDALDatasetUniquePtr ds(GDALDataset::Open(argv[1], GDAL_OF_VECTOR | GDAL_OF_READONLY));
        if (!ds) {
            std::fprintf(stderr, "ogr_read_floor: cannot open %s\n", argv[1]);
            return 1;
        }
        features = 0;
        for (OGRLayer* layer : ds->GetLayers()) {
            const int fieldCount = layer->GetLayerDefn()->GetFieldCount();
            for (auto& f : *layer) {
                ++features;
                if (const OGRGeometry* g = f->GetGeometryRef()) {
                    OGREnvelope env;
                    g->getEnvelope(&env);
                    checksum += env.MinX;
                }
                for (int i = 0; i < fieldCount; ++i) {
                    if (!f->IsFieldSetAndNotNull(i)) continue;
                    switch (f->GetFieldDefnRef(i)->GetType()) {
                    case OFTInteger:
                    case OFTInteger64: checksum += static_cast<double>(f->GetFieldAsInteger64(i)); break;
                    case OFTReal: checksum += f->GetFieldAsDouble(i); break;
                    case OFTDate:
                    case OFTDateTime: {
                        int y, m, d, hh, mm, tz;
                        float ss;
                        f->GetFieldAsDateTime(i, &y, &m, &d, &hh, &mm, &ss, &tz);
                        checksum += d;
                        break;
                    }
                    default: checksum += static_cast<double>(f->GetFieldAsString(i)[0]); break;
                    }
                }
            }
        }
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(times.begin(), times.end());
    std::printf("ogr_read_ms %.1f\nfeatures %lld\n", times[times.size() / 2], features);
    std::fprintf(stderr, "(checksum %g)\n", checksum);
    return 0;
}
