#pragma once
// How the person wants files read, wherever the app reads them (the window, Open Data, projects,
// the command line): whether online sources may be reached (off by default, see atlas/network.h)
// and whether invalid polygons are repaired with GEOS MakeValid without asking (off by default:
// the window asks, the command line needs --repair-invalid).
#include <QStringList>

namespace atlas::app {

struct LoadPolicy {
    bool allowRemote = false;
    bool repairInvalid = false;
};

// The policy is a value: each document holds its own (MapDocument::loadPolicy) and every
// reader gets it passed in, so a worker thread never reads a setting the GUI thread writes.
// Core's network guard (atlas/network.h) is switched alongside it by whoever sets it.

// Takes --allow-remote and --repair-invalid out of `args` (anywhere on the line) into the
// policy; returns the other arguments in order.
QStringList takePolicyOptions(const QStringList& args, LoadPolicy& policy);

// The settings key of "Allow online sources" (QSettings, bool).
inline constexpr const char* kAllowOnlineSourcesKey = "network/allowOnlineSources";

}  // namespace atlas::app
