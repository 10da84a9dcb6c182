#!/usr/bin/env python3
"""Draws the schematic Bhamo control areas (area:bhamo) and front lines (front:bhamo) of geodata/.

Usage: resources/geodata/bhamo_shapes.py GEODATA_DIR   (rewrites control.geojson and
frontlines.geojson in place: the area:bhamo rows and every front:bhamo row; other rows kept
byte for byte). Needs gdaltransform (gdal-bin) for UTM 47N <-> lon/lat.

How (geodata/README.md, "How the schematic geometries were drawn"): around the Bhamo town point,
in UTM 47N, five bearing sectors carry the positions the sources name by direction. In each
sector the junta holds r < Rj, contested ground is Rj <= r < Rc and the KIA holds Rc <= r < 16 km.
The radii are ordering devices that no source gives. The river-side sector W 210-300 deg has no
sourced position: only the town core (junta-held throughout, S20/S26) is drawn there; nothing
beyond it is drawn as held by anyone. The Momauk town circle (area:momauk) is cut out of the KIA
area, so no ground is counted by two areas on one date.
"""
import math
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gd  # noqa: E402

CENTRE = (97.23, 24.27)  # Bhamo town point (facts sheet)
OUTER = 16000.0
SECTORS = [("N", 300, 420), ("E", 60, 100), ("SE", 100, 150), ("S", 150, 210)]  # bearings, clockwise
W_CORE = 1500.0
STEP = 2.0  # degrees between arc vertices

# as_of -> {sector: (Rj, Rc)} in km; Rj == Rc: no contested ground in that sector.
V = {
    "2024-12-04": {"N": (5.5, 5.5), "E": (5.5, 5.5), "SE": (5.5, 5.5), "S": (5.5, 5.5)},
    "2024-12-25": {"N": (5.5, 5.5), "E": (5.5, 5.5), "SE": (3.5, 3.5), "S": (1.5, 5.5)},
    "2025-01-26": {"N": (5.5, 5.5), "E": (1.5, 1.5), "SE": (3.5, 3.5), "S": (1.5, 5.5)},
    "2025-02-20": {"N": (1.5, 1.5), "E": (1.5, 1.5), "SE": (3.5, 3.5), "S": (1.5, 5.5)},
    "2025-08-10": {"N": (5.5, 5.5), "E": (2.5, 2.5), "SE": (3.5, 3.5), "S": (1.5, 5.5)},
    "2025-09-11": {"N": (5.5, 5.5), "E": (2.5, 2.5), "SE": (5.5, 5.5), "S": (5.5, 5.5)},
    "2025-10": {"N": (5.5, 5.5), "E": (2.5, 2.5), "SE": (1.5, 5.5), "S": (5.5, 5.5)},
    "2025-12-25": {"N": (5.5, 5.5), "E": (2.5, 2.5), "SE": (1.5, 5.5), "S": (1.5, 5.5)},
}


def transform(points, src, dst):
    text = "\n".join(f"{x!r} {y!r}" for x, y in points) + "\n"
    out = subprocess.run(["gdaltransform", "-s_srs", src, "-t_srs", dst], input=text, capture_output=True,
                         text=True, check=True).stdout
    return [tuple(float(v) for v in line.split()[:2]) for line in out.strip().split("\n")]


def to_lonlat(points):
    return [[round(x, 5), round(y, 5)] for x, y in transform(points, "EPSG:32647", "EPSG:4326")]


CX, CY = transform([CENTRE], "EPSG:4326", "EPSG:32647")[0]


RADII = [1500.0, 2500.0, 3500.0, 5500.0, OUTER]  # every radius drawn, so shared radial edges share vertices


def at(bearing, r):
    t = math.radians(bearing)
    return (CX + r * math.sin(t), CY + r * math.cos(t))


def arc(b0, b1, r):
    """(bearing, radius) vertices from bearing b0 to b1 (either direction) at radius r, both ends included."""
    n = max(1, int(math.ceil(abs(b1 - b0) / STEP)))
    return [(b0 + (b1 - b0) * i / n, r) for i in range(n + 1)]


