#include "atlas/detail/vsi_file.h"

#include "atlas/detail/gdal_errors.h"

#include <cpl_vsi.h>

namespace atlas::detail {

bool vsiFileExists(const std::string& path)
{
    ensureGdalRegistered();
    VSIStatBufL st;
    return VSIStatL(path.c_str(), &st) == 0 && VSI_ISREG(st.st_mode);
}

std::optional<std::string> vsiReadFile(const std::string& path)
{
    ensureGdalRegistered();
    VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
    if (!f) return std::nullopt;
    std::string bytes;
    char buffer[64 * 1024];
    bool failed = false;
    for (;;) {
        const std::size_t n = VSIFReadL(buffer, 1, sizeof buffer, f);
        bytes.append(buffer, n);
        if (n < sizeof buffer) {
            failed = !VSIFEofL(f);  // a short read before the end is an I/O error
            break;
        }
    }
    VSIFCloseL(f);
    if (failed) return std::nullopt;
    return bytes;
}

}  // namespace atlas::detail
