// Polygon validity: the quick certificate (certainlyValidPolygon) never calls a polygon valid
// that GEOS calls invalid, certifies the usual simple polygons, and checkPolygons reports the
// same features as GEOS alone would.
#include "atlas/analysis/geos.h"
#include "atlas/geometry_check.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

using namespace atlas;

namespace {

struct Rng {
    uint64_t state;
    uint64_t next()
    {
        uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform(double a, double b) { return a + (b - a) * static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

using Ring = std::vector<Coord>;

void addPolygon(GeometryColumn& g, const std::vector<Ring>& rings)
{
    g.beginFeature(GeometryKind::Polygon);
    g.beginPart();
    for (const Ring& ring : rings) {
        g.beginRing();
        for (const Coord& c : ring) g.addCoord(c.x, c.y);
    }
    g.endFeature();
}

Ring closed(Ring r)
{
    r.push_back(r.front());
    return r;
}

// A star-shaped ring around a UTM-like centre (always simple).
Ring star(Rng& rng, int n, double radius)
{
    Ring r;
    for (int k = 0; k < n; ++k) {
        const double a = 2 * M_PI * (k + rng.uniform(0.05, 0.95)) / n;
        const double d = radius * rng.uniform(0.5, 1.0);
        r.push_back({612345.0 + d * std::cos(a), 2712345.0 + d * std::sin(a)});
    }
    return closed(r);
}

bool geosValid(const GeometryColumn& g, std::size_t f)
{
    const geos::Geometry built = geos::fromFeature(g, f);
    return built && !geos::invalidReason(built.get());
}

}  // namespace

TEST_CASE("The quick polygon certificate never contradicts GEOS", "[core][geometry]")
{
    Rng rng{42};
    GeometryColumn g;
    // Simple stars of every size, some tiny (near the error bound), some huge.
    for (int i = 0; i < 400; ++i)
        addPolygon(g, {star(rng, 3 + static_cast<int>(rng.next() % 300), i % 10 == 0 ? 1e-6 : rng.uniform(1, 5e4))});
    // Random point soups: mostly self-intersecting.
    for (int i = 0; i < 400; ++i) {
        Ring r;
        const int n = 3 + static_cast<int>(rng.next() % 12);
        for (int k = 0; k < n; ++k) r.push_back({rng.uniform(0, 100), rng.uniform(0, 100)});
        addPolygon(g, {closed(r)});
    }
    // Stars with one vertex moved exactly onto another vertex (a self-touch) or repeated.
    for (int i = 0; i < 200; ++i) {
        Ring r = star(rng, 8 + static_cast<int>(rng.next() % 40), 1000);
        const std::size_t m = r.size() - 1;
        const std::size_t a = rng.next() % m, b = (a + 2 + rng.next() % (m - 3)) % m;
        r[b] = r[a];
        if (b == 0) r.back() = r[a];
        addPolygon(g, {r});
        Ring dup = star(rng, 10, 1000);
        dup.insert(dup.begin() + 3, dup[3]);  // repeated vertex: valid for GEOS, not certified
        addPolygon(g, {dup});
    }
    // Hand-made cases.
    addPolygon(g, {{{0, 0}, {10, 10}, {10, 0}, {0, 10}, {0, 0}}});            // bow tie
    addPolygon(g, {{{0, 0}, {4, 0}, {4, 4}, {2, 0}, {0, 4}, {0, 0}}});         // touches an edge at (2, 0)
    addPolygon(g, {{{0, 0}, {4, 0}, {8, 0}, {4, 0}, {4, 4}, {0, 0}}});         // folds back on itself
    addPolygon(g, {{{0, 0}, {5, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}});     // collinear vertex: valid
    addPolygon(g, {{{0, 0}, {1, 0}, {0, 1}, {0, 0}}});                         // triangle
    addPolygon(g, {{{0, 0}, {1, 1}, {2, 2}, {0, 0}}});                         // flat
    addPolygon(g, {{{0, 0}, {3, 0}, {3, 3}, {0, 0}, {-3, 0}, {-3, -3}, {0, 0}}});  // figure eight
    // Nearly collinear at UTM magnitudes: the bound must not call these certain.
    addPolygon(g, {{{500000, 2700000}, {500001, 2700000 + 1e-10}, {500002, 2700000}, {500001, 2700000}, {500000, 2700000}}});
    // Long edges across many short ones (a zigzag along two legs, closed by one diagonal), valid
    // and with one zigzag point pushed across: the sweep meets long edges spanning every other.
    const std::size_t zigzagValid = g.featureCount();
    for (int crossing = 0; crossing < 2; ++crossing)
        for (int diagonal = 0; diagonal < 2; ++diagonal) {
            Ring r;
            for (int k = 0; k <= 400; ++k) r.push_back({k * 2.5, k % 2 ? -0.5 : 0.0});       // along the bottom
            for (int k = 1; k <= 400; ++k) r.push_back({1000 + (k % 2 ? 0.5 : 0.0), k * 2.5});  // up the right side
            if (!diagonal) r.push_back({0, 1000});  // closing with a top and a left side instead
            if (crossing) r[600] = {400, 1100};     // beyond the diagonal or the top
            addPolygon(g, {closed(r)});
        }
    // A U (valid: the sweep proves edges apart across the gap) and a spiral turning twice
    // around its centre, closed across itself (invalid).
    const std::size_t notStar = g.featureCount();
    addPolygon(g, {{{0, 0}, {30, 0}, {30, 30}, {20, 30}, {20, 10}, {10, 10}, {10, 30}, {0, 30}, {0, 0}}});
    {
        Ring spiral;
        for (int k = 0; k < 40; ++k)
            spiral.push_back({(100 + 2.0 * k) * std::cos(4 * M_PI * k / 40), (100 + 2.0 * k) * std::sin(4 * M_PI * k / 40)});
        addPolygon(g, {closed(spiral)});
    }
    // A polygon with a hole, and a multipolygon: always left to GEOS.
    addPolygon(g, {star(rng, 20, 100), {{612345, 2712345}, {612346, 2712345}, {612345, 2712346}, {612345, 2712345}}});

    int certified = 0, starsCertified = 0, valid = 0;
    for (std::size_t f = 0; f < g.featureCount(); ++f) {
        const bool quick = certainlyValidPolygon(g, f);
        const bool exact = geosValid(g, f);
        INFO("feature " << f);
        if (quick) CHECK(exact);
        certified += quick;
        valid += exact;
        if (f < 400 && f % 10 != 0) starsCertified += quick;
    }
    // The certificate does its job: nearly every simple star is proved valid without GEOS. (Not
    // the stars a micrometre wide: this column also holds UTM coordinates, so its grid's step is
    // a few millimetres and they collapse when stored; GEOS decides those.)
    CHECK(starsCertified >= 351);
    CHECK(certified < valid);  // duplicates, collinear vertices, holes: GEOS decides
    CHECK_FALSE(certainlyValidPolygon(g, g.featureCount() - 1));
    CHECK(certainlyValidPolygon(g, notStar));
    CHECK_FALSE(certainlyValidPolygon(g, notStar + 1));
    CHECK_FALSE(geosValid(g, notStar + 1));
    CHECK(certainlyValidPolygon(g, zigzagValid));
    CHECK(certainlyValidPolygon(g, zigzagValid + 1));
    CHECK_FALSE(certainlyValidPolygon(g, zigzagValid + 2));
    CHECK_FALSE(certainlyValidPolygon(g, zigzagValid + 3));
    CHECK_FALSE(geosValid(g, zigzagValid + 2));
    CHECK_FALSE(geosValid(g, zigzagValid + 3));
}

// `count` areas: every `soupEvery`-th a random point soup (mostly self-intersecting), the others
// simple stars.
std::shared_ptr<Layer> mixedPolygons(uint64_t seed, int count, int soupEvery)
{
    Rng rng{seed};
    auto layer = std::make_shared<Layer>("areas", "mem", "EPSG:32647");
    GeometryColumn& g = layer->mutableGeometry();
    for (int i = 0; i < count; ++i) {
        if (i % soupEvery == 0) {
            Ring r;
            for (int k = 0; k < 6; ++k) r.push_back({rng.uniform(0, 100), rng.uniform(0, 100)});
            addPolygon(g, {closed(r)});
        } else {
            addPolygon(g, {star(rng, 4 + static_cast<int>(rng.next() % 100), 500)});
        }
        layer->appendFid(i + 1);
    }
    return layer;
}

// checkPolygons, `rounds` times over, reports exactly the features GEOS finds invalid (some are).
void checkAgreesWithGeos(const std::shared_ptr<Layer>& layer, int rounds)
{
    const GeometryColumn& g = layer->geometry();
    std::size_t expected = 0;
    for (std::size_t f = 0; f < g.featureCount(); ++f) expected += !geosValid(g, f);
    REQUIRE(expected > 0);
    for (int round = 0; round < rounds; ++round) {
        Diagnostics diag;
        PolygonCheck counts;
        const auto out = checkPolygons(layer, "mem.gpkg", false, diag, &counts);
        CHECK(out == layer);
        CHECK(counts.invalid == expected);
        CHECK(diag.items().size() == expected);
    }
}

TEST_CASE("checkPolygons reports exactly the features GEOS finds invalid", "[core][geometry]")
{
    checkAgreesWithGeos(mixedPolygons(7, 300, 3), 1);
}

TEST_CASE("checkPolygons reports the same features when helper threads share the certificate", "[core][geometry]")
{
    // Enough coordinates (≥ 20,000) for the certificate's chunks to go to helper threads too;
    // checked a few times over, so helpers left from one check serve the next.
    auto layer = mixedPolygons(11, 900, 5);
    REQUIRE(layer->geometry().coordCount() >= 20'000);
    checkAgreesWithGeos(layer, 3);
}

TEST_CASE("checkPolygons leaves a layer without polygons as it is", "[core][geometry]")
{
    auto layer = std::make_shared<Layer>("lines", "mem", "EPSG:32647");
    GeometryColumn& g = layer->mutableGeometry();
    for (int i = 0; i < 50; ++i) {
        g.beginFeature(GeometryKind::Line);
        g.beginPart();
        g.beginRing();
        for (int k = 0; k < 500; ++k) g.addCoord(k, (k * 7 + i) % 13);  // crosses itself: fine for a line
        g.endFeature();
        layer->appendFid(i + 1);
    }
    Diagnostics diag;
    PolygonCheck counts;
    const auto out = checkPolygons(layer, "mem.gpkg", false, diag, &counts);
    CHECK(out == layer);
    CHECK(counts.invalid == 0);
    CHECK(diag.items().empty());
}
