// kachin-atlas edit on a copy of geodata/ (never geodata/ itself): what each subcommand prints
// and writes, what state/diff/validate --dataset say afterwards, refusals that change no byte.
#include "cli_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QImage>

#include <map>

using namespace atlas::test;
using Catch::Matchers::Contains;

namespace {

QString copyOfGeodata(const QString& name)
{
    const QString dir = tempDir(name);
    for (const QString& f : QDir(ATLAS_GEODATA_DIR).entryList(QDir::Files))
        QFile::copy(QString(ATLAS_GEODATA_DIR) + "/" + f, dir + "/" + f);
    return dir;
}

QByteArray bytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

std::map<QString, QByteArray> snapshot(const QString& dir)
{
    std::map<QString, QByteArray> out;
    for (const QString& f : QDir(dir).entryList(QDir::Files)) out[f] = bytes(dir + "/" + f);
    return out;
}

QStringList addEvent(const QString& dir)
{
    return {"edit",   "add-event", "--dataset", dir,      "--date", "2026-01-14", "--kind",   "capture",
            "--title", "Test capture near Bhamo", "--at", "97.23,24.27", "--radius", "2km",
            "--place", "place:bhamo", "--link", "place:bhamo", "--source", "S33"};
}

// The features of area:bhamo as of 2025-10, as a FeatureCollection file.
QString area202510(const QString& dir)
{
    nlohmann::json fc = {{"type", "FeatureCollection"}, {"features", nlohmann::json::array()}};
    for (const QByteArray& line : bytes(dir + "/control.geojson").split('\n')) {
        if (!line.contains("\"area_id\":\"area:bhamo\",\"as_of\":\"2025-10\"")) continue;
        QByteArray row = line.endsWith(',') ? line.chopped(1) : line;
        fc["features"].push_back(nlohmann::json::parse(row.toStdString()));
    }
    const QString path = tempDir("geometry") + "/area-2025-10.geojson";
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(QByteArray::fromStdString(fc.dump()));
    return path;
}

}  // namespace

TEST_CASE("edit add-event prints the id, adds one line, and state on that date lists it", "[cli][edit]")
{
    const QString dir = copyOfGeodata("edit-add-event");
    const auto before = snapshot(dir);
    const RunResult r = runAtlas(addEvent(dir));
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.trimmed() == "event:2026-01-14-test-capture-near-bhamo");

    const auto after = snapshot(dir);
    for (const auto& [name, data] : before)
        if (name != "events.geojson") CHECK(after.at(name) == data);
    const QList<QByteArray> oldLines = before.at("events.geojson").split('\n'),
                            newLines = after.at("events.geojson").split('\n');
    REQUIRE(newLines.size() == oldLines.size() + 1);
    int changed = 0;
    for (int i = 0, j = 0; i < oldLines.size(); ++i, ++j) {
        if (oldLines[i] != newLines[j]) ++changed, ++j;
        REQUIRE(oldLines[i] == newLines[j]);
    }
    CHECK(changed == 1);

    const RunResult state = runAtlas({"state", "--dataset", dir, "--date", "2026-01-14", "--window", "instant",
                                      "--format", "json"});
    REQUIRE(state.exitCode == 0);
    CHECK_THAT(state.out.toStdString(), Contains("event:2026-01-14-test-capture-near-bhamo"));
    const RunResult dayBefore = runAtlas({"state", "--dataset", dir, "--date", "2026-01-13", "--window", "instant",
                                          "--format", "json"});
    CHECK_THAT(dayBefore.out.toStdString(), !Contains("event:2026-01-14-test-capture-near-bhamo"));
    const RunResult validate = runAtlas({"validate", "--dataset", dir});
    CHECK(validate.exitCode == 0);
}

