#pragma once
// Typed attribute columns of a Layer. One vector per column (not one map per feature), so a
// layer with a million features holds a handful of allocations.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

namespace atlas {

namespace detail { struct LayerCacheAccess; }

enum class FieldType { Integer, Real, String, Date };

const char* fieldTypeName(FieldType t);

struct IntegerValues { std::vector<int64_t> values; };
struct RealValues { std::vector<double> values; };
// Dictionary-encoded: categorical fields (kind, controller, status) cost 4 bytes a feature and
// their categories come for free.
struct StringValues {
    std::vector<uint32_t> codes;
    std::vector<std::string> dictionary;
};
// Day numbers (see civil_date.h).
struct DateValues { std::vector<int32_t> days; };

class Column {
public:
    Column(std::string name, FieldType type);

    const std::string& name() const { return m_name; }
    FieldType type() const { return m_type; }
    std::size_t size() const { return m_null.size(); }

    bool isNull(std::size_t row) const { return m_null[row] != 0; }
    int64_t integer(std::size_t row) const { return std::get<IntegerValues>(m_values).values[row]; }
    double real(std::size_t row) const { return std::get<RealValues>(m_values).values[row]; }
    int32_t date(std::size_t row) const { return std::get<DateValues>(m_values).days[row]; }
    std::string_view string(std::size_t row) const;
    // Numeric value of an Integer, Real or Date cell; nullopt for null or strings.
    std::optional<double> number(std::size_t row) const;
    // Any cell as display text ("" for null; dates as YYYY-MM-DD).
    std::string text(std::size_t row) const;

    const StringValues* strings() const { return std::get_if<StringValues>(&m_values); }

    void appendNull();
    void appendInteger(int64_t v);
    void appendReal(double v);
    void appendDate(int32_t day);
    void appendString(std::string_view v);
    void reserve(std::size_t n);
    // Drops what only appending needs (the dictionary's look-up table), once the column is full.
    void finishLoading();
    std::size_t memoryBytes() const;
    // Drops the last row (a feature rejected after its attributes were read).
    void popBack();

private:
    friend struct detail::LayerCacheAccess;  // the columnar cache file (layer_cache.h)

    std::string m_name;
    FieldType m_type;
    std::variant<IntegerValues, RealValues, StringValues, DateValues> m_values;
    std::vector<uint8_t> m_null;
    std::unordered_map<std::string, uint32_t> m_codeOf;  // load-time only, for dictionary encoding
};

}  // namespace atlas
