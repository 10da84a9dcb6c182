#include "atlas/teamdb/transfer.h"

#include "atlas/data/dataset.h"
#include "atlas/teamdb/tables.h"
#include "file_rows.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace atlas::teamdb {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string linesJson(const std::vector<std::string>& lines) { return Json(lines).dump(); }

std::vector<std::string> jsonLines(const std::string& text) { return Json::parse(text).get<std::vector<std::string>>(); }

bool readFile(const fs::path& path, std::string& text)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream s;
    s << in.rdbuf();
    text = s.str();
    return true;
}

// "INSERT INTO atlas.t (cols…, geom, ord) VALUES ($1…)"; geom from GeoJSON, EPSG:4326.
std::string insertSql(const TableSpec& spec)
{
    std::string cols, values;
    int n = 0;
    for (const Column& c : spec.columns) {
        cols += ident(c.name) + ", ";
        values += "$" + std::to_string(++n) + ", ";
    }
    if (spec.kind == FileKind::GeoJson) {
        cols += "geom, ";
        values += detail::geometryParam(++n) + ", ";
    }
    return "INSERT INTO " + qualified(spec.table) + " (" + cols + "ord) VALUES (" + values + "$" +
           std::to_string(n + 1) + ")";
}

}  // namespace

Snapshot readSnapshot(const Connection& c)
{
    Snapshot out;
    Transaction t(c);
    c.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    for (const TableSpec& spec : tableSpecs()) {
        const Rows text = c.exec("SELECT head, tail, final_newline FROM atlas.file_text WHERE file = $1", {spec.file});
        if (text.size() == 0) continue;  // not pushed
        detail::FileParts parts;
        parts.head = jsonLines(text.text(0, 0));
        parts.tail = jsonLines(text.text(0, 1));
        parts.finalNewline = text.text(0, 2) == "t";
        FileSnapshot& file = out[spec.file];
        if (!spec.table.empty()) {
            const Rows rows = c.exec("SELECT " + ident(storedKey(spec)) + ", version, " + detail::selectList(spec) +
                                     " FROM " + qualified(spec.table) + " ORDER BY ord");
            for (int r = 0; r < rows.size(); ++r) {
                file.rows.push_back({rows.text(r, 0), std::stoll(rows.text(r, 1))});
                parts.rows.push_back(detail::rowLine(spec, detail::selectedValues(spec, rows, r, 2)));
            }
        }
        file.text = detail::joinFile(spec, parts);
    }
    t.commit();
    return out;
}

Diagnostics writeSnapshot(const Snapshot& s, const std::string& dir)
{
    Diagnostics d;
    std::error_code ec;
    fs::create_directories(dir, ec);
    for (const auto& [name, file] : s) {
        const fs::path path = fs::path(dir) / name;
        const fs::path tmp = fs::path(dir) / ("." + name + ".pull-tmp");
        {
            std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
            out << file.text;
            out.flush();
            if (!out) {
                d.error(tmp.string(), "", "", "cannot write");
                continue;
            }
        }
        fs::rename(tmp, path, ec);
        if (ec) d.error(path.string(), "", "", "cannot replace: " + ec.message());
    }
    return d;
}

Diagnostics pushFolder(const std::string& dir, const std::string& url)
{
    Diagnostics d;
    // The validator first: the team record starts from a folder the files' own checks accept.
    Diagnostics load;
    Dataset::load(dir, {}, load);
    if (load.hasErrors()) {
        for (const Diagnostic& e : load.items())
            if (e.severity == Severity::Error) d.add(e);
        return d;
    }
    // Every file is split and its rows checked before anything is sent.
    struct Prepared {
        const TableSpec* spec;
        detail::FileParts parts;
        std::vector<std::vector<Param>> rows;
    };
    std::vector<Prepared> files;
    for (const TableSpec& spec : tableSpecs()) {
        const fs::path path = fs::path(dir) / spec.file;
        std::string text;
        if (!readFile(path, text)) {
            d.error(path.string(), "", "", "file not found");
            continue;
        }
        auto parts = detail::splitFile(spec, text, path.string(), d);
        if (!parts) continue;
        Prepared p{&spec, *parts, {}};
        for (std::size_t i = 0; i < parts->rows.size(); ++i) {
            std::string why;
            auto values = detail::rowValues(spec, parts->rows[i], why);
            if (!values) {
                d.error(path.string(), "row " + std::to_string(i + 1), "", why);
                continue;
            }
            // Pull rebuilds each row from its columns: a row that would not come back byte for byte
            // (another field order, integer coordinates) is refused here, not silently rewritten.
            if (detail::rowLine(spec, *values) != parts->rows[i]) {
                d.error(path.string(), "row " + std::to_string(i + 1), "",
                        "not in the form the files are written in (a pull would write it differently): " +
                            detail::rowLine(spec, *values));
                continue;
            }
            p.rows.push_back(std::move(*values));
        }
        files.push_back(std::move(p));
    }
    if (d.hasErrors()) return d;

    try {
        const Connection c(url);
        if (c.exec("SELECT 1 FROM pg_namespace WHERE nspname = 'atlas'").size() == 0) {
            d.error(c.maskedUrl(), "", "", "no atlas schema; run kachin-atlas db init first");
            return d;
        }
        if (c.exec("SELECT 1 FROM atlas.file_text LIMIT 1").size() > 0) {
            d.error(c.maskedUrl(), "", "", "the database already holds a record; push loads an empty one");
            return d;
        }
        Transaction t(c);
        c.exec("SELECT set_config('atlas.sources', 'db push', true)");
        for (const Prepared& p : files) {
            c.exec("INSERT INTO atlas.file_text (file, head, tail, final_newline) VALUES ($1, $2, $3, $4)",
                   {p.spec->file, linesJson(p.parts.head), linesJson(p.parts.tail),
                    std::string(p.parts.finalNewline ? "t" : "f")});
            if (p.spec->table.empty()) continue;
            const std::string sql = insertSql(*p.spec);
            long ord = 0;
            for (std::vector<Param> values : p.rows) {
                values.push_back(std::to_string(++ord));
                c.exec(sql, values);
            }
        }
        t.commit();
    } catch (const DbError& e) {
        d.error(maskPassword(url), "", "", e.what());
    }
    return d;
}

Diagnostics pullFolder(const std::string& url, const std::string& dir)
{
    try {
        const Connection c(url);
        const Snapshot s = readSnapshot(c);
        if (s.empty()) {
            Diagnostics d;
            d.error(c.maskedUrl(), "", "", "the database holds no record yet (db push loads one)");
            return d;
        }
        return writeSnapshot(s, dir);
    } catch (const DbError& e) {
        Diagnostics d;
        d.error(maskPassword(url), "", "", e.what());
        return d;
    }
}

}  // namespace atlas::teamdb
