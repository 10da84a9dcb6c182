#include "atlas/column.h"

#include "atlas/civil_date.h"

#include <cstdio>
#include <stdexcept>

namespace atlas {

const char* fieldTypeName(FieldType t)
{
    switch (t) {
    case FieldType::Integer: return "integer";
    case FieldType::Real: return "real";
    case FieldType::String: return "string";
    case FieldType::Date: return "date";
    }
    return "?";
}

Column::Column(std::string name, FieldType type) : m_name(std::move(name)), m_type(type)
{
    switch (type) {
    case FieldType::Integer: m_values = IntegerValues{}; break;
    case FieldType::Real: m_values = RealValues{}; break;
    case FieldType::String:
        // Code 0 is always "", so null rows have a valid code.
        m_values = StringValues{{}, {std::string()}};
        m_codeOf.emplace(std::string(), 0);
        break;
    case FieldType::Date: m_values = DateValues{}; break;
    }
}

std::string_view Column::string(std::size_t row) const
{
    const auto& s = std::get<StringValues>(m_values);
    return s.dictionary[s.codes[row]];
}

std::optional<double> Column::number(std::size_t row) const
{
    if (isNull(row)) return std::nullopt;
    switch (m_type) {
    case FieldType::Integer: return static_cast<double>(integer(row));
    case FieldType::Real: return real(row);
    case FieldType::Date: return static_cast<double>(date(row));
    case FieldType::String: return std::nullopt;
    }
    return std::nullopt;
}

std::string Column::text(std::size_t row) const
{
    if (isNull(row)) return {};
    switch (m_type) {
    case FieldType::Integer: return std::to_string(integer(row));
    case FieldType::Real: {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.15g", real(row));
        return buf;
    }
    case FieldType::String: return std::string(string(row));
    case FieldType::Date: {
        const CivilDate c = civilFromDays(date(row));
        char buf[32];
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.year, c.month, c.day);
        return buf;
    }
    }
    return {};
}

void Column::appendNull()
{
    std::visit([](auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, IntegerValues>) v.values.push_back(0);
        else if constexpr (std::is_same_v<T, RealValues>) v.values.push_back(0.0);
        else if constexpr (std::is_same_v<T, DateValues>) v.days.push_back(0);
        else v.codes.push_back(0);
    }, m_values);
    m_null.push_back(1);
}

void Column::appendInteger(int64_t v)
{
    std::get<IntegerValues>(m_values).values.push_back(v);
    m_null.push_back(0);
}

void Column::appendReal(double v)
{
    std::get<RealValues>(m_values).values.push_back(v);
    m_null.push_back(0);
}

void Column::appendDate(int32_t day)
{
    std::get<DateValues>(m_values).days.push_back(day);
    m_null.push_back(0);
}

void Column::appendString(std::string_view v)
{
    auto& s = std::get<StringValues>(m_values);
    // After finishLoading (or a cache read) the look-up table is rebuilt before it is needed.
    if (m_codeOf.size() < s.dictionary.size())
        for (uint32_t c = 0; c < s.dictionary.size(); ++c) m_codeOf.try_emplace(s.dictionary[c], c);
    auto [it, inserted] = m_codeOf.try_emplace(std::string(v), static_cast<uint32_t>(s.dictionary.size()));
    if (inserted) s.dictionary.emplace_back(v);
    s.codes.push_back(it->second);
    m_null.push_back(0);
}

void Column::reserve(std::size_t n)
{
    std::visit([n](auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, DateValues>) v.days.reserve(n);
        else if constexpr (std::is_same_v<T, StringValues>) v.codes.reserve(n);
        else v.values.reserve(n);
    }, m_values);
    m_null.reserve(n);
}

void Column::finishLoading()
{
    std::unordered_map<std::string, uint32_t>().swap(m_codeOf);
}

std::size_t Column::memoryBytes() const
{
    std::size_t bytes = m_null.capacity();
    std::visit([&bytes](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, DateValues>) bytes += v.days.capacity() * sizeof(int32_t);
        else if constexpr (std::is_same_v<T, StringValues>) {
            bytes += v.codes.capacity() * sizeof(uint32_t);
            for (const std::string& s : v.dictionary) bytes += sizeof(std::string) + s.capacity();
        } else bytes += v.values.capacity() * sizeof(v.values[0]);
    }, m_values);
    return bytes;
}

void Column::popBack()
{
    if (m_null.empty()) throw std::logic_error("Column::popBack on an empty column");
    std::visit([](auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, DateValues>) v.days.pop_back();
        else if constexpr (std::is_same_v<T, StringValues>) v.codes.pop_back();
        else v.values.pop_back();
    }, m_values);
    m_null.pop_back();
}

}  // namespace atlas
