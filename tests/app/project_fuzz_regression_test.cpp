// Project files the project fuzzer (tests/fuzz/project_fuzz.cpp) found to break the reader.
#include "atlas/model/project_file.h"

#include <catch2/catch.hpp>

#include <climits>
#include <variant>

using namespace atlas;
using namespace atlas::app;

TEST_CASE("Numbers too large for their whole-number setting are clamped when a project is read", "[app][project][fuzz]")
{
    // Converting 1e300 to an int is undefined behaviour; the reader clamps to the int range.
    const QByteArray bytes = R"({"format": "kachin-atlas-project", "version": 1,
        "layers": [{"source": "file", "path": "a.geojson", "layer": "a",
                    "time": {"mode": "instant", "dateField": "date", "fadeDays": 1e300},
                    "style": {"label": {"field": "name", "priority": -1e300}}}],
        "export": {"dpi": 1e300}})";
    const Result<Project> r = projectFromJson(bytes, "/nonexistent/p.katlas");
    REQUIRE(r);
    REQUIRE(r->layers.size() == 1);
    const ProjectLayer& l = r->layers[0];
    REQUIRE(l.time);
    REQUIRE(std::holds_alternative<InstantTime>(*l.time));
    CHECK(std::get<InstantTime>(*l.time).fadeDays == INT_MAX);
    CHECK(l.style.label.priority == INT_MIN);
    CHECK(r->exportSettings.dpi == INT_MAX);
}

TEST_CASE("A project holding a number beyond the double range is refused as damaged, not a crash", "[app][project][fuzz]")
{
    // nlohmann::json throws out_of_range (not parse_error) for 51e308; it escaped the reader.
    const QByteArray bytes = R"({"format": "kachin-atlas-project", "version": 1,
        "layers": [{"source": "file", "path": "a.geojson", "time": {"mode": "cumulative", "fadeDays": 51e308}}]})";
    const Result<Project> r = projectFromJson(bytes, "/nonexistent/p.katlas");
    CHECK_FALSE(r);
    REQUIRE(r.diagnostics().size() == 1);
    CHECK(r.diagnostics().items().front().format() == "p.katlas: the project is damaged and cannot be opened: it holds a number too large to "
                         "read; the file was not changed");
}
