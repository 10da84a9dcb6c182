#include "pg_cluster.h"

#include "atlas/teamdb/connection.h"
#include "atlas/teamdb/schema_init.h"
#include "atlas/teamdb/transfer.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <pwd.h>
#include <unistd.h>

namespace atlas::test {
namespace {

namespace fs = std::filesystem;
const std::string kBin = "/usr/lib/postgresql/15/bin/";

}  // namespace

PgCluster& PgCluster::instance()
{
    static PgCluster cluster;
    return cluster;
}

PgCluster::PgCluster()
{
    for (const char* tool : {"initdb", "pg_ctl", "postgres"})
        if (!fs::exists(kBin + tool))
            throw std::runtime_error(kBin + tool + " is missing: install postgresql-15 and postgresql-15-postgis-3 "
                                     "(packaging/install-deps.sh)");
    if (!fs::exists("/usr/share/postgresql/15/extension/postgis.control"))
        throw std::runtime_error("PostGIS for PostgreSQL 15 is missing: install postgresql-15-postgis-3");
    std::string pattern = (fs::temp_directory_path() / "atlas-pg-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create " + pattern);
    m_dir = pattern;
    m_asNobody = geteuid() == 0;
    if (m_asNobody) {
        const passwd* nobody = getpwnam("nobody");
        if (!nobody) throw std::runtime_error("running as root and there is no user nobody to run the server");
        if (chown(m_dir.c_str(), nobody->pw_uid, nobody->pw_gid) != 0)
            throw std::runtime_error("cannot hand " + m_dir + " to nobody");
    }
    fs::permissions(m_dir, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    run(kBin + "initdb --no-sync -A trust -U atlas -E UTF8 --no-locale -D " + m_dir + "/data > " + m_dir +
        "/initdb.log 2>&1");
    start();
}

PgCluster::~PgCluster()
{
    try {
        run(kBin + "pg_ctl -D " + m_dir + "/data -m immediate -w stop > /dev/null 2>&1");
    } catch (...) {
    }
    std::error_code ec;
    fs::remove_all(m_dir, ec);
}

std::string PgCluster::run(const std::string& command) const
{
    // cd first: the server's user must be able to stand in its working directory.
    const std::string line =
        "cd " + m_dir + " && " + (m_asNobody ? "runuser -u nobody -- sh -c '" + command + "'" : command);
    if (std::system(line.c_str()) != 0) throw std::runtime_error("failed: " + line);
    return line;
}

void PgCluster::start()
{
    // No TCP at all: the socket lives in the cluster's folder. fsync stays on, so the crash test
    // (stop -m immediate) is a real crash-recovery.
    run(kBin + "pg_ctl -D " + m_dir + "/data -l " + m_dir + "/server.log -w -o \"-c listen_addresses= -k " + m_dir +
        "\" start > /dev/null");
}

void PgCluster::requirePassword(const std::string& user, const std::string& password)
{
    sql("postgres", "ALTER ROLE " + user + " PASSWORD '" + password + "'");
    const fs::path hba = fs::path(m_dir) / "data" / "pg_hba.conf";
    std::string text;
    {
        std::ifstream in(hba);
        std::ostringstream s;
        s << in.rdbuf();
        text = s.str();
    }
    // The first matching line decides: this one before initdb's "trust" lines.
    {
        std::ofstream out(hba, std::ios::trunc);
        out << "local all " << user << " scram-sha-256\n" << text;
    }
    sql("postgres", "SELECT pg_reload_conf()");
    // The server rereads the file after the signal: wait until the login is refused without it.
    for (int i = 0; i < 100; ++i) {
        try {
            const teamdb::Connection c(url("postgres", user));
        } catch (const teamdb::DbError&) {
            return;
        }
        usleep(50 * 1000);
    }
    throw std::runtime_error("the server did not start asking " + user + " for a password");
}

void PgCluster::stopImmediately() { run(kBin + "pg_ctl -D " + m_dir + "/data -m immediate -w stop > /dev/null"); }

std::string PgCluster::url(const std::string& db, const std::string& user) const
{
    return "host=" + m_dir + " dbname=" + db + " user=" + user;
}

void PgCluster::sql(const std::string& db, const std::string& statement) const
{
    const teamdb::Connection c(url(db));
    c.exec(statement);
}

std::string PgCluster::createDatabase(const std::string& name) const
{
    sql("postgres", "DROP DATABASE IF EXISTS " + name);
    sql("postgres", "CREATE DATABASE " + name);
    return name;
}

std::string freshRecord(const std::string& name)
{
    PgCluster& pg = PgCluster::instance();
    pg.createDatabase(name);
    const Diagnostics init = teamdb::initDatabase(pg.url(name));
    if (init.hasErrors()) throw std::runtime_error("db init: " + init.formatAll());
    const Diagnostics push = teamdb::pushFolder(ATLAS_GEODATA_DIR, pg.url(name));
    if (push.hasErrors()) throw std::runtime_error("db push: " + push.formatAll());
    pg.sql(name, R"SQL(
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ann') THEN CREATE ROLE ann LOGIN IN ROLE atlas_editor; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bob') THEN CREATE ROLE bob LOGIN IN ROLE atlas_editor; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rea') THEN CREATE ROLE rea LOGIN IN ROLE atlas_reader; END IF;
END $$)SQL");
    return name;
}

}  // namespace atlas::test
