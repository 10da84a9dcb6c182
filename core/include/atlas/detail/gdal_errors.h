#pragma once
// Collects GDAL/OGR error messages raised on this thread while an instance lives, instead of
// letting GDAL print them to stderr, so they can be attached to the file that caused them.
#include <string>
#include <vector>

namespace atlas::detail {

class GdalErrorCollector {
public:
    GdalErrorCollector();
    ~GdalErrorCollector();
    GdalErrorCollector(const GdalErrorCollector&) = delete;
    GdalErrorCollector& operator=(const GdalErrorCollector&) = delete;

    // Messages collected so far (failures and warnings), and clears them.
    std::vector<std::string> take();
    // The last failure message, or "" when none.
    std::string lastFailure() const { return m_lastFailure; }

private:
    static void handler(int errClass, int errNo, const char* msg);
    std::vector<std::string> m_messages;
    std::string m_lastFailure;
};

// Registers GDAL/OGR drivers once per process.
void ensureGdalRegistered();

}  // namespace atlas::detail
