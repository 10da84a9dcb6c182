#pragma once
// Names in the language the user chose for labels and the inspector: English, Burmese,
// Chinese or Jinghpaw, falling back to English where the data has no name in that language.
#include "atlas/layer.h"

#include <QString>

#include <optional>
#include <string>

namespace atlas::app {

enum class NameLanguage { English, Burmese, Chinese, Jinghpaw };

// "en", "my", "zh", "kac" (settings keys) and back (English for anything else).
QString nameLanguageKey(NameLanguage language);
NameLanguage nameLanguageFromKey(const QString& key);
// "English", "Burmese — မြန်မာ", "Chinese — 中文", "Jinghpaw"
QString nameLanguageTitle(NameLanguage language);
// The column holding names in a language: "name", "name_my", "name_zh", "name_kac".
std::string nameField(NameLanguage language);

// The label column added to layers with names in several languages. Internal: attribute
// views skip columns whose name starts with '@'.
inline constexpr const char* kLabelColumn = "@label";
inline bool isInternalColumn(std::string_view name) { return !name.empty() && name.front() == '@'; }

// True when the layer has a `name` column and at least one of name_my / name_zh / name_kac.
bool hasTranslatedNames(const Layer& layer);
// A feature's name in `language`; the English `name` when that one is empty.
std::string featureName(const Layer& layer, std::size_t row, NameLanguage language);
// A copy of `layer` (same rows, same columns) whose kLabelColumn holds each feature's name in
// `language` with the English fallback; replaces a label column it already has.
LayerPtr withLabelColumn(const Layer& layer, NameLanguage language);

class MapDocument;
// Every layer of `doc` with names in several languages gets a label column in `language`, and
// its name labels read from it (what the window's View → Names does, for the command line).
void applyNameLanguage(MapDocument& doc, NameLanguage language);
// Parses "en", "my", "zh", "kac"; nullopt for anything else.
std::optional<NameLanguage> parseNameLanguage(const QString& key);

}  // namespace atlas::app
