#include "headless_chromium.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace atlas::test {

using Json = nlohmann::json;

HeadlessChromium::HeadlessChromium(int width, int height)
{
    const QString exe = QStandardPaths::findExecutable("chromium");
    if (exe.isEmpty()) {
        m_error = "chromium is not installed (Debian package chromium, listed in packaging/build-deps.txt)";
        return;
    }
    m_profile = (QDir::tempPath() + "/atlas-chromium-" + QString::number(getpid()) + "-" +
                 QString::number(reinterpret_cast<quintptr>(this), 16)).toStdString();
    int toBrowser[2], fromBrowser[2];
    if (pipe(toBrowser) != 0 || pipe(fromBrowser) != 0) {
        m_error = "pipe() failed";
        return;
    }
    const std::string size = "--window-size=" + std::to_string(width) + "," + std::to_string(height);
    const std::string profile = "--user-data-dir=" + m_profile;
    const std::string program = exe.toStdString();
    m_pid = fork();
    if (m_pid == 0) {
        // fd 3: what the browser reads; fd 4: what it writes. Move the ends out of the way first.
        const int in = fcntl(toBrowser[0], F_DUPFD, 10), out = fcntl(fromBrowser[1], F_DUPFD, 10);
        dup2(in, 3);
        dup2(out, 4);
        const int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 2);
        dup2(devnull, 1);
        for (int fd = 5; fd < 1024; ++fd) close(fd);
        execl(program.c_str(), program.c_str(), "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
              "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
              "--disable-component-update", "--disable-default-apps", "--disable-sync", "--disable-extensions",
              "--hide-scrollbars", "--mute-audio", profile.c_str(), size.c_str(), "about:blank",
              static_cast<char*>(nullptr));
        _exit(127);
    }
    close(toBrowser[0]);
    close(fromBrowser[1]);
    m_write = toBrowser[1];
    m_read = fromBrowser[0];
    try {
        const Json target = call("Target.createTarget", {{"url", "about:blank"}}, false);
        const Json attached = call("Target.attachToTarget", {{"targetId", target["targetId"]}, {"flatten", true}}, false);
        m_session = attached["sessionId"].get<std::string>();
        for (const char* domain : {"Page.enable", "Runtime.enable", "Network.enable", "Log.enable"}) call(domain);
        resize(width, height);
    } catch (const std::exception& e) {
        m_session.clear();
        m_error = QString("chromium did not answer: %1").arg(e.what());
    }
}

HeadlessChromium::~HeadlessChromium()
{
    if (m_write >= 0) {
        try {
            Json msg{{"id", m_nextId++}, {"method", "Browser.close"}};
            const std::string text = msg.dump() + '\0';
            (void)!write(m_write, text.data(), text.size());
        } catch (...) {
        }
        close(m_write);
    }
    if (m_pid > 0) {
        for (int i = 0; i < 50; ++i) {
            if (waitpid(m_pid, nullptr, WNOHANG) == m_pid) {
                m_pid = -1;
                break;
            }
            usleep(100'000);
        }
        if (m_pid > 0) {
            kill(m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
        }
    }
    if (m_read >= 0) close(m_read);
    if (!m_profile.empty()) QDir(QString::fromStdString(m_profile)).removeRecursively();
}

bool HeadlessChromium::readMessage(Json& out, int timeoutMs)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;) {
        const auto nul = m_buffer.find('\0');
        if (nul != std::string::npos) {
            out = Json::parse(m_buffer.substr(0, nul));
            m_buffer.erase(0, nul + 1);
            return true;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        pollfd p{m_read, POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
        char chunk[65536];
        const ssize_t n = read(m_read, chunk, sizeof chunk);
        if (n <= 0) return false;  // the browser went away
        m_buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

void HeadlessChromium::note(const Json& event)
{
    const std::string method = event.value("method", "");
    const Json& p = event.contains("params") ? event["params"] : Json::object();
    if (method == "Network.requestWillBeSent") m_requests.push_back(p["request"]["url"].get<std::string>());
    if (method == "Runtime.exceptionThrown") {
        const Json& d = p["exceptionDetails"];
        std::string text = d.value("text", "");
        if (d.contains("exception") && d["exception"].contains("description"))
            text += " " + d["exception"]["description"].get<std::string>();
        m_errors.push_back(text);
    }
    if (method == "Log.entryAdded" && p["entry"].value("level", "") == "error")
        m_errors.push_back(p["entry"].value("text", "") + " " + p["entry"].value("url", ""));
    if (method == "Runtime.consoleAPICalled" && p.value("type", "") == "error") m_errors.push_back("console.error");
}

Json HeadlessChromium::call(const std::string& method, Json params, bool inSession)
{
    const int id = m_nextId++;
    Json msg{{"id", id}, {"method", method}, {"params", std::move(params)}};
    if (inSession) msg["sessionId"] = m_session;
    const std::string text = msg.dump() + '\0';
    if (write(m_write, text.data(), text.size()) != static_cast<ssize_t>(text.size()))
        throw std::runtime_error("cannot write to chromium");
    Json reply;
    while (readMessage(reply, 30000)) {
        if (reply.contains("id") && reply["id"] == id) {
            if (reply.contains("error")) throw std::runtime_error(method + ": " + reply["error"].dump());
            return reply["result"];
        }
        note(reply);
        m_pending.push_back(reply);
    }
    throw std::runtime_error(method + ": no reply");
}

bool HeadlessChromium::load(const QString& url, int timeoutMs)
{
    m_requests.clear();
    m_errors.clear();
    m_pending.clear();
    call("Page.navigate", {{"url", url.toStdString()}});
    auto loaded = [](const Json& e) { return e.value("method", "") == "Page.loadEventFired"; };
    for (const Json& e : m_pending)
        if (loaded(e)) return true;
    Json event;
    while (readMessage(event, timeoutMs)) {
        note(event);
        if (loaded(event)) return true;
    }
    return false;
}

Json HeadlessChromium::eval(const std::string& expression)
{
    const Json r = call("Runtime.evaluate", {{"expression", expression}, {"returnByValue", true}, {"awaitPromise", true}});
    if (r.contains("exceptionDetails")) throw std::runtime_error("script error in: " + expression + ": " + r["exceptionDetails"].dump());
    return r["result"].value("value", Json());
}

void HeadlessChromium::pressKey(const std::string& key, int keyCode)
{
    for (const char* type : {"keyDown", "keyUp"})
        call("Input.dispatchKeyEvent", {{"type", type}, {"key", key}, {"code", key}, {"windowsVirtualKeyCode", keyCode}});
}

void HeadlessChromium::resize(int width, int height)
{
    call("Emulation.setDeviceMetricsOverride",
         {{"width", width}, {"height", height}, {"deviceScaleFactor", 1}, {"mobile", width < 600}});
}

bool HeadlessChromium::screenshot(const QString& path)
{
    const Json r = call("Page.captureScreenshot", {{"format", "png"}});
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(QByteArray::fromBase64(QByteArray::fromStdString(r["data"].get<std::string>()))) > 0;
}

}  // namespace atlas::test
