// Writes the benchmark GeoPackage of issue 8 from a fixed seed: three layers in EPSG:4326 over
// lon 96–99, lat 23–27 — `events` (points), `lines` (20–200 vertices), `areas` (valid polygons,
// 50–500 vertices) — each with `id` (integer), `kind` (string, 6 values), `t_start` / `t_end`
// (DateTime, 2021–2025, spans of 1–90 days) and `value` (real).
//
//   make_bench_gpkg OUT.gpkg [--preset small|medium] [--events N] [--lines N] [--areas N] [--seed S]
//
// The random numbers come from splitmix64 with our own mappings to doubles (no <random>
// distributions, whose output differs between standard libraries), so a seed gives the same
// file everywhere.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace {

constexpr double kLon0 = 96.0, kLon1 = 99.0, kLat0 = 23.0, kLat1 = 27.0;
constexpr double kPi = 3.14159265358979323846;
const char* const kKinds[] = {"battle", "airstrike", "protest", "mining", "trade", "displacement"};

class Rng {
public:
    explicit Rng(uint64_t seed) : m_state(seed) {}
    uint64_t next()
    {
        uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
    double uniform(double a, double b) { return a + (b - a) * uniform(); }
    int integer(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<uint64_t>(hi - lo + 1)); }
    double gaussian()
    {
        const double u = 1.0 - uniform();  // (0, 1]
        return std::sqrt(-2.0 * std::log(u)) * std::cos(2 * kPi * uniform());
    }

private:
    uint64_t m_state;
};