def same_bearing(a, b):
    return abs((a - b + 180) % 360 - 180) < 1e-9


def realize(polar):
    """UTM points of (bearing, radius) vertices; a radial step gets a vertex at every radius it
    passes, so neighbouring polygons share their radial edges vertex for vertex."""
    pts = []
    for k, (b, r) in enumerate(polar):
        if k and same_bearing(polar[k - 1][0], b):
            r0 = polar[k - 1][1]
            if abs(r0 - r) < 1e-6:
                continue
            between = sorted((x for x in RADII if min(r0, r) < x < max(r0, r)), reverse=r < r0)
            pts += [at(b, x) for x in between]
        pts.append(at(b, r))
    return pts


def inner_edge(radii):
    """KIA inner edge from bearing 300 clockwise to 210: arcs at Rc with radial steps."""
    pts = []
    for name, b0, b1 in SECTORS:
        pts += arc(b0, b1, radii[name][1] * 1000)
    return pts


def signed_area(ring):
    return sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1)) / 2


def oriented(ring, ccw):
    ring = ring if ring[0] == ring[-1] else ring + [ring[0]]
    return ring if (signed_area(ring) > 0) == ccw else ring[::-1]


def kia_polygon(radii, hole_lonlat):
    outer = arc(300, 210 + 360, OUTER)  # clockwise along the 16 km circle
    ring = realize(outer + inner_edge(radii)[::-1] + [(300, OUTER)])[:-1]
    rings = [oriented(to_lonlat(ring), True)]
    if hole_lonlat:
        rings.append(oriented(hole_lonlat, False))
    return {"type": "Polygon", "coordinates": rings}


def junta_polygon(radii):
    pts = []
    for name, b0, b1 in SECTORS:
        pts += arc(b0, b1, radii[name][0] * 1000)
    pts += arc(210, 300, W_CORE)
    return {"type": "Polygon", "coordinates": [oriented(to_lonlat(realize(pts + [pts[0]])[:-1]), True)]}


def contested_polygon(radii):
    runs, run = [], []
    for name, b0, b1 in SECTORS:
        rj, rc = radii[name]
        if rj < rc:
            run.append((b0, b1, rj, rc))
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    polys = []
    for run in runs:
        out = []
        for b0, b1, rj, rc in run:
            out += arc(b0, b1, rc * 1000)
        back = []
        for b0, b1, rj, rc in reversed(run):
            back += arc(b1, b0, rj * 1000)
        ring = out + back
        polys.append([oriented(to_lonlat(realize(ring + [ring[0]])[:-1]), True)])
    if not polys:
        return None
    if len(polys) == 1:
        return {"type": "Polygon", "coordinates": polys[0]}
    return {"type": "MultiPolygon", "coordinates": polys}


def front_line(radii):
    return {"type": "LineString", "coordinates": to_lonlat(realize(inner_edge(radii)))}


def main(geodata):
    control_path = os.path.join(geodata, "control.geojson")
    front_path = os.path.join(geodata, "frontlines.geojson")
    control = gd.load_geojson(control_path)
    fronts = gd.load_geojson(front_path)
    momauk = next(f for f in control if f["properties"]["area_id"] == "area:momauk")
    hole = momauk["geometry"]["coordinates"][0]
    by_id = {f["properties"]["id"]: f for f in control}
    for f in control:
        p = f["properties"]
        if p["area_id"] != "area:bhamo":
            continue
        radii = V[p["as_of"]]
        if p["controller"] == "KIA":
            f["geometry"] = kia_polygon(radii, hole)
        elif p["controller"] == "junta":
            f["geometry"] = junta_polygon(radii)
        else:
            f["geometry"] = contested_polygon(radii)
    for f in fronts:
        f["geometry"] = front_line(V[f["properties"]["as_of"]])
    missing = [a for a in V if f"control:bhamo-kia-{a}" not in by_id]
    if missing:
        sys.exit(f"no area:bhamo KIA row for {missing}")
    gd.save_geojson(control_path, control)
    gd.save_geojson(front_path, fronts)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "geodata")
