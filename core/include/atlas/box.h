#pragma once
#include <algorithm>
#include <limits>

namespace atlas {

// Axis-aligned rectangle in one CRS. Default-constructed boxes are empty and absorb expand().
struct Box {
    double minX = std::numeric_limits<double>::infinity();
    double minY = std::numeric_limits<double>::infinity();
    double maxX = -std::numeric_limits<double>::infinity();
    double maxY = -std::numeric_limits<double>::infinity();

    static Box of(double x0, double y0, double x1, double y1)
    {
        return {std::min(x0, x1), std::min(y0, y1), std::max(x0, x1), std::max(y0, y1)};
    }
    bool isEmpty() const { return !(minX <= maxX && minY <= maxY); }
    double width() const { return isEmpty() ? 0.0 : maxX - minX; }
    double height() const { return isEmpty() ? 0.0 : maxY - minY; }
    double centerX() const { return (minX + maxX) / 2; }
    double centerY() const { return (minY + maxY) / 2; }

    void expand(double x, double y)
    {
        minX = std::min(minX, x); minY = std::min(minY, y);
        maxX = std::max(maxX, x); maxY = std::max(maxY, y);
    }
    void expand(const Box& o)
    {
        if (o.isEmpty()) return;
        expand(o.minX, o.minY); expand(o.maxX, o.maxY);
    }
    bool intersects(const Box& o) const
    {
        return minX <= o.maxX && o.minX <= maxX && minY <= o.maxY && o.minY <= maxY;
    }
    bool contains(double x, double y) const { return x >= minX && x <= maxX && y >= minY && y <= maxY; }
    Box buffered(double d) const { return {minX - d, minY - d, maxX + d, maxY + d}; }
    bool operator==(const Box&) const = default;
};

}  // namespace atlas
