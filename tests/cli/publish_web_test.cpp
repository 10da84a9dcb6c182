// `kachin-atlas export-web`: the exported folder loaded from file:// in Debian's headless
// Chromium — what it draws for a day, its popups, its state against `kachin-atlas state`, the
// slider from the keyboard, a phone's width, and that it asks no other host for anything.
#include "cli_support.h"
#include "headless_chromium.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <nlohmann/json.hpp>

using namespace atlas::test;
using Json = nlohmann::json;

namespace {

// One export of the bundled data for every test here (it takes under a second).
QString bhamoExport()
{
    static const QString dir = [] {
        const QString d = tempDir("web") + "/bhamo-web";
        const RunResult r = runAtlas({"export-web", "-o", d, "--view", "bhamo", "--title", "Bhamo & the rare-earth belt",
                                      "--subtitle", "Who held what, day by day"});
        INFO(r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        return d;
    }();
    return dir;
}

QString pageUrl(const QString& dir)
{
    return QUrl::fromLocalFile(QDir(dir).filePath("index.html")).toString();
}

// Requests to anything but a file inside `dir` (data: URLs are the page's own bytes).
std::vector<std::string> foreignRequests(const HeadlessChromium& browser, const QString& dir)
{
    const std::string inside = QUrl::fromLocalFile(QDir(dir).absolutePath() + "/").toString().toStdString();
    std::vector<std::string> out;
    for (const std::string& url : browser.requests())
        if (url.rfind(inside, 0) != 0 && url.rfind("data:", 0) != 0) out.push_back(url);
    return out;
}

// Moves the slider as a pointer drag does: a new value and an `input` event.
void dragSliderTo(HeadlessChromium& browser, const char* iso)
{
    browser.eval(std::string("(() => { const s = document.getElementById('atlas-slider'); "
                             "s.value = String(Math.round(Date.parse('") + iso +
                 "T00:00:00Z') / 86400000)); s.dispatchEvent(new Event('input', {bubbles: true})); return s.value; })()");
}

std::string drawnFill(HeadlessChromium& browser, const char* id)
{
    const Json v = browser.eval(std::string("(() => { const e = document.querySelector('path[data-atlas-id=\"") + id +
                                "\"]'); return e ? e.getAttribute('fill') : null; })()");
    return v.is_string() ? v.get<std::string>() : std::string("(not drawn)");
}

Json cliState(const char* iso)
{
    const RunResult r = runAtlas({"state", "--date", iso, "--format", "json"});
    REQUIRE(r.exitCode == 0);
    return Json::parse(r.out.toStdString());
}

// The parts of `state --format json` the page reproduces, in the page's shape.
Json comparable(const Json& s)
{
    Json out;
    out["date"] = s["date"];
    out["window"] = s["window"];
    out["mines"] = Json::array();
    for (const Json& m : s["mines"]) out["mines"].push_back({{"id", m["id"]}, {"controller", m["controller"]}});
    out["crossings"] = Json::array();
    for (const Json& c : s["crossings"])
        out["crossings"].push_back({{"id", c["id"]}, {"controller", c["controller"]}, {"status", c["status"]}});
    out["events"] = Json::array();
    for (const Json& e : s["events"]) out["events"].push_back(e["id"]);
    out["front_lines"] = Json::array();
    for (const Json& f : s["front_lines"])
        out["front_lines"].push_back({{"line_id", f["line_id"]}, {"in_force", f["in_force"].is_null() ? Json() : f["in_force"]["id"]}});
    out["control_areas"] = Json::array();
    for (const Json& a : s["control_areas"]) out["control_areas"].push_back({{"area_id", a["area_id"]}, {"as_of", a["as_of"]}});
    return out;
}

}  // namespace

TEST_CASE("export-web writes a self-contained folder under 5 MB", "[cli][publish][web]")
{
    const QString dir = bhamoExport();
    for (const char* f : {"index.html", "atlas.js", "atlas.css", "data/atlas-data.js", "leaflet/leaflet.js", "leaflet/leaflet.css"})
        CHECK(QFileInfo::exists(QDir(dir).filePath(f)));
    qint64 bytes = 0;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) bytes += QFileInfo(it.next()).size();
    CHECK(bytes < 5'000'000);
    QFile html(QDir(dir).filePath("index.html"));
    REQUIRE(html.open(QIODevice::ReadOnly));
    // The title is written into the page, escaped.
    CHECK(html.readAll().contains("<title>Bhamo &amp; the rare-earth belt</title>"));

