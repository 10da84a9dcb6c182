#pragma once
// A hash map keyed by std::string that is looked up with std::string_view (C++20 heterogeneous
// lookup), so finding an id costs a hash and no allocation — ids are looked up per visible
// feature on every scene query.
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace atlas {

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

template <class T>
using StringMap = std::unordered_map<std::string, T, StringHash, std::equal_to<>>;

}  // namespace atlas
