#include "atlas/render/style.h"

namespace atlas::render {

int LayerStyle::categoryIndex(std::string_view value) const
{
    for (std::size_t i = 0; i < categories.size(); ++i)
        if (categories[i].value == value) return static_cast<int>(i);
    return -1;
}

const Symbol& LayerStyle::symbolFor(std::string_view value) const
{
    const int i = categoryIndex(value);
    return i >= 0 ? categories[static_cast<std::size_t>(i)].symbol : symbol;
}

}  // namespace atlas::render