double clampTo(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

// Days since 1970-01-01 → civil date (Hinnant).
void civil(int32_t z, int& y, int& m, int& d)
{
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = yoe + era * 400 + (m <= 2);
}

constexpr int32_t kFirstDay = 18628;  // 2021-01-01
constexpr int32_t kLastDay = 20453;   // 2025-12-31

struct Preset {
    long events, lines, areas;
};

struct Writer {
    GDALDataset* ds;
    Rng rng;

    OGRLayer* createLayer(const char* name, OGRwkbGeometryType type)
    {
        OGRSpatialReference srs;
        srs.importFromEPSG(4326);
        OGRLayer* layer = ds->CreateLayer(name, &srs, type, nullptr);
        if (!layer) throw std::runtime_error(std::string("cannot create layer ") + name);
        OGRFieldDefn id("id", OFTInteger);
        OGRFieldDefn kind("kind", OFTString);
        OGRFieldDefn start("t_start", OFTDateTime);
        OGRFieldDefn end("t_end", OFTDateTime);
        OGRFieldDefn value("value", OFTReal);
        for (OGRFieldDefn* f : {&id, &kind, &start, &end, &value})
            if (layer->CreateField(f) != OGRERR_NONE) throw std::runtime_error("cannot create field");
        return layer;
    }

    void setAttributes(OGRFeature& f, long id)
    {
        f.SetField("id", static_cast<int>(id));
        f.SetField("kind", kKinds[rng.next() % 6]);
        const int span = rng.integer(1, 90);
        const int32_t start = kFirstDay + static_cast<int32_t>(rng.next() % static_cast<uint64_t>(kLastDay - span - kFirstDay + 1));
        int y, m, d;
        civil(start, y, m, d);
        f.SetField("t_start", y, m, d, 0, 0, 0.0f, 100);
        civil(start + span, y, m, d);
        f.SetField("t_end", y, m, d, 0, 0, 0.0f, 100);
        f.SetField("value", std::round(rng.uniform(0, 1000) * 100) / 100);
    }

    void write(OGRLayer* layer, OGRFeature& f)
    {
        f.SetFID(OGRNullFID);  // the feature object is reused: let the layer number each row
        if (layer->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write a feature");
    }

    // Half the events cluster around 40 towns (as conflict events do), half are spread out.
    void events(long n)
    {
        OGRLayer* layer = createLayer("events", wkbPoint);
        std::vector<std::pair<double, double>> towns;
        for (int i = 0; i < 40; ++i) towns.emplace_back(rng.uniform(kLon0 + 0.2, kLon1 - 0.2), rng.uniform(kLat0 + 0.2, kLat1 - 0.2));
        OGRFeature f(layer->GetLayerDefn());
        for (long i = 0; i < n; ++i) {
            if (i % 100000 == 0) transaction();
            double x, y;
            if (rng.next() & 1) {
                const auto& t = towns[rng.next() % towns.size()];
                x = clampTo(t.first + 0.08 * rng.gaussian(), kLon0, kLon1);
                y = clampTo(t.second + 0.08 * rng.gaussian(), kLat0, kLat1);
            } else {
                x = rng.uniform(kLon0, kLon1);
                y = rng.uniform(kLat0, kLat1);
            }
            setAttributes(f, i + 1);
            f.SetGeometryDirectly(new OGRPoint(x, y));
            write(layer, f);
        }
    }

    // Roads and tracks: a walk of 50–250 m steps with a slowly turning heading.
    void lines(long n)
    {
        OGRLayer* layer = createLayer("lines", wkbLineString);
        OGRFeature f(layer->GetLayerDefn());
        for (long i = 0; i < n; ++i) {
            if (i % 20000 == 0) transaction();
            const int count = rng.integer(20, 200);
            auto* ls = new OGRLineString;
            ls->setNumPoints(count);
            double x = rng.uniform(kLon0, kLon1), y = rng.uniform(kLat0, kLat1);
            double heading = rng.uniform(0, 2 * kPi);
            for (int k = 0; k < count; ++k) {
                ls->setPoint(k, x, y);
                heading += rng.uniform(-0.35, 0.35);
                const double step = rng.uniform(0.0005, 0.0025);
                x = clampTo(x + step * std::cos(heading), kLon0, kLon1);
                y = clampTo(y + step * std::sin(heading), kLat0, kLat1);
            }
            setAttributes(f, i + 1);
            f.SetGeometryDirectly(ls);
            write(layer, f);
        }
    }

    // Mine footprints: star-shaped around a centre (angles strictly increasing), so every ring
    // is simple and every polygon valid.
    void areas(long n)
    {
        OGRLayer* layer = createLayer("areas", wkbPolygon);
        OGRFeature f(layer->GetLayerDefn());
        for (long i = 0; i < n; ++i) {
            if (i % 5000 == 0) transaction();
            const int count = rng.integer(50, 500);
            const double radius = rng.uniform(0.003, 0.03);
            const double cx = rng.uniform(kLon0 + radius, kLon1 - radius);
            const double cy = rng.uniform(kLat0 + radius, kLat1 - radius);
            auto* ring = new OGRLinearRing;
            ring->setNumPoints(count + 1);
            double r = radius * rng.uniform(0.6, 1.0);
            for (int k = 0; k < count; ++k) {
                const double a = 2 * kPi * (k + rng.uniform(0.05, 0.95)) / count;
                r = clampTo(r + radius * rng.uniform(-0.08, 0.08), 0.3 * radius, radius);
                ring->setPoint(k, cx + r * std::cos(a), cy + r * std::sin(a));
            }
            ring->setPoint(count, ring->getX(0), ring->getY(0));
            auto* poly = new OGRPolygon;
            poly->addRingDirectly(ring);
            setAttributes(f, i + 1);
            f.SetGeometryDirectly(poly);
            write(layer, f);
        }
    }

    void transaction()
    {
        if (m_inTransaction) ds->CommitTransaction();
        ds->StartTransaction();
        m_inTransaction = true;
    }
    void finish()
    {
        if (m_inTransaction) ds->CommitTransaction();
        m_inTransaction = false;
    }
    bool m_inTransaction = false;
};

int usage()
{
    std::fprintf(stderr, "usage: make_bench_gpkg OUT.gpkg [--preset small|medium] [--events N] [--lines N] "
                         "[--areas N] [--seed S]\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2) return usage();
    const std::string out = argv[1];
    Preset preset{10'000, 1'000, 200};
    uint64_t seed = 20241018;  // the day the KIA took Pangwa
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        if (i + 1 >= argc) return usage();
        const std::string v = argv[++i];
        if (a == "--preset") {
            if (v == "small") preset = {10'000, 1'000, 200};
            else if (v == "medium") preset = {1'000'000, 100'000, 10'000};
            else return usage();
        } else if (a == "--events") preset.events = std::stol(v);
        else if (a == "--lines") preset.lines = std::stol(v);
        else if (a == "--areas") preset.areas = std::stol(v);
        else if (a == "--seed") seed = std::stoull(v);
        else return usage();
    }

    GDALAllRegister();
    std::error_code ec;
    std::filesystem::remove(out, ec);
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!driver) {
        std::fprintf(stderr, "make_bench_gpkg: GDAL has no GPKG driver\n");
        return 1;
    }
    const auto t0 = std::chrono::steady_clock::now();
    GDALDatasetUniquePtr ds(driver->Create(out.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) {
        std::fprintf(stderr, "make_bench_gpkg: cannot create %s\n", out.c_str());
        return 1;
    }
    try {
        Writer w{ds.get(), Rng(seed)};
        w.events(preset.events);
        w.finish();
        w.lines(preset.lines);
        w.finish();
        w.areas(preset.areas);
        w.finish();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "make_bench_gpkg: %s\n", e.what());
        return 1;
    }
    ds.reset();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%s: %ld events, %ld lines, %ld areas (seed %llu) in %.1f s\n", out.c_str(), preset.events,
                preset.lines, preset.areas, static_cast<unsigned long long>(seed), s);
    return 0;
}
