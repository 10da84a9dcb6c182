#pragma once
// What a person set for publishing (format, page, furniture): a value the project file keeps
// and the publishing layer reads. It lives in the model because a project saves it; drawing
// the page is publishing's business (atlas/publishing/project_export.h).
#include <QPageSize>
#include <QSize>
#include <QString>

#include <optional>

namespace atlas::app {

enum class ExportFormat { Png, Svg, Pdf };

QString exportFormatName(ExportFormat format);                     // "png", "svg", "pdf"
std::optional<ExportFormat> exportFormatFromName(const QString& name);
std::optional<ExportFormat> exportFormatForPath(const QString& path);  // by the file's suffix
// "A4", "A3", "Letter" (case-insensitive) → Qt's page size id.
std::optional<QPageSize::PageSizeId> paperFromName(const QString& name);

struct ExportSettings {
    ExportFormat format = ExportFormat::Png;
    QSize pixelSize{1600, 1000};  // PNG and SVG page, device pixels
    // 0: automatic. PDF: 300. PNG and SVG: the image stands for the paper (in the image's
    // orientation) at its width, so type, lines and symbols keep their size on the page and a
    // 3200 px PNG reads like the A4 PDF; never smaller than on screen (96 dpi).
    int dpi = 0;
    QString paper = "A4";         // PDF always; PNG/SVG only with usePaper
    bool landscape = true;
    bool usePaper = false;
    bool layout = true;           // false: the map only, with the window's overlays
    QString title;
    QString subtitle;
    bool legend = true;
    bool scaleBar = true;
    bool northArrow = true;
    bool inset = true;
    bool credits = true;
    bool dateStamp = true;
    bool annotations = true;

    // The dpi given, or PDF's 300; an automatic PNG/SVG dpi depends on the page (pageSpecFor).
    int effectiveDpi() const { return dpi > 0 ? dpi : (format == ExportFormat::Pdf ? 300 : 96); }
    bool operator==(const ExportSettings&) const = default;
};

}  // namespace atlas::app
