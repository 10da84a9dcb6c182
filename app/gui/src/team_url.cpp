#include "atlas/gui/team_url.h"

#include <QRegularExpression>

#include <libpq-fe.h>

#include <memory>

namespace atlas::app {
namespace {

bool isUri(const QString& url)
{
    return url.startsWith("postgresql://") || url.startsWith("postgres://");
}

// A value in a connection string: quoted, with ' and \ escaped (libpq's rules).
QString quoted(const QString& value)
{
    QString v = value;
    v.replace('\\', "\\\\").replace('\'', "\\'");
    return '\'' + v + '\'';
}

}  // namespace

QString withoutPassword(const QString& url)
{
    QString out = url.trimmed();
    if (isUri(out)) {
        static const QRegularExpression userinfo(R"(^(postgres(?:ql)?://[^:@/?]*):[^@/?]*@)");
        static const QRegularExpression param(R"(([?&])password=[^&]*(&|$))");
        out.replace(userinfo, "\\1@");
        out.replace(param, "\\1");
        if (out.endsWith('?') || out.endsWith('&')) out.chop(1);
        return out;
    }
    static const QRegularExpression keyword(R"(\bpassword\s*=\s*('(?:[^'\\]|\\.)*'|\S*))");
    out.remove(keyword);
    return out.simplified();
}

QString withPassword(const QString& url, const QString& password)
{
    char* error = nullptr;
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
        PQconninfoParse(url.toUtf8().constData(), &error), &PQconninfoFree);
    if (error) PQfreemem(error);
    if (!options) return {};
    QStringList parts;
    for (const PQconninfoOption* o = options.get(); o->keyword; ++o)
        if (o->val && *o->val && QLatin1String(o->keyword) != QLatin1String("password"))
            parts << QString::fromUtf8(o->keyword) + '=' + quoted(QString::fromUtf8(o->val));
    parts << "password=" + quoted(password);
    return parts.join(' ');
}

bool wantsPassword(const QString& error)
{
    return error.contains("password authentication failed") || error.contains("no password supplied");
}

}  // namespace atlas::app
