#include "atlas/edit/dataset_store.h"

#include "atlas/edit/text_diff.h"

#include "apply.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <tuple>

namespace atlas::edit {
namespace fs = std::filesystem;
namespace {

// A temporary directory removed with its contents when the object goes.
class TempDir {
public:
    TempDir()
    {
        std::string pattern = (fs::temp_directory_path() / "kachin-atlas-edit-XXXXXX").string();
        if (mkdtemp(pattern.data())) m_path = pattern;
    }
    ~TempDir()
    {
        std::error_code ec;
        if (!m_path.empty()) fs::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

bool writeFile(const fs::path& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    return static_cast<bool>(out);
}

// Writes `text` next to `path` and renames it over: a reader sees the old file or the new one.
bool replaceAtomically(const fs::path& path, const std::string& text, std::string& why)
{
    const fs::path tmp = path.parent_path() / ("." + path.filename().string() + ".edit-tmp");
    if (!writeFile(tmp, text)) {
        why = "cannot write " + tmp.string();
        return false;
    }
    std::error_code ec;
    fs::permissions(tmp, fs::status(path, ec).permissions(), ec);
    fs::rename(tmp, path, ec);
    if (ec) {
        why = "cannot replace " + path.string() + ": " + ec.message();
        fs::remove(tmp, ec);
        return false;
    }
    return true;
}

using ErrorKey = std::tuple<std::string, std::string, std::string>;  // file name, field, message

ErrorKey keyOf(const Diagnostic& d) { return {fs::path(d.file).filename().string(), d.field, d.message}; }

// The candidate's diagnostics that the folder does not already have (an edit is judged by
// what it adds: a folder with an old error can still be edited).
Diagnostics added(const Diagnostics& before, const Diagnostics& after, const std::string& tmp, const std::string& dir)
{
    std::map<std::pair<Severity, ErrorKey>, int> known;
    for (const Diagnostic& d : before.items()) ++known[{d.severity, keyOf(d)}];
    Diagnostics out;
    for (Diagnostic d : after.items()) {
        int& n = known[{d.severity, keyOf(d)}];
        if (n > 0) {
            --n;
            continue;
        }
        if (d.file.rfind(tmp, 0) == 0) d.file = (fs::path(dir) / fs::path(d.file).lexically_relative(tmp)).string();
        out.add(std::move(d));
    }
    return out;
}

}  // namespace

FolderStore::FolderStore(std::string dir, DatasetOptions options) : m_dir(std::move(dir)), m_options(std::move(options)) {}

Result<Applied> FolderStore::apply(const Edit& edit) { return run(edit, true); }

Result<Applied> FolderStore::preview(const Edit& edit) const { return run(edit, false); }

Result<AddVersion> FolderStore::versionInForce(const std::string& group, int32_t day) const
{
    detail::FolderText text(m_dir);
    return detail::versionInForce(text, group, day);
}

Result<Applied> FolderStore::run(const Edit& edit, bool write) const
{
    if (!fs::is_directory(m_dir)) return detail::refusal(m_dir, "", "", "not a dataset directory");
    detail::FolderText text(m_dir);
    std::optional<Result<detail::TextChange>> made;
    try {
        made.emplace(detail::applyToText(text, edit));
    } catch (const nlohmann::json::exception& e) {
        // A hand-edited line that is not JSON: `validate` names it; the edit cannot be made.
        return detail::refusal(m_dir, "", "", std::string("a feature line is not valid JSON (run validate): ") + e.what());
    }
    auto& change = *made;
    if (!change) return change.diagnostics();
    const std::vector<std::string> changed = text.changed();
    if (changed.empty()) return detail::refusal(m_dir, change->id, "", "the edit changes nothing");

    // Every edit rests on a source (DESIGN.md, "Curation"); the sources themselves are exempt.
    if (const auto* sources = sourcesOf(edit)) {
        if (sources->empty())
            return detail::refusal(text.path(changed.front()), change->id, "sources",
                                   "empty; every edit cites at least one source id from SOURCES.md");
        Diagnostics quiet;
        const SourceCatalog catalog = SourceCatalog::load(text.path("SOURCES.md"), quiet);
        Diagnostics unknown;
        for (const std::string& s : *sources)
            if (!catalog.contains(s))
                unknown.error(text.path(changed.front()), change->id, "sources", s + " is not listed in SOURCES.md");
        if (unknown.hasErrors()) return unknown;
    }

    // The same validator as the files, on a copy of the folder with the edit made.
    TempDir tmp;
    if (tmp.path().empty()) return detail::refusal(m_dir, "", "", "cannot create a temporary directory to check the edit");
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(m_dir, ec))
        if (entry.is_regular_file()) fs::copy_file(entry.path(), fs::path(tmp.path()) / entry.path().filename(), ec);
    for (const std::string& name : changed)
        if (!writeFile(fs::path(tmp.path()) / name, text.file(name).text()))
            return detail::refusal(tmp.path(), "", "", "cannot write the copy to check the edit");
    Diagnostics before, after;
    Dataset::load(m_dir, m_options, before);
    auto candidate = std::make_shared<const Dataset>(Dataset::load(tmp.path(), m_options, after));
    Diagnostics news = added(before, after, tmp.path(), m_dir);
    if (news.hasErrors()) {
        Diagnostics errors;
        for (const Diagnostic& d : news.items())
            if (d.severity == Severity::Error) errors.add(d);
        return errors;
    }

    Applied out{change->id, change->inverse, {}, {}, candidate, news};
    for (const std::string& name : changed) {
        out.files.push_back(text.path(name));
        out.diff += unifiedDiff(text.original(name)->text(), text.file(name).text(), name);
    }
    if (!write) return out;
    // Another program (an editor, a second window) may have written the folder meanwhile: its
    // change is never overwritten by one made on the text read before it.
    for (const std::string& name : changed) {
        std::ifstream in(text.path(name), std::ios::binary);
        const std::string now((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (now != text.original(name)->text())
            return detail::refusal(text.path(name), "", "",
                                   "changed on disk while the edit was checked; nothing was written, try again");
    }
    for (const std::string& name : changed) {
        std::string why;
        if (!replaceAtomically(text.path(name), text.file(name).text(), why))
            return detail::refusal(text.path(name), "", "", why);
    }
    Diagnostics reloaded;
    out.dataset = std::make_shared<const Dataset>(Dataset::load(m_dir, m_options, reloaded));
    return out;
}

}  // namespace atlas::edit
