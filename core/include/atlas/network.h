#pragma once
// Kachin Atlas works offline unless the person turns online sources on: what a journalist
// looks at must not leak to a server. Two lines of defence:
//
//  1. Remote paths are refused by name before GDAL sees them (isRemotePath in vector_source.h;
//     LoadOptions::allowRemote, the app's "Allow online sources" setting, --allow-remote).
//  2. The guard below, for what a local file can name: a VRT whose source is /vsicurl/… or an
//     http URL, a GML whose schema is a URL, a KML that links to a server. Once installed,
//     GDAL's HTTP requests (CPLHTTPFetch: the HTTP driver, GeoJSON from a URL, WFS, schema
//     downloads) and its network file systems (/vsicurl/, /vsis3/, /vsigs/, /vsiaz/…) fail
//     with "network access is off" unless online sources are allowed for the process or the
//     calling thread holds a NetworkPermit.
#include <cstddef>

namespace atlas {

// Installs the guard into GDAL (idempotent, thread-safe; GDAL registration calls it).
void installNetworkGuard();

// The process-wide switch (off by default): the app's "Allow online sources" setting,
// the command line's --allow-remote.
void setOnlineSourcesAllowed(bool allowed);
bool onlineSourcesAllowed();

// Network access for GDAL calls made by this thread while the permit lives — a load whose
// remote source the person allowed (LoadOptions::allowRemote).
class NetworkPermit {
public:
    NetworkPermit();
    ~NetworkPermit();
    NetworkPermit(const NetworkPermit&) = delete;
    NetworkPermit& operator=(const NetworkPermit&) = delete;
};

// Requests the guard refused since the process started (for tests and diagnostics).
std::size_t refusedNetworkRequests();

// The message a refused request gets, for people.
inline constexpr const char* kNetworkOffMessage =
    "network access is off: Kachin Atlas works offline unless online sources are enabled in the settings "
    "(or --allow-remote on the command line)";

}  // namespace atlas
