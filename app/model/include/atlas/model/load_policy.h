#pragma once
// How the person wants files read, wherever the app reads them (the window, Open Data, projects,
// the command line): whether online sources may be reached (off by default, see atlas/network.h)
// and whether invalid polygons are repaired with GEOS MakeValid without asking (off by default:
// the window asks, the command line needs --repair-invalid).
#include "atlas/vector_source.h"

#include <QStringList>

namespace atlas::app {

struct LoadPolicy {
    bool allowRemote = false;
    bool repairInvalid = false;
};

const LoadPolicy& loadPolicy();
// Also switches core's network guard (setOnlineSourcesAllowed).
void setLoadPolicy(const LoadPolicy& policy);

// `options` with the policy applied.
LoadOptions withLoadPolicy(LoadOptions options);

// Takes --allow-remote and --repair-invalid out of `args` (anywhere on the line) into the
// policy; returns the other arguments in order.
QStringList takePolicyOptions(const QStringList& args, LoadPolicy& policy);

// The settings key of "Allow online sources" (QSettings, bool).
inline constexpr const char* kAllowOnlineSourcesKey = "network/allowOnlineSources";

}  // namespace atlas::app
