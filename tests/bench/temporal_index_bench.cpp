// Temporal index figures on synthetic data the size of a large national dataset: 1 M interval
// features (spans up to 90 days over 2021–2025, a few still open) and 1 M instant events.
// Prints "key value" lines; never fails on time.
#include "atlas/civil_date.h"
#include "atlas/time/temporal_index.h"
#include "atlas/time/time_cursor.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <random>
#include <vector>

using namespace atlas;

namespace {

constexpr std::size_t kFeatures = 1'000'000;
constexpr int kQueries = 1000;
constexpr int32_t kWindowDays = 30;

const int32_t kFirstDay = daysFromCivil(2021, 1, 1);
const int32_t kLastDay = daysFromCivil(2025, 12, 31);

using Clock = std::chrono::steady_clock;

double microseconds(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

std::vector<Interval> intervalFeatures(std::mt19937& rng)
{
    std::uniform_int_distribution<int32_t> start(kFirstDay, kLastDay), length(1, 90), percent(0, 99);
    std::vector<Interval> spans(kFeatures);
    for (Interval& s : spans) {
        const int32_t b = start(rng);
        // 3 % still in force (open end), 1 % valid since always up to a date.
        const int p = percent(rng);
        s = p < 3 ? Interval::from(b) : p < 4 ? Interval::until(b) : Interval::ofDays(b, b + length(rng));
    }
    return spans;
}

std::vector<Interval> instantEvents(std::mt19937& rng)
{
    std::uniform_int_distribution<int32_t> day(kFirstDay, kLastDay), percent(0, 99);
    std::vector<Interval> spans(kFeatures);
    for (Interval& s : spans) {
        const int32_t d = day(rng);
        // 10 % dated to a month only ("2024-10"): the whole month.
        if (percent(rng) < 10) {
            const CivilDate c = civilFromDays(d);
            const int32_t first = daysFromCivil(c.year, c.month, 1);
            s = Interval::ofDays(first, first + static_cast<int32_t>(daysInMonth(c.year, c.month)));
        } else {
            s = Interval::ofDay(d);
        }
    }
    return spans;
}

void run(const char* name, const std::vector<Interval>& spans, std::mt19937& rng)
{
    std::vector<double> buildUs;
    TemporalIndex index;
    for (int i = 0; i < 3; ++i) {
        const auto t0 = Clock::now();
        index = TemporalIndex(spans);
        buildUs.push_back(microseconds(Clock::now() - t0));
    }

    std::uniform_int_distribution<int32_t> day(kFirstDay, kLastDay);
    std::vector<uint32_t> out;
    out.reserve(spans.size());
    std::vector<double> queryUs, hits;
    std::size_t checksum = 0;
    for (int q = 0; q < kQueries; ++q) {
        const Interval w = TimeCursor(day(rng), DaysWindow{kWindowDays}).window();
        out.clear();
        const auto t0 = Clock::now();
        index.query(w, out);
        queryUs.push_back(microseconds(Clock::now() - t0));
        hits.push_back(static_cast<double>(out.size()));
        checksum += out.size();
    }

    // A brute-force scan of the same windows, for scale.
    std::vector<double> scanUs;
    for (int q = 0; q < 50; ++q) {
        const Interval w = TimeCursor(day(rng), DaysWindow{kWindowDays}).window();
        out.clear();
        const auto t0 = Clock::now();
        for (uint32_t i = 0; i < spans.size(); ++i)
            if (spans[i].overlaps(w)) out.push_back(i);
        scanUs.push_back(microseconds(Clock::now() - t0));
        checksum += out.size();
    }

    TemporalChange change;
    change.entered.reserve(1 << 16);
    change.left.reserve(1 << 16);
    std::vector<double> stepUs, changes;
    for (int q = 0; q < kQueries; ++q) {
        const TimeCursor c(day(rng), DaysWindow{kWindowDays});
        const Interval from = c.window(), to = c.movedBy(1).window();
        const auto t0 = Clock::now();
        index.step(from, to, change);
        stepUs.push_back(microseconds(Clock::now() - t0));
        changes.push_back(static_cast<double>(change.entered.size() + change.left.size()));
        checksum += change.entered.size() + change.left.size();
    }

    std::printf("%s.features %zu\n", name, spans.size());
    std::printf("%s.indexed %zu\n", name, index.size());
    std::printf("%s.build_ms %.1f\n", name, median(buildUs) / 1000.0);
    std::printf("%s.query_%dd_median_us %.1f\n", name, kWindowDays, median(queryUs));
    std::printf("%s.query_%dd_median_hits %.0f\n", name, kWindowDays, median(hits));
    std::printf("%s.scan_%dd_median_us %.1f\n", name, kWindowDays, median(scanUs));
    std::printf("%s.step_1d_median_us %.2f\n", name, median(stepUs));
    std::printf("%s.step_1d_median_changes %.0f\n", name, median(changes));
    std::printf("%s.bytes_per_feature %.2f\n", name,
                static_cast<double>(index.memoryBytes()) / static_cast<double>(spans.size()));
    std::printf("%s.checksum %zu\n", name, checksum);
}

}  // namespace

int main()
{
    std::mt19937 rng(20241018);
    run("interval", intervalFeatures(rng), rng);
    run("instant", instantEvents(rng), rng);
    return 0;
}
