#pragma once
// A throw-away PostgreSQL 15 cluster for the team database tests: initdb into a temporary folder,
// the server listening only on a Unix socket in that folder (no network address at all), stopped
// and removed at the end. initdb refuses root, and CI runs as root: then the server runs as the
// unprivileged user `nobody` (runuser). Missing binaries are a failure, never a skip: CI installs
// postgresql-15-postgis-3 (packaging/build-deps.txt).
#include <string>

namespace atlas::test {

class PgCluster {
public:
    // The one cluster of this test run, started on first use.
    static PgCluster& instance();
    ~PgCluster();

    // A libpq connection string to `db` as `user` (the cluster's superuser by default).
    std::string url(const std::string& db, const std::string& user = "atlas") const;
    // Runs SQL as the superuser on `db`; throws on error.
    void sql(const std::string& db, const std::string& statement) const;
    // A new empty database named `name` (dropped first when it exists).
    std::string createDatabase(const std::string& name) const;

    // Makes `user` log in with `password` only (scram-sha-256 in pg_hba.conf), as a server that
    // wants passwords does; the others stay trusted.
    void requirePassword(const std::string& user, const std::string& password);

    void stopImmediately();  // pg_ctl stop -m immediate: a crash, as far as the data is concerned
    void start();

private:
    PgCluster();
    std::string run(const std::string& command) const;  // as the server's user; throws on failure

    std::string m_dir;
    bool m_asNobody = false;
};

// A fresh record: database `name`, db init, geodata/ pushed, and the logins ann and bob
// (atlas_editor) and rea (atlas_reader). Returns the database name.
std::string freshRecord(const std::string& name);

}  // namespace atlas::test
