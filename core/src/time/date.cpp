#include "atlas/time/date.h"

#include <cstdio>

namespace atlas {
namespace {

constexpr const char* kMonthShort[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kMonthLong[] = {"January", "February", "March",     "April",   "May",      "June",
                                      "July",    "August",   "September", "October", "November", "December"};
constexpr const char* kExpected = "expected YYYY-MM-DD, YYYY-MM or YYYY";

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s)
{
    while (!s.empty() && isBlank(s.front())) s.remove_prefix(1);
    while (!s.empty() && isBlank(s.back())) s.remove_suffix(1);
    return s;
}

// Exactly n digits at s[pos…]; -1 otherwise.
int digits(std::string_view s, std::size_t pos, std::size_t n)
{
    if (pos + n > s.size()) return -1;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (!isDigit(s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

// A refusal carries only the reason: the caller knows the text and where it came from.
Diagnostics fail(std::string reason)
{
    Diagnostics why;
    why.error({}, {}, {}, std::move(reason));
    return why;
}

}  // namespace

Date Date::ofCivil(int year, unsigned month, unsigned day)
{
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        throw std::invalid_argument("Date::ofCivil: no such day " + std::to_string(year) + "-" +
                                    std::to_string(month) + "-" + std::to_string(day));
    return Date(daysFromCivil(year, month, day), Precision::Day);
}

Date Date::ofMonth(int year, unsigned month)
{
    if (month < 1 || month > 12)
        throw std::invalid_argument("Date::ofMonth: month " + std::to_string(month) + " is out of range");
    return Date(daysFromCivil(year, month, 1), Precision::Month);
}

Date Date::ofYear(int year) { return Date(daysFromCivil(year, 1, 1), Precision::Year); }

Result<Date> Date::parse(std::string_view text)
{
    const std::string_view s = trim(text);
    if (s.empty()) return fail(std::string("empty; ") + kExpected);

    const int year = digits(s, 0, 4);
    if (year < 0) return fail(kExpected);
    if (s.size() == 4) return ofYear(year);

    if (s[4] != '-') return fail(kExpected);
    const int month = digits(s, 5, 2);
    if (month < 0 || (s.size() > 7 && s[7] != '-')) return fail(kExpected);
    if (month < 1 || month > 12) return fail("month " + std::to_string(month) + " is out of range");
    if (s.size() == 7) return ofMonth(year, static_cast<unsigned>(month));

    const int day = digits(s, 8, 2);
    if (day < 0) return fail(kExpected);
    if (s.size() > 10) {
        // An ISO datetime: the time part must at least start like one ("T06", " 06").
        if ((s[10] != 'T' && s[10] != ' ') || s.size() < 12 || !isDigit(s[11])) return fail(kExpected);
    }
    if (day < 1 || day > 31) return fail("day " + std::to_string(day) + " is out of range");
    const auto m = static_cast<unsigned>(month);
    if (static_cast<unsigned>(day) > daysInMonth(year, m))
        return fail("day " + std::to_string(day) + " does not exist in " + kMonthLong[m - 1] + " " +
                           std::to_string(year));
    return ofCivil(year, m, static_cast<unsigned>(day));
}

int32_t Date::endExclusive() const
{
    const CivilDate c = civil();
    switch (m_precision) {
    case Precision::Day: return m_first + 1;
    case Precision::Month:
        return c.month == 12 ? daysFromCivil(c.year + 1, 1, 1) : daysFromCivil(c.year, c.month + 1, 1);
    case Precision::Year: return daysFromCivil(c.year + 1, 1, 1);
    }
    return m_first + 1;
}

std::string Date::iso() const
{
    const CivilDate c = civil();
    char buf[32];
    switch (m_precision) {
    case Precision::Day: std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.year, c.month, c.day); break;
    case Precision::Month: std::snprintf(buf, sizeof buf, "%04d-%02u", c.year, c.month); break;
    case Precision::Year: std::snprintf(buf, sizeof buf, "%04d", c.year); break;
    }
    return buf;
}

std::string Date::label() const
{
    const CivilDate c = civil();
    switch (m_precision) {
    case Precision::Day:
        return std::to_string(c.day) + " " + kMonthShort[c.month - 1] + " " + std::to_string(c.year);
    case Precision::Month: return std::string(kMonthShort[c.month - 1]) + " " + std::to_string(c.year);
    case Precision::Year: return std::to_string(c.year);
    }
    return iso();
}

const char* precisionName(Date::Precision p)
{
    switch (p) {
    case Date::Precision::Day: return "day";
    case Date::Precision::Month: return "month";
    case Date::Precision::Year: return "year";
    }
    return "?";
}

std::string isoDay(int32_t day) { return Date::ofDay(day).iso(); }

Interval DateRange::interval() const
{
    Interval r;
    if (from) r.begin = from->first();
    if (to) r.end = to->endExclusive();
    return r;
}

std::string DateRange::iso() const
{
    return (from ? from->iso() : std::string("..")) + "/" + (to ? to->iso() : std::string(".."));
}

std::string DateRange::label() const
{
    if (!from && !to) return "any time";
    if (!to) return "since " + from->label();
    if (!from) return "until " + to->label();
    if (*from == *to) return from->label();
    const CivilDate a = from->civil(), b = to->civil();
    const bool days = from->precision() == Date::Precision::Day && to->precision() == Date::Precision::Day;
    // Shared trailing parts are written once: "18–19 Oct 2024", "18 Oct – 2 Nov 2024".
    if (days && a.year == b.year && a.month == b.month)
        return std::to_string(a.day) + "–" + to->label();
    if (days && a.year == b.year)
        return std::to_string(a.day) + " " + kMonthShort[a.month - 1] + " – " + to->label();
    return from->label() + " – " + to->label();
}

Result<DateRange> parseRange(std::string_view text)
{
    const std::string_view s = trim(text);
    const std::size_t slash = s.find('/');
    if (slash == std::string_view::npos) {
        auto d = Date::parse(s);
        if (!d) return d.diagnostics();
        return DateRange{*d, *d};
    }
    const std::string_view left = trim(s.substr(0, slash)), right = trim(s.substr(slash + 1));
    const auto open = [](std::string_view part) { return part.empty() || part == ".."; };
    if (open(left) && open(right)) return fail("a range needs at least one date, e.g. 2024-10-18/2024-10-19");

    DateRange r;
    for (const auto& [part, slot] : {std::pair{left, &r.from}, std::pair{right, &r.to}}) {
        if (open(part)) continue;
        auto d = Date::parse(part);
        if (!d) return fail(std::string(part) + ": " + d.reason());
        *slot = *d;
    }
    if (r.from && r.to && r.to->endExclusive() <= r.from->first())
        return fail("range ends (" + r.to->iso() + ") before it begins (" + r.from->iso() + ")");
    return r;
}

}  // namespace atlas
