#pragma once
// The dataset's files as text, edited line by line so that every line an edit does not touch is
// written back byte for byte (geodata/README.md: one feature per line, diff-friendly CSV).
#include "atlas/diagnostics.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atlas::edit::detail {

// A file as lines; `finalNewline` remembers whether the last line ended with '\n'.
struct TextFile {
    std::vector<std::string> lines;
    bool finalNewline = true;
    bool exists = false;

    static TextFile parse(std::string_view text);
    std::string text() const;
};

// The dataset folder's files, read when first asked for; changed ones are marked.
class FolderText {
public:
    explicit FolderText(std::string dir) : m_dir(std::move(dir)) {}
    const std::string& dir() const { return m_dir; }
    std::string path(const std::string& name) const;
    TextFile& file(const std::string& name);  // reads it (empty, exists=false, when missing)
    void markChanged(const std::string& name) { m_changed[name] = true; }
    std::vector<std::string> changed() const;
    const TextFile* original(const std::string& name) const;

private:
    std::string m_dir;
    std::map<std::string, TextFile> m_files;
    std::map<std::string, TextFile> m_originals;
    std::map<std::string, bool> m_changed;
};

// A GeoJSON FeatureCollection written one feature per line: the lines before the first feature,
// the features (without their separating comma) and the lines after the last.
struct GeoJsonLines {
    std::vector<std::string> head;
    std::vector<std::string> features;
    std::vector<std::string> tail;

    // nullopt when the file is not in the one-feature-per-line form (why goes to `d`).
    static std::optional<GeoJsonLines> split(const TextFile& file, const std::string& path, Diagnostics& d);
    void joinInto(TextFile& file) const;
    nlohmann::ordered_json feature(std::size_t i) const { return nlohmann::ordered_json::parse(features[i]); }
    // Index of the feature whose properties.id is `id`.
    std::optional<std::size_t> find(std::string_view id) const;
};

// "{"type":"Feature","properties":…,"geometry":…}" in the files' compact form.
std::string featureLine(const nlohmann::ordered_json& feature);

// One CSV record on one line, split into its cells as written (quotes kept) and as values.
struct CsvLine {
    std::vector<std::string> raw;
    std::vector<std::string> values;
    // nullopt for a line with an unbalanced quote (a record spanning lines).
    static std::optional<CsvLine> split(std::string_view line);
    std::string join() const;
};
// A value as a CSV cell: quoted when it holds ',', '"' or a line break (RFC 4180).
std::string csvCell(std::string_view value);

// "Lamyang counter-offensive, Bhamo" → "lamyang-counter-offensive-bhamo" (at most 6 words).
std::string slugOf(std::string_view text);

}  // namespace atlas::edit::detail
