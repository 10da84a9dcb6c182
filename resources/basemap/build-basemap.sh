#!/usr/bin/env bash
# Builds the regional basemap from Natural Earth as Debian ships it (world_map.gpkg in the
# qgis-common package, public domain): fetch the .deb with `apt-get download` (QGIS itself is
# not installed), unpack it with dpkg-deb, clip countries, states_provinces and
# disputed_borders to 88–106°E, 15–32°N with ogr2ogr.
# Usage: build-basemap.sh OUTPUT.gpkg CACHE_DIR
# Idempotent: does nothing when OUTPUT exists and is newer than this script. Never fails the
# build: without network or tools it prints why and leaves no basemap (the app says so).
set -u
out="$1"
cache="$2"
script="${BASH_SOURCE[0]}"
if [ -s "$out" ] && [ "$out" -nt "$script" ]; then exit 0; fi

warn() { echo "kachin-atlas basemap: $*; the map will run without a basemap" >&2; exit 0; }
command -v ogr2ogr >/dev/null || warn "ogr2ogr (gdal-bin) is not installed"
command -v dpkg-deb >/dev/null || warn "dpkg-deb is not installed"
mkdir -p "$cache" "$(dirname "$out")"

deb=$(ls "$cache"/qgis-common_*.deb 2>/dev/null | head -n1)
if [ -z "$deb" ]; then
  echo "kachin-atlas basemap: downloading Debian package qgis-common (Natural Earth world_map.gpkg)…"
  (cd "$cache" && apt-get download qgis-common >/dev/null 2>&1) || {
    # A fresh machine may have no package lists yet.
    if [ "$(id -u)" -eq 0 ]; then apt-get update -qq >/dev/null 2>&1; else sudo -n apt-get update -qq >/dev/null 2>&1; fi
    (cd "$cache" && apt-get download qgis-common >/dev/null 2>&1) || warn "apt-get download qgis-common failed"
  }
  deb=$(ls "$cache"/qgis-common_*.deb 2>/dev/null | head -n1)
  [ -n "$deb" ] || warn "qgis-common .deb not found after download"
fi

unpack="$cache/unpacked"
src="$unpack/usr/share/qgis/resources/data/world_map.gpkg"
if [ ! -s "$src" ]; then
  rm -rf "$unpack"
  dpkg-deb -x "$deb" "$unpack" || warn "dpkg-deb could not unpack $deb"
  [ -s "$src" ] || warn "world_map.gpkg is not in $deb"
fi

tmp="$out.tmp.gpkg"
rm -f "$tmp"
for layer in countries states_provinces disputed_borders; do
  ogr2ogr -f GPKG "$tmp" "$src" "$layer" -update -append -nln "$layer" \
      -spat 88 15 106 32 -clipsrc spat_extent -nlt PROMOTE_TO_MULTI -makevalid >/dev/null 2>&1 \
    || ogr2ogr -f GPKG "$tmp" "$src" "$layer" -update -append -nln "$layer" \
      -spat 88 15 106 32 -clipsrc spat_extent -nlt PROMOTE_TO_MULTI >/dev/null \
    || warn "ogr2ogr failed on layer $layer"
done
mv -f "$tmp" "$out"
echo "kachin-atlas basemap: $out (Natural Earth via Debian qgis-common, clipped to 88–106°E, 15–32°N)"
