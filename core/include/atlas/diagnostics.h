#pragma once
// Expected failures (unreadable file, bad row, missing field) are values, not exceptions:
// loaders return what loaded plus a list of Diagnostics naming file, feature/line and field.
#include <string>
#include <vector>

namespace atlas {

enum class Severity { Info, Warning, Error };

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string file;      // path as the user gave it
    std::string location;  // "feature 12", "line 7", "layer countries", or empty
    std::string field;     // attribute or property name, or empty
    std::string message;   // what is wrong / what was expected

    // "file:location: field: message" — the one format used by the CLI, the app and tests.
    std::string format() const;
};

class Diagnostics {
public:
    void add(Diagnostic d) { m_items.push_back(std::move(d)); }
    void error(std::string file, std::string location, std::string field, std::string message);
    void warning(std::string file, std::string location, std::string field, std::string message);
    void append(const Diagnostics& other);

    const std::vector<Diagnostic>& items() const { return m_items; }
    bool empty() const { return m_items.empty(); }
    std::size_t size() const { return m_items.size(); }
    std::size_t errorCount() const;
    bool hasErrors() const { return errorCount() > 0; }
    // All diagnostics, one per line, in format().
    std::string formatAll() const;

private:
    std::vector<Diagnostic> m_items;
};

}  // namespace atlas
