#pragma once
// Hears the record's commits: every change of a row makes the server send a NOTIFY on
// kNotifyChannel (a trigger; so does a change made with psql). A window keeps one Listener, puts
// socket() in its event loop (QSocketNotifier) and calls take() when it is readable; a script
// calls wait(). Nothing polls the database.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace atlas::teamdb {

class Connection;

struct Change {
    std::string table;
    std::string key;
    std::string op;  // INSERT, UPDATE, DELETE
    int64_t version = 0;
    std::string login;  // the database login that made it
};

class Listener {
public:
    explicit Listener(const std::string& url);  // throws DbError when unreachable
    ~Listener();
    int socket() const;
    // The changes that arrived, without blocking.
    std::vector<Change> take();
    // Blocks on the socket until a change arrives or `timeout` passes (empty then).
    std::vector<Change> wait(std::chrono::milliseconds timeout);

private:
    std::unique_ptr<Connection> m_c;
};

}  // namespace atlas::teamdb
