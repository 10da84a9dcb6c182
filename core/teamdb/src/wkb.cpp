#include "wkb.h"

#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace atlas::teamdb::detail {
namespace {

using Json = nlohmann::ordered_json;
static_assert(std::endian::native == std::endian::little, "WKB is written little-endian from native doubles");

constexpr const char* kTypes[] = {"", "Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon",
                                  "GeometryCollection"};

struct Writer {
    std::string bytes;
    void u32(uint32_t v) { bytes.append(reinterpret_cast<const char*>(&v), 4); }
    void f64(double v) { bytes.append(reinterpret_cast<const char*>(&v), 8); }
};

void position(Writer& w, const Json& p)
{
    if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number())
        throw std::invalid_argument("a position must be [lon, lat]");
    w.f64(p[0].get<double>());
    w.f64(p[1].get<double>());
}

void positions(Writer& w, const Json& list)
{
    if (!list.is_array()) throw std::invalid_argument("coordinates must be arrays");
    w.u32(static_cast<uint32_t>(list.size()));
    for (const Json& p : list) position(w, p);
}

void geometry(Writer& w, const Json& g)
{
    const std::string type = g.value("type", "");
    uint32_t code = 0;
    for (uint32_t i = 1; i < 8; ++i)
        if (type == kTypes[i]) code = i;
    if (code == 0) throw std::invalid_argument("unknown geometry type \"" + type + "\"");
    w.bytes += '\x01';
    w.u32(code);
    const Json& c = code == 7 ? g.at("geometries") : g.at("coordinates");
    switch (code) {
    case 1: position(w, c); break;
    case 2: positions(w, c); break;
    case 3:
        w.u32(static_cast<uint32_t>(c.size()));
        for (const Json& ring : c) positions(w, ring);
        break;
    case 7:
        w.u32(static_cast<uint32_t>(c.size()));
        for (const Json& part : c) geometry(w, part);
        break;
    default: {  // Multi*: each part a whole WKB geometry of the single type
        w.u32(static_cast<uint32_t>(c.size()));
        for (const Json& part : c) geometry(w, Json{{"type", kTypes[code - 3]}, {"coordinates", part}});
    }
    }
}

struct Reader {
    std::string bytes;
    std::size_t at = 0;
    std::string out;
    void need(std::size_t n) const
    {
        if (at + n > bytes.size()) throw std::runtime_error("truncated WKB from the database");
    }
    uint32_t u32()
    {
        need(4);
        uint32_t v;
        std::memcpy(&v, bytes.data() + at, 4);
        at += 4;
        return v;
    }
    void number()
    {
        need(8);
        double v;
        std::memcpy(&v, bytes.data() + at, 8);
        at += 8;
        char buffer[64];
        const auto end = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed).ptr;
        std::string text(buffer, end);
        if (text.find('.') == std::string::npos) text += ".0";
        out += text;
    }
    void position()
    {
        out += '[';
        number();
        out += ',';
        number();
        out += ']';
    }
    template <class F>
    void list(F each)
    {
        out += '[';
        for (uint32_t n = u32(), i = 0; i < n; ++i) {
            if (i) out += ',';
            each();
        }
        out += ']';
    }
    // `typed`: a whole geometry object; otherwise only the coordinates of a Multi*'s part.
    void geometry(bool typed)
    {
        need(1);
        if (bytes[at++] != '\x01') throw std::runtime_error("big-endian WKB from the database");
        const uint32_t code = u32();
        if (code < 1 || code > 7) throw std::runtime_error("WKB type " + std::to_string(code) + " is not 2-D GeoJSON");
        if (typed) out += std::string("{\"type\":\"") + kTypes[code] + "\",\"" + (code == 7 ? "geometries" : "coordinates") + "\":";
        switch (code) {
        case 1: position(); break;
        case 2: list([&] { position(); }); break;
        case 3: list([&] { list([&] { position(); }); }); break;
        case 7: list([&] { geometry(true); }); break;
        default: list([&] { geometry(false); });
        }
        if (typed) out += '}';
    }
};

}  // namespace

std::optional<std::string> wkbHex(const Json& g, std::string& why)
{
    Writer w;
    try {
        geometry(w, g);
    } catch (const std::exception& e) {
        why = std::string("geometry: ") + e.what();
        return std::nullopt;
    }
    static const char* digits = "0123456789abcdef";
    std::string hex;
    hex.reserve(w.bytes.size() * 2);
    for (unsigned char b : w.bytes) hex += digits[b >> 4], hex += digits[b & 15];
    return hex;
}

std::string geometryTextFromWkbHex(const std::string& hex)
{
    Reader r;
    auto nibble = [](char ch) { return ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10; };
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) r.bytes += static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1]));
    r.geometry(true);
    return r.out;
}

}  // namespace atlas::teamdb::detail
