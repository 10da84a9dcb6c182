#include "atlas/teamdb/audit_log.h"

#include "atlas/teamdb/connection.h"

#include <nlohmann/json.hpp>

namespace atlas::teamdb {
namespace {

using Json = nlohmann::json;

std::string shortText(const Json& v)
{
    std::string s = v.is_string() ? v.get<std::string>() : v.dump();
    if (s.size() > 80) s = s.substr(0, 77) + "...";
    return s;
}

// What an UPDATE changed, field by field (the bookkeeping columns ord and version left out).
std::vector<std::string> changesOf(const std::string& op, const std::optional<std::string>& before,
                                   const std::optional<std::string>& after)
{
    std::vector<std::string> out;
    if (op != "UPDATE" || !before || !after) return out;
    const Json b = Json::parse(*before), a = Json::parse(*after);
    for (const auto& [k, v] : a.items()) {
        if (k == "ord" || k == "version" || b.value(k, Json()) == v) continue;
        if (k == "geom") out.push_back("geometry changed");
        else out.push_back(k + ": " + shortText(b.value(k, Json())) + " → " + shortText(v));
    }
    return out;
}

}  // namespace

Result<std::vector<LogEntry>> readLog(const std::string& url, const LogFilter& filter)
{
    try {
        const Connection c(url);
        const Rows rows = c.exec(
            "SELECT seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), login, tbl, row_key, op, "
            "version, before::text, after::text, sources, outcome FROM atlas.audit "
            "WHERE ($1::text IS NULL OR row_key = $1) AND ($2::text IS NULL OR at >= ($2::date AT TIME ZONE 'UTC')) "
            "ORDER BY seq",
            {filter.feature.empty() ? Param() : Param(filter.feature),
             filter.since.empty() ? Param() : Param(filter.since)});
        std::vector<LogEntry> out;
        for (int r = 0; r < rows.size(); ++r) {
            LogEntry e;
            e.seq = std::stoll(rows.text(r, 0));
            e.at = rows.text(r, 1);
            e.login = rows.text(r, 2);
            e.table = rows.text(r, 3);
            e.key = rows.text(r, 4);
            e.op = rows.text(r, 5);
            if (const auto v = rows.value(r, 6)) e.version = std::stoll(*v);
            e.changes = changesOf(e.op, rows.value(r, 7), rows.value(r, 8));
            e.sources = rows.value(r, 9).value_or("");
            e.outcome = rows.text(r, 10);
            out.push_back(std::move(e));
        }
        return out;
    } catch (const DbError& e) {
        Diagnostics d;
        d.error(maskPassword(url), "", "", e.what());
        return d;
    }
}

std::string formatLog(const std::vector<LogEntry>& entries)
{
    std::string out;
    for (const LogEntry& e : entries) {
        out += e.at + "  " + e.login + "  " + e.op + " " + e.table + " " + e.key;
        if (e.version) out += "  version " + std::to_string(*e.version);
        if (!e.sources.empty()) out += "  sources " + e.sources;
        if (e.outcome != "committed") out += "  REFUSED (" + e.outcome + ")";
        out += "\n";
        for (const std::string& c : e.changes) out += "    " + c + "\n";
    }
    return out;
}

}  // namespace atlas::teamdb
