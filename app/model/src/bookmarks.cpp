#include "atlas/model/bookmarks.h"

#include <QStringList>

namespace atlas::app {
namespace {

// Lower case letters and digits only: "Pangwa–Chipwi belt" → "pangwachipwibelt".
QString normalised(const QString& s)
{
    QString out;
    for (const QChar c : s)
        if (c.isLetterOrNumber()) out += c.toLower();
    return out;
}

}  // namespace

const std::vector<BuiltinView>& builtinViews()
{
    // The same areas as the window's built-in bookmarks (gui/bookmarks.cpp).
    static const std::vector<BuiltinView> list = {
        {"kachin-state", QString::fromUtf8("Kachin State"), Box{}},
        // Bhamo, the airport and the front: Shwegu to Momauk, Mansi to the Taping.
        {"bhamo", QString::fromUtf8("Bhamo"), Box::of(96.95, 24.05, 97.55, 24.45)},
        // Pangwa, Chipwi, Tsawlaw and Kanpaikti: the heavy rare-earth mining belt on the border.
        {"pangwa-chipwi", QString::fromUtf8("Pangwa–Chipwi rare-earth belt"), Box::of(97.95, 25.30, 98.60, 26.25)},
        // Laiza (KIO/KIA HQ) down the border to Mai Ja Yang and Lweje.
        {"laiza-mai-ja-yang", QString::fromUtf8("Laiza–Mai Ja Yang border"), Box::of(97.30, 24.10, 97.95, 24.90)},
    };
    return list;
}

const BuiltinView* findBuiltinView(const QString& key)
{
    const QString k = normalised(key);
    if (k.isEmpty()) return nullptr;
    const auto& list = builtinViews();
    for (const BuiltinView& b : list)
        if (normalised(b.id) == k || normalised(b.name) == k) return &b;
    const BuiltinView* found = nullptr;
    for (const BuiltinView& b : list) {
        if (!normalised(b.id).startsWith(k) && !normalised(b.name).startsWith(k)) continue;
        if (found) return nullptr;  // ambiguous
        found = &b;
    }
    return found;
}

QString builtinViewIds()
{
    QStringList ids;
    for (const BuiltinView& b : builtinViews()) ids << b.id;
    return ids.join(", ");
}

}  // namespace atlas::app
