#pragma once
// A libpq connection owned by RAII, and the one place that turns the server's errors into
// sentences. The URL goes to PQconnectdb unchanged: a connection string ("host=… dbname=…"),
// a URI ("postgresql://user@host/db") or "service=NAME" (pg_service.conf). Passwords come only
// from libpq's own places (.pgpass, PGPASSWORD); a URL that carries one is masked in messages.
//
// Inside the team store a failed statement throws DbError (like GEOS inside its C++ core); the
// public functions of atlas::teamdb catch it and return Diagnostics (DESIGN.md, pattern 6).
#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace atlas::teamdb {

// "postgresql://ann:secret@host/db" → "postgresql://ann:***@host/db"; "password=x" → "password=***".
std::string maskPassword(const std::string& url);

class DbError : public std::runtime_error {
public:
    enum class Kind { Unreachable, PermissionDenied, Other };
    DbError(Kind kind, std::string sqlstate, const std::string& message)
        : std::runtime_error(message), m_kind(kind), m_sqlstate(std::move(sqlstate)) {}
    Kind kind() const { return m_kind; }
    const std::string& sqlstate() const { return m_sqlstate; }

private:
    Kind m_kind;
    std::string m_sqlstate;
};

// The rows of one statement; values as text (libpq's text format), NULL as nullopt.
class Rows {
public:
    explicit Rows(PGresult* r) : m_r(r, &PQclear) {}
    int size() const { return PQntuples(m_r.get()); }
    bool null(int row, int col) const { return PQgetisnull(m_r.get(), row, col) != 0; }
    std::string text(int row, int col) const { return PQgetvalue(m_r.get(), row, col); }
    std::optional<std::string> value(int row, int col) const
    {
        return null(row, col) ? std::nullopt : std::optional<std::string>(text(row, col));
    }
    int column(const char* name) const { return PQfnumber(m_r.get(), name); }
    // Rows an INSERT/UPDATE/DELETE touched.
    long affected() const;

private:
    std::unique_ptr<PGresult, decltype(&PQclear)> m_r;
};

using Param = std::optional<std::string>;  // nullopt = SQL NULL

class Connection {
public:
    // Throws DbError(Unreachable) when the server cannot be reached or refuses the login.
    explicit Connection(const std::string& url);
    const std::string& maskedUrl() const { return m_masked; }
    PGconn* raw() const { return m_conn.get(); }

    Rows exec(const std::string& sql, const std::vector<Param>& params = {}) const;
    // The login of this session (what the audit table records).
    std::string login() const;

private:
    std::unique_ptr<PGconn, decltype(&PQfinish)> m_conn;
    std::string m_masked;
};

// BEGIN … COMMIT; rolled back when left without commit() (an exception, a conflict).
class Transaction {
public:
    explicit Transaction(const Connection& c);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    const Connection& m_c;
    bool m_done = false;
};

}  // namespace atlas::teamdb
