#include "atlas/teamdb/listener.h"

#include "atlas/teamdb/connection.h"
#include "atlas/teamdb/tables.h"

#include <nlohmann/json.hpp>

#include <poll.h>

namespace atlas::teamdb {

Listener::Listener(const std::string& url) : m_c(std::make_unique<Connection>(url))
{
    m_c->exec(std::string("LISTEN ") + kNotifyChannel);
}

Listener::~Listener() = default;

int Listener::socket() const { return PQsocket(m_c->raw()); }

std::vector<Change> Listener::take()
{
    std::vector<Change> out;
    if (!PQconsumeInput(m_c->raw()))
        throw DbError(DbError::Kind::Unreachable, "", "the database is unreachable: " + std::string(PQerrorMessage(m_c->raw())));
    while (PGnotify* n = PQnotifies(m_c->raw())) {
        const auto j = nlohmann::json::parse(n->extra, nullptr, false);
        if (!j.is_discarded() && j.is_object())
            out.push_back({j.value("table", ""), j.value("key", ""), j.value("op", ""),
                           j.value("version", int64_t{0}), j.value("login", "")});
        PQfreemem(n);
    }
    return out;
}

std::vector<Change> Listener::wait(std::chrono::milliseconds timeout)
{
    auto out = take();
    if (!out.empty()) return out;
    pollfd fd{socket(), POLLIN, 0};
    if (::poll(&fd, 1, static_cast<int>(timeout.count())) > 0) out = take();
    return out;
}

}  // namespace atlas::teamdb
