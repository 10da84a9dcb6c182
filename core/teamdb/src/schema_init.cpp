#include "atlas/teamdb/schema_init.h"

#include "atlas/teamdb/connection.h"
#include "atlas/teamdb/tables.h"

namespace atlas::teamdb {
namespace {

// Roles are cluster-wide: a second database of the same cluster finds them already there.
constexpr const char* kRoles = R"SQL(
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'atlas_reader') THEN CREATE ROLE atlas_reader NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'atlas_editor') THEN CREATE ROLE atlas_editor NOLOGIN; END IF;
END $$;
)SQL";

// The audit trail and the triggers every table shares. The trigger functions run as the schema's
// owner (SECURITY DEFINER), so an editor's change is recorded although editors may not write the
// audit table themselves; session_user is still the editor's login.
constexpr const char* kAudit = R"SQL(
CREATE TABLE atlas.audit (
  seq       bigserial PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT clock_timestamp(),
  login     text NOT NULL DEFAULT session_user,
  tbl       text NOT NULL,
  row_key   text,
  op        text NOT NULL,             -- INSERT, UPDATE, DELETE
  version   bigint,                    -- the row's version after the change (before, for DELETE)
  before    jsonb,
  after     jsonb,
  sources   text,                      -- the edit's sources (set_config('atlas.sources', …, true))
  outcome   text NOT NULL DEFAULT 'committed'  -- or 'conflict: …' for a refused attempt
);
CREATE INDEX audit_key ON atlas.audit (tbl, row_key);

-- Append-only, for everyone: no grant allows UPDATE or DELETE, and these triggers stop the owner too.
CREATE FUNCTION atlas.audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'atlas.audit is append-only'; END $$;
CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON atlas.audit
  FOR EACH ROW EXECUTE FUNCTION atlas.audit_is_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON atlas.audit
  FOR EACH STATEMENT EXECUTE FUNCTION atlas.audit_is_append_only();

CREATE FUNCTION atlas.bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.version := OLD.version + 1; RETURN NEW; END $$;

-- TG_ARGV[0]: the row's key column.
CREATE FUNCTION atlas.record_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public, atlas AS $$
DECLARE
  b jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  a jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  k text := coalesce(a, b) ->> TG_ARGV[0];
  v bigint := (coalesce(a, b) ->> 'version')::bigint;
BEGIN
  INSERT INTO atlas.audit (tbl, row_key, op, version, before, after, sources)
  VALUES (TG_TABLE_NAME, k, TG_OP, v, b, a, nullif(current_setting('atlas.sources', true), ''));
  PERFORM pg_notify('atlas_changes', json_build_object('table', TG_TABLE_NAME, 'key', k, 'op', TG_OP,
                                                       'version', v, 'login', session_user)::text);
  RETURN NULL;
END $$;

-- A refused attempt (a conflict) is recorded by the client in its own small transaction, through
-- this function: editors get EXECUTE, never INSERT, so the login and time are the server's.
CREATE FUNCTION atlas.record_refusal(p_tbl text, p_key text, p_version bigint, p_mine jsonb,
                                     p_sources text, p_outcome text) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, atlas AS $$
  INSERT INTO atlas.audit (tbl, row_key, op, version, after, sources, outcome)
  VALUES (p_tbl, p_key, 'UPDATE', p_version, p_mine, p_sources, p_outcome) $$;
REVOKE ALL ON FUNCTION atlas.record_refusal(text, text, bigint, jsonb, text, text) FROM PUBLIC;

-- The text of each file that is not a row (GeoJSON head and tail, CSV header, README.md), as
-- JSON arrays of lines, so a pull writes the files byte for byte.
CREATE TABLE atlas.file_text (
  file text PRIMARY KEY,
  head jsonb NOT NULL,
  tail jsonb NOT NULL,
  final_newline boolean NOT NULL,
  version bigint NOT NULL DEFAULT 1
);
)SQL";

std::string columnType(ColumnType t) { return t == ColumnType::Boolean ? "boolean" : "text"; }

std::string tableSql(const TableSpec& s)
{
    const std::string q = qualified(s.table);
    std::string sql = "CREATE TABLE " + q + " (\n";
    if (s.keyColumn.empty()) sql += "  row_key bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n";
    for (const Column& c : s.columns) {
        sql += "  " + ident(c.name) + " " + columnType(c.type);
        if (c.name == s.keyColumn) sql += " PRIMARY KEY";
        sql += ",\n";
    }
    if (s.kind == FileKind::GeoJson) sql += "  geom geometry(Geometry, 4326),\n";
    // Position in the file; an inserted row takes the midpoint of its neighbours, so no other
    // row's ord (and version) changes.
    sql += "  ord numeric NOT NULL,\n  version bigint NOT NULL DEFAULT 1\n);\n";
    sql += "CREATE INDEX ON " + q + " (ord);\n";
    return sql;
}

std::string triggersSql(const std::string& table, const std::string& key)
{
    const std::string q = qualified(table);
    return "CREATE TRIGGER bump_version BEFORE UPDATE ON " + q +
           " FOR EACH ROW EXECUTE FUNCTION atlas.bump_version();\n"
           "CREATE TRIGGER record_change AFTER INSERT OR UPDATE OR DELETE ON " + q +
           " FOR EACH ROW EXECUTE FUNCTION atlas.record_change('" + key + "');\n";
}

}  // namespace

std::string schemaSql()
{
    std::string sql = "CREATE EXTENSION IF NOT EXISTS postgis;\n";
    sql += kRoles;
    sql += "CREATE SCHEMA atlas;\n";
    sql += kAudit;
    sql += triggersSql("file_text", "file");
    std::string dataTables = "atlas.file_text";
    for (const TableSpec& s : tableSpecs()) {
        if (s.table.empty()) continue;
        sql += tableSql(s) + triggersSql(s.table, storedKey(s));
        dataTables += ", " + qualified(s.table);
    }
    sql += "GRANT USAGE ON SCHEMA atlas TO atlas_reader, atlas_editor;\n"
           "GRANT SELECT ON ALL TABLES IN SCHEMA atlas TO atlas_reader, atlas_editor;\n"
           "GRANT INSERT, UPDATE, DELETE ON " + dataTables + " TO atlas_editor;\n"
           "GRANT USAGE ON ALL SEQUENCES IN SCHEMA atlas TO atlas_editor;\n"
           "GRANT EXECUTE ON FUNCTION atlas.record_refusal(text, text, bigint, jsonb, text, text) TO atlas_editor;\n"
           "REVOKE UPDATE, DELETE, TRUNCATE ON atlas.audit FROM PUBLIC, atlas_reader, atlas_editor;\n";
    return sql;
}

Diagnostics initDatabase(const std::string& url)
{
    Diagnostics d;
    try {
        const Connection c(url);
        if (c.exec("SELECT 1 FROM pg_namespace WHERE nspname = 'atlas'").size() > 0) {
            d.error(c.maskedUrl(), "", "", "the database already has the atlas schema; db init needs an empty database");
            return d;
        }
        Transaction t(c);
        c.exec(schemaSql());
        t.commit();
    } catch (const DbError& e) {
        d.error(maskPassword(url), "", "", e.what());
    }
    return d;
}

}  // namespace atlas::teamdb
