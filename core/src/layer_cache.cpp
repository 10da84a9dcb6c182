#include "atlas/layer_cache.h"

#include "huge_pages.h"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <optional>
#include <bit>
#include <chrono>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <functional>
#include <new>
#include <system_error>
#include <thread>
#include <type_traits>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace atlas {
namespace {

namespace fs = std::filesystem;

constexpr char kMagic[8] = {'K', 'A', 'L', 'A', 'Y', 'E', 'R', 'S'};
// Bumped whenever the layout of a cached layer changes (or what the loader computes does).
// 2: coordinates as integer steps on a grid; 3: the checksum over fixed blocks of the file,
// each array's data 8-byte aligned in the file.
constexpr std::uint32_t kFormatVersion = 3;
// Every array's data starts at a multiple of this offset in the file, so a mapped file's
// arrays are aligned for their element types and copied into the layers in one memcpy each.
constexpr std::size_t kArrayAlignment = 8;

// xxHash64's round on four lanes: ~10 GB/s, so checking 400 MB of cache costs ~40 ms.
std::uint64_t hashOf(const void* data, std::size_t n)
{
    constexpr std::uint64_t P1 = 0x9E3779B185EBCA87ull, P2 = 0xC2B2AE3D27D4EB4Full, P3 = 0x165667B19E3779F9ull;
    auto round = [](std::uint64_t acc, std::uint64_t w) { return std::rotl(acc + w * P2, 31) * P1; };
    const auto* p = static_cast<const unsigned char*>(data);
    std::uint64_t a = P1 + P2, b = P2, c = 0, d = 0 - P1;
    std::size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        std::uint64_t w[4];
        std::memcpy(w, p + i, 32);
        a = round(a, w[0]);
        b = round(b, w[1]);
        c = round(c, w[2]);
        d = round(d, w[3]);
    }
    std::uint64_t h = std::rotl(a, 1) + std::rotl(b, 7) + std::rotl(c, 12) + std::rotl(d, 18) + n;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        h = std::rotl(h ^ round(0, w), 27) * P1 + P3;
    }
    for (; i < n; ++i) h = std::rotl(h ^ (p[i] * P3), 11) * P1;
    h ^= h >> 33;
    h *= P2;
    h ^= h >> 29;
    return h;
}

// The checksum of a cache file: its bytes (all but the trailing checksum) in blocks of 1 MiB,
// whatever pieces they were written in, so a reader can check the file on a second thread
// while it parses it on the first.
constexpr std::size_t kHashBlock = std::size_t{1} << 20;

std::uint64_t foldBlock(std::uint64_t sum, const void* block, std::size_t n)
{
    return std::rotl(sum ^ hashOf(block, n), 23) * 0x9E3779B185EBCA87ull;
}

// The same checksum of bytes that come in pieces (the writer's): whole blocks straight from
// the caller's memory, the rest gathered.
class StreamChecksum {
public:
    void add(const void* data, std::size_t n)
    {
        const auto* p = static_cast<const unsigned char*>(data);
        while (n > 0) {
            if (m_pending.empty() && n >= kHashBlock) {
                m_sum = foldBlock(m_sum, p, kHashBlock);
                p += kHashBlock;
                n -= kHashBlock;
                continue;
            }
            const std::size_t take = std::min(n, kHashBlock - m_pending.size());
            m_pending.insert(m_pending.end(), p, p + take);
            p += take;
            n -= take;
            if (m_pending.size() == kHashBlock) {
                m_sum = foldBlock(m_sum, m_pending.data(), kHashBlock);
                m_pending.clear();
            }
        }
    }
    std::uint64_t value() const { return m_pending.empty() ? m_sum : foldBlock(m_sum, m_pending.data(), m_pending.size()); }

private:
    std::uint64_t m_sum = kFormatVersion;
    std::vector<unsigned char> m_pending;
};

class Writer {
public:
    explicit Writer(std::FILE* f) : m_f(f) {}
    bool ok() const { return m_ok; }
    std::uint64_t checksum() const { return m_hash.value(); }

