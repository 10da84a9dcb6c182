#pragma once
// PROJ, wrapped: RAII owners for PJ_CONTEXT and PJ, and batch transforms.
// One context per CoordinateTransform, so transforms can be used from different threads.
#include "atlas/box.h"
#include "atlas/geometry_column.h"
#include "atlas/result.h"

#include <memory>
#include <stdexcept>
#include <string>

struct pj_ctx;
struct PJconsts;

namespace atlas {

inline constexpr const char* kDefaultDisplayCrs = "EPSG:32647";  // UTM 47N, metres
inline constexpr const char* kWgs84 = "EPSG:4326";

class CrsError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class CoordinateTransform {
public:
    // `from` and `to`: anything PROJ accepts (EPSG:xxxx, WKT, PROJJSON, proj strings).
    // Axis order is normalised for visualisation: x = longitude/easting, y = latitude/northing.
    // Throws CrsError when either CRS is unknown or no operation exists: for CRSs the program
    // itself names. A CRS from a user's file, project or command line goes through create().
    CoordinateTransform(const std::string& from, const std::string& to);
    // The transform, or an error diagnostic (field "crs") saying which CRS PROJ refused and why.
    static Result<CoordinateTransform> create(const std::string& from, const std::string& to);
    ~CoordinateTransform();
    CoordinateTransform(CoordinateTransform&&) noexcept;
    CoordinateTransform& operator=(CoordinateTransform&&) noexcept;
    CoordinateTransform(const CoordinateTransform&) = delete;
    CoordinateTransform& operator=(const CoordinateTransform&) = delete;

    bool isIdentity() const { return m_identity; }
    // Transforms in place, in one proj_trans_generic call. Points PROJ cannot transform become
    // infinity; returns how many did so.
    std::size_t transform(Coord* coords, std::size_t count) const;
    Coord transform(Coord c) const;
    Coord inverse(Coord c) const;
    // Transforms a box by densifying its edges (21 points a side) and taking the bounds.
    Box transformBox(const Box& b) const;

private:
    struct Handles;
    CoordinateTransform(std::unique_ptr<Handles> h, bool identity);
    std::unique_ptr<Handles> m_h;
    bool m_identity = false;
};

// A CoordinateTransform borrowed from a process-wide pool. Creating one costs ~5 ms (PROJ opens
// its database and searches the operations), which loaders that run often (a dataset reload,
// an import, a fuzzer's millions of inputs) should pay once. A transform serves one thread at a
// time, so the lease owns it until it ends and then gives it back for the same pair of CRSs.
class PooledTransform {
public:
    // Throws CrsError as CoordinateTransform does: for CRSs the program itself names.
    PooledTransform(const std::string& from, const std::string& to);
    // A lease, or an error diagnostic (field "crs") for a CRS from a user's file or project.
    static Result<PooledTransform> lease(const std::string& from, const std::string& to);
    ~PooledTransform();
    PooledTransform(PooledTransform&&) noexcept = default;
    PooledTransform& operator=(PooledTransform&&) = delete;
    PooledTransform(const PooledTransform&) = delete;
    PooledTransform& operator=(const PooledTransform&) = delete;

    const CoordinateTransform& operator*() const { return *m_transform; }
    const CoordinateTransform* operator->() const { return m_transform.get(); }

private:
    PooledTransform(std::string from, std::string to, std::unique_ptr<CoordinateTransform> t);
    // The idle transform for this pair, if the pool has one.
    static std::unique_ptr<CoordinateTransform> takeIdle(const std::string& from, const std::string& to);

    std::string m_from, m_to;
    std::unique_ptr<CoordinateTransform> m_transform;
};

// The CRS's name as PROJ reports it ("WGS 84 / UTM zone 47N"); throws CrsError when unknown.
std::string crsName(const std::string& crs);
// True when the two definitions denote the same CRS (PROJ equivalence, ignoring axis order).
bool sameCrs(const std::string& a, const std::string& b);

// Geodesic distance on the WGS84 ellipsoid in metres (PROJ's geodesic library).
double geodesicDistance(double lon1, double lat1, double lon2, double lat2);
// Geodesic area of a lon/lat ring on WGS84 in m² (absolute value).
double geodesicArea(std::span<const Coord> lonLatRing);

}  // namespace atlas
