#pragma once
// Debian's chromium driven headless over the DevTools protocol on a pipe
// (--remote-debugging-pipe: commands on fd 3, replies on fd 4, NUL-separated JSON), so tests
// can load a page from file://, run its script, press keys and see every request it makes,
// with nothing but the browser installed.
#include <nlohmann/json.hpp>

#include <QString>

#include <string>
#include <sys/types.h>
#include <vector>

namespace atlas::test {

class HeadlessChromium {
public:
    // Starts the browser (an empty string when `chromium` is not on PATH: ok() is false).
    HeadlessChromium(int width, int height);
    ~HeadlessChromium();
    HeadlessChromium(const HeadlessChromium&) = delete;
    HeadlessChromium& operator=(const HeadlessChromium&) = delete;

    bool ok() const { return m_session.size() > 0; }
    const QString& error() const { return m_error; }

    // Navigates and waits for the load event; false on timeout.
    bool load(const QString& url, int timeoutMs = 20000);
    // Evaluates `expression` in the page and returns its value (JSON); throws on a script error.
    nlohmann::json eval(const std::string& expression);
    // A key press on the focused element (e.g. "ArrowRight", "PageUp").
    void pressKey(const std::string& key, int keyCode);
    // Page width and height in CSS pixels from now on.
    void resize(int width, int height);
    // PNG of the viewport, written to `path`.
    bool screenshot(const QString& path);

    // Every URL the page asked for, and every script error and console error, since load().
    const std::vector<std::string>& requests() const { return m_requests; }
    const std::vector<std::string>& errors() const { return m_errors; }

private:
    nlohmann::json call(const std::string& method, nlohmann::json params = nlohmann::json::object(), bool inSession = true);
    bool readMessage(nlohmann::json& out, int timeoutMs);
    void note(const nlohmann::json& event);

    pid_t m_pid = -1;
    int m_write = -1;
    int m_read = -1;
    int m_nextId = 1;
    std::string m_buffer;
    std::string m_session;
    std::string m_profile;
    QString m_error;
    std::vector<nlohmann::json> m_pending;  // events read while waiting for a reply
    std::vector<std::string> m_requests;
    std::vector<std::string> m_errors;
};

}  // namespace atlas::test
