#include "atlas/teamdb/pg_store.h"

#include "atlas/teamdb/connection.h"
#include "atlas/teamdb/tables.h"
#include "file_rows.h"
#include "row_diff.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace atlas::teamdb {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// A private folder removed with its owner.
class TempDir {
public:
    TempDir()
    {
        std::string pattern = (fs::temp_directory_path() / "atlas-teamdb-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary folder in " + pattern);
        m_path = pattern;
    }
    ~TempDir()
    {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

std::string readText(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string keyOfLine(const void* context, const std::string& line)
{
    const TableSpec& spec = *static_cast<const TableSpec*>(context);
    if (spec.keyColumn.empty()) return {};
    std::string why;
    const auto values = detail::rowValues(spec, line, why);
    if (!values) return {};
    for (std::size_t i = 0; i < spec.columns.size(); ++i)
        if (spec.columns[i].name == spec.keyColumn) return values->at(i).value_or("");
    return {};
}

std::string joined(const std::vector<std::string>& items)
{
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : ";") + s;
    return out;
}

// The id an explicit expected version applies to (the edit's one feature), if any.
std::optional<std::pair<std::string, int64_t>> expectedOf(const edit::Edit& e)
{
    if (const auto* u = std::get_if<edit::UpdateFeature>(&e); u && u->expectVersion) return std::pair{u->id, *u->expectVersion};
    if (const auto* d = std::get_if<edit::DeleteFeature>(&e); d && d->expectVersion) return std::pair{d->id, *d->expectVersion};
    return std::nullopt;
}

std::string setList(const TableSpec& spec, int& n)
{
    std::string out;
    for (const Column& c : spec.columns) out += (out.empty() ? "" : ", ") + ident(c.name) + " = $" + std::to_string(++n);
    if (spec.kind == FileKind::GeoJson)
        out += ", geom = " + detail::geometryParam(++n);
    return out;
}

}  // namespace

struct PgStore::Mirror {
    TempDir dir;
    Snapshot snapshot;
};

PgStore::PgStore(std::string url) : m_url(std::move(url)) {}
PgStore::~PgStore() = default;

std::string PgStore::location() const { return maskPassword(m_url); }

const std::string& PgStore::mirrorDir() const
{
    static const std::string none;
    return m_mirror ? m_mirror->dir.path() : none;
}

const Snapshot* PgStore::snapshot() const { return m_mirror ? &m_mirror->snapshot : nullptr; }

Diagnostics PgStore::refresh()
{
    Diagnostics d;
    try {
        const Connection c(m_url);
        auto mirror = std::make_unique<Mirror>();
        mirror->snapshot = readSnapshot(c);
        if (mirror->snapshot.empty()) {
            d.error(location(), "", "", "the database holds no record yet (db push loads one)");
            return d;
        }
        d = writeSnapshot(mirror->snapshot, mirror->dir.path());
        if (!d.hasErrors()) m_mirror = std::move(mirror);
    } catch (const DbError& e) {
        d.error(location(), "", "", e.what());
    }
    return d;
}

std::optional<int64_t> PgStore::seenVersion(const std::string& table, const std::string& key) const
{
    const TableSpec* spec = specForTable(table);
    if (!m_mirror || !spec) return std::nullopt;
    const auto it = m_mirror->snapshot.find(spec->file);
    if (it == m_mirror->snapshot.end()) return std::nullopt;
    for (const RowRef& r : it->second.rows)
        if (r.key == key) return r.version;
    return std::nullopt;
}

SaveOutcome PgStore::save(const edit::Edit& edit)
{
    if (!m_mirror) {
        Diagnostics why = refresh();
        if (why.hasErrors()) return Refused{edit, why, !m_mirror};
    }
    // The edit made as a folder edit, on a copy of the mirror: the validator judges it there.
    TempDir work;
    if (Diagnostics w = writeSnapshot(m_mirror->snapshot, work.path()); w.hasErrors()) return Refused{edit, w, false};
    edit::FolderStore folder(work.path());
    auto applied = folder.apply(edit);
    if (!applied) return Refused{edit, applied.diagnostics(), false};

    const auto expected = expectedOf(edit);
    std::vector<std::string> sources;
    if (const auto* s = sourcesOf(edit)) sources = *s;
    if (std::holds_alternative<edit::AddSource>(edit)) sources = {applied->id};
    Conflict conflict{edit, {}};
    std::vector<std::string> tables;
    try {
        const Connection c(m_url);
        {
            Transaction t(c);
            c.exec("SELECT set_config('atlas.sources', $1, true)", {joined(sources)});
            for (const TableSpec& spec : tableSpecs()) {
                const auto old = m_mirror->snapshot.find(spec.file);
                const std::string now = readText(fs::path(work.path()) / spec.file);
                if (old == m_mirror->snapshot.end() || old->second.text == now) continue;
                Diagnostics d;
                const auto before = detail::splitFile(spec, old->second.text, spec.file, d);
                const auto after = detail::splitFile(spec, now, spec.file, d);
                if (!before || !after) return Refused{edit, d, false};
                tables.push_back(spec.table.empty() ? spec.file : qualified(spec.table));
                if (before->head != after->head || before->tail != after->tail || before->finalNewline != after->finalNewline)
                    c.exec("UPDATE atlas.file_text SET head = $2, tail = $3, final_newline = $4 WHERE file = $1",
                           {spec.file, nlohmann::json(after->head).dump(), nlohmann::json(after->tail).dump(),
                            std::string(after->finalNewline ? "t" : "f")});
                if (spec.table.empty()) continue;

                const std::string q = qualified(spec.table), key = ident(storedKey(spec));
                const auto& refs = old->second.rows;
                const auto changes = detail::diffRows(before->rows, after->rows, &keyOfLine, &spec);
                std::vector<std::string> insertedKeys(changes.size());
                for (std::size_t ci = 0; ci < changes.size(); ++ci) {
                    const detail::RowChange& ch = changes[ci];
                    std::string why;
                    std::vector<Param> values;
                    if (ch.op != detail::RowChange::Op::Delete) {
                        auto v = detail::rowValues(spec, ch.line, why);
                        if (!v) {
                            Diagnostics bad;
                            bad.error(spec.file, "", "", why);
                            return Refused{edit, bad, false};
                        }
                        values = std::move(*v);
                    }
                    if (ch.op == detail::RowChange::Op::Insert) {
                        const Param prev = ch.prevInsert ? Param(insertedKeys[*ch.prevInsert])
                                           : ch.prevOld  ? Param(refs[*ch.prevOld].key)
                                                         : Param();
                        const Param next = ch.nextOld ? Param(refs[*ch.nextOld].key) : Param();
                        const int p = static_cast<int>(values.size()) + 1, n = p + 1;
                        const std::string P = "$" + std::to_string(p) + "::text", N = "$" + std::to_string(n) + "::text";
                        // Between its neighbours, without touching their ord (or their version).
                        const std::string ord =
                            "(SELECT CASE WHEN " + P + " IS NOT NULL AND " + N + " IS NOT NULL THEN "
                            "(SELECT round((a.ord + b.ord) / 2, greatest(scale(a.ord), scale(b.ord)) + 1) FROM " + q +
                            " a, " + q + " b WHERE a." + key + "::text = " + P + " AND b." + key + "::text = " + N +
                            ") WHEN " + P + " IS NOT NULL THEN (SELECT max(ord) + 1 FROM " + q +
                            ") WHEN " + N + " IS NOT NULL THEN (SELECT min(ord) - 1 FROM " + q +
                            ") ELSE coalesce((SELECT max(ord) + 1 FROM " + q + "), 1) END)";
                        std::string cols, params;
                        int k = 0;
                        for (const Column& col : spec.columns) {
                            cols += ident(col.name) + ", ";
                            params += "$" + std::to_string(++k) + ", ";
                        }
                        if (spec.kind == FileKind::GeoJson) {
                            cols += "geom, ";
                            params += detail::geometryParam(++k) + ", ";
                        }
                        values.push_back(prev);
                        values.push_back(next);
                        const Rows r = c.exec("INSERT INTO " + q + " (" + cols + "ord) VALUES (" + params + ord +
                                                  ") ON CONFLICT DO NOTHING RETURNING " + key + "::text",
                                              values);
                        if (r.size() == 1) {
                            insertedKeys[ci] = r.text(0, 0);
                        } else {
                            const std::string k2 = keyOfLine(&spec, ch.line);
                            conflict.rows.push_back({spec.table, k2, 0, std::nullopt, "", detail::rowJson(spec, ch.line), "", ""});
                        }
                        continue;
                    }
                    const RowRef& ref = refs[ch.oldIndex];
                    const int64_t basedOn = expected && expected->first == ref.key ? expected->second : ref.version;
                    int n = 0;
                    const std::string sql = ch.op == detail::RowChange::Op::Update
                                                ? "UPDATE " + q + " SET " + setList(spec, n)
                                                : "DELETE FROM " + q;
                    values.push_back(ref.key);
                    values.push_back(std::to_string(basedOn));
                    const std::string where = " WHERE " + key + "::text = $" + std::to_string(values.size() - 1) +
                                              " AND version = $" + std::to_string(values.size()) + "::bigint";
                    if (c.exec(sql + where, values).affected() != 1)
                        conflict.rows.push_back({spec.table, ref.key, basedOn, std::nullopt, "",
                                                 ch.op == detail::RowChange::Op::Update ? detail::rowJson(spec, ch.line) : "",
                                                 "", ""});
                }
            }
            if (conflict.rows.empty()) {
                if (m_beforeCommit) m_beforeCommit();
                t.commit();
            }
        }  // a conflict leaves the transaction uncommitted: rolled back here

        if (!conflict.rows.empty()) {
            // Theirs, and the refused attempt recorded in the append-only audit (its own transaction).
            for (RowConflict& rc : conflict.rows) {
                const TableSpec& spec = *specForTable(rc.table);
                const Rows now = c.exec("SELECT version, " + detail::selectList(spec) + " FROM " + qualified(rc.table) +
                                            " WHERE " + ident(storedKey(spec)) + "::text = $1",
                                        {rc.key});
                if (now.size() == 1) {
                    rc.theirsVersion = std::stoll(now.text(0, 0));
                    rc.theirs = detail::rowJson(spec, detail::rowLine(spec, detail::selectedValues(spec, now, 0, 1)));
                }
                const Rows who = c.exec("SELECT login, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                                        "FROM atlas.audit WHERE tbl = $1 AND row_key = $2 AND outcome = 'committed' "
                                        "ORDER BY seq DESC LIMIT 1",
                                        {rc.table, rc.key});
                if (who.size() == 1) rc.theirLogin = who.text(0, 0), rc.theirTime = who.text(0, 1);
                const std::string outcome =
                    "conflict: based on version " + std::to_string(rc.mineBasedOn) + ", the record has " +
                    (rc.theirsVersion ? "version " + std::to_string(*rc.theirsVersion) : std::string("no such row"));
                c.exec("SELECT atlas.record_refusal($1, $2, $3::bigint, $4::jsonb, $5, $6)",
                       {rc.table, rc.key, std::to_string(rc.mineBasedOn),
                        rc.mine.empty() ? Param() : Param(rc.mine), joined(sources), outcome});
            }
            return conflict;
        }
    } catch (const DbError& e) {
        Diagnostics d;
        d.error(location(), "", "", e.what());
        return Refused{edit, d, e.kind() == DbError::Kind::Unreachable};
    }

    // Committed: the mirror follows the record (with everyone else's changes too).
    edit::Applied out = std::move(*applied);
    out.files = tables;
    // A failed refresh keeps the old mirror; the next save reloads before it edits.
    if (refresh().hasErrors()) m_mirror.reset();
    return out;
}

Result<edit::Applied> PgStore::apply(const edit::Edit& edit)
{
    SaveOutcome o = save(edit);
    if (auto* a = std::get_if<edit::Applied>(&o)) return std::move(*a);
    if (auto* r = std::get_if<Refused>(&o)) return r->why;
    Diagnostics d;
    for (const RowConflict& rc : std::get<Conflict>(o).rows)
        d.error(location(), rc.table + " " + rc.key, kConflictField,
                "changed by " + (rc.theirLogin.empty() ? std::string("someone") : rc.theirLogin) +
                    " since version " + std::to_string(rc.mineBasedOn) +
                    (rc.theirsVersion ? " (now version " + std::to_string(*rc.theirsVersion) + ")" : " (now gone)"));
    return d;
}

Result<edit::Applied> PgStore::preview(const edit::Edit& edit) const
{
    if (!m_mirror) {
        if (Diagnostics d = const_cast<PgStore*>(this)->refresh(); d.hasErrors()) return d;
    }
    return edit::FolderStore(m_mirror->dir.path()).preview(edit);
}

Result<edit::AddVersion> PgStore::versionInForce(const std::string& group, int32_t day) const
{
    if (!m_mirror) {
        if (Diagnostics d = const_cast<PgStore*>(this)->refresh(); d.hasErrors()) return d;
    }
    return edit::FolderStore(m_mirror->dir.path()).versionInForce(group, day);
}

std::string describe(const Conflict& c)
{
    std::string out;
    for (const RowConflict& r : c.rows) {
        out += "conflict: " + r.table + " " + r.key + ": your edit was based on version " +
               std::to_string(r.mineBasedOn) + "; ";
        if (r.theirsVersion)
            out += "the record has version " + std::to_string(*r.theirsVersion) +
                   (r.theirLogin.empty() ? std::string() : ", changed by " + r.theirLogin + " at " + r.theirTime) + "\n";
        else
            out += "the row is no longer in the record\n";
        out += "  theirs: " + (r.theirs.empty() ? std::string("(none)") : r.theirs) + "\n";
        out += "  mine:   " + (r.mine.empty() ? std::string("(delete)") : r.mine) + "\n";
    }
    return out;
}

}  // namespace atlas::teamdb
