// Colour-vision deficiency (issue 18): the controller and event-kind palettes stay apart for
// readers with deuteranopia and protanopia. Each colour is passed through Machado, Oliveira &
// Fernandes (2009) full-severity simulation matrices (linear RGB), and every pair of categories
// drawn together must stay at least kMinDeltaE apart in CIELAB (ΔE*76).
#include "atlas/render/palette.h"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <string>
#include <vector>

using namespace atlas::render;

namespace {

using Matrix = std::array<std::array<double, 3>, 3>;
using Lab = std::array<double, 3>;

// Machado et al. 2009, severity 1.0.
constexpr Matrix kProtanopia = {{{0.152286, 1.052583, -0.204868},
                                 {0.114503, 0.786281, 0.099216},
                                 {-0.003882, -0.048116, 1.051998}}};
constexpr Matrix kDeuteranopia = {{{0.367322, 0.860646, -0.227968},
                                   {0.280085, 0.672501, 0.047413},
                                   {-0.011820, 0.042940, 0.968881}}};
constexpr Matrix kNormal = {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
// Categories closer than this are hard to tell apart on a map at a glance.
constexpr double kMinDeltaE = 10.0;

double linear(int c)
{
    const double v = c / 255.0;
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

Lab seen(const QColor& c, const Matrix& m)
{
    const std::array<double, 3> rgb = {linear(c.red()), linear(c.green()), linear(c.blue())};
    std::array<double, 3> s{};
    for (int i = 0; i < 3; ++i)
        s[i] = std::clamp(m[i][0] * rgb[0] + m[i][1] * rgb[1] + m[i][2] * rgb[2], 0.0, 1.0);
    const double x = (0.4124 * s[0] + 0.3576 * s[1] + 0.1805 * s[2]) / 0.95047;
    const double y = 0.2126 * s[0] + 0.7152 * s[1] + 0.0722 * s[2];
    const double z = (0.0193 * s[0] + 0.1192 * s[1] + 0.9505 * s[2]) / 1.08883;
    auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0; };
    return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}

double deltaE(const Lab& a, const Lab& b)
{
    return std::hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

void checkApart(const std::vector<std::pair<std::string, QColor>>& categories)
{
    for (const auto& [vision, m] : {std::pair{"normal", kNormal}, std::pair{"protanopia", kProtanopia},
                                    std::pair{"deuteranopia", kDeuteranopia}})
        for (std::size_t i = 0; i < categories.size(); ++i)
            for (std::size_t j = i + 1; j < categories.size(); ++j) {
                const double d = deltaE(seen(categories[i].second, m), seen(categories[j].second, m));
                INFO(vision << ": " << categories[i].first << " / " << categories[j].first << " ΔE " << d);
                CHECK(d >= kMinDeltaE);
            }
}

}  // namespace

TEST_CASE("Simulated deuteranopia turns red and green alike (the simulation works)", "[render][palette]")
{
    const QColor red(220, 40, 40), green(90, 150, 40);
    CHECK(deltaE(seen(red, kNormal), seen(green, kNormal)) > 40);
    CHECK(deltaE(seen(red, kDeuteranopia), seen(green, kDeuteranopia)) < 20);
}

TEST_CASE("Controller colours stay apart under deuteranopia and protanopia", "[render][palette]")
{
    // Every controller of the legend, plus "not known": all can be on one map.
    std::vector<std::pair<std::string, QColor>> categories;
    for (const char* c : {"KIA", "junta", "NDA-K/BGF", "UWSA", "NDAA", "MNDAA", "contested", ""})
        categories.emplace_back(*c ? c : "not known", palette::controllerColor(c));
    checkApart(categories);
}

TEST_CASE("Event-kind colours stay apart under deuteranopia and protanopia", "[render][palette]")
{
    std::vector<std::pair<std::string, QColor>> categories;
    for (const char* k : {"battle", "capture", "airstrike", "border", "trade", "policy", "political", "disaster", "report"})
        categories.emplace_back(k, palette::eventKindColor(k));
    checkApart(categories);
}