    const RunResult bad = runAtlas({"export-web", "-o", tempDir("web-bad") + "/x", "--from", "2025-13-01"});
    CHECK(bad.exitCode == 2);
    CHECK(bad.err.contains("--from"));
}

TEST_CASE("the web map draws the day the slider is on, as the window does", "[cli][publish][web]")
{
    const QString dir = bhamoExport();
    HeadlessChromium browser(1280, 800);
    INFO(browser.error().toStdString());
    REQUIRE(browser.ok());
    REQUIRE(browser.load(pageUrl(dir)));
    // A figure for the README's "opens in under a second", not a pass/fail on wall-clock time.
    const double loadMs = browser.eval("performance.getEntriesByType('navigation')[0].loadEventEnd").get<double>();
    WARN("page loaded (script run, map drawn) in " << static_cast<int>(loadMs) << " ms");
    const double drawnMs = browser.eval("performance.getEntriesByName('atlas-drawn')[0].startTime").get<double>();
    WARN("map drawn " << static_cast<int>(drawnMs) << " ms after navigation (the page's script and data loaded by "
                      << static_cast<int>(browser.eval("performance.getEntriesByName('atlas-start')[0].startTime").get<double>())
                      << " ms)");

    SECTION("the Pangwa belt in the KIA's colour after the takeover, the BGF's before")
    {
        dragSliderTo(browser, "2024-10-20");
        CHECK(browser.eval("atlasDate()") == "2024-10-20");
        CHECK(drawnFill(browser, "mine:pangwa-belt") == "#0072b2");  // palette::controllerColor("KIA")
        dragSliderTo(browser, "2024-10-01");  // between Chipwi's fall and Pangwa's: contested
        CHECK(drawnFill(browser, "mine:pangwa-belt") == "#999999");
        dragSliderTo(browser, "2024-09-15");
        CHECK(drawnFill(browser, "mine:pangwa-belt") == "#e69f00");  // "NDA-K/BGF"
    }
    SECTION("the popup for Bhamo: names in every language, controller, events and sources with links")
    {
        dragSliderTo(browser, "2025-01-27");
        browser.eval("document.querySelector('[data-atlas-id=\"place:bhamo\"]').click()");
        const std::string text = browser.eval("document.querySelector('.leaflet-popup-content').textContent").get<std::string>();
        INFO(text);
        CHECK(text.find("Bhamo") != std::string::npos);
        CHECK(text.find("ဗန်းမော်မြို့") != std::string::npos);
        CHECK(text.find("八莫") != std::string::npos);
        CHECK(text.find("On 27 Jan 2025") != std::string::npos);
        CHECK(text.find("Controlled by") != std::string::npos);
        CHECK(text.find("Events (") != std::string::npos);
        for (const char* source : {"S52", "S53", "S70"}) CHECK(text.find(source) != std::string::npos);
        const int links = browser.eval("document.querySelectorAll('.leaflet-popup-content .sources a[href^=\"https://\"]').length").get<int>();
        CHECK(links > 0);
    }
    SECTION("keyboard users move the slider: arrows by a day, Page Up by a month")
    {
        dragSliderTo(browser, "2024-10-20");
        browser.eval("document.getElementById('atlas-slider').focus()");
        browser.pressKey("ArrowRight", 39);
        CHECK(browser.eval("atlasDate()") == "2024-10-21");
        browser.pressKey("PageUp", 33);
        CHECK(browser.eval("atlasDate()") == "2024-11-20");
        CHECK(browser.eval("document.getElementById('atlas-date').textContent").get<std::string>().find("20 Nov 2024") != std::string::npos);
    }
    SECTION("the legend and the credits are those of what is drawn")
    {
        dragSliderTo(browser, "2025-01-27");
        const std::string legend = browser.eval("document.querySelector('.atlas-legend').innerText").get<std::string>();
        CHECK(legend.find("Areas of control (schematic)") != std::string::npos);
        CHECK(legend.find("Junta (SAC)") != std::string::npos);
        const std::string credits = browser.eval("document.getElementById('atlas-credits').innerText").get<std::string>();
        CHECK(credits.find("Sources:") != std::string::npos);
        CHECK(credits.find("Basemap: Natural Earth.") != std::string::npos);
    }
    CHECK(browser.errors().empty());
    for (const std::string& e : browser.errors()) WARN(e);
    const auto foreign = foreignRequests(browser, dir);
    for (const std::string& url : foreign) WARN("request outside the folder: " << url);
    CHECK(foreign.empty());
    CHECK(browser.requests().size() >= 5);  // the page, its script, style, Leaflet and the data
}

