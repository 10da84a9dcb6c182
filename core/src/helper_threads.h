#pragma once
// Private to core: long-lived helper threads for the work a load spreads over cores (reading
// layers, the polygon certificate). A thread started for one load costs that load more than
// its start-up: GDAL keeps a PROJ context (with its own proj.db connection) and SQLite per-thread
// state, and glibc an arena, for each thread, so a second GeoPackage handle opened on a fresh
// thread took ~7–9 ms against ~4.5 ms on a thread that had opened one before (the benchmark's
// small preset: 11 k features, ~20 ms in all). Threads that finish a job stay for the next one.
#include <functional>
#include <future>

namespace atlas::detail {

// Runs `job` on an idle helper thread, or on a new one when none is idle (so a job never waits
// behind another load's); the future is ready once `job` has returned (or thrown), and `job`
// itself has been destroyed. A few idle threads are kept; never more than kMaxIdleHelpers.
std::future<void> runOnHelper(std::function<void()> job);

inline constexpr unsigned kMaxIdleHelpers = 4;

}  // namespace atlas::detail