TEST_CASE("edit record-control makes state report the new controller from that day, the old one the day before",
          "[cli][edit]")
{
    const QString dir = copyOfGeodata("edit-record-control");
    const RunResult r = runAtlas({"edit", "record-control", "--dataset", dir, "--feature", "mine:pangwa-belt", "--date",
                                  "2026-03", "--controller", "junta", "--source", "S74"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.trimmed() == "mine:pangwa-belt");
    auto controller = [&](const char* date) {
        const RunResult s = runAtlas({"state", "--dataset", dir, "--date", date, "--format", "json"});
        REQUIRE(s.exitCode == 0);
        const auto j = nlohmann::json::parse(s.out.toStdString());
        for (const auto& m : j["mines"])
            if (m["id"] == "mine:pangwa-belt") return m["controller"].dump();
        return std::string("missing");
    };
    CHECK_THAT(controller("2026-02-28"), Contains("\"KIA\""));
    CHECK_THAT(controller("2026-03-01"), Contains("\"junta\""));
}

TEST_CASE("edit add-version saves a new as_of version and prints the km² diff prints", "[cli][edit]")
{
    const QString dir = copyOfGeodata("edit-add-version");
    const RunResult r = runAtlas({"edit", "add-version", "--dataset", dir, "--feature", "area:bhamo", "--as-of",
                                  "2026-02-04", "--geometry", area202510(dir), "--source", "S75"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QStringList lines = r.out.split('\n');
    REQUIRE(lines.size() > 5);
    CHECK(lines[0] == "area:bhamo");
    const QStringList sides = lines.filter(" gained ");
    REQUIRE(sides.size() == 3);
    CHECK(bytes(dir + "/control.geojson").count("\"area_id\":\"area:bhamo\",\"as_of\":\"2026-02-04\"") == 3);

    const RunResult diff = runAtlas({"diff", "--dataset", dir, "--from", "2026-02-03", "--to", "2026-02-04"});
    REQUIRE(diff.exitCode == 0);
    for (const QString& side : sides) CHECK_THAT(diff.out.toStdString(), Contains(side.toStdString()));
    // The 2025-10 shapes against those of 2025-12-25: ground moved from contested to junta.
    CHECK_THAT(r.out.toStdString(), Contains("junta      37.8 → 52.4   gained 14.7   lost 0.0"));
}

TEST_CASE("edit refusals exit 1 with the validator's message and change no byte", "[cli][edit]")
{
    const QString dir = copyOfGeodata("edit-refusals");
    const auto before = snapshot(dir);
    auto refused = [&](QStringList args, const std::string& message) {
        const RunResult r = runAtlas(args);
        INFO(r.err.toStdString());
        CHECK(r.exitCode == 1);
        CHECK(r.out.isEmpty());
        CHECK_THAT(r.err.toStdString(), Contains(message));
        CHECK_THAT(r.err.toStdString(), Contains("edit refused; no file was changed"));
        CHECK(snapshot(dir) == before);
    };
    QStringList noSource = addEvent(dir);
    noSource.removeLast();
    noSource.removeLast();
    refused(noSource, "events.geojson:event:2026-01-14-test-capture-near-bhamo: sources: empty");

    QStringList badDate = addEvent(dir);
    badDate[badDate.indexOf("2026-01-14")] = "2025-02-30";
    refused(badDate, "(event:2025-02-30-test-capture-near-bhamo): date: \"2025-02-30\": day 30 does not exist in February 2025");

    QStringList badLink = addEvent(dir);
    badLink << "--link" << "place:atlantis";
    refused(badLink, "links: \"place:atlantis\" does not name a feature");

    QStringList outside = addEvent(dir);
    outside[outside.indexOf("97.23,24.27")] = "120.5,24.27";
    refused(outside, "geometry: coordinate 120.50000, 24.27000 (lon, lat) is outside the region lon 88–106, lat 15–32");

    refused({"edit", "record-control", "--dataset", dir, "--feature", "mine:pangwa-belt", "--date", "2025-02-30",
             "--controller", "junta", "--source", "S74"},
            "controllers.csv:line 5: from: \"2025-02-30\"");
    refused({"edit", "delete", "--dataset", dir, "--id", "place:bhamo", "--source", "S75"}, "place:bhamo");
}

TEST_CASE("edit --dry-run prints the unified diff and writes nothing", "[cli][edit]")
{
    const QString dir = copyOfGeodata("edit-dry-run");
    const auto before = snapshot(dir);
    const RunResult r = runAtlas({"edit", "record-control", "--dataset", dir, "--feature", "mine:pangwa-belt", "--date",
                                  "2026-03", "--controller", "junta", "--source", "S74", "--dry-run"});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.startsWith("--- a/controllers.csv\n+++ b/controllers.csv\n@@ "));
    CHECK_THAT(r.out.toStdString(), Contains("\n-mine:pangwa-belt,2024-10-18,,KIA,"));
    CHECK_THAT(r.out.toStdString(), Contains("\n+mine:pangwa-belt,2024-10-18,2026-03,KIA,"));
    CHECK_THAT(r.out.toStdString(), Contains("\n+mine:pangwa-belt,2026-03,,junta,S74,medium,\n"));
    CHECK(snapshot(dir) == before);
}

TEST_CASE("edit add-source, update and delete print what they wrote", "[cli][edit]")
{
    const QString dir = copyOfGeodata("edit-others");
    RunResult r = runAtlas({"edit", "add-source", "--dataset", dir, "--outlet", "The Irrawaddy", "--title", "A title",
                            "--date", "2026-01-15", "--url", "irrawaddy.com", "--grade", "M"});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.trimmed() == "S83");
    r = runAtlas({"edit", "update", "--dataset", dir, "--id", "event:2026-01-14-lb-933-guard-posts", "--set",
                  "title=Retitled", "--set", "date_approx=true", "--source", "S83"});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.trimmed() == "event:2026-01-14-lb-933-guard-posts");
    CHECK(bytes(dir + "/events.geojson").contains("\"title\":\"Retitled\""));
    CHECK(bytes(dir + "/events.geojson").contains("\"date_approx\":true"));
    CHECK(bytes(dir + "/events.geojson").contains("\"sources\":\"S33;S26;S83\""));
    r = runAtlas({"edit", "delete", "--dataset", dir, "--id", "event:2026-01-14-lb-933-guard-posts", "--source", "S83"});
    REQUIRE(r.exitCode == 0);
    CHECK_FALSE(bytes(dir + "/events.geojson").contains("event:2026-01-14-lb-933-guard-posts"));
    CHECK(runAtlas({"edit", "add-event", "--dataset", dir}).exitCode == 2);
    CHECK(runAtlas({"edit", "nonsense"}).exitCode == 2);
}

