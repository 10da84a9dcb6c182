// kachin-atlas animate --from 2024-10-01 --to 2025-09-01 --step 7d -o bhamo.mp4|bhamo.gif|FOLDER
//   [--project P.katlas] [--view bhamo] [--fps 4] [--frames DIR] [publishing options…]
#include "atlas/time/date.h"
#include "atlas/cli/cli_support.h"
#include "atlas/cli/commands.h"
#include "atlas/cli/reporter.h"
#include "atlas/cli/export_command.h"
#include "atlas/publishing/project_animation.h"

#include <QDir>
#include <QFileInfo>

#include <csignal>
#include <cstdio>

namespace atlas::app::cli {
namespace {

std::atomic<bool> g_interrupted{false};

void onInterrupt(int)
{
    g_interrupted.store(true);
}

}  // namespace

int runAnimate(const QStringList& args, const LoadPolicy& policy)
{
    const Reporter report("animate");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Render the map once per date from --from to --to by --step, every frame a full page (title, date stamp, "
        "legend, scale bar, credits), as PNG frames; MP4 or GIF through ffmpeg when it is installed.");
    parser.addHelpOption();
    parser.addOption({{"o", "output"}, "An .mp4 or .gif file, or a folder for the PNG frames.", "file"});
    parser.addOption({"from", "First day, YYYY-MM-DD.", "date"});
    parser.addOption({"to", "Last day, YYYY-MM-DD (included when a step lands on it).", "date"});
    parser.addOption({"step", "Days between frames: Nd, Nw or Nm (calendar months); default 7d.", "step", "7d"});
    parser.addOption({"fps", "Frames per second of the video (default 4).", "n", "4"});
    parser.addOption({"frames", "Folder for the PNG frames (default: next to the video, <name>-frames).", "dir"});
    addPublishOptions(parser, PublishKind::Animation);
    if (!parser.parse(QStringList{"kachin-atlas"} + args)) {
        return report.usage(parser.errorText());
    }
    if (parser.isSet("help")) {
        printCommandHelp(parser, report);
        return kExitOk;
    }
    auto usage = [&](const QString& m) { return report.usage(m); };
    const QString output = parser.value("output");
    if (output.isEmpty()) return usage("-o FILE.mp4|FILE.gif|FOLDER is required");
    if (!parser.isSet("from") || !parser.isSet("to")) return usage("--from and --to are required (YYYY-MM-DD)");
    const std::string fromText = parser.value("from").trimmed().toStdString();
    const std::string toText = parser.value("to").trimmed().toStdString();
    const auto from = Date::parse(fromText);
    const auto to = Date::parse(toText);
    if (!from) return usage(QString::fromStdString("--from: " + fromText + ": " + from.reason()));
    if (!to) return usage(QString::fromStdString("--to: " + toText + ": " + to.reason()));
    const auto step = parseAnimationStep(parser.value("step"));
    if (!step) return usage(QString("--step: expected Nd, Nw or Nm, got \"%1\"").arg(parser.value("step")));
    bool fpsOk = false;
    const int fps = parser.value("fps").toInt(&fpsOk);
    if (!fpsOk || fps < 1 || fps > 60) return usage(QString("--fps: expected 1–60, got \"%1\"").arg(parser.value("fps")));
    const std::vector<int32_t> days = animationDays(from->first(), to->first(), *step);
    if (days.empty()) return usage("--to is before --from: no frames");
    if (days.size() > 5000) return usage(QString("%1 frames is too many (at most 5000); use a longer --step").arg(days.size()));

    int exitCode = kExitOk;
    std::optional<PublishContext> ctx = preparePublish(parser, report, QString(), policy, exitCode);
    if (!ctx) return exitCode;

    AnimationJob job;
    job.page.document = &ctx->doc;
    job.page.extent = ctx->extent;
    job.page.cursor = ctx->cursor;
    job.page.settings = ctx->settings;
    job.page.settings.format = ExportFormat::Png;
    // Every frame is a full page unless asked otherwise.
    if (!parser.isSet("layout")) job.page.settings.layout = true;
    job.page.annotations = ctx->annotations;
    job.days = days;
    job.fps = fps;
    const VideoFormat video = videoFormatForPath(output);
    if (video == VideoFormat::None) {
        job.framesDir = output;
    } else {
        job.video = output;
        const QFileInfo fi(output);
        job.framesDir = parser.isSet("frames") ? parser.value("frames")
                                               : fi.absoluteDir().filePath(fi.completeBaseName() + "-frames");
    }

    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    report.say(QString("%1 frames into %2").arg(days.size()).arg(job.framesDir));
    const AnimationResult r = renderAnimation(
        job,
        [&report](int done, int total, const QString& label) {
            report.detail(QString("frame %1/%2  %3").arg(done).arg(total).arg(label));
            std::fflush(stderr);
        },
        &g_interrupted);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (r.cancelled) {
        return report.failure(QString("interrupted after %1 frames (kept in %2)").arg(r.frames.size()).arg(job.framesDir));
    }
    if (!r.ok) {
        return report.failure(r.diagnostics);
    }
    if (job.video.isEmpty())
        std::printf("wrote %lld frames to %s\n", static_cast<long long>(r.frames.size()), qPrintable(job.framesDir));
    else
        std::printf("wrote %s (%lld frames, %d fps; PNG frames in %s)\n", qPrintable(output),
                    static_cast<long long>(r.frames.size()), fps, qPrintable(job.framesDir));
    return ctx->diagnostics.hasErrors() ? kExitDataErrors : kExitOk;
}

}  // namespace atlas::app::cli
