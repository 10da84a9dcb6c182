#include "atlas/render/palette.h"

namespace atlas::render::palette {

QColor controllerColor(std::string_view c)
{
    if (c == "KIA") return kBlue;
    if (c == "junta") return kVermillion;
    if (c == "NDA-K/BGF") return kOrange;
    if (c == "UWSA") return kUwsa;
    if (c == "NDAA") return kBluishGreen;
    if (c == "MNDAA") return kYellow;
    if (c == "contested") return kContested;
    return kGrey;  // not known
}

QColor statusColor(std::string_view s)
{
    if (s == "open") return kBluishGreen;
    if (s == "restricted") return kOrange;
    if (s == "closed") return kVermillion;
    return kGrey;
}

QColor eventKindColor(std::string_view k)
{
    if (k == "battle") return kVermillion;
    if (k == "capture") return kBlue;
    if (k == "airstrike") return QColor(120, 20, 20);
    if (k == "border") return kReddishPurple;
    if (k == "trade") return kBluishGreen;
    if (k == "policy") return kOrange;
    if (k == "political") return kSkyBlue;
    if (k == "disaster") return QColor(90, 90, 90);
    if (k == "report") return QColor(230, 230, 230);
    return kGrey;
}

}  // namespace atlas::render::palette
