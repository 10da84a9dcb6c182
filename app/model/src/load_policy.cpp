#include "atlas/model/load_policy.h"

#include "atlas/network.h"

namespace atlas::app {
namespace {
LoadPolicy g_policy;  // set once at start-up and from the settings action, on the GUI thread
}

const LoadPolicy& loadPolicy() { return g_policy; }

void setLoadPolicy(const LoadPolicy& policy)
{
    g_policy = policy;
    setOnlineSourcesAllowed(policy.allowRemote);
}

LoadOptions withLoadPolicy(LoadOptions options)
{
    options.allowRemote = options.allowRemote || g_policy.allowRemote;
    options.repairInvalid = options.repairInvalid || g_policy.repairInvalid;
    return options;
}

QStringList takePolicyOptions(const QStringList& args, LoadPolicy& policy)
{
    QStringList rest;
    for (const QString& a : args) {
        if (a == "--allow-remote") policy.allowRemote = true;
        else if (a == "--repair-invalid") policy.repairInvalid = true;
        else rest << a;
    }
    return rest;
}

}  // namespace atlas::app