TEST_CASE("export-data and export read the edited folder given with --dataset", "[cli][edit]")
{
    const QString dir = copyOfGeodata("edit-export");
    REQUIRE(runAtlas(addEvent(dir)).exitCode == 0);
    const QString out = tempDir("edit-export-out");
    const RunResult data = runAtlas({"export-data", "--dataset", dir, "--date", "2026-01-14", "--window", "instant",
                                     "--layers", "events", "-o", out + "/events.geojson"});
    INFO(data.err.toStdString());
    REQUIRE(data.exitCode == 0);
    CHECK(bytes(out + "/events.geojson").contains("event:2026-01-14-test-capture-near-bhamo"));
    const RunResult bundled = runAtlas({"export-data", "--date", "2026-01-14", "--window", "instant", "--layers",
                                        "events", "-o", out + "/bundled.geojson"});
    REQUIRE(bundled.exitCode == 0);
    CHECK_FALSE(bytes(out + "/bundled.geojson").contains("event:2026-01-14-test-capture-near-bhamo"));

    const RunResult map = runAtlas({"export", "--dataset", dir, "--date", "2026-01-14", "-o", out + "/map.png"});
    INFO(map.err.toStdString());
    CHECK(map.exitCode == 0);
    CHECK(QFile::exists(out + "/map.png"));
    CHECK(runAtlas({"export", "--dataset", out + "/no-such-folder", "-o", out + "/none.png"}).err.contains("no-such-folder"));
}

TEST_CASE("export --dataset draws the controller recorded by edit record-control", "[cli][edit]")
{
    const QString dir = copyOfGeodata("edit-export-pixels");
    REQUIRE(runAtlas({"edit", "record-control", "--dataset", dir, "--feature", "mine:pangwa-belt", "--date", "2026-03",
                      "--controller", "junta", "--source", "S74"})
                .exitCode == 0);
    const QString out = tempDir("edit-export-pixels-out");
    auto pixel = [&](const QStringList& data, const char* date, const QString& name) {
        const RunResult r = runAtlas(QStringList{"export", "--date", date, "--extent", "98.0,25.7,98.8,26.2", "--size",
                                                 "700x450", "-o", out + "/" + name} + data);
        REQUIRE(r.exitCode == 0);
        // Inside the belt's polygon, south-east of Chipwi.
        return QImage(out + "/" + name).pixelColor(230, 400);
    };
    const QColor bundled = pixel({}, "2026-03-01", "bundled.png");
    const QColor dayBefore = pixel({"--dataset", dir}, "2026-02-28", "before.png");
    const QColor edited = pixel({"--dataset", dir}, "2026-03-01", "after.png");
    CHECK(colourDistance(bundled, dayBefore) < 10);  // KIA on both
    CHECK(colourDistance(bundled, edited) > 100);    // junta from the recorded day
    CHECK(edited.red() > edited.blue());
    CHECK(bundled.blue() > bundled.red());
}
