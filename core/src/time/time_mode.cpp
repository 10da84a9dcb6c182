#include "atlas/time/time_mode.h"

#include "atlas/layer.h"
#include "atlas/time/date.h"

#include "../huge_pages.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <tuple>
#include <variant>

namespace atlas {
namespace {

constexpr const char* kLeftOff = "; feature left off the timeline";

// A cell read as a date: absent (null or blank), a DateRange (a single date d is d/d), or why
// it is not a date.
struct NotADate {
    std::string text;
    std::string reason;
};
using DateCell = std::variant<std::monostate, DateRange, NotADate>;

DateCell readCell(const Column& column, std::size_t row, bool allowRange)
{
    if (column.isNull(row)) return std::monostate{};
    if (column.type() == FieldType::Date) {
        const Date d = Date::ofDay(column.date(row));
        return DateRange{d, d};
    }
    // Integer and real cells go through their text too: a GeoJSON "year": 2023 means 2023.
    const std::string text = column.text(row);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return std::monostate{};
    if (allowRange && text.find('/') != std::string::npos) {
        auto r = parseRange(text);
        if (!r) return NotADate{text, r.reason()};
        return *r;
    }
    auto d = Date::parse(text);
    if (!d) return NotADate{text, d.reason()};
    return DateRange{*d, *d};
}

class Compiler {
public:
    Compiler(const Layer& layer, Diagnostics& diagnostics, FeatureTimes& out)
        : m_layer(layer), m_diagnostics(diagnostics), m_out(out)
    {
    }

    // The column a mode cannot do without; when the layer lacks it every feature is left off,
    // reported once for the layer.
    const Column* required(const std::string& field, const char* mode)
    {
        const Column* c = m_layer.column(field);
        if (!c) {
            m_diagnostics.error(m_layer.sourcePath(), "layer " + m_layer.name(), field,
                                std::string("no such field (the ") + mode + " time mode reads it); all " +
                                    std::to_string(m_layer.featureCount()) + " features left off the timeline");
            std::fill(m_out.excluded.begin(), m_out.excluded.end(), uint8_t{1});
            std::fill(m_out.spans.begin(), m_out.spans.end(), kNever);
        }
        return c;
    }

    // A column whose absence just means "no value anywhere" — still worth a warning, since a
    // misspelt field name looks the same.
    const Column* optional(const std::string& field, const char* consequence)
    {
        const Column* c = m_layer.column(field);
        if (!c)
            m_diagnostics.warning(m_layer.sourcePath(), "layer " + m_layer.name(), field,
                                  std::string("no such field; ") + consequence);
        return c;
    }

    // The cell as a range, or nullopt after reporting why the feature is left off.
    std::optional<DateRange> date(std::size_t f, const Column& column, bool allowRange, bool allowAbsent,
                                  bool* absent = nullptr)
    {
        if (column.type() == FieldType::Date) {
            // The common case of files with typed date fields, without readCell's variant.
            const bool null = column.isNull(f);
            if (absent) *absent = null;
            if (!null) {
                const Date d = Date::ofDay(column.date(f));
                return DateRange{d, d};
            }
            if (!allowAbsent) exclude(f, column.name(), "no date");
            return std::nullopt;
        }
        const DateCell cell = readCell(column, f, allowRange);
        if (absent) *absent = std::holds_alternative<std::monostate>(cell);
        if (const auto* r = std::get_if<DateRange>(&cell)) return *r;
        if (const auto* e = std::get_if<NotADate>(&cell)) {
            exclude(f, column.name(), "not a date \"" + e->text + "\": " + e->reason);
            return std::nullopt;
        }
        if (!allowAbsent) exclude(f, column.name(), "no date");
        return std::nullopt;
    }

    void exclude(std::size_t f, const std::string& field, const std::string& message)
    {
        m_diagnostics.error(m_layer.sourcePath(), location(f), field, message + kLeftOff);
        m_out.excluded[f] = 1;
        m_out.spans[f] = kNever;
    }

    void warn(std::size_t f, const std::string& field, const std::string& message)
    {
        m_diagnostics.warning(m_layer.sourcePath(), location(f), field, message);
    }

    static constexpr Interval kNever = Interval::ofDays(0, 0);

private:
    std::string location(std::size_t f) const { return "feature " + std::to_string(m_layer.fid(f)); }