    void bytes(const void* data, std::size_t n)
    {
        m_hash.add(data, n);
        if (n > 0 && std::fwrite(data, 1, n, m_f) != n) m_ok = false;
        m_written += n;
    }
    template <typename T>
    void value(T v)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        bytes(&v, sizeof v);
    }
    void string(const std::string& s)
    {
        value<std::uint64_t>(s.size());
        bytes(s.data(), s.size());
    }
    template <typename T>
    void vector(const std::vector<T>& v)
    {
        static_assert(std::is_trivially_copyable_v<T> && alignof(T) <= kArrayAlignment);
        value<std::uint64_t>(v.size());
        static constexpr char zeros[kArrayAlignment] = {};
        bytes(zeros, (kArrayAlignment - m_written % kArrayAlignment) % kArrayAlignment);
        bytes(v.data(), v.size() * sizeof(T));
    }

private:
    std::FILE* m_f;
    StreamChecksum m_hash;
    std::uint64_t m_written = 0;
    bool m_ok = true;
};

// Reads `n` bytes at `offset` (pread, so other readers of the descriptor are not disturbed);
// false on an error or the end of the file.
bool readFully(int fd, void* out, std::size_t n, std::uint64_t offset)
{
    auto* p = static_cast<unsigned char*>(out);
    while (n > 0) {
        const ssize_t got = ::pread(fd, p, n, static_cast<off_t>(offset));
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return false;
        p += got;
        n -= static_cast<std::size_t>(got);
        offset += static_cast<std::uint64_t>(got);
    }
    return true;
}

// The checksum of a cache file's first `n` bytes, read and computed on a thread of its own
// from construction, so checking the file costs the reader no time of its own. Destroying it
// before result() stops that thread early (a reader that gave up).
class BackgroundChecksum {
public:
    BackgroundChecksum(int fd, std::uint64_t n) : m_thread([this, fd, n] { m_sum = compute(fd, n); }) {}
    ~BackgroundChecksum()
    {
        if (m_thread.joinable()) {
            m_stop = true;
            m_thread.join();
        }
    }
    BackgroundChecksum(const BackgroundChecksum&) = delete;
    BackgroundChecksum& operator=(const BackgroundChecksum&) = delete;

    // nullopt when the file could not be read.
    std::optional<std::uint64_t> result()
    {
        m_thread.join();
        return m_sum;
    }

private:
    std::optional<std::uint64_t> compute(int fd, std::uint64_t n) const
    {
        std::vector<unsigned char> block(kHashBlock);
        std::uint64_t sum = kFormatVersion;
        for (std::uint64_t at = 0; at < n; at += kHashBlock) {
            if (m_stop.load(std::memory_order_relaxed)) return std::nullopt;
            const auto size = static_cast<std::size_t>(std::min<std::uint64_t>(kHashBlock, n - at));
            if (!readFully(fd, block.data(), size, at)) return std::nullopt;
            sum = foldBlock(sum, block.data(), size);
        }
        return sum;
    }

    std::atomic<bool> m_stop{false};
    std::optional<std::uint64_t> m_sum;
    std::thread m_thread;  // last: starts once the members it uses exist
};

class Reader;

// A large array's bytes in the cache file and how to copy them into their layer.
struct ArrayCopy {
    std::uint64_t offset;
    std::uint64_t bytes;
    std::function<void(Reader&)> copy;  // given a Reader of exactly those bytes
};

// Parses what Writer wrote, front to back through a buffer of 1 MiB; any short read or
// implausible size makes it fail (and stay failed). It does not check the checksum
// (BackgroundChecksum does, beside it).
class Reader {
public:
    // The `size` bytes of the file from `offset` on.
    Reader(int fd, std::uint64_t size, std::uint64_t offset = 0)
        : m_fd(fd), m_offset(offset), m_left(size), m_buffer(kBufferWords)
    {
    }
    bool ok() const { return m_ok; }
    void fail() { m_ok = false; }
    // The `size` bytes from `offset` on, instead, in the same buffer (one a copying thread).
    void reposition(std::uint64_t size, std::uint64_t offset)
    {
        m_offset = offset;
        m_left = size;
        m_at = m_end = nullptr;
        m_ok = true;
    }
    // From now on, large arrays (deferrable) are only sized and recorded in `jobs`, to be
    // copied later (by several threads); their bytes are skipped.
    void deferLargeArraysTo(std::vector<ArrayCopy>* jobs) { m_jobs = jobs; }

