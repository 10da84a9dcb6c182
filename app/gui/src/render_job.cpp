#include "atlas/gui/render_job.h"

#include "atlas/render/renderer.h"

#include <QElapsedTimer>

namespace atlas::app {
namespace {

bool anyTimeLayer(const render::MapScene& scene)
{
    for (const auto& l : scene.layers)
        if (l.timeDependent) return true;
    return false;
}

std::shared_ptr<RenderedFrame> renderFrame(const render::MapScene& scene, uint64_t staticKey, QImage reusableStatic,
                                           const TaskControl& control)
{
    QElapsedTimer timer;
    timer.start();
    auto frame = std::make_shared<RenderedFrame>();
    frame->viewport = scene.viewport;
    frame->pixelRatio = scene.pixelRatio;
    frame->staticKey = staticKey;
    render::RenderOptions opts;
    opts.cancel = control.cancelFlag();
    opts.labels = false;
    if (!reusableStatic.isNull()) {
        frame->staticLayers = std::move(reusableStatic);
    } else {
        opts.pass = render::LayerPass::StaticOnly;
        frame->staticLayers = render::Renderer::renderImage(scene, opts);
    }
    if (control.cancelled()) return nullptr;
    if (anyTimeLayer(scene)) {
        opts.pass = render::LayerPass::TimeOnly;
        frame->timeLayers = render::Renderer::renderImage(scene, opts);
        if (control.cancelled()) return nullptr;
    }
    opts.pass = render::LayerPass::None;
    opts.labels = true;
    frame->labels = render::Renderer::renderImage(scene, opts);
    if (control.cancelled()) return nullptr;
    frame->milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    return frame;
}

}  // namespace

RenderJob::RenderJob(QObject* parent)
    : QObject(parent), m_task(this, [this](std::shared_ptr<RenderedFrame> frame) { onFinished(std::move(frame)); })
{
}

RenderJob::~RenderJob() = default;

void RenderJob::start(render::MapScene scene, uint64_t staticKey)
{
    QImage reusable;
    if (m_last.staticKey == staticKey && m_last.viewport == scene.viewport && m_last.pixelRatio == scene.pixelRatio)
        reusable = m_last.staticLayers;
    m_task.start([scene = std::move(scene), staticKey, reusable](const TaskControl& control) mutable {
        render::resolveDeferredStates(scene);  // visible sets of large time layers, off the GUI thread
        return renderFrame(scene, staticKey, reusable, control);
    });
}

void RenderJob::cancel()
{
    m_task.cancel();
}

void RenderJob::onFinished(std::shared_ptr<RenderedFrame> frame)
{
    if (!frame) return;  // cancelled
    m_last = *frame;
    emit finished(m_last);
}

}  // namespace atlas::app
