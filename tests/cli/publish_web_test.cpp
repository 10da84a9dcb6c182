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
#include <QImage>
#include <QUrl>

#include <nlohmann/json.hpp>

#include <cmath>

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

// The machine's 1-minute load average, printed beside the page's timing (the cores are shared).
std::string loadAverage()
{
    QFile f("/proc/loadavg");
    return f.open(QIODevice::ReadOnly) ? f.readAll().split(' ').front().toStdString() : std::string("?");
}

// A data script as the page reads it: `window.NAME = JSON.parse('…');`.
Json dataScript(const QString& path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    const qsizetype from = text.indexOf("JSON.parse('"), to = text.lastIndexOf("');");
    REQUIRE(from > 0);
    REQUIRE(to > from);
    QByteArray literal = text.mid(from + 12, to - from - 12), json;
    for (qsizetype i = 0; i < literal.size(); ++i) json += literal[i] == '\\' ? literal[++i] : literal[i];
    return Json::parse(json.toStdString());
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
    for (const char* f : {"index.html", "atlas.js", "atlas.css", "data/atlas-data.js", "data/atlas-far.js", "leaflet/leaflet.js",
                          "leaflet/leaflet.css"})
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
    // Figures for the README's "opens in under a second", not a pass/fail on wall-clock time:
    // the page's own clock, from navigation to the first painted frame with every layer of the day.
    const double drawnMs = browser.eval("window.atlasDrawn").get<double>();
    const double startMs = browser.eval("performance.getEntriesByName('atlas-start')[0].startTime").get<double>();
    const double completeMs = browser.eval("window.atlasComplete").get<double>();
    WARN("map drawn " << static_cast<int>(drawnMs) << " ms after navigation (script and data loaded by "
                      << static_cast<int>(startMs) << " ms; the basemap away from the view added by "
                      << static_cast<int>(completeMs) << " ms; load average " << loadAverage() << ")");

    SECTION("the Pangwa belt in the KIA's colour after the takeover, the BGF's before")
    {
        dragSliderTo(browser, "2024-10-20");
        CHECK(browser.eval("atlasDate()") == "2024-10-20");
        CHECK(drawnFill(browser, "mine:pangwa-belt") == "#0072b2");  // palette::controllerColor("KIA")
        dragSliderTo(browser, "2024-10-01");  // between Chipwi's fall and Pangwa's: contested
        CHECK(drawnFill(browser, "mine:pangwa-belt") == "#5a5a5a");  // palette::controllerColor("contested")
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

TEST_CASE("the web map's first drawing is light: outlines written once, trimmed, the basemap on a canvas", "[cli][publish][web]")
{
    const QString dir = bhamoExport();
    const Json data = dataScript(QDir(dir).filePath("data/atlas-data.js"));
    const Json far = dataScript(QDir(dir).filePath("data/atlas-far.js"));
    const Json& layers = data["layers"];

    // The countries are drawn twice (their fill under the states, their borders over them) from
    // one copy of their outlines.
    std::vector<std::size_t> countries;
    for (std::size_t i = 0; i < layers.size(); ++i)
        if (layers[i]["name"] == "countries") countries.push_back(i);
    REQUIRE(countries.size() == 2);
    CHECK(layers[countries[1]]["geometryOf"] == countries[0]);
    for (const Json& f : layers[countries[1]]["features"]) CHECK_FALSE(f.contains("g"));
    const std::string farBorders = std::to_string(countries[1]);
    if (far.contains(farBorders))
        for (const Json& f : far[farBorders]) CHECK_FALSE(f.contains("g"));

    // A country's outline is in the folder once: its vertices, as written, occur once in all
    // the folder's files together (a few of them would not do: provinces share coastlines).
    Json outline;  // the longest ring of any country (a small island can also be a province)
    for (const Json* list : {&layers[countries[0]]["features"], far.contains(std::to_string(countries[0])) ? &far[std::to_string(countries[0])] : nullptr})
        for (std::size_t i = 0; list && i < list->size(); ++i)
            if ((*list)[i].contains("g") && (*list)[i]["g"].is_object()) {
                const Json& g = (*list)[i]["g"];
                for (const Json& polygon : g["type"] == "Polygon" ? Json::array({g["coordinates"]}) : g["coordinates"])
                    if (polygon[0].size() > outline.size()) outline = polygon[0];
            }
    REQUIRE(outline.size() > 5);
    std::string needle;
    for (std::size_t k = 0; k < outline.size(); ++k) needle += (k > 0 ? "," : "") + outline[k].dump();
    QByteArray everything;
    qint64 firstDrawing = 0;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        REQUIRE(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        everything += bytes;
        // What the page loads before it draws: all but the far basemap, Leaflet's unused
        // images and its licence.
        const QString rel = QDir(dir).relativeFilePath(f.fileName());
        if (rel != "data/atlas-far.js" && !rel.startsWith("leaflet/images") && rel != "leaflet/COPYRIGHT") firstDrawing += bytes.size();
    }
    INFO(needle.substr(0, 200));
    CHECK(everything.count(QByteArray::fromStdString(needle)) == 1);
    CHECK(firstDrawing < 1'000'000);

    // Coordinates keep 5 decimals at most (~1 m), the basemap's 4 (~10 m).
    std::size_t coordinates = 0, finer = 0;
    auto walk = [&](const Json& v, double scale, auto& self) -> void {
        if (v.is_array())
            for (const Json& x : v) self(x, scale, self);
        else if (v.is_number()) {
            ++coordinates;
            const double scaled = v.get<double>() * scale;
            if (std::abs(scaled - std::round(scaled)) > 1e-6) ++finer;
        }
    };
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const double scale = layers[i]["role"] == "basemap" ? 1e4 : 1e5;
        std::vector<const Json*> lists{&layers[i]["features"]};
        if (far.contains(std::to_string(i))) lists.push_back(&far[std::to_string(i)]);
        for (const Json* list : lists)
            for (const Json& f : *list)
                if (f.contains("g") && f["g"].is_object()) walk(f["g"]["coordinates"], scale, walk);
    }
    CHECK(coordinates > 10'000);
    CHECK(finer == 0);

    HeadlessChromium browser(1280, 800);
    INFO(browser.error().toStdString());
    REQUIRE(browser.ok());
    REQUIRE(browser.load(pageUrl(dir)));
    browser.eval("window.atlasDrawn");
    // The first drawing: the basemap on one canvas, a few dozen SVG paths for the data (the
    // export before this drew 543 paths and 879 elements).
    CHECK(browser.eval("document.querySelectorAll('.leaflet-atlas-basemap-pane canvas').length").get<int>() == 1);
    const int paths = browser.eval("document.querySelectorAll('#map svg path').length").get<int>();
    const int elements = browser.eval("document.querySelectorAll('*').length").get<int>();
    WARN("first drawing: " << paths << " SVG paths, " << elements << " elements");
    CHECK(paths > 0);
    CHECK(paths <= 100);
    CHECK(elements <= 600);

    // The basemap away from the view comes in after: Thailand (only in data/atlas-far.js) is
    // painted when the reader goes there.
    browser.eval("window.atlasComplete");
    browser.eval("atlasMap.setView([18.79, 98.98], 8, {animate: false}); "
                 "new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))");
    const QString shot = QDir(dir).filePath("../far.png");
    REQUIRE(browser.screenshot(shot));
    const QImage image(shot);
    REQUIRE(!image.isNull());
    const std::vector<int> c = browser.eval("(() => { const r = document.getElementById('map').getBoundingClientRect(); "
                                            "return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)]; })()")
                                   .get<std::vector<int>>();
    // Thailand takes the countries' default fill (not Myanmar's, not China's); without the far
    // basemap the spot shows the map's background.
    const QColor fill(QString::fromStdString(layers[countries[0]]["style"]["symbol"]["fill"].get<std::string>()));
    REQUIRE(colourDistance(fill, QColor(QString::fromStdString(data["background"].get<std::string>()))) > 20);
    int land = 0, total = 0;
    for (int dy = -20; dy <= 20; dy += 4)
        for (int dx = -20; dx <= 20; dx += 4) {
            ++total;
            if (colourDistance(image.pixelColor(c[0] + dx, c[1] + dy), fill) <= 6) ++land;
        }
    INFO("pixels in the fill of Thailand around Chiang Mai: " << land << " of " << total);
    CHECK(land * 2 > total);
    CHECK(browser.errors().empty());
    CHECK(foreignRequests(browser, dir).empty());
}
