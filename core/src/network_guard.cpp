#include "atlas/network.h"

#include <cpl_error.h>
#include <cpl_http.h>
#include <cpl_string.h>
#include <cpl_vsi_virtual.h>

#include <atomic>
#include <cerrno>
#include <mutex>

namespace atlas {
namespace {

std::atomic<bool> g_allowed{false};
std::atomic<std::size_t> g_refused{0};
thread_local int t_permits = 0;

bool allowedHere() { return g_allowed.load() || t_permits > 0; }

void refuse(const char* what)
{
    ++g_refused;
    CPLError(CE_Failure, CPLE_AppDefined, "%s: %s", what, kNetworkOffMessage);
}

// CPLHTTPFetch's hook: a result carrying the refusal, or nullptr to let GDAL fetch as usual.
CPLHTTPResult* onHttpFetch(const char* url, CSLConstList options, GDALProgressFunc, void*, CPLHTTPFetchWriteFunc,
                           void*, void*)
{
    // GDAL asks the hook to close persistent connections too; there is nothing to refuse then.
    if (allowedHere() || CSLFetchNameValue(options, "CLOSE_PERSISTENT")) return nullptr;
    refuse(url ? url : "HTTP request");
    auto* result = static_cast<CPLHTTPResult*>(CPLCalloc(1, sizeof(CPLHTTPResult)));
    result->nStatus = 1;
    result->pszErrBuf = CPLStrdup(kNetworkOffMessage);
    return result;
}

// Stands in front of one of GDAL's network file systems (/vsicurl/, /vsis3/…): refuses while
// the network is off, hands everything to GDAL's own handler otherwise.
class GuardedFilesystem final : public VSIFilesystemHandler {
public:
    explicit GuardedFilesystem(VSIFilesystemHandler* inner) : m_inner(inner) {}

    VSIVirtualHandle* Open(const char* name, const char* access, bool setError, CSLConstList options) override
    {
        if (!allowedHere()) {
            refuse(name);
            errno = EACCES;
            return nullptr;
        }
        return m_inner->Open(name, access, setError, options);
    }
    int Stat(const char* name, VSIStatBufL* buf, int flags) override
    {
        if (!allowedHere()) {
            refuse(name);
            errno = EACCES;
            return -1;
        }
        return m_inner->Stat(name, buf, flags);
    }
    char** ReadDirEx(const char* dir, int maxFiles) override
    {
        if (!allowedHere()) return nullptr;
        return m_inner->ReadDirEx(dir, maxFiles);
    }
    char** ReadDir(const char* dir) override { return ReadDirEx(dir, 0); }
    char** SiblingFiles(const char* name) override { return allowedHere() ? m_inner->SiblingFiles(name) : nullptr; }
    VSIDIR* OpenDir(const char* path, int depth, const char* const* options) override
    {
        return allowedHere() ? m_inner->OpenDir(path, depth, options) : nullptr;
    }
    char** GetFileMetadata(const char* name, const char* domain, CSLConstList options) override
    {
        return allowedHere() ? m_inner->GetFileMetadata(name, domain, options) : nullptr;
    }
    int Unlink(const char* name) override { return allowedHere() ? m_inner->Unlink(name) : -1; }
    int Mkdir(const char* name, long mode) override { return allowedHere() ? m_inner->Mkdir(name, mode) : -1; }
    int Rmdir(const char* name) override { return allowedHere() ? m_inner->Rmdir(name) : -1; }
    int Rename(const char* from, const char* to) override { return allowedHere() ? m_inner->Rename(from, to) : -1; }
    const char* GetActualURL(const char* name) override { return m_inner->GetActualURL(name); }
    const char* GetOptions() override { return m_inner->GetOptions(); }
    bool IsLocal(const char*) override { return false; }
    std::string GetStreamingFilename(const std::string& name) const override { return m_inner->GetStreamingFilename(name); }

private:
    VSIFilesystemHandler* m_inner;  // GDAL's, owned by GDAL for the life of the process
};

}  // namespace

void installNetworkGuard()
{
    static std::once_flag once;
    std::call_once(once, [] {
        CPLHTTPSetFetchCallback(&onHttpFetch, nullptr);
        static const char* const prefixes[] = {
            "/vsicurl/", "/vsicurl_streaming/", "/vsis3/", "/vsis3_streaming/", "/vsigs/", "/vsigs_streaming/",
            "/vsiaz/", "/vsiaz_streaming/", "/vsiadls/", "/vsioss/", "/vsioss_streaming/", "/vsiswift/",
            "/vsiswift_streaming/", "/vsihdfs/", "/vsiwebhdfs/"};
        for (const char* prefix : prefixes) {
            VSIFilesystemHandler* inner = VSIFileManager::GetHandler(prefix);
            // GetHandler falls back to the local file system for an unknown prefix.
            if (!inner || inner == VSIFileManager::GetHandler("/")) continue;
            // Installed once per process and used until it exits (GDAL keeps the pointer).
            VSIFileManager::InstallHandler(prefix, new GuardedFilesystem(inner));
        }
    });
}

void setOnlineSourcesAllowed(bool allowed) { g_allowed = allowed; }
bool onlineSourcesAllowed() { return g_allowed.load(); }

NetworkPermit::NetworkPermit() { ++t_permits; }
NetworkPermit::~NetworkPermit() { --t_permits; }

std::size_t refusedNetworkRequests() { return g_refused.load(); }

}  // namespace atlas
