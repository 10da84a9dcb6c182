#include "atlas/publishing/project_animation.h"

#include "atlas/civil_date.h"
#include "atlas/model/cursor_labels.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>
#include <filesystem>

namespace atlas::app {

std::optional<AnimationStep> parseAnimationStep(const QString& text)
{
    static const QRegularExpression re(R"(^\s*(\d{1,4})\s*(d|days?|w|weeks?|m|mo|months?)\s*$)",
                                       QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(text);
    if (!m.hasMatch()) return std::nullopt;
    AnimationStep s;
    s.count = m.captured(1).toInt();
    if (s.count < 1) return std::nullopt;
    const QString u = m.captured(2).toLower();
    s.unit = u.startsWith('d') ? AnimationStep::Unit::Day : u.startsWith('w') ? AnimationStep::Unit::Week
                                                                              : AnimationStep::Unit::Month;
    return s;
}

QString animationStepText(const AnimationStep& step)
{
    const char* unit = step.unit == AnimationStep::Unit::Day ? "d" : step.unit == AnimationStep::Unit::Week ? "w" : "m";
    return QString("%1%2").arg(step.count).arg(unit);
}

std::vector<int32_t> animationDays(int32_t from, int32_t to, const AnimationStep& step)
{
    std::vector<int32_t> days;
    if (to < from || step.count < 1) return days;
    for (int i = 0;; ++i) {
        int32_t d = from;
        switch (step.unit) {
        case AnimationStep::Unit::Day: d = from + i * step.count; break;
        case AnimationStep::Unit::Week: d = from + i * 7 * step.count; break;
        // From the start date each time, so 31 Jan + 1 m + 1 m is 31 Mar, not 28 Mar.
        case AnimationStep::Unit::Month: d = addMonths(from, i * step.count); break;
        }
        if (d > to) break;
        days.push_back(d);
        if (days.size() > 100000) break;
    }
    return days;
}

VideoFormat videoFormatForPath(const QString& path)
{
    const QString s = QFileInfo(path).suffix().toLower();
    if (s == "mp4") return VideoFormat::Mp4;
    if (s == "gif") return VideoFormat::Gif;
    return VideoFormat::None;
}

QString findFfmpeg()
{
    return QStandardPaths::findExecutable("ffmpeg");
}

Diagnostics encodeVideo(const QString& framesDir, int fps, const QString& output, VideoFormat format,
                        const std::atomic<bool>* cancel)
{
    Diagnostics d;
    const QString ffmpeg = findFfmpeg();
    if (ffmpeg.isEmpty()) {
        d.error(output.toStdString(), "", "", "not made: ffmpeg is not installed (Debian package ffmpeg)");
        return d;
    }
    // Written next to the output, then renamed over it: a failed encode leaves no half file.
    const QFileInfo out(output);
    const QString tmp = out.absoluteDir().filePath("." + out.completeBaseName() + ".encoding." + out.suffix());
    QStringList args = {"-y", "-hide_banner", "-loglevel", "error", "-framerate", QString::number(fps),
                        "-i", QDir(framesDir).filePath("frame-%04d.png")};
    if (format == VideoFormat::Gif) {
        args << "-vf" << "split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse=dither=sierra2_4a" << "-f" << "gif";
    } else {
        // H.264 needs even sizes; yuv420p plays everywhere.
        args << "-vf" << "pad=ceil(iw/2)*2:ceil(ih/2)*2:color=white" << "-c:v" << "libx264" << "-pix_fmt" << "yuv420p"
             << "-movflags" << "+faststart" << "-f" << "mp4";
    }
    args << tmp;
    QProcess proc;
    proc.setProcessChannelMode(QProcess::MergedChannels);
    proc.start(ffmpeg, args);
    if (!proc.waitForStarted(10000)) {
        d.error(output.toStdString(), "", "", "not made: cannot start " + ffmpeg.toStdString() + ": " +
                                                  proc.errorString().toStdString());
        return d;
    }
    while (!proc.waitForFinished(200)) {
        if (proc.state() == QProcess::NotRunning) break;
        if (cancel && cancel->load()) {
            proc.kill();
            proc.waitForFinished(5000);
            QFile::remove(tmp);
            d.error(output.toStdString(), "", "", "not made: cancelled");
            return d;
        }
    }
    if (proc.exitStatus() != QProcess::NormalExit || proc.exitCode() != 0) {
        QFile::remove(tmp);
        d.error(output.toStdString(), "", "", "not made: ffmpeg failed: " + QString::fromUtf8(proc.readAll()).trimmed().toStdString());
        return d;
    }
    std::error_code ec;
    std::filesystem::rename(tmp.toStdString(), out.absoluteFilePath().toStdString(), ec);
    if (ec) {
        QFile::remove(tmp);
        d.error(output.toStdString(), "", "", "cannot write: " + ec.message());
    }
    return d;
}

AnimationResult renderAnimation(const AnimationJob& job, const std::function<void(int, int, const QString&)>& progress,
                                const std::atomic<bool>* cancel)
{
    AnimationResult r;
    if (job.days.empty()) {
        r.diagnostics.error(job.framesDir.toStdString(), "", "", "no frames: the end date is before the start date");
        return r;
    }
    if (!QDir().mkpath(job.framesDir)) {
        r.diagnostics.error(job.framesDir.toStdString(), "", "", "cannot create the frames folder");
        return r;
    }
    // Frames of an earlier, longer run would be encoded too: remove them.
    const QDir dir(job.framesDir);
    for (const QString& old : dir.entryList({"frame-*.png"}, QDir::Files)) QFile::remove(dir.filePath(old));

    ExportJob page = job.page;
    page.settings.format = ExportFormat::Png;
    const int total = static_cast<int>(job.days.size());
    // One legend and one credit line for the whole animation: the union over its frames, taken
    // on the first frame's map frame (the page keeps still while the map changes).
    if (page.settings.layout && page.document) {
        page.cursor.setDay(job.days.front());
        const PagePlan plan = planExportPage(page);
        const double ratio = pageSpecFor(page.settings).ratio;
        std::vector<render::LegendSection> legend;
        CreditSources credits;
        for (const int32_t day : job.days) {
            if (cancel && cancel->load()) break;
            TimeCursor cursor = page.cursor;
            cursor.setDay(day);
            const render::MapScene scene = page.document->scene(plan.viewport, ratio, cursor);
            if (page.settings.legend) mergeLegend(legend, legendFor(*page.document, scene));
            if (page.settings.credits) credits.merge(creditSourcesFor(*page.document, scene));
        }
        if (page.settings.legend) page.fixedLegend = std::move(legend);
        if (page.settings.credits) page.fixedCredits = formatCredits(credits, page.document->dataset());
    }
    for (int i = 0; i < total; ++i) {
        if (cancel && cancel->load()) {
            r.cancelled = true;
            return r;
        }
        page.cursor.setDay(job.days[static_cast<std::size_t>(i)]);
        const QString path = dir.filePath(QString("frame-%1.png").arg(i + 1, 4, 10, QChar('0')));
        const ExportResult e = exportMap(page, path, cancel);
        if (e.cancelled) {
            r.cancelled = true;
            return r;
        }
        if (!e.ok) {
            r.diagnostics = e.diagnostics;
            return r;
        }
        r.frames << path;
        r.dateLabels << e.content.dateLabel;
        if (progress) progress(i + 1, total, cursorDateLabel(page.cursor));
    }
    const VideoFormat format = videoFormatForPath(job.video);
    if (job.video.isEmpty() || format == VideoFormat::None) {
        r.ok = true;
        return r;
    }
    if (findFfmpeg().isEmpty()) {
        r.ffmpegMissing = true;
        r.diagnostics.error(job.video.toStdString(), "", "",
                            QString("not made: ffmpeg is not installed; the %1 PNG frames are in %2 (install the "
                                    "Debian package ffmpeg and run again)").arg(total).arg(job.framesDir).toStdString());
        return r;
    }
    if (Diagnostics why = encodeVideo(job.framesDir, job.fps, job.video, format, cancel); why.hasErrors()) {
        r.cancelled = cancel && cancel->load();
        r.diagnostics = std::move(why);
        return r;
    }
    r.ok = true;
    return r;
}

}  // namespace atlas::app