    bool bytes(void* data, std::size_t n)
    {
        if (!m_ok || n > m_left) return m_ok = false;
        auto* out = static_cast<unsigned char*>(data);
        while (n > 0) {
            if (m_at == m_end && !refill()) return m_ok = false;
            const std::size_t take = std::min(n, buffered());
            std::memcpy(out, m_at, take);
            consume(take);
            out += take;
            n -= take;
        }
        return true;
    }
    template <typename T>
    T value()
    {
        T v{};
        bytes(&v, sizeof v);
        return v;
    }
    std::string string()
    {
        const auto n = value<std::uint64_t>();
        std::string s;
        if (!m_ok || n > m_left) { m_ok = false; return s; }
        s.resize(n);
        bytes(s.data(), n);
        return s;
    }
    // Copied from the buffer into capacity reserved at the final size: no zero fill first
    // (resize), no growth. The buffer holds each byte at an address congruent to its file
    // offset modulo kArrayAlignment, so the elements in it are aligned.
    template <typename T>
    void vector(std::vector<T>& v)
    {
        const auto n = arraySize<T>();
        if (m_ok) fill(v, n);
    }
    // As vector(), for an array that outlives the parse (a layer's own): a large one may be
    // deferred (deferLargeArraysTo).
    template <typename T>
    void deferrable(std::vector<T>& v)
    {
        const auto n = arraySize<T>();
        if (!m_ok) return;
        const std::uint64_t size = n * sizeof(T);
        if (!m_jobs || size < kDeferMinBytes) {
            fill(v, n);
            return;
        }
        m_jobs->push_back({m_offset, size, [&v, n](Reader& r) { r.fill(v, n); }});
        skip(size);
    }
    // Reads `n` elements into `v`, replacing what it held.
    template <typename T>
    void fill(std::vector<T>& v, std::uint64_t n)
    {
        v.clear();
        v.shrink_to_fit();
        detail::reserveHuge(v, n);  // one page fault per 2 MB while it is filled
        while (m_ok && v.size() < n) {
            const std::size_t whole = std::min<std::size_t>(n - v.size(), buffered() / sizeof(T));
            if (whole > 0) {
                const auto* first = reinterpret_cast<const T*>(m_at);
                v.insert(v.end(), first, first + whole);
                consume(whole * sizeof(T));
            } else {  // the buffer is empty, or ends within this element
                T one;
                if (bytes(&one, sizeof one)) v.push_back(one);
            }
        }
    }
    std::uint64_t left() const { return m_left; }

private:
    static constexpr std::size_t kBufferWords = (std::size_t{1} << 20) / sizeof(std::uint64_t);
    // Smaller arrays are copied as they are met: a job costs a thread hand-off and a buffer.
    static constexpr std::uint64_t kDeferMinBytes = std::uint64_t{2} << 20;

    // An array's element count, its padding skipped; fails for more than the bytes left.
    template <typename T>
    std::uint64_t arraySize()
    {
        static_assert(std::is_trivially_copyable_v<T> && alignof(T) <= kArrayAlignment);
        const auto n = value<std::uint64_t>();
        unsigned char padding[kArrayAlignment];
        bytes(padding, (kArrayAlignment - m_offset % kArrayAlignment) % kArrayAlignment);
        if (!m_ok || n > m_left / sizeof(T)) m_ok = false;
        return m_ok ? n : 0;
    }
    // Past `n` bytes without copying them (a deferred array's).
    void skip(std::uint64_t n)
    {
        const std::uint64_t inBuffer = std::min<std::uint64_t>(n, buffered());
        consume(static_cast<std::size_t>(inBuffer));
        if (inBuffer == n) return;
        m_at = m_end;
        m_offset += n - inBuffer;
        m_left -= n - inBuffer;
    }

