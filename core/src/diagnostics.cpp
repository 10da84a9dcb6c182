#include "atlas/diagnostics.h"

#include <algorithm>

namespace atlas {

std::string Diagnostic::format() const
{
    std::string out = file.empty() ? std::string("<input>") : file;
    if (!location.empty()) out += ":" + location;
    out += ": ";
    if (!field.empty()) out += field + ": ";
    out += message;
    return out;
}

void Diagnostics::error(std::string file, std::string location, std::string field, std::string message)
{
    m_items.push_back({Severity::Error, std::move(file), std::move(location), std::move(field), std::move(message)});
}

void Diagnostics::warning(std::string file, std::string location, std::string field, std::string message)
{
    m_items.push_back({Severity::Warning, std::move(file), std::move(location), std::move(field), std::move(message)});
}

void Diagnostics::append(const Diagnostics& other)
{
    m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

std::size_t Diagnostics::errorCount() const
{
    return static_cast<std::size_t>(std::count_if(m_items.begin(), m_items.end(),
        [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::string Diagnostics::formatAll() const
{
    std::string out;
    for (const auto& d : m_items) out += d.format() + "\n";
    return out;
}

}  // namespace atlas
