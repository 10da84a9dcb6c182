#include "helper_threads.h"

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace atlas::detail {
namespace {

struct Helper {
    std::mutex m;
    std::condition_variable cv;
    std::function<void()> job;
    std::promise<void> done;
    bool hasJob = false;
};

// Never destroyed (like the pool of transforms in crs.cpp): idle helpers wait on it until the
// process ends, and at exit GDAL's and PROJ's statics may already be gone.
struct Pool {
    std::mutex m;
    std::vector<Helper*> idle;
};

Pool& pool()
{
    static auto* p = new Pool;
    return *p;
}

void serve(Helper* h)
{
    for (;;) {
        std::function<void()> job;
        std::promise<void> done;
        {
            std::unique_lock lock(h->m);
            h->cv.wait(lock, [h] { return h->hasJob; });
            job = std::move(h->job);
            done = std::move(h->done);
            h->hasJob = false;
        }
        try {
            job();
            job = nullptr;  // what it holds goes before the caller hears it is done
            done.set_value();
        } catch (...) {
            job = nullptr;
            done.set_exception(std::current_exception());
        }
        Pool& p = pool();
        std::lock_guard lock(p.m);
        if (p.idle.size() >= kMaxIdleHelpers) {
            delete h;
            return;
        }
        p.idle.push_back(h);
    }
}

}  // namespace

std::future<void> runOnHelper(std::function<void()> job)
{
    std::promise<void> done;
    std::future<void> result = done.get_future();
    Helper* h = nullptr;
    {
        Pool& p = pool();
        std::lock_guard lock(p.m);
        if (!p.idle.empty()) {
            h = p.idle.back();
            p.idle.pop_back();
        }
    }
    const bool fresh = !h;
    if (fresh) h = new Helper;
    {
        std::lock_guard lock(h->m);
        h->job = std::move(job);
        h->done = std::move(done);
        h->hasJob = true;
    }
    if (fresh) {
        try {
            std::thread(serve, h).detach();
        } catch (...) {
            delete h;
            throw;
        }
    } else
        h->cv.notify_one();
    return result;
}

}  // namespace atlas::detail