    std::size_t buffered() const { return static_cast<std::size_t>(m_end - m_at); }
    void consume(std::size_t n)
    {
        m_at += n;
        m_offset += n;
        m_left -= n;
    }
    // Only once the buffer is used up; never past the bytes this reader was given.
    bool refill()
    {
        auto* base = reinterpret_cast<unsigned char*>(m_buffer.data()) + m_offset % kArrayAlignment;
        const std::size_t room = m_buffer.size() * sizeof(std::uint64_t) - kArrayAlignment;
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(room, m_left));
        if (n == 0 || !readFully(m_fd, base, n, m_offset)) return false;
        m_at = base;
        m_end = base + n;
        return true;
    }

    int m_fd;
    std::uint64_t m_offset = 0;  // of m_at in the file
    std::uint64_t m_left;        // bytes not consumed yet
    std::vector<std::uint64_t> m_buffer;
    const unsigned char* m_at = nullptr;
    const unsigned char* m_end = nullptr;
    std::vector<ArrayCopy>* m_jobs = nullptr;
    bool m_ok = true;
};

// Copies the large arrays on this thread and one more, largest first (so the two end
// together): the copy, most of a cache read, is bound by page faults and memory, and each
// thread faults in its own pages. False if any could not be read.
bool copyArrays(int fd, std::vector<ArrayCopy>& copies)
{
    std::sort(copies.begin(), copies.end(), [](const ArrayCopy& a, const ArrayCopy& b) { return a.bytes > b.bytes; });
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    auto work = [&copies, &next, &failed, fd] {
        Reader r(fd, 0);
        for (std::size_t i = next++; i < copies.size() && !failed; i = next++) {
            r.reposition(copies[i].bytes, copies[i].offset);
            try {
                copies[i].copy(r);
            } catch (const std::bad_alloc&) {
                r.fail();
            }
            if (!r.ok() || r.left() != 0) failed = true;
        }
    };
    if (copies.size() > 1) {
        std::thread helper(work);
        work();
        helper.join();
    } else {
        work();
    }
    return !failed;
}

