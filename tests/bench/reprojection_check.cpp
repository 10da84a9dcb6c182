// Checks that loading reprojects every coordinate as PROJ does, to within a millimetre:
// loadVectorSource interpolates large layers on a verified grid (see vector_source.cpp), and
// this compares the result, coordinate by coordinate, with a plain OGR read put through PROJ.
// For files in EPSG:4326, such as those make_bench_gpkg writes.
//
//   reprojection_check FILE [--max-error-m 0.001]     exit status 0 when within, 1 otherwise
#include "atlas/crs.h"
#include "atlas/vector_source.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace {

void collect(const OGRGeometry* g, std::vector<atlas::Coord>& out)
{
    switch (wkbFlatten(g->getGeometryType())) {
    case wkbPoint: out.push_back({g->toPoint()->getX(), g->toPoint()->getY()}); break;
    case wkbLineString:
    case wkbLinearRing:
        for (const OGRPoint& p : *g->toLineString()) out.push_back({p.getX(), p.getY()});
        break;
    case wkbPolygon:
        for (const OGRLinearRing* r : *g->toPolygon()) collect(r, out);
        break;
    default:
        for (const OGRGeometry* sub : *g->toGeometryCollection()) collect(sub, out);
    }
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: reprojection_check FILE [--max-error-m METRES]\n");
        return 2;
    }
    double maxError = 0.001;
    if (argc >= 4 && std::string(argv[2]) == "--max-error-m") maxError = std::stod(argv[3]);

    const atlas::LoadResult loaded = atlas::loadVectorSource(argv[1]);
    GDALDatasetUniquePtr ds(GDALDataset::Open(argv[1], GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (loaded.layers.empty() || !ds) {
        std::fprintf(stderr, "reprojection_check: cannot load %s\n", argv[1]);
        return 1;
    }
    bool ok = true;
    for (const auto& layer : loaded.layers) {
        OGRLayer* ogr = ds->GetLayerByName(layer->name().c_str());
        std::vector<atlas::Coord> expected;
        for (auto& f : *ogr)
            if (const OGRGeometry* g = f->GetGeometryRef()) collect(g, expected);
        atlas::CoordinateTransform(atlas::kWgs84, layer->crs()).transform(expected.data(), expected.size());
        const auto& got = layer->geometry().allCoords();
        double worst = 0;
        if (got.size() != expected.size()) {
            worst = INFINITY;
        } else {
            for (std::size_t i = 0; i < got.size(); ++i)
                worst = std::max(worst, std::hypot(got[i].x - expected[i].x, got[i].y - expected[i].y));
        }
        std::printf("%s: %zu coordinates, largest difference from PROJ %.3g m\n", layer->name().c_str(), got.size(), worst);
        ok = ok && worst <= maxError;
    }
    return ok ? 0 : 1;
}
