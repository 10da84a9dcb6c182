#!/usr/bin/python3
"""The reference half of compare_qgis.sh: QGIS (Debian's python3-qgis) drawing the same
GeoPackage headless with the styles of kachin-atlas-bench, printing the same `key value` lines.

    /usr/bin/python3 compare_qgis.py FILE.gpkg [--size 1920x1080] [--runs N] [--job parallel|sequential]

Same work as the bench, at the settings of QGIS's map canvas (rendering optimisation on, so
lines and polygons are simplified to the screen as users see them): destination CRS EPSG:32647 (QGIS reprojects on the fly; we reproject
once at load), antialiasing on, 96 dpi, points 3 px circles by `kind` without outline, lines
1 px, polygons translucent fill and 1 px outline. Frames without the temporal filter draw every
feature; step frames turn on QgsVectorLayerTemporalProperties (start and end from t_start /
t_end) and move a 30-day range by 30 days, from where the bench starts.
"""
import argparse
import os
import resource
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402  (the platform must be set before Qt loads)
    QgsApplication, QgsCategorizedSymbolRenderer, QgsCoordinateReferenceSystem,
    QgsCoordinateTransform, QgsDateTimeRange, QgsFeatureRequest, QgsFillSymbol, QgsLineSymbol,
    QgsMapRendererParallelJob, QgsMapRendererSequentialJob, QgsMapSettings, QgsMarkerSymbol,
    QgsProject, QgsRectangle, QgsRendererCategory, QgsUnitTypes, QgsVectorLayer,
    QgsVectorLayerTemporalProperties, QgsWkbTypes)
from qgis.PyQt.QtCore import QDate, QDateTime, QSize, QTime, Qt  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

KINDS = [("battle", (213, 94, 0)), ("airstrike", (204, 121, 167)), ("protest", (86, 180, 233)),
         ("mining", (230, 159, 0)), ("trade", (0, 158, 115)), ("displacement", (0, 114, 178))]
# The bench's cursor starts on 2022-04-01; its window ends (exclusive) the day after.
FIRST_WINDOW_END = QDateTime(QDate(2022, 4, 2), QTime(0, 0), Qt.UTC)


def style(layer):
    kind = layer.geometryType()
    if kind == QgsWkbTypes.PointGeometry:
        cats = []
        for value, rgb in KINDS:
            sym = QgsMarkerSymbol.createSimple({"name": "circle", "color": "%d,%d,%d" % rgb,
                                                "outline_style": "no", "size": "3",
                                                "size_unit": "Pixel"})
            cats.append(QgsRendererCategory(value, sym, value))
        layer.setRenderer(QgsCategorizedSymbolRenderer("kind", cats))
    elif kind == QgsWkbTypes.LineGeometry:
        sym = QgsLineSymbol.createSimple({"color": "90,60,30", "width": "1", "width_unit": "Pixel"})
        layer.renderer().setSymbol(sym)
    else:
        sym = QgsFillSymbol.createSimple({"color": "0,158,115,64", "outline_color": "0,100,70",
                                          "outline_width": "1", "outline_width_unit": "Pixel"})
        layer.renderer().setSymbol(sym)