// Closes a file descriptor.
class Descriptor {
public:
    explicit Descriptor(int fd) : m_fd(fd) {}
    ~Descriptor()
    {
        if (m_fd >= 0) ::close(m_fd);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

template <typename T>
bool ascendingWithin(const std::vector<T>& offsets, std::size_t limit)
{
    if (offsets.empty() || offsets.front() != 0) return false;
    for (std::size_t i = 1; i < offsets.size(); ++i)
        if (offsets[i] < offsets[i - 1]) return false;
    return offsets.back() <= limit;
}

std::string hexOf(std::uint64_t v)
{
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

}  // namespace

namespace detail {

// The one place that sees the private columns of Layer, GeometryColumn, Column and
// SpatialIndex: they are written and read back member by member.
struct LayerCacheAccess {
    static void write(Writer& w, const Layer& l)
    {
        w.string(l.m_name);
        w.string(l.m_sourcePath);
        w.string(l.m_crs);
        const GeometryColumn& g = l.m_geometry;
        w.vector(g.m_kinds);
        w.vector(g.m_bounds);
        w.vector(g.m_featureParts);
        w.vector(g.m_partRings);
        w.vector(g.m_ringCoords);
        w.vector(g.m_coords);
        w.value<double>(g.m_grid.originX);
        w.value<double>(g.m_grid.originY);
        w.value<double>(g.m_grid.step);
        w.value<std::int64_t>(l.m_fidBase);
        w.value<std::uint64_t>(l.m_fidCount);
        w.vector(l.m_fids);
        w.value<std::uint64_t>(l.m_columns.size());
        for (const Column& c : l.m_columns) {
            w.string(c.m_name);
            w.value<std::uint8_t>(static_cast<std::uint8_t>(c.m_type));
            w.vector(c.m_null);
            std::visit([&w](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, IntegerValues> || std::is_same_v<T, RealValues>) w.vector(v.values);
                else if constexpr (std::is_same_v<T, DateValues>) w.vector(v.days);
                else {
                    w.vector(v.codes);
                    w.value<std::uint64_t>(v.dictionary.size());
                    for (const std::string& s : v.dictionary) w.string(s);
                }
            }, c.m_values);
        }
        const SpatialIndex& x = l.m_index;
        w.vector(x.m_boxes);
        w.vector(x.m_indices);
        std::vector<std::uint64_t> levels(x.m_levelBounds.begin(), x.m_levelBounds.end());
        w.vector(levels);
        w.value<std::uint64_t>(x.m_itemCount);
    }

    // Its arrays may be left to copy (Reader::deferLargeArraysTo): check it (consistent) once
    // they are.
    static std::shared_ptr<Layer> read(Reader& r, const std::string& sourcePath)
    {
        std::string name = r.string(), source = r.string(), crs = r.string();
        if (!sourcePath.empty()) source = sourcePath;  // the same file, maybe named otherwise
        auto l = std::make_shared<Layer>(std::move(name), std::move(source), std::move(crs));
        GeometryColumn& g = l->m_geometry;
        r.deferrable(g.m_kinds);
        r.deferrable(g.m_bounds);
        r.deferrable(g.m_featureParts);
        r.deferrable(g.m_partRings);
        r.deferrable(g.m_ringCoords);
        r.deferrable(g.m_coords);
        g.m_grid.originX = r.value<double>();
        g.m_grid.originY = r.value<double>();
        g.m_grid.step = r.value<double>();
        l->m_fidBase = r.value<std::int64_t>();
        l->m_fidCount = r.value<std::uint64_t>();
        r.deferrable(l->m_fids);
        const auto columns = r.value<std::uint64_t>();
        if (!r.ok() || columns > r.left()) return nullptr;
        l->m_columns.reserve(columns);  // a deferred copy holds on to its column's arrays
        for (std::uint64_t k = 0; k < columns && r.ok(); ++k) {
            std::string columnName = r.string();
            const auto type = r.value<std::uint8_t>();
            if (type > static_cast<std::uint8_t>(FieldType::Date)) return nullptr;
            Column& c = l->addColumn(std::move(columnName), static_cast<FieldType>(type));
            r.deferrable(c.m_null);
            std::visit([&r](auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, IntegerValues> || std::is_same_v<T, RealValues>) r.deferrable(v.values);
                else if constexpr (std::is_same_v<T, DateValues>) r.deferrable(v.days);
                else {
                    r.deferrable(v.codes);
                    const auto n = r.value<std::uint64_t>();
                    if (!r.ok() || n > r.left()) { r.fail(); return; }
                    v.dictionary.clear();
                    for (std::uint64_t i = 0; i < n && r.ok(); ++i) v.dictionary.push_back(r.string());
                }
            }, c.m_values);
            c.m_codeOf.clear();  // rebuilt by appendString if ever needed
        }
        SpatialIndex& x = l->m_index;
        r.deferrable(x.m_boxes);
        r.deferrable(x.m_indices);
        std::vector<std::uint64_t> levels;
        r.vector(levels);
        x.m_levelBounds.assign(levels.begin(), levels.end());
        x.m_itemCount = r.value<std::uint64_t>();
        if (!r.ok()) return nullptr;
        return l;
    }

    // Every offset within the arrays it points into, every column as long as the geometry:
    // what the accessors assume (a checksum collision or a forged file must not crash us).
    static bool consistent(const Layer& l)
    {
        const GeometryColumn& g = l.m_geometry;
        const std::size_t n = g.m_kinds.size();
        if (!(g.m_bounds.size() == n || g.m_bounds.empty()) || g.m_featureParts.size() != n + 1) return false;
        if (g.m_partRings.empty() || g.m_ringCoords.empty()) return false;
        if (!g.m_coords.empty() && !(std::isfinite(g.m_grid.originX) && std::isfinite(g.m_grid.originY)
                                     && g.m_grid.step > 0 && std::isfinite(g.m_grid.step)))
            return false;
        if (!ascendingWithin(g.m_featureParts, g.m_partRings.size() - 1)) return false;
        if (!ascendingWithin(g.m_partRings, g.m_ringCoords.size() - 1)) return false;
        if (!ascendingWithin(g.m_ringCoords, g.m_coords.size())) return false;
        for (GeometryKind k : g.m_kinds)
            if (static_cast<std::uint8_t>(k) > static_cast<std::uint8_t>(GeometryKind::Polygon)) return false;
        // Without stored bounds every feature must be a single point (its bounds) or nothing.
        if (g.m_bounds.empty())
            for (std::size_t f = 0; f < n; ++f)
                if (g.m_kinds[f] != GeometryKind::None && (g.m_kinds[f] != GeometryKind::Point || g.coords(f).size() != 1))
                    return false;
        if (l.m_fidCount != n || !(l.m_fids.empty() || l.m_fids.size() == n)) return false;
        for (const Column& c : l.m_columns) {
            if (c.m_null.size() != n) return false;
            const bool sized = std::visit([n](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, IntegerValues> || std::is_same_v<T, RealValues>) return v.values.size() == n;
                else if constexpr (std::is_same_v<T, DateValues>) return v.days.size() == n;
                else
                    return v.codes.size() == n && !v.dictionary.empty()
                        && std::all_of(v.codes.begin(), v.codes.end(),
                                       [&v](std::uint32_t code) { return code < v.dictionary.size(); });
            }, c.m_values);
            if (!sized) return false;
        }
        const SpatialIndex& x = l.m_index;
        if (x.m_indices.size() != x.m_boxes.size() || x.m_itemCount > n) return false;
        if (x.m_boxes.empty()) return x.m_itemCount == 0 && x.m_levelBounds.empty();
        if (x.m_levelBounds.empty() || x.m_levelBounds.front() != x.m_itemCount || x.m_levelBounds.back() != x.m_boxes.size())
            return false;
        for (std::size_t i = 1; i < x.m_levelBounds.size(); ++i)
            if (x.m_levelBounds[i] <= x.m_levelBounds[i - 1]) return false;
        for (std::size_t i = 0; i < x.m_itemCount; ++i)
            if (x.m_indices[i] >= n) return false;
        for (std::size_t level = 1, i = x.m_itemCount; i < x.m_boxes.size(); ++i) {
            while (i >= x.m_levelBounds[level]) ++level;
            // An inner node's first child lies in the level below.
            const std::size_t below = level >= 2 ? x.m_levelBounds[level - 2] : 0;
            if (x.m_indices[i] < below || x.m_indices[i] >= x.m_levelBounds[level - 1]) return false;
        }
        return true;
    }
};

}  // namespace detail

