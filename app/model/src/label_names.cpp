#include "atlas/model/label_names.h"

#include "atlas/model/map_document.h"

#include <algorithm>

namespace atlas::app {

QString nameLanguageKey(NameLanguage language)
{
    switch (language) {
    case NameLanguage::Burmese: return "my";
    case NameLanguage::Chinese: return "zh";
    case NameLanguage::Jinghpaw: return "kac";
    case NameLanguage::English: break;
    }
    return "en";
}

NameLanguage nameLanguageFromKey(const QString& key)
{
    if (key == "my") return NameLanguage::Burmese;
    if (key == "zh") return NameLanguage::Chinese;
    if (key == "kac") return NameLanguage::Jinghpaw;
    return NameLanguage::English;
}

QString nameLanguageTitle(NameLanguage language)
{
    switch (language) {
    case NameLanguage::Burmese: return QString::fromUtf8("Burmese — မြန်မာ");
    case NameLanguage::Chinese: return QString::fromUtf8("Chinese — 中文");
    case NameLanguage::Jinghpaw: return QString::fromUtf8("Jinghpaw");
    case NameLanguage::English: break;
    }
    return QString::fromUtf8("English");
}

std::string nameField(NameLanguage language)
{
    switch (language) {
    case NameLanguage::Burmese: return "name_my";
    case NameLanguage::Chinese: return "name_zh";
    case NameLanguage::Jinghpaw: return "name_kac";
    case NameLanguage::English: break;
    }
    return "name";
}

bool hasTranslatedNames(const Layer& layer)
{
    return layer.column("name") && (layer.column("name_my") || layer.column("name_zh") || layer.column("name_kac"));
}

std::string featureName(const Layer& layer, std::size_t row, NameLanguage language)
{
    std::string name = layer.text(row, nameField(language));
    if (name.empty()) name = layer.text(row, "name");
    return name;
}

LayerPtr withLabelColumn(const Layer& layer, NameLanguage language)
{
    auto copy = std::make_shared<Layer>(layer);
    auto& columns = copy->mutableColumns();
    columns.erase(std::remove_if(columns.begin(), columns.end(), [](const Column& c) { return c.name() == kLabelColumn; }),
                  columns.end());
    Column& label = copy->addColumn(kLabelColumn, FieldType::String);
    label.reserve(layer.featureCount());
    for (std::size_t f = 0; f < layer.featureCount(); ++f) {
        const std::string name = featureName(layer, f, language);
        if (name.empty()) label.appendNull();
        else label.appendString(name);
    }
    return copy;
}

void applyNameLanguage(MapDocument& doc, NameLanguage language)
{
    for (std::size_t i = 0; i < doc.layers().size(); ++i) {
        const LayerEntry& e = doc.layers()[i];
        if (!e.layer || !hasTranslatedNames(*e.layer)) continue;
        const std::string f = e.style.label.field;
        const bool nameLabels = f == "name" || f == "name_my" || f == "name_zh" || f == "name_kac" || f == kLabelColumn;
        doc.setLayerData(i, withLabelColumn(*e.layer, language));
        if (nameLabels) {
            render::LayerStyle style = doc.layers()[i].style;
            style.label.field = kLabelColumn;
            doc.setLayerStyle(i, style);
        }
    }
}

std::optional<NameLanguage> parseNameLanguage(const QString& key)
{
    const QString k = key.trimmed().toLower();
    if (k == "en" || k == "my" || k == "zh" || k == "kac") return nameLanguageFromKey(k);
    return std::nullopt;
}

}  // namespace atlas::app