TEST_CASE("the web map's state on a day is `kachin-atlas state` on that day", "[cli][publish][web]")
{
    const QString dir = bhamoExport();
    HeadlessChromium browser(1280, 800);
    INFO(browser.error().toStdString());
    REQUIRE(browser.ok());
    REQUIRE(browser.load(pageUrl(dir)));
    for (const char* day : {"2024-10-01", "2024-10-20", "2024-12-20", "2025-01-27", "2025-06-01", "2025-11-15"}) {
        INFO(day);
        const Json page = browser.eval(std::string("atlasStateFor('") + day + "')");
        const Json cli = comparable(cliState(day));
        CHECK(page["mines"] == cli["mines"]);
        CHECK(page["crossings"] == cli["crossings"]);
        CHECK(page["events"] == cli["events"]);
        CHECK(page["front_lines"] == cli["front_lines"]);
        CHECK(page["control_areas"] == cli["control_areas"]);
        CHECK(page["window"] == cli["window"]);
        CHECK(page["events"].size() + page["control_areas"].size() > 0);
    }
    CHECK(browser.errors().empty());
}

TEST_CASE("the web map fits a phone and an iframe", "[cli][publish][web]")
{
    const QString dir = bhamoExport();
    HeadlessChromium browser(360, 740);
    INFO(browser.error().toStdString());
    REQUIRE(browser.ok());
    REQUIRE(browser.load(pageUrl(dir)));
    // Nothing wider than the screen; the slider keeps a usable width; the map most of the height.
    CHECK(browser.eval("document.documentElement.scrollWidth").get<int>() <= 360);
    CHECK(browser.eval("document.getElementById('atlas-slider').getBoundingClientRect().width").get<double>() >= 150);
    CHECK(browser.eval("document.getElementById('map').getBoundingClientRect().height").get<double>() >= 400);
    browser.screenshot(QDir(dir).filePath("../phone.png"));

    // In an article: an <iframe> of the folder's page.
    QFile article(QDir(dir).filePath("../article.html"));
    REQUIRE(article.open(QIODevice::WriteOnly));
    article.write("<!doctype html><html><body><p>Story text.</p>"
                  "<iframe id='map' src='bhamo-web/index.html' width='340' height='600' title='Map'></iframe></body></html>");
    article.close();
    REQUIRE(browser.load(QUrl::fromLocalFile(QFileInfo(article).absoluteFilePath()).toString()));
    CHECK(browser.errors().empty());
    const auto foreign = foreignRequests(browser, QFileInfo(article).absolutePath());
    CHECK(foreign.empty());
    // The frame loaded the page, its data and Leaflet.
    bool data = false;
    for (const std::string& url : browser.requests()) data = data || url.find("bhamo-web/data/atlas-data.js") != std::string::npos;
    CHECK(data);
}

TEST_CASE("the request check catches a page that asks another host", "[cli][publish][web]")
{
    // A copy of the export whose page loads an image from the network: the same check as
    // above must name it (so a passing check means something).
    const QString dir = tempDir("web-leak") + "/leak";
    const RunResult r = runAtlas({"export-web", "-o", dir, "--view", "bhamo"});
    REQUIRE(r.exitCode == 0);
    QFile html(QDir(dir).filePath("index.html"));
    REQUIRE(html.open(QIODevice::ReadOnly));
    QByteArray page = html.readAll();
    html.close();
    page.replace("</body>", "<img src=\"https://tiles.example.invalid/0/0/0.png\" alt=\"\"></body>");
    REQUIRE(html.open(QIODevice::WriteOnly | QIODevice::Truncate));
    html.write(page);
    html.close();

    HeadlessChromium browser(800, 600);
    INFO(browser.error().toStdString());
    REQUIRE(browser.ok());
    REQUIRE(browser.load(pageUrl(dir)));
    const auto foreign = foreignRequests(browser, dir);
    REQUIRE(foreign.size() == 1);
    CHECK(foreign.front() == "https://tiles.example.invalid/0/0/0.png");
}
