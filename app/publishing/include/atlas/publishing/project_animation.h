#pragma once
// An animation: the same export, one frame per date from `from` to `to` by a step. Every frame
// is a full page (title, date stamp, legend, scale bar, credits…) written as PNG; MP4 and GIF
// are then made by the `ffmpeg` program when it is installed (Debian package ffmpeg). Used by
// `kachin-atlas animate` and the window's animation dialog, with progress and cancel.
#include "atlas/publishing/project_export.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>
#include <vector>

namespace atlas::app {

struct AnimationStep {
    enum class Unit { Day, Week, Month };
    int count = 7;
    Unit unit = Unit::Day;
    bool operator==(const AnimationStep&) const = default;
};

// "7d", "1w", "2w", "1m" (calendar months; "month"/"months" spelt out too).
std::optional<AnimationStep> parseAnimationStep(const QString& text);
QString animationStepText(const AnimationStep& step);
// The frame days: from, from + step, … up to and including `to`.
std::vector<int32_t> animationDays(int32_t from, int32_t to, const AnimationStep& step);

enum class VideoFormat { None, Mp4, Gif };
// By the output's suffix: .mp4, .gif; anything else is a folder of frames.
VideoFormat videoFormatForPath(const QString& path);

struct AnimationJob {
    ExportJob page;               // settings.format is forced to PNG; cursor.day() is replaced
    std::vector<int32_t> days;
    QString framesDir;            // frame-0001.png …
    QString video;                // empty: frames only
    int fps = 4;
};

struct AnimationResult {
    bool ok = false;
    bool cancelled = false;
    bool ffmpegMissing = false;   // frames written, no video
    Diagnostics diagnostics;      // why it failed (or why there is no video)
    QStringList frames;           // written, in order
    QStringList dateLabels;       // each frame's date stamp
};

// `progress(done, total, dateLabel)` after each frame (from the calling thread).
AnimationResult renderAnimation(const AnimationJob& job,
                                const std::function<void(int, int, const QString&)>& progress = {},
                                const std::atomic<bool>* cancel = nullptr);

// The ffmpeg executable on PATH; empty when not installed.
QString findFfmpeg();
// Encodes frames (frame-%04d.png in `framesDir`) to `output` (mp4 or gif), atomically: empty
// diagnostics, or why `output` was not made.
[[nodiscard]] Diagnostics encodeVideo(const QString& framesDir, int fps, const QString& output, VideoFormat format,
                                      const std::atomic<bool>* cancel = nullptr);

}  // namespace atlas::app
