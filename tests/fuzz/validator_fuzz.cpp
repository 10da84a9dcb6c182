// Fuzzes the dataset validator on one layer: GeoJSON bytes loaded by OGR from /vsimem/ as one
// layer file of the schema, then every row check (ids, vocabularies, dates, sources, geometry
// kinds, coordinates, polygon validity) and the build of what passes. The layer is the one
// whose id prefix ("mine:", "event:"…) appears first in the bytes, so the real layer files
// seed their own checks; bytes naming none are validated as events.
#include "memory_dataset.h"

#include <array>
#include <cstdint>
#include <string_view>

namespace {

struct Target {
    const char* file;
    const char* idPrefix;  // quoted, as it starts an id value
};
constexpr std::array<Target, 7> kTargets = {{
    {"events.geojson", "\"event:"},
    {"control.geojson", "\"control:"},
    {"river.geojson", "\"river:"},
    {"frontlines.geojson", "\"front:"},
    {"mines.geojson", "\"mine:"},
    {"places.geojson", "\"place:"},
    {"crossings.geojson", "\"crossing:"},
}};

const Target& targetOf(std::string_view bytes)
{
    const Target* best = &kTargets[0];
    std::size_t bestAt = std::string_view::npos;
    for (const Target& t : kTargets) {
        const std::size_t at = bytes.find(t.idPrefix);
        if (at < bestAt) {
            bestAt = at;
            best = &t;
        }
    }
    return *best;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    fuzz::initDataset();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    atlas::Diagnostics diagnostics;
    const atlas::Dataset ds = fuzz::loadWith(targetOf(bytes).file, bytes, diagnostics);
    for (const atlas::DatasetLayer& l : ds.layers()) {
        if (!l.layer) continue;
        for (std::size_t f = 0; f < l.layer->featureCount(); ++f) {
            FUZZ_CHECK(!l.id(f).empty());  // a row without an id never loads
            FUZZ_CHECK(ds.resolve(l.id(f)).has_value());
        }
        (void)l.layer->extent();
    }
    return 0;
}