std::string defaultLayerCacheDir()
{
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return (fs::path(xdg) / "kachin-atlas" / "layers").string();
    if (const char* home = std::getenv("HOME"); home && *home)
        return (fs::path(home) / ".cache" / "kachin-atlas" / "layers").string();
    return {};
}

std::optional<LayerCacheKey> layerCacheKey(const std::string& path, const LoadOptions& options)
{
    if (isRemotePath(path) || path.rfind("/vsi", 0) == 0) return std::nullopt;
    std::error_code ec;
    const fs::path canonical = fs::canonical(path, ec);
    if (ec || !fs::is_regular_file(canonical, ec) || ec) return std::nullopt;
    LayerCacheKey key;
    key.path = canonical.string();
    key.size = fs::file_size(canonical, ec);
    if (ec) return std::nullopt;
    key.mtimeNs = static_cast<std::int64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(fs::last_write_time(canonical, ec).time_since_epoch()).count());
    if (ec) return std::nullopt;
    key.options = "crs=" + options.targetCrs + "\nlayer=" + options.layerName + "\ncheck="
                + (options.checkPolygons ? "1" : "0") + "\nrepair=" + (options.repairInvalid ? "1" : "0");
    // A GeoPackage written in WAL mode can change in its -wal file alone.
    const fs::path wal = canonical.string() + "-wal";
    if (fs::exists(wal, ec)) {
        const auto walSize = fs::file_size(wal, ec);
        const auto walTime = fs::last_write_time(wal, ec).time_since_epoch().count();
        key.options += "\nwal=" + std::to_string(walSize) + "@" + std::to_string(walTime);
    }
    return key;
}

