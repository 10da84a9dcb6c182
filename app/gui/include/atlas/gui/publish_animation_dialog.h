#pragma once
// File → Export Animation…: dates, step, frame rate, page size, title; renders every frame as
// a full page on a worker thread with progress and cancel, then MP4/GIF through ffmpeg.
#include "atlas/publishing/project_animation.h"

#include <QDialog>
#include "atlas/gui/background_task.h"

#include <atomic>
#include <memory>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace atlas::app {

class AnimationDialog : public QDialog {
    Q_OBJECT
public:
    // `page`: the current view, clock and export settings; the document is kept alive here.
    AnimationDialog(std::shared_ptr<const MapDocument> document, ExportJob page, int32_t firstDay, int32_t lastDay,
                    QWidget* parent = nullptr);
    ~AnimationDialog() override;

    // Set up programmatically (tests) and run; start() returns at once, finished() follows.
    void setDates(int32_t from, int32_t to, const AnimationStep& step);
    void setOutput(const QString& path);
    void start();
    void cancel();
    bool isRunning() const { return m_task.isRunning(); }
    const AnimationResult& result() const { return m_result; }

signals:
    void finished(const atlas::app::AnimationResult& result);

private:
    AnimationJob buildJob() const;
    void onProgress(int done, int total, const QString& label);
    void onFinished(AnimationResult result);
    void browse();

    std::shared_ptr<const MapDocument> m_document;
    ExportJob m_page;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QSpinBox* m_stepCount = nullptr;
    QComboBox* m_stepUnit = nullptr;
    QSpinBox* m_fps = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
    QLineEdit* m_title = nullptr;
    QLineEdit* m_output = nullptr;
    QLabel* m_frames = nullptr;
    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_stop = nullptr;
    AnimationResult m_result;
    BackgroundTask<AnimationResult> m_task;  // last: destroyed (and waited for) first
};

}  // namespace atlas::app
