#include "atlas/edit/text_diff.h"

#include <algorithm>
#include <vector>

namespace atlas::edit {
namespace {

std::vector<std::string_view> linesOf(std::string_view text)
{
    std::vector<std::string_view> out;
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string_view::npos) end = text.size();
        out.push_back(text.substr(begin, end - begin));
        begin = end + 1;
    }
    return out;
}

std::string range(std::size_t start, std::size_t count)
{
    // Unified diff: a range of 0 lines names the line before it.
    return std::to_string(count == 0 ? start : start + 1) + "," + std::to_string(count);
}

}  // namespace

std::string unifiedDiff(std::string_view before, std::string_view after, const std::string& name, int context)
{
    if (before == after) return {};
    const auto a = linesOf(before), b = linesOf(after);
    std::size_t head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
    std::size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
    const auto ctx = static_cast<std::size_t>(std::max(0, context));
    const std::size_t from = head > ctx ? head - ctx : 0;
    const std::size_t aEnd = std::min(a.size(), a.size() - tail + ctx), bEnd = std::min(b.size(), b.size() - tail + ctx);

    std::string out = "--- a/" + name + "\n+++ b/" + name + "\n";
    out += "@@ -" + range(from, aEnd - from) + " +" + range(from, bEnd - from) + " @@\n";
    for (std::size_t i = from; i < head; ++i) out += " " + std::string(a[i]) + "\n";
    for (std::size_t i = head; i < a.size() - tail; ++i) out += "-" + std::string(a[i]) + "\n";
    for (std::size_t i = head; i < b.size() - tail; ++i) out += "+" + std::string(b[i]) + "\n";
    for (std::size_t i = a.size() - tail; i < aEnd; ++i) out += " " + std::string(a[i]) + "\n";
    return out;
}

}  // namespace atlas::edit
