#include "atlas/gui/render_job.h"

#include "atlas/render/renderer.h"

#include <QElapsedTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace atlas::app {
namespace {

bool anyTimeLayer(const render::MapScene& scene)
{
    for (const auto& l : scene.layers)
        if (l.timeDependent) return true;
    return false;
}

std::shared_ptr<RenderedFrame> renderFrame(const render::MapScene& scene, uint64_t staticKey, QImage reusableStatic,
                                           const std::shared_ptr<std::atomic<bool>>& cancel)
{
    QElapsedTimer timer;
    timer.start();
    auto frame = std::make_shared<RenderedFrame>();
    frame->viewport = scene.viewport;
    frame->pixelRatio = scene.pixelRatio;
    frame->staticKey = staticKey;
    render::RenderOptions opts;
    opts.cancel = cancel.get();
    opts.labels = false;
    if (!reusableStatic.isNull()) {
        frame->staticLayers = std::move(reusableStatic);
    } else {
        opts.pass = render::LayerPass::StaticOnly;
        frame->staticLayers = render::Renderer::renderImage(scene, opts);
    }
    if (cancel->load()) return nullptr;
    if (anyTimeLayer(scene)) {
        opts.pass = render::LayerPass::TimeOnly;
        frame->timeLayers = render::Renderer::renderImage(scene, opts);
        if (cancel->load()) return nullptr;
    }
    opts.pass = render::LayerPass::None;
    opts.labels = true;
    frame->labels = render::Renderer::renderImage(scene, opts);
    if (cancel->load()) return nullptr;
    frame->milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    return frame;
}

}  // namespace

RenderJob::RenderJob(QObject* parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<RenderedFrame>>::finished, this, &RenderJob::onFinished);
}

RenderJob::~RenderJob()
{
    cancel();
    m_watcher.waitForFinished();
}

void RenderJob::start(render::MapScene scene, uint64_t staticKey)
{
    cancel();
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    QImage reusable;
    if (m_last.staticKey == staticKey && m_last.viewport == scene.viewport && m_last.pixelRatio == scene.pixelRatio)
        reusable = m_last.staticLayers;
    auto cancelFlag = m_cancel;
    m_watcher.setFuture(QtConcurrent::run([scene = std::move(scene), staticKey, reusable, cancelFlag]() mutable {
        render::resolveDeferredStates(scene);  // visible sets of large time layers, off the GUI thread
        return renderFrame(scene, staticKey, reusable, cancelFlag);
    }));
}

void RenderJob::cancel()
{
    if (m_cancel) m_cancel->store(true);
}

void RenderJob::onFinished()
{
    // setFuture() on a running watcher disconnects the old future, so this is the latest job.
    auto frame = m_watcher.result();
    if (!frame) return;
    m_last = *frame;
    emit finished(m_last);
}

}  // namespace atlas::app
