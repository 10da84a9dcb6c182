#pragma once
// The columnar cache of loaded layers (issue 20): a second open of the same large file reads its
// layers back — geometry columns, attribute columns, FIDs and spatial index, as they are held in
// memory — from one binary file, instead of reading, checking, reprojecting and indexing again.
//
// * Keyed by the file's canonical path, size and modification time (and those of a GeoPackage's
//   `-wal` file) and by the load options that change the result (display CRS, layer, checks):
//   a file that changed is read from the source again and its cache replaced.
// * Written atomically (a temporary file in the same folder, then renamed), so a reader never
//   sees half a file; a cache that is truncated, corrupt (checksum over every byte, computed
//   on a second thread while the layers are read) or of another format version is ignored
//   and rebuilt, never trusted.
// * Read with its large arrays copied on two threads, straight into their final capacity.
// * Only loads that ended without any diagnostic are cached, so a file's warnings are shown on
//   every open.
#include "atlas/layer.h"
#include "atlas/vector_source.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace atlas {

// $XDG_CACHE_HOME/kachin-atlas/layers, else $HOME/.cache/kachin-atlas/layers; "" when neither
// variable is set.
std::string defaultLayerCacheDir();

struct LayerCacheKey {
    std::string path;     // canonical
    std::uint64_t size = 0;
    std::int64_t mtimeNs = 0;
    std::string options;  // what else the result depends on, as text
};

// The key of a local regular file (nullopt for remote, /vsi… or missing paths).
std::optional<LayerCacheKey> layerCacheKey(const std::string& path, const LoadOptions& options);
// The cache file of a key in `dir`.
std::string layerCacheFile(const std::string& dir, const LayerCacheKey& key);
// The layers cached in `file` for `key`; nullopt when the file is missing, stale (another key)
// or unreadable in any way (truncated, corrupt, another format). Their source path is
// `sourcePath` (the path as this open named it) unless it is empty.
std::optional<std::vector<std::shared_ptr<Layer>>> readLayerCache(const std::string& file, const LayerCacheKey& key,
                                                                  const std::string& sourcePath = {});
// Writes `layers` to `file` atomically; false (and no file) when it could not.
bool writeLayerCache(const std::string& file, const LayerCacheKey& key,
                     const std::vector<std::shared_ptr<Layer>>& layers);

}  // namespace atlas
