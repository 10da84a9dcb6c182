#include "atlas/model/export_settings.h"

#include <QFileInfo>

namespace atlas::app {

QString exportFormatName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Png: return "png";
    case ExportFormat::Svg: return "svg";
    case ExportFormat::Pdf: return "pdf";
    }
    return "png";
}

std::optional<ExportFormat> exportFormatFromName(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == "png") return ExportFormat::Png;
    if (n == "svg") return ExportFormat::Svg;
    if (n == "pdf") return ExportFormat::Pdf;
    return std::nullopt;
}

std::optional<ExportFormat> exportFormatForPath(const QString& path)
{
    return exportFormatFromName(QFileInfo(path).suffix());
}

std::optional<QPageSize::PageSizeId> paperFromName(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == "a4") return QPageSize::A4;
    if (n == "a3") return QPageSize::A3;
    if (n == "letter") return QPageSize::Letter;
    return std::nullopt;
}

}  // namespace atlas::app
