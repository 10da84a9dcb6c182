#pragma once
// The bundled dataset and its LinkIndex, loaded once for all data_* and analysis_* tests.
#include "atlas/analysis/links.h"
#include "atlas/data/dataset.h"
#include "atlas/time/date.h"

#include <memory>
#include <string>

namespace atlas::test {

inline int32_t day(const char* iso) { return Date::parse(iso).value().first(); }

struct BundledData {
    std::shared_ptr<const Dataset> dataset;
    std::shared_ptr<const LinkIndex> links;
    Diagnostics diagnostics;
};

inline const BundledData& bundled()
{
    static const BundledData data = [] {
        BundledData d;
        d.dataset = std::make_shared<const Dataset>(Dataset::load(ATLAS_GEODATA_DIR, DatasetOptions{}, d.diagnostics));
        d.links = std::make_shared<const LinkIndex>(d.dataset);
        return d;
    }();
    return data;
}

}  // namespace atlas::test