def render(settings, job_kind, save=None):
    job = (QgsMapRendererParallelJob if job_kind == "parallel" else QgsMapRendererSequentialJob)(settings)
    t0 = time.perf_counter()
    job.start()
    job.waitForFinished()
    ms = (time.perf_counter() - t0) * 1000
    image = job.renderedImage()
    if save:
        image.save(save)
    return ms


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--size", default="1920x1080")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--job", choices=["parallel", "sequential"], default="parallel")
    ap.add_argument("--save", metavar="PREFIX", help="write the full and zoomed frames as PREFIX-full.png, -zoom.png")
    args = ap.parse_args()
    width, height = (int(v) for v in args.size.split("x"))

    app = QgsApplication([], False)
    app.initQgis()

    # "Load": QGIS opens the layers and reads their metadata; features are read per frame.
    t0 = time.perf_counter()
    probe = QgsVectorLayer(args.file, "probe", "ogr")
    names = [n.split("!!::!!")[1] for n in probe.dataProvider().subLayers()]
    del probe
    layers = []
    for name in names:
        layer = QgsVectorLayer("%s|layername=%s" % (args.file, name), name, "ogr")
        if not layer.isValid():
            print("cannot open layer %s" % name, file=sys.stderr)
            return 1
        style(layer)
        tp = layer.temporalProperties()
        tp.setMode(QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromFields)
        tp.setStartField("t_start")
        tp.setEndField("t_end")
        tp.setIsActive(True)
        layers.append(layer)
    open_ms = (time.perf_counter() - t0) * 1000
    for layer in layers:
        m = layer.simplifyMethod()
        print("layer %s simplify hints %d threshold %.1f local %s" % (layer.name(), int(m.simplifyHints()),
              m.threshold(), m.forceLocalOptimization()), file=sys.stderr)
    QgsProject.instance().addMapLayers(layers, False)

    dest = QgsCoordinateReferenceSystem("EPSG:32647")
    extent = QgsRectangle()
    extent.setMinimal()
    for layer in layers:
        ct = QgsCoordinateTransform(layer.crs(), dest, QgsProject.instance())
        extent.combineExtentWith(ct.transformBoundingBox(layer.extent()))
    # Our Viewport::fit: the extent whole, centred, square pixels.
    upp = max(extent.width() / width, extent.height() / height)
    cx, cy = extent.center().x(), extent.center().y()

    def settings_for(units_per_pixel, temporal_range=None):
        s = QgsMapSettings()
        s.setOutputSize(QSize(width, height))
        s.setOutputDpi(96)
        s.setDestinationCrs(dest)
        s.setLayers(list(reversed(layers)))  # QGIS lists top first; the bench draws in file order
        s.setBackgroundColor(QColor(214, 226, 234))
        s.setFlag(QgsMapSettings.Antialiasing, True)
        # What QgsMapCanvas sets on its own settings (QgsMapCanvas's constructor, QGIS 3.22):
        # without UseRenderingOptimization a layer never applies its simplify method, and QGIS
        # would draw every vertex of every line — slower than the QGIS users run, so our ratios
        # would flatter us. Each layer keeps the simplify method QgsVectorLayer's constructor
        # gives it from the default settings (geometry simplification, 1 px, done locally),
        # which is what a layer added in the desktop application gets.
        s.setFlag(QgsMapSettings.UseRenderingOptimization, True)
        s.setFlag(QgsMapSettings.DrawEditingInfo, True)
        s.setFlag(QgsMapSettings.RenderPartialOutput, True)
        hw, hh = units_per_pixel * width / 2, units_per_pixel * height / 2
        s.setExtent(QgsRectangle(cx - hw, cy - hh, cx + hw, cy + hh))
        if temporal_range is not None:
            s.setIsTemporal(True)
            s.setTemporalRange(temporal_range)
        return s

    full, zoom = settings_for(upp), settings_for(upp / 4)
    render(full, args.job, args.save and args.save + "-full.png")  # warm-up
    if args.save:
        render(zoom, args.job, args.save + "-zoom.png")
    full_ms = [render(full, args.job) for _ in range(args.runs)]
    zoom_ms = [render(zoom, args.job) for _ in range(args.runs)]

    def steps(units_per_pixel):
        out = []
        end = FIRST_WINDOW_END
        for _ in range(args.runs):
            end = end.addDays(30)
            rng = QgsDateTimeRange(end.addDays(-30), end, True, False)
            out.append(render(settings_for(units_per_pixel, rng), args.job))
        return out

    step_ms = steps(upp)
    step_zoom_ms = steps(upp / 4)

    # Identify: features within 3 px of a click in the zoomed view, through the provider.
    seed = 12345
    identify_ms = []
    zs = zoom
    for _ in range(max(args.runs, 25)):
        seed = (seed * 1664525 + 1013904223) & 0xFFFFFFFF
        px = (seed >> 8) / float(1 << 24) * width
        seed = (seed * 1664525 + 1013904223) & 0xFFFFFFFF
        py = (seed >> 8) / float(1 << 24) * height
        ext = zs.extent()
        mx = ext.xMinimum() + px * zs.mapUnitsPerPixel()
        my = ext.yMaximum() - py * zs.mapUnitsPerPixel()
        tol = 3 * zs.mapUnitsPerPixel()
        t0 = time.perf_counter()
        for layer in layers:
            ct = QgsCoordinateTransform(dest, layer.crs(), QgsProject.instance())
            r = ct.transformBoundingBox(QgsRectangle(mx - tol, my - tol, mx + tol, my + tol))
            for _f in layer.getFeatures(QgsFeatureRequest().setFilterRect(r)):
                pass
        identify_ms.append((time.perf_counter() - t0) * 1000)

    print("open_ms %.1f" % open_ms)
    print("full_frame_ms %.1f" % statistics.median(full_ms))
    print("zoom_frame_ms %.1f" % statistics.median(zoom_ms))
    print("step_frame_ms %.2f" % statistics.median(step_ms))
    print("step_zoom_frame_ms %.2f" % statistics.median(step_zoom_ms))
    print("identify_ms %.3f" % statistics.median(identify_ms))
    print("peak_rss_mb %.0f" % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
    sys.stdout.flush()
    QgsProject.instance().removeAllMapLayers()
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
