#!/usr/bin/env bash
# Builds the region's rivers from GSHHG's WDBII river data as Debian ships it (gmt-gshhg-full,
# LGPL, full resolution), read with `gmt coast -Df -I<class> -M` over the basemap's box
# (88–106°E, 15–32°N). GMT writes one segment per GSHHG bin; SpatiaLite (through ogr2ogr's
# SQLite dialect) joins them back into lines, one feature per line with its WDBII class:
#   1 permanent major rivers (here the Irrawaddy, N'Mai, Salween/Nu, Mekong)
#   2 additional major rivers, 3 additional rivers (WDBII files the Mali Hka, the Taping and the
#     Shweli's Myanmar reach here).
# Minor (4) and intermittent rivers are left out: at the region's scale they are clutter.
# Usage: build-rivers.sh OUTPUT.gpkg
# Idempotent: does nothing when OUTPUT exists and is newer than this script. Never fails the
# build: without the tools it prints why and leaves no rivers (the map still draws).
set -u
out="$1"
script="${BASH_SOURCE[0]}"
if [ -s "$out" ] && [ "$out" -nt "$script" ]; then exit 0; fi

warn() { echo "kachin-atlas rivers: $*; the map will run without rivers" >&2; rm -f "${tmp:-}" "${raw:-}"; exit 0; }
command -v gmt >/dev/null || warn "gmt (package gmt) is not installed"
command -v ogr2ogr >/dev/null || warn "ogr2ogr (gdal-bin) is not installed"
mkdir -p "$(dirname "$out")"

region=88/106/15/32
raw="$out.raw.geojsonl"
tmp="$out.tmp.gpkg"
rm -f "$raw" "$tmp"
# gmt leaves gmt.history/gmt.conf in its working directory: give it a scratch one.
work=$(mktemp -d) || warn "mktemp failed"
trap 'rm -rf "$work"' EXIT
# One GeoJSON feature per line (GDAL's GeoJSONSeq), so classes simply append.
for class in 1 2 3; do
  # -M: multisegment ASCII, ">" starts a segment; lines of "lon<TAB>lat".
  (cd "$work" && gmt coast -R$region -Df -I$class -M) 2>/dev/null \
    | awk -v class="$class" '
        function flush() {
          if (n >= 2)
            printf "{\"type\":\"Feature\",\"properties\":{\"class\":%d},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[%s]}}\n", class, coords
          n = 0; coords = ""; last = ""
        }
        /^>/ { flush(); next }
        NF >= 2 {
          p = $1 "," $2
          if (p == last) next          # GMT repeats a point where a segment touches a bin edge
          coords = coords (n ? "," : "") "[" p "]"; n++; last = p
        }
        END { flush() }' >> "$raw" \
    || warn "gmt coast failed for river class $class (is gmt-gshhg-full installed?)"
done
grep -q '"LineString"' "$raw" 2>/dev/null || warn "gmt coast gave no rivers (is gmt-gshhg-full installed?)"

ogr2ogr -f GPKG "$tmp" "$raw" -nln rivers -nlt LINESTRING -explodecollections -a_srs EPSG:4326 \
    -dialect SQLite \
    -sql "SELECT class, ST_LineMerge(ST_Union(geometry)) AS geometry FROM \"$(basename "$raw" .geojsonl)\" GROUP BY class" \
    >/dev/null || warn "ogr2ogr could not join the river segments"
rm -f "$raw"
mv -f "$tmp" "$out"
echo "kachin-atlas rivers: $out (GSHHG WDBII via Debian gmt-gshhg-full, classes 1–3, 88–106°E, 15–32°N)"
