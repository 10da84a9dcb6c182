#include "atlas/spatial_index.h"

#include <catch2/catch.hpp>

#include <algorithm>
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

    // Small queries, and large ones: whole subtrees inside the query are taken without testing
    // their leaves, and many results are put in order through a bitmap.
    const double side = GENERATE(60.0, 400.0, 1500.0);
    for (int q = 0; q < 50; ++q) {
        const double x = pos(rng) - side / 2, y = pos(rng) - side / 2;
        const Box query = Box::of(x, y, x + side, y + side * 2 / 3);
        std::vector<uint32_t> expected;
        for (uint32_t i = 0; i < boxes.size(); ++i)
            if (!boxes[i].isEmpty() && boxes[i].intersects(query)) expected.push_back(i);
        CHECK(index.query(query) == expected);
        std::vector<uint32_t> visited;
        index.query(query, [&](uint32_t i) {
            visited.push_back(i);
            return true;
        });
        std::sort(visited.begin(), visited.end());
        CHECK(visited == expected);  // each once
    }
}

TEST_CASE("R-tree visits stop when the visitor says so, inside a contained subtree too", "[core][index]")
{
    std::vector<Box> boxes;
    for (int i = 0; i < 1000; ++i) boxes.push_back(Box::of(i, i, i + 1, i + 1));
    SpatialIndex index(boxes);
    int visits = 0;
    index.query(Box::of(-10, -10, 2000, 2000), [&](uint32_t) { return ++visits < 7; });
    CHECK(visits == 7);
}

TEST_CASE("R-tree with a single item and an empty tree", "[core][index]")
{
    SpatialIndex one({Box::of(1, 1, 2, 2)});
    CHECK(one.query(Box::of(0, 0, 1.5, 1.5)) == std::vector<uint32_t>{0});
    CHECK(one.query(Box::of(3, 3, 4, 4)).empty());
    SpatialIndex none;
    CHECK(none.query(Box::of(0, 0, 10, 10)).empty());
}
