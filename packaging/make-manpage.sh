#!/usr/bin/env bash
# Generates the kachin-atlas(1) man page from the program's own --help, at build time, with
# help2man; adds the options of `kachin-atlas export --help`, the data lookup and the
# environment; writes it compressed the way Debian wants it (gzip -9n).
# Usage: make-manpage.sh BINARY OUTPUT.1.gz
set -euo pipefail
binary="$1"
out="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Run the binary under its own name, so the usage lines it prints say "kachin-atlas".
mkdir "$work/bin"
ln -s "$(readlink -f "$binary")" "$work/bin/kachin-atlas"
export PATH="$work/bin:$PATH" QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$work"

# `kachin-atlas export --help` as roff: one .TP per option, continuation lines joined.
export_help=$(kachin-atlas export --help 2>/dev/null)
{
  echo "[EXPORT]"
  echo ".B kachin\\-atlas export"
  echo "[\\fIoptions\\fR] [\\fIFILE\\fR...]"
  printf '%s\n' "$export_help" | awk '
    function flush() { if (opt != "") { print ".TP"; print "\\fB" opt "\\fR"; print text }; opt = ""; text = "" }
    function roff(s) { gsub(/\\/, "\\e", s); gsub(/-/, "\\-", s); return s }
    /^Usage:/ || /^(Options|Arguments):/ || /^$/ { flush(); next }
    /^  [^ ]/ {
      flush()
      line = substr($0, 3)
      split_at = match(line, /   */)
      opt = roff(substr(line, 1, split_at - 1))
      text = roff(substr(line, split_at + RLENGTH))
      next
    }
    /^   / { sub(/^ +/, ""); text = text " " roff($0); next }
    { flush(); print ".PP"; print roff($0) }
    END { flush() }'
  cat <<'ROFF'
[FILES]
.TP
.I /usr/share/kachin\-atlas/geodata/
The bundled Kachin layers (GeoJSON and CSV); every row is sourced in
.IR SOURCES.md ,
the schema is in
.IR README.md .
.TP
.I /usr/share/kachin\-atlas/basemap/kachin\-basemap.gpkg
The regional basemap: Natural Earth (public domain), clipped to 88\(en106\(deE, 15\(en32\(deN.
.PP
The data directory is found relative to the program: first
.IR <program\ directory>/data ,
then
.IR <program\ directory>/../share/kachin\-atlas .
[ENVIRONMENT]
.TP
.B KACHIN_ATLAS_DATA
A directory holding
.I geodata/
and
.IR basemap/kachin\-basemap.gpkg ,
searched before the installed data.
.TP
.B QT_QPA_PLATFORM
The Qt platform of the window;
.B export
uses
.I offscreen
when it is not set, so it needs no display.
[EXIT STATUS]
.TP
.B 0
Success.
.TP
.B 1
Some input could not be read; the errors are reported and the map is still written.
.TP
.B 2
The command line is wrong.
.TP
.B 3
The command could not do what was asked (for example, the output cannot be written).
ROFF
} > "$work/include.h2m"

help2man --locale=C.UTF-8 --no-info --no-discard-stderr \
  --name "desktop GIS for the rare-earth conflict in Kachin State, Myanmar" \
  --include "$work/include.h2m" --output "$work/kachin-atlas.1" kachin-atlas
gzip -9n -c "$work/kachin-atlas.1" > "$out.tmp"
mv -f "$out.tmp" "$out"
