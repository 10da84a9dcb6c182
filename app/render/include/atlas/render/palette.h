#pragma once
// The colours every view shares (map, legend, timeline, inspector), from the Okabe–Ito
// colour-blind-safe palette where they carry meaning.
#include <QColor>

#include <string_view>

namespace atlas::render::palette {

// Okabe–Ito
inline const QColor kOrange{230, 159, 0};
inline const QColor kSkyBlue{86, 180, 233};
inline const QColor kBluishGreen{0, 158, 115};
inline const QColor kYellow{240, 228, 66};
inline const QColor kBlue{0, 114, 178};
inline const QColor kVermillion{213, 94, 0};
inline const QColor kReddishPurple{204, 121, 167};
inline const QColor kGrey{153, 153, 153};
// Controllers whose Okabe–Ito colour failed the colour-vision test (tests/render/palette_cvd_test.cpp):
// UWSA's reddish purple read as the "not known" grey under deuteranopia (ΔE 7), and "contested"
// shared that grey outright. A lighter purple and a darker grey keep every pair ≥ ΔE 11.
inline const QColor kUwsa{230, 150, 200};
inline const QColor kContested{90, 90, 90};

// Basemap
inline const QColor kSea{214, 226, 234};
inline const QColor kMyanmarFill{246, 241, 230};
inline const QColor kChinaFill{236, 233, 228};
inline const QColor kOtherCountryFill{241, 241, 237};
inline const QColor kCountryBorder{77, 77, 77};
inline const QColor kStateBorder{170, 165, 156};
inline const QColor kKachinHighlight{240, 150, 60, 150};
inline const QColor kTownSymbol{26, 26, 26};
inline const QColor kRiver{91, 155, 213};
inline const QColor kFrontLine{60, 10, 10};

// Who controls a place; unknown values get grey.
QColor controllerColor(std::string_view controller);
// Crossing status: open, restricted, closed.
QColor statusColor(std::string_view status);
// Event kinds: battle, capture, airstrike, border, trade, policy, political, disaster, report.
QColor eventKindColor(std::string_view kind);

}  // namespace atlas::render::palette