    const Layer& m_layer;
    Diagnostics& m_diagnostics;
    FeatureTimes& m_out;
};

void compileInstant(const Layer& layer, const InstantTime& mode, Compiler& c, FeatureTimes& out)
{
    const Column* dateColumn = c.required(mode.dateField, "instant");
    if (!dateColumn) return;
    const Column* endColumn =
        mode.endField ? c.optional(*mode.endField, "events are taken to end with their date") : nullptr;
    for (std::size_t f = 0; f < layer.featureCount(); ++f) {
        const auto range = c.date(f, *dateColumn, true, false);
        if (!range) continue;
        Interval span = range->interval();
        if (endColumn) {
            bool absent = false;
            const auto end = c.date(f, *endColumn, false, true, &absent);
            if (!end && !absent) continue;
            if (end) {
                span.end = end->to->endExclusive();
                if (span.isEmpty()) {
                    c.exclude(f, endColumn->name(),
                              end->to->iso() + " is before " + mode.dateField + " " + range->from->iso());
                    continue;
                }
            }
        }
        out.spans[f] = span;
    }
}

void compileInterval(const Layer& layer, const IntervalTime& mode, Compiler& c, FeatureTimes& out)
{
    const Column* fromColumn = c.required(mode.fromField, "interval");
    if (!fromColumn) return;
    const Column* toColumn = c.optional(mode.toField, "every feature is taken to be still valid");
    const auto compile = [&](std::size_t f) {
        bool absent = false;
        const auto from = c.date(f, *fromColumn, false, true, &absent);
        if (!from && !absent) return;
        Interval span;
        if (from) span.begin = from->from->first();
        if (toColumn) {
            const auto to = c.date(f, *toColumn, false, true, &absent);
            if (!to && !absent) return;
            if (to) span.end = to->from->first();
        }
        if (span.begin && span.end && *span.end < *span.begin) {
            c.exclude(f, mode.toField, mode.toField + " " + isoDay(*span.end) + " is before " + mode.fromField + " " +
                                           isoDay(*span.begin));
            return;
        }
        if (span.isEmpty())
            c.warn(f, mode.toField, mode.toField + " is the same day as " + mode.fromField + " (" +
                                        isoDay(*span.begin) + "), so the feature is never in force");
        out.spans[f] = span;
    };
    // Date columns (GeoPackage, PostGIS): their cells are the days, so a feature whose span is
    // not empty needs no more than reading them; the rest take the general way, for its reports.
    const bool typed = fromColumn->type() == FieldType::Date && (!toColumn || toColumn->type() == FieldType::Date);
    const std::size_t n = layer.featureCount();
    for (std::size_t f = 0; f < n; ++f) {
        if (typed) {
            Interval span;
            if (!fromColumn->isNull(f)) span.begin = fromColumn->date(f);
            if (toColumn && !toColumn->isNull(f)) span.end = toColumn->date(f);
            if (!span.isEmpty()) {
                out.spans[f] = span;
                continue;
            }
        }
        compile(f);
    }
}

void compileSnapshot(const Layer& layer, const SnapshotTime& mode, Compiler& c, FeatureTimes& out)
{
    const Column* groupColumn = mode.groupField.empty() ? nullptr : c.required(mode.groupField, "snapshot");
    if (!mode.groupField.empty() && !groupColumn) return;
    const Column* asOfColumn = c.required(mode.asOfField, "snapshot");
    if (!asOfColumn) return;

    // (group, as_of, feature), sorted: each group's versions in date order.
    std::vector<std::tuple<std::string, int32_t, uint32_t>> rows;
    rows.reserve(layer.featureCount());
    for (std::size_t f = 0; f < layer.featureCount(); ++f) {
        const auto asOf = c.date(f, *asOfColumn, false, false);
        if (!asOf) continue;
        rows.emplace_back(groupColumn ? groupColumn->text(f) : std::string(), asOf->from->first(),
                          static_cast<uint32_t>(f));
    }
    std::sort(rows.begin(), rows.end());
    for (std::size_t i = 0; i < rows.size();) {
        const auto& [group, asOf, first] = rows[i];
        std::size_t j = i;
        while (j < rows.size() && std::get<0>(rows[j]) == group && std::get<1>(rows[j]) == asOf) ++j;
        // The next version of the same group, if any, ends this one.
        std::optional<int32_t> next;
        if (j < rows.size() && std::get<0>(rows[j]) == group) next = std::get<1>(rows[j]);
        for (std::size_t k = i; k < j; ++k) out.spans[std::get<2>(rows[k])] = Interval{asOf, next};
        i = j;
    }
}

void compileCumulative(const Layer& layer, const CumulativeTime& mode, Compiler& c, FeatureTimes& out)
{
    const Column* dateColumn = c.required(mode.dateField, "cumulative");
    if (!dateColumn) return;
    for (std::size_t f = 0; f < layer.featureCount(); ++f)
        if (const auto range = c.date(f, *dateColumn, true, false)) out.spans[f] = range->interval();
}

}  // namespace

const char* timeModeName(const TimeMode& mode)
{
    constexpr const char* names[] = {"static", "instant", "interval", "snapshot", "cumulative"};
    static_assert(std::size(names) == std::variant_size_v<TimeMode>);
    return names[mode.index()];
}

std::size_t FeatureTimes::excludedCount() const
{
    return static_cast<std::size_t>(std::count(excluded.begin(), excluded.end(), uint8_t{1}));
}

Interval FeatureTimes::visibility(std::size_t f) const
{
    if (excluded[f]) return Compiler::kNever;
    if (persists) return spans[f].isEmpty() ? Compiler::kNever : Interval{spans[f].begin, std::nullopt};
    return fadedSpan(spans[f], fadeDays);
}

std::vector<Interval> FeatureTimes::visibilities() const
{
    // visibility(f) for every feature, with the mode's branches taken once for the layer.
    const std::size_t n = size();
    std::vector<Interval> out;
    detail::reserveHuge(out, n);  // one page fault per 2 MB while it is filled
    out.resize(n);
    if (persists) {
        for (std::size_t f = 0; f < n; ++f)
            out[f] = excluded[f] || spans[f].isEmpty() ? Compiler::kNever : Interval{spans[f].begin, std::nullopt};
    } else if (fadeDays > 0) {
        for (std::size_t f = 0; f < n; ++f) out[f] = excluded[f] ? Compiler::kNever : fadedSpan(spans[f], fadeDays);
    } else {
        // fadedSpan without a fade is the span itself.
        for (std::size_t f = 0; f < n; ++f) out[f] = excluded[f] ? Compiler::kNever : spans[f];
    }
    return out;
}

double FeatureTimes::opacity(std::size_t f, const Interval& window) const
{
    if (excluded[f]) return 0.0;
    if (!persists) return opacityAt(spans[f], fadeDays, window);
    if (!visibility(f).overlaps(window)) return 0.0;
    if (fadeDays <= 0) return 1.0;
    return std::max(fadedOpacity, opacityAt(spans[f], fadeDays, window));
}

FeatureTimes compileFeatureTimes(const Layer& layer, const TimeMode& mode, Diagnostics& diagnostics)
{
    FeatureTimes out;
    detail::reserveHuge(out.spans, layer.featureCount());
    out.spans.assign(layer.featureCount(), Interval::unbounded());
    out.excluded.assign(layer.featureCount(), 0);
    Compiler c(layer, diagnostics, out);
    std::visit(
        [&](const auto& m) {
            using M = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<M, StaticTime>) {
                out.statesOnDay = true;
            } else if constexpr (std::is_same_v<M, InstantTime>) {
                out.fadeDays = m.fadeDays;
                compileInstant(layer, m, c, out);
            } else if constexpr (std::is_same_v<M, IntervalTime>) {
                out.fadeDays = m.fadeDays;
                out.statesOnDay = true;
                compileInterval(layer, m, c, out);
            } else if constexpr (std::is_same_v<M, SnapshotTime>) {
                out.fadeDays = m.fadeDays;
                out.statesOnDay = true;
                compileSnapshot(layer, m, c, out);
            } else if constexpr (std::is_same_v<M, CumulativeTime>) {
                out.fadeDays = m.fadeDays;
                out.persists = true;
                out.fadedOpacity = m.fadedOpacity;
                compileCumulative(layer, m, c, out);
            }
        },
        mode);
    return out;
}

}  // namespace atlas
