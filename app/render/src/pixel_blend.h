#pragma once
// Render-internal: Qt's premultiplied ARGB32 source-over arithmetic, for the fast paths that
// write pixels themselves (sprites, thin lines, area fills) and must compose exactly as the
// spans QPainter's raster engine would have blended.
#include <cstdint>

namespace atlas::render::detail {

// x · a / 255 on the four 8-bit channels at once, rounded as Qt's raster engine rounds it.
inline uint32_t byteMul(uint32_t x, uint32_t a)
{
    uint32_t t = (x & 0xff00ffu) * a;
    t = ((t + ((t >> 8) & 0xff00ffu) + 0x800080u) >> 8) & 0xff00ffu;
    x = ((x >> 8) & 0xff00ffu) * a;
    x = (x + ((x >> 8) & 0xff00ffu) + 0x800080u) & 0xff00ff00u;
    return x | t;
}

// A pixel's four channels in 16-bit lanes of a 64-bit word (B, R, G, A from the bottom), so one
// multiplication scales all four with byteMul's arithmetic: lane products stay under 2^16.
inline uint64_t spreadLanes(uint32_t x)
{
    const uint64_t v = x;
    return (v | v << 24) & 0x00ff00ff00ff00ffull;
}
inline uint32_t packLanes(uint64_t v)
{
    return static_cast<uint32_t>(v | v >> 24);
}
inline uint64_t laneMul(uint64_t lanes, uint32_t a)
{
    uint64_t t = lanes * a;
    t = (t + ((t >> 8) & 0x00ff00ff00ff00ffull) + 0x0080008000800080ull) >> 8;
    return t & 0x00ff00ff00ff00ffull;
}

// `colour` (premultiplied, given as spreadLanes(colour)) at `coverage` (1…255) over the pixel d,
// as Qt blends a solid span: c = colour · coverage, then d = c + d · (255 − alpha of c).
inline void blendOver(uint32_t& d, uint64_t colourLanes, uint32_t coverage)
{
    const uint64_t c = coverage >= 255 ? colourLanes : laneMul(colourLanes, coverage);
    const auto a = static_cast<uint32_t>(c >> 48);
    d = packLanes(a == 255 ? c : c + laneMul(spreadLanes(d), 255 - a));
}

}  // namespace atlas::render::detail
