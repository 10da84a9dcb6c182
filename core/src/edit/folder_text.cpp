#include "folder_text.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace atlas::edit::detail {

TextFile TextFile::parse(std::string_view text)
{
    TextFile f;
    f.exists = true;
    f.finalNewline = text.empty() || text.back() == '\n';
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string_view::npos) end = text.size();
        f.lines.emplace_back(text.substr(begin, end - begin));
        begin = end + 1;
    }
    return f;
}

std::string TextFile::text() const
{
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out += lines[i];
        if (i + 1 < lines.size() || finalNewline) out += '\n';
    }
    return out;
}

std::string FolderText::path(const std::string& name) const { return (std::filesystem::path(m_dir) / name).string(); }

TextFile& FolderText::file(const std::string& name)
{
    auto it = m_files.find(name);
    if (it != m_files.end()) return it->second;
    TextFile f;
    std::ifstream in(path(name), std::ios::binary);
    if (in) {
        std::ostringstream s;
        s << in.rdbuf();
        f = TextFile::parse(s.str());
    }
    m_originals[name] = f;
    return m_files.emplace(name, std::move(f)).first->second;
}

std::vector<std::string> FolderText::changed() const
{
    std::vector<std::string> out;
    for (const auto& [name, yes] : m_changed)
        if (yes && m_files.at(name).text() != m_originals.at(name).text()) out.push_back(name);
    return out;
}

const TextFile* FolderText::original(const std::string& name) const
{
    const auto it = m_originals.find(name);
    return it == m_originals.end() ? nullptr : &it->second;
}

std::optional<GeoJsonLines> GeoJsonLines::split(const TextFile& file, const std::string& path, Diagnostics& d)
{
    GeoJsonLines g;
    if (!file.exists) {
        d.error(path, "", "", "file not found");
        return std::nullopt;
    }
    std::size_t i = 0;
    const auto& lines = file.lines;
    // The header ends with the line that opens the features array.
    while (i < lines.size() && (lines[i].empty() || lines[i].back() != '[')) g.head.push_back(lines[i++]);
    if (i == lines.size()) {
        d.error(path, "", "", "not in the one-feature-per-line form (no line opening \"features\": [)");
        return std::nullopt;
    }
    g.head.push_back(lines[i++]);
    for (; i < lines.size() && !lines[i].empty() && lines[i].front() == '{'; ++i) {
        std::string f = lines[i];
        if (!f.empty() && f.back() == ',') f.pop_back();
        g.features.push_back(std::move(f));
    }
    for (; i < lines.size(); ++i) {
        if (!lines[i].empty() && lines[i].front() == '{') {
            d.error(path, "line " + std::to_string(i + 1), "", "not in the one-feature-per-line form");
            return std::nullopt;
        }
        g.tail.push_back(lines[i]);
    }
    return g;
}

void GeoJsonLines::joinInto(TextFile& file) const
{
    file.lines = head;
    for (std::size_t i = 0; i < features.size(); ++i) file.lines.push_back(features[i] + (i + 1 < features.size() ? "," : ""));
    file.lines.insert(file.lines.end(), tail.begin(), tail.end());
}

std::optional<std::size_t> GeoJsonLines::find(std::string_view id) const
{
    // Cheap test on the text first; parse only candidates.
    const std::string needle = "\"id\":\"" + std::string(id) + "\"";
    for (std::size_t i = 0; i < features.size(); ++i) {
        if (features[i].find(needle) == std::string::npos) continue;
        const auto j = feature(i);
        if (j.contains("properties") && j["properties"].value("id", "") == id) return i;
    }
    return std::nullopt;
}

std::string featureLine(const nlohmann::ordered_json& feature)
{
    return feature.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::optional<CsvLine> CsvLine::split(std::string_view line)
{
    CsvLine out;
    std::size_t i = 0;
    while (true) {
        std::string raw, value;
        if (i < line.size() && line[i] == '"') {
            raw += '"';
            ++i;
            bool closed = false;
            while (i < line.size()) {
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        raw += "\"\"";
                        value += '"';
                        i += 2;
                        continue;
                    }
                    raw += '"';
                    ++i;
                    closed = true;
                    break;
                }
                raw += line[i];
                value += line[i++];
            }
            if (!closed) return std::nullopt;
            while (i < line.size() && line[i] != ',') raw += line[i], value += line[i++];
        } else {
            while (i < line.size() && line[i] != ',') raw += line[i], value += line[i++];
        }
        out.raw.push_back(std::move(raw));
        out.values.push_back(std::move(value));
        if (i >= line.size()) break;
        ++i;  // the comma
    }
    return out;
}

std::string CsvLine::join() const
{
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) out += (i ? "," : "") + raw[i];
    return out;
}

std::string csvCell(std::string_view value)
{
    if (value.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(value);
    std::string out = "\"";
    for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string slugOf(std::string_view text)
{
    std::string out;
    int words = 0;
    bool dash = true;
    for (char c : text) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
        if (alnum) {
            if (dash && !out.empty()) {
                if (++words >= 6) break;
                out += '-';
            }
            out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            dash = false;
        } else {
            dash = true;
        }
    }
    return out;
}

}  // namespace atlas::edit::detail
