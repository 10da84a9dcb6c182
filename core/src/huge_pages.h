#pragma once
// Private to core: asks Linux to back the unused capacity of a large vector with 2 MB pages
// before it is written, so filling it costs one page fault per 2 MB instead of per 4 KB (the
// kernel's share of loading the medium benchmark was a fifth, mostly page faults, on a VM where
// each fault is dear). Only advice: where transparent huge pages are off, nothing changes.
#include <cstdint>
#include <vector>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace atlas::detail {

template <typename T>
void adviseHugePages([[maybe_unused]] const std::vector<T>& v)
{
#ifdef __linux__
    constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
    const auto begin = reinterpret_cast<std::uintptr_t>(v.data() + v.size());
    const auto end = reinterpret_cast<std::uintptr_t>(v.data() + v.capacity());
    const std::uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1), last = end & ~(kHuge - 1);
    if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#endif
}

// reserve() then advice, for vectors about to be filled.
template <typename T>
void reserveHuge(std::vector<T>& v, std::size_t n)
{
    v.reserve(n);
    adviseHugePages(v);
}

}  // namespace atlas::detail
