// exportWebMap: the folder the page lives in — its own files, Leaflet copied from Debian's
// libjs-leaflet, and the data script. Everything the page loads is in the folder.
#include "atlas/publishing/web_export.h"

#include "atlas/model/data_paths.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace atlas::app {
namespace {

bool writeFile(const QString& path, const QByteArray& bytes, Diagnostics& diagnostics)
{
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit()) {
        diagnostics.error(path.toStdString(), "", "", "cannot write: " + out.errorString().toStdString());
        return false;
    }
    return true;
}

bool readFile(const QString& path, QByteArray& bytes, Diagnostics& diagnostics)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        diagnostics.error(path.toStdString(), "", "", "cannot read: " + in.errorString().toStdString());
        return false;
    }
    bytes = in.readAll();
    return true;
}

// Source-map comments point at files the folder does not hold; a browser's developer tools
// would ask for them.
QByteArray withoutSourceMap(QByteArray text)
{
    for (const char* marker : {"//# sourceMappingURL=", "/*# sourceMappingURL="}) {
        const qsizetype at = text.lastIndexOf(marker);
        if (at >= 0) {
            const qsizetype end = text.indexOf('\n', at);
            text.remove(at, (end < 0 ? text.size() : end) - at);
        }
    }
    return text;
}

QByteArray pageHtml(QByteArray html, const WebExportJob& job)
{
    const QString title = job.title.isEmpty() ? QString("Kachin Atlas") : job.title;
    html.replace("{{TITLE}}", title.toHtmlEscaped().toUtf8());
    html.replace("{{SUBTITLE}}", job.subtitle.toHtmlEscaped().toUtf8());
    return html;
}

// `window.NAME = JSON.parse('…');`: V8 parses a JSON string several times faster than the same
// object literal in a script. Inside the single-quoted literal only backslashes, quotes and
// line ends need escaping (JSON has no raw line ends; U+2028/9 are legal in a string since ES2019).
QByteArray dataScript(const char* name, const nlohmann::ordered_json& value)
{
    const std::string json = value.dump();
    QByteArray out = QByteArray("window.") + name + " = JSON.parse('";
    out.reserve(static_cast<qsizetype>(json.size() + json.size() / 50 + 64));
    for (const char c : json) {
        if (c == '\\' || c == '\'') out += '\\';
        out += c;
    }
    out += "');\n";
    return out;
}

qint64 folderSize(const QString& dir)
{
    qint64 bytes = 0;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) bytes += QFileInfo(it.next()).size();
    return bytes;
}

}  // namespace

WebAssets WebAssets::locate()
{
    WebAssets a;
    a.pageDir = DataPaths::locate().webDir;
    const QString leaflet = qEnvironmentVariable("KACHIN_ATLAS_LEAFLET");
    a.leafletDir = leaflet.isEmpty() ? QString("/usr/share/javascript/leaflet") : leaflet;
    return a;
}

WebExportResult exportWebMap(const WebExportJob& job, const QString& dir, const WebAssets& assets)
{
    WebExportResult r;
    if (!job.document) {
        r.diagnostics.error(dir.toStdString(), "", "", "nothing to export");
        return r;
    }
    const QDir page(assets.pageDir);
    if (assets.pageDir.isEmpty() || !page.exists("index.html")) {
        r.diagnostics.error("index.html", "", "", "the web map's page (resources/web/index.html) was not found next to "
                            "the program or in share/kachin-atlas/web; set KACHIN_ATLAS_DATA to the folder that holds web/");
        return r;
    }
    const QDir leaflet(assets.leafletDir);
    if (!leaflet.exists("leaflet.min.js") || !leaflet.exists("leaflet.css")) {
        r.diagnostics.error(assets.leafletDir.toStdString(), "", "",
                            "Leaflet was not found here (install Debian's libjs-leaflet, or set KACHIN_ATLAS_LEAFLET)");
        return r;
    }
    const QDir out(dir);
    for (const char* sub : {".", "data", "leaflet/images"})
        if (!out.mkpath(sub)) {
            r.diagnostics.error(out.filePath(sub).toStdString(), "", "", "cannot create the folder");
            return r;
        }

    // (source in assets, destination in the folder, transform)
    struct Copy {
        QString from;
        QString to;
        enum { Plain, Page, Script } kind;
    };
    std::vector<Copy> copies = {
        {page.filePath("index.html"), "index.html", Copy::Page},
        {page.filePath("atlas.js"), "atlas.js", Copy::Plain},
        {page.filePath("atlas.css"), "atlas.css", Copy::Plain},
        {leaflet.filePath("leaflet.min.js"), "leaflet/leaflet.js", Copy::Script},
        {leaflet.filePath("leaflet.css"), "leaflet/leaflet.css", Copy::Script},
    };
    for (const QString& image : QDir(leaflet.filePath("images")).entryList({"*.png"}, QDir::Files))
        copies.push_back({leaflet.filePath("images/" + image), "leaflet/images/" + image, Copy::Plain});
    // Leaflet's licence travels with it (BSD-2-Clause asks for the notice).
    if (QFileInfo::exists("/usr/share/doc/libjs-leaflet/copyright"))
        copies.push_back({"/usr/share/doc/libjs-leaflet/copyright", "leaflet/COPYRIGHT", Copy::Plain});

    for (const Copy& c : copies) {
        QByteArray bytes;
        if (!readFile(c.from, bytes, r.diagnostics)) return r;
        if (c.kind == Copy::Page) bytes = pageHtml(bytes, job);
        if (c.kind == Copy::Script) bytes = withoutSourceMap(bytes);
        if (!writeFile(out.filePath(c.to), bytes, r.diagnostics)) return r;
        r.files << c.to;
    }

    // Scripts, not JSON: browsers refuse fetch() on file://, but load scripts.
    nlohmann::ordered_json data = webMapData(job);
    const nlohmann::ordered_json far = std::move(data["far"]);
    data.erase("far");
    if (!writeFile(out.filePath("data/atlas-data.js"), dataScript("ATLAS_DATA", data), r.diagnostics)) return r;
    r.files << "data/atlas-data.js";
    if (!writeFile(out.filePath("data/atlas-far.js"), dataScript("ATLAS_FAR", far), r.diagnostics)) return r;
    r.files << "data/atlas-far.js";
    r.bytes = folderSize(dir);
    r.ok = true;
    return r;
}

}  // namespace atlas::app
