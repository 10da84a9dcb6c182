#pragma once
// The immutable snapshot a render job draws: viewport, layers with copies of their styles, and
// for time-aware layers the per-feature state at the clock's date — or, for the window's large
// user time layers, the query that works it out, holding only immutable objects, run by the
// worker. Built on the GUI thread (or by the command line), then handed to a worker; workers
// never touch live objects.
#include "atlas/layer.h"
#include "atlas/raster_source.h"
#include "atlas/render/style.h"
#include "atlas/viewport.h"

#include <QColor>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace atlas::render {

// Which features of a layer are drawn at the current date, how strongly, and in which
// category (e.g. the controller on that day). Ascending feature ids.
struct FeatureState {
    std::vector<uint32_t> visible;
    std::vector<float> opacity;      // empty: all 1.0; else one per visible feature
    std::vector<int16_t> category;   // empty: categorise by attribute; else index into the
                                     // style's categories per visible feature (-1: default symbol)
};

struct SceneLayer {
    LayerPtr layer;
    LayerStyle style;
    std::shared_ptr<const FeatureState> state;  // null: every feature, full opacity
    bool timeDependent = false;
    // An imagery layer: drawn from this raster (warped to the scene's CRS, at style.opacity)
    // instead of `layer`, which is then an empty stand-in so lists of layers stay uniform.
    RasterPtr raster;
    // Set instead of `state` when working the visible set out costs more than the GUI thread may
    // spend per frame (a user layer's temporal query over a million features): the renderer
    // calls it on its own thread (resolveDeferredStates) and the result becomes `state`.
    std::function<std::shared_ptr<const FeatureState>()> deferredState;
};

struct MapScene {
    Viewport viewport;            // in device pixels
    std::string crs = "EPSG:32647";  // the viewport's CRS, which raster layers are warped into
    double pixelRatio = 1.0;      // device pixels per logical pixel (HiDPI, print DPI)
    QColor background{214, 226, 234};
    std::vector<SceneLayer> layers;  // bottom first
    bool labels = true;
};

// Turns every layer's deferredState into its state; renderers call it on their thread.
inline void resolveDeferredStates(MapScene& scene)
{
    for (SceneLayer& layer : scene.layers)
        if (layer.deferredState) {
            layer.state = layer.deferredState();
            layer.deferredState = nullptr;
        }
}

// True when some layer still has its state to work out.
inline bool hasDeferredStates(const MapScene& scene)
{
    for (const SceneLayer& layer : scene.layers)
        if (layer.deferredState) return true;
    return false;
}

}  // namespace atlas::render
