#pragma once
// The project reader's pieces (a style, the export settings, the trade settings) each say what
// they skipped as "member: what happened"; across their boundary that is a warning Diagnostic
// with the member as its field, and the reader puts the member back under its own path
// ("layers[2].style.fill: not a colour…").
#include "atlas/diagnostics.h"

#include <QString>
#include <QStringList>

namespace atlas::app::detail {

inline Diagnostics memberWarnings(const QStringList& lines)
{
    Diagnostics out;
    for (const QString& line : lines) {
        const qsizetype colon = line.indexOf(": ");
        if (colon < 0) out.warning({}, {}, {}, line.toStdString());
        else out.warning({}, {}, line.left(colon).toStdString(), line.mid(colon + 2).toStdString());
    }
    return out;
}

inline QStringList memberLines(const Diagnostics& warnings)
{
    QStringList out;
    for (const Diagnostic& d : warnings.items())
        out << QString::fromStdString(d.field.empty() ? d.message : d.field + ": " + d.message);
    return out;
}

}  // namespace atlas::app::detail