std::string layerCacheFile(const std::string& dir, const LayerCacheKey& key)
{
    const std::string id = key.path + '\n' + key.options;
    return (fs::path(dir) / (hexOf(hashOf(id.data(), id.size())) + ".layers")).string();
}

std::optional<std::vector<std::shared_ptr<Layer>>> readLayerCache(const std::string& file, const LayerCacheKey& key,
                                                                  const std::string& sourcePath)
{
    const Descriptor fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    struct stat st {};
    std::uint64_t stored = 0;
    if (fd.get() < 0 || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)
        || static_cast<std::uint64_t>(st.st_size) < sizeof stored)
        return std::nullopt;
    const std::uint64_t body = static_cast<std::uint64_t>(st.st_size) - sizeof stored;
    Reader r(fd.get(), body);
    char magic[sizeof kMagic];
    if (!r.bytes(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof magic) != 0) return std::nullopt;
    if (r.value<std::uint32_t>() != kFormatVersion) return std::nullopt;
    // The key first: a stale cache is recognised without reading its columns.
    if (r.string() != key.path || r.value<std::uint64_t>() != key.size || r.value<std::int64_t>() != key.mtimeNs
        || r.string() != key.options || !r.ok())
        return std::nullopt;
    // Checked on a second thread while this one copies the columns out: reading the cache
    // then takes the copy's time alone.
    BackgroundChecksum checksum(fd.get(), body);
    const auto count = r.value<std::uint64_t>();
    if (!r.ok() || count > r.left()) return std::nullopt;
    std::vector<ArrayCopy> copies;
    r.deferLargeArraysTo(&copies);
    std::vector<std::shared_ptr<Layer>> layers;
    for (std::uint64_t k = 0; k < count; ++k) {
        auto layer = detail::LayerCacheAccess::read(r, sourcePath);
        if (!layer || !r.ok()) return std::nullopt;
        layers.push_back(std::move(layer));
    }
    if (r.left() != 0 || !copyArrays(fd.get(), copies)) return std::nullopt;
    for (const auto& layer : layers)
        if (!detail::LayerCacheAccess::consistent(*layer)) return std::nullopt;
    if (!readFully(fd.get(), &stored, sizeof stored, body) || checksum.result() != stored) return std::nullopt;
    return layers;
}

bool writeLayerCache(const std::string& file, const LayerCacheKey& key, const std::vector<std::shared_ptr<Layer>>& layers)
{
    std::error_code ec;
    const fs::path target(file);
    fs::create_directories(target.parent_path(), ec);
    if (ec) return false;
    // Unique per writer, in the same folder (so the rename is atomic): two processes or threads
    // caching the same file each write their own and the last rename wins, whole.
    const std::string temporary = file + ".tmp." + std::to_string(::getpid()) + "."
                                + std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()));
    bool ok = false;
    {
        File f(std::fopen(temporary.c_str(), "wb"));
        if (!f) return false;
        Writer w(f.get());
        w.bytes(kMagic, sizeof kMagic);
        w.value<std::uint32_t>(kFormatVersion);
        w.string(key.path);
        w.value<std::uint64_t>(key.size);
        w.value<std::int64_t>(key.mtimeNs);
        w.string(key.options);
        w.value<std::uint64_t>(layers.size());
        for (const auto& l : layers) detail::LayerCacheAccess::write(w, *l);
        const std::uint64_t sum = w.checksum();
        ok = w.ok() && std::fwrite(&sum, 1, sizeof sum, f.get()) == sizeof sum;
        ok = std::fclose(f.release()) == 0 && ok;
    }
    if (ok) {
        fs::rename(temporary, target, ec);
        ok = !ec;
    }
    if (!ok) fs::remove(temporary, ec);
    return ok;
}

}  // namespace atlas
