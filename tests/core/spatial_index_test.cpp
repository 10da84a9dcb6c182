#include "atlas/spatial_index.h"

#include <catch2/catch.hpp>

#include <random>

using namespace atlas;

TEST_CASE("Packed R-tree returns exactly the boxes a brute-force scan finds", "[core][index]")
{
    // Small layers sort their Hilbert keys by comparison, large ones by radix sort: both sizes.
    const int n = GENERATE(300, 5000);
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> pos(0, 1000), size(0, 20);
    std::vector<Box> boxes;
    for (int i = 0; i < n; ++i) {
        const double x = pos(rng), y = pos(rng);
        boxes.push_back(Box::of(x, y, x + size(rng), y + size(rng)));
    }
    boxes.push_back(Box{});  // a feature without geometry is never returned
    SpatialIndex index(boxes);
    CHECK(index.size() == static_cast<std::size_t>(n));

    for (int q = 0; q < 50; ++q) {
        const double x = pos(rng), y = pos(rng);
        const Box query = Box::of(x, y, x + 60, y + 40);
        std::vector<uint32_t> expected;
        for (uint32_t i = 0; i < boxes.size(); ++i)
            if (!boxes[i].isEmpty() && boxes[i].intersects(query)) expected.push_back(i);
        CHECK(index.query(query) == expected);
    }
}

TEST_CASE("R-tree with a single item and an empty tree", "[core][index]")
{
    SpatialIndex one({Box::of(1, 1, 2, 2)});
    CHECK(one.query(Box::of(0, 0, 1.5, 1.5)) == std::vector<uint32_t>{0});
    CHECK(one.query(Box::of(3, 3, 4, 4)).empty());
    SpatialIndex none;
    CHECK(none.query(Box::of(0, 0, 10, 10)).empty());
}
