#include "atlas/model/load_policy.h"

namespace atlas::app {

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
