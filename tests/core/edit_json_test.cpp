// Edits written as JSON and read back (the window's journal of unsaved edits) are the same edits.
#include "atlas/edit/edit_json.h"

#include <catch2/catch.hpp>

using namespace atlas::edit;

TEST_CASE("every kind of edit reads back from its JSON unchanged", "[edit]")
{
    AddEvent add;
    add.date = "2026-01-14";
    add.kind = "capture";
    add.title = "Test capture near Bhamo";
    add.lonLat = std::pair{97.23, 24.27};
    add.links = {"place:bhamo"};
    add.sources = {"S33"};
    const std::vector<Edit> edits = {
        add,
        UpdateFeature{"event:2026-01-14-lb-933-guard-posts", {{"title", "Retitled"}, {"note", nullptr}}, Json(nullptr), {"S75"}},
        DeleteFeature{"event:2026-01-14-lb-933-guard-posts", {"S75"}},
        RestoreFeature{"events", {{3, "{\"type\":\"Feature\"}"}}, {"S75"}},
        RecordControl{"mine:pangwa-belt", "2026-03", "junta", {"S74"}, "medium", "a note, with a comma"},
        RecordStatus{"crossing:kanpaikti", "2025-01-10", "closed", "China", {"S11"}, "low", ""},
        RetractSpan{RetractSpan::Table::CrossingStatus, "crossing:kanpaikti", "2025-01-10", std::string("2025-10-24"), {"S11"}},
        AddVersion{"area:bhamo", "2026-02-04", {{Json{{"type", "Polygon"}}, "KIA"}}, {"S75"}, "low", "", "drawn"},
        RemoveVersion{"area:bhamo", "2026-02-04", {"S75"}},
        AddSource{"The Irrawaddy", "A title", "2026-01-15", "irrawaddy.com", "M", ""},
        RemoveSource{"S83"},
    };
    for (const Edit& e : edits) {
        const Json j = toJson(e);
        INFO(j.dump());
        const auto back = editFromJson(j);
        REQUIRE(back.ok());
        CHECK(back->index() == e.index());
        CHECK(toJson(*back) == j);
    }
    // An explicit null geometry is kept; no geometry stays none.
    CHECK(std::get<UpdateFeature>(*editFromJson(toJson(edits[1]))).geometry.has_value());
    CHECK_FALSE(std::get<UpdateFeature>(*editFromJson(toJson(UpdateFeature{"x:y", {}, std::nullopt, {"S1"}}))).geometry);
}

TEST_CASE("JSON that is not an edit is refused with the field that is wrong", "[edit]")
{
    CHECK_THAT(editFromJson(Json{{"edit", "paint"}}, "journal.json").message(),
               Catch::Matchers::Contains("journal.json: edit: \"paint\" is not an edit"));
    CHECK_THAT(editFromJson(Json{{"edit", "delete"}, {"id", 3}}, "journal.json").message(),
               Catch::Matchers::Contains("journal.json:delete: id: missing or of the wrong type"));
}
