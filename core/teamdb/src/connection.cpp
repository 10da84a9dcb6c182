#include "atlas/teamdb/connection.h"

#include <regex>

namespace atlas::teamdb {
namespace {

DbError errorOf(PGconn* conn, const PGresult* r)
{
    std::string message = r ? PQresultErrorMessage(r) : "";
    if (message.empty() && conn) message = PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    const std::string sqlstate = state ? state : "";
    // A lost connection has no SQLSTATE of its own (or class 08 / 57P01 admin shutdown).
    // Every error the server reports has a SQLSTATE; one without is libpq's own (connection lost).
    if (!conn || PQstatus(conn) == CONNECTION_BAD || sqlstate.empty() || sqlstate.rfind("08", 0) == 0 ||
        sqlstate.rfind("57P", 0) == 0)
        return DbError(DbError::Kind::Unreachable, sqlstate, "the database is unreachable: " + message);
    if (sqlstate == "42501")
        return DbError(DbError::Kind::PermissionDenied, sqlstate,
                       "the server refused: " + message + " (this login may only read the record)");
    return DbError(DbError::Kind::Other, sqlstate, message);
}

}  // namespace

std::string maskPassword(const std::string& url)
{
    static const std::regex uri(R"(^(postgres(?:ql)?://[^:/@]*):[^@]*@)");
    static const std::regex keyword(R"((password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+))");
    std::string out = std::regex_replace(url, uri, "$1:***@");
    out = std::regex_replace(out, keyword, "$1***");
    static const std::regex param(R"(([?&]password=)[^&]*)");
    return std::regex_replace(out, param, "$1***");
}

long Rows::affected() const
{
    const char* n = PQcmdTuples(m_r.get());
    return n && *n ? std::stol(n) : 0;
}

Connection::Connection(const std::string& url) : m_conn(PQconnectdb(url.c_str()), &PQfinish), m_masked(maskPassword(url))
{
    if (!m_conn || PQstatus(m_conn.get()) != CONNECTION_OK) {
        std::string message = m_conn ? PQerrorMessage(m_conn.get()) : "out of memory";
        while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
        throw DbError(DbError::Kind::Unreachable, "", "the database is unreachable: " + message);
    }
    // The server's notices ("terminating connection due to…") would go to stderr behind the
    // caller's back; what matters reaches the caller as an error.
    PQsetNoticeProcessor(m_conn.get(), [](void*, const char*) {}, nullptr);
    // The record is UTF-8 whatever the client's locale says.
    PQsetClientEncoding(m_conn.get(), "UTF8");
    exec("SET client_min_messages = warning");
}

Rows Connection::exec(const std::string& sql, const std::vector<Param>& params) const
{
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const Param& p : params) values.push_back(p ? p->c_str() : nullptr);
    PGresult* r = params.empty()
                      ? PQexec(m_conn.get(), sql.c_str())
                      : PQexecParams(m_conn.get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                                     values.data(), nullptr, nullptr, 0);
    Rows rows(r);
    const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw errorOf(m_conn.get(), r);
    return rows;
}

std::string Connection::login() const { return exec("SELECT session_user").text(0, 0); }

Transaction::Transaction(const Connection& c) : m_c(c) { m_c.exec("BEGIN"); }

Transaction::~Transaction()
{
    if (m_done) return;
    // Best effort: on a lost connection the server has rolled back already.
    PGresult* r = PQexec(m_c.raw(), "ROLLBACK");
    PQclear(r);
}

void Transaction::commit()
{
    m_done = true;
    m_c.exec("COMMIT");
}

}  // namespace atlas::teamdb
