#include "atlas/detail/gdal_errors.h"

#include "atlas/network.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>

#include <mutex>

namespace atlas::detail {

void ensureGdalRegistered()
{
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // Offline by default: no driver reaches the network on its own, not even for a source
        // a local file names (network.h), until online sources are allowed.
        installNetworkGuard();
        CPLSetConfigOption("OGR_GEOJSON_MAX_OBJ_SIZE", "0");
    });
}

namespace {
thread_local GdalErrorCollector* t_current = nullptr;
}

GdalErrorCollector::GdalErrorCollector()
{
    CPLPushErrorHandlerEx(
        [](CPLErr cls, CPLErrorNum no, const char* msg) {
            GdalErrorCollector::handler(static_cast<int>(cls), no, msg);
        },
        this);
    t_current = this;
}

GdalErrorCollector::~GdalErrorCollector()
{
    CPLPopErrorHandler();
    t_current = nullptr;
}

void GdalErrorCollector::handler(int errClass, int /*errNo*/, const char* msg)
{
    auto* self = static_cast<GdalErrorCollector*>(CPLGetErrorHandlerUserData());
    if (!self) self = t_current;
    if (!self || !msg) return;
    if (errClass == CE_Debug) return;
    self->m_messages.emplace_back(msg);
    if (errClass >= CE_Failure) self->m_lastFailure = msg;
}

std::vector<std::string> GdalErrorCollector::take()
{
    std::vector<std::string> out;
    out.swap(m_messages);
    return out;
}

}  // namespace atlas::detail
