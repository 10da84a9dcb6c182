#pragma once
// Day numbers (days since 1970-01-01, proleptic Gregorian) — the integer form every time
// column is stored in. Algorithms from Howard Hinnant's "chrono-compatible low-level date
// algorithms" (public domain).
#include <cstdint>

namespace atlas {

struct CivilDate {
    int year = 1970;
    unsigned month = 1;  // 1..12
    unsigned day = 1;    // 1..31
    bool operator==(const CivilDate&) const = default;
};

constexpr int32_t daysFromCivil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

constexpr CivilDate civilFromDays(int32_t z)
{
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = static_cast<int>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

constexpr bool isLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr unsigned daysInMonth(int y, unsigned m)
{
    constexpr unsigned table[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeapYear(y) ? 29u : table[(m - 1) % 12];
}

// Adds `n` calendar months to a day, clamping to the month's last day (31 Jan + 1 → 28/29 Feb).
constexpr int32_t addMonths(int32_t day, int n)
{
    const CivilDate c = civilFromDays(day);
    const int months = c.year * 12 + static_cast<int>(c.month) - 1 + n;
    const int y = months >= 0 ? months / 12 : (months - 11) / 12;
    const unsigned m = static_cast<unsigned>(months - y * 12) + 1;
    const unsigned d = c.day < daysInMonth(y, m) ? c.day : daysInMonth(y, m);
    return daysFromCivil(y, m, d);
}

}  // namespace atlas
