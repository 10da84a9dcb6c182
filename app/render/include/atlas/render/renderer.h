#pragma once
// QPainter drawing of a MapScene onto any QPaintDevice: QImage (screen, PNG), QSvgGenerator,
// QPdfWriter. The window, the command line and the tests all draw through this one class.
#include "atlas/render/map_scene.h"

#include <QPainter>

#include <atomic>
#include <string>
#include <vector>

namespace atlas::render {

// Which layers a render paints. None with labels = true paints only the labels (the canvas
// composes static, time and label images so scrubbing never re-draws the basemap).
enum class LayerPass { All, StaticOnly, TimeOnly, None };

struct RenderOptions {
    LayerPass pass = LayerPass::All;
    bool labels = true;                       // draw the label pass (after all layers)
    const std::atomic<bool>* cancel = nullptr;  // checked between features; true = stop
    // On an ARGB32 premultiplied QImage (no transform or clip on the painter): point sprites,
    // screen-tolerance simplification and all cores (see src/raster_paint.h for what differs).
    // false draws through plain QPainter calls, as on SVG and PDF devices (tests compare both).
    bool fastPaths = true;
};

// A label the label pass drew: its words and the device-pixel box it covers (for a label along
// a line, the bounding box of its run).
struct PlacedLabel {
    QString text;
    QRectF box;
    bool story = false;
};

struct RenderStats {
    std::size_t featuresDrawn = 0;
    std::size_t labelsPlaced = 0;
    std::size_t labelsDropped = 0;
    std::size_t storyLabelsDropped = 0;  // the story's places that found no room: should stay 0
    std::vector<PlacedLabel> labels;
    std::vector<std::string> errors;  // raster layers that could not be read ("file: why")
};

class Renderer {
public:
    // Draws in device-pixel coordinates [0, viewport.width) × [0, viewport.height). For other
    // devices (SVG, PDF) set a painter transform first. Returns false when cancelled.
    static bool render(const MapScene& scene, QPainter& painter, const RenderOptions& options = {},
                       RenderStats* stats = nullptr);
    // Renders into a new ARGB32 premultiplied image of the viewport's size.
    static QImage renderImage(const MapScene& scene, const RenderOptions& options = {});
};

}  // namespace atlas::render
