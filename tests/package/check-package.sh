#!/usr/bin/env bash
# The Debian package as a user gets it: builds the .deb with CPack from this build tree, checks
# its control fields and file list, unpacks it into a temporary root (dpkg-deb -x, the system is
# not touched) and runs the unpacked /usr/bin/kachin-atlas: --version, and an export that must
# find geodata and basemap through the install prefix (usr/bin/../share/kachin-atlas). Then the
# desktop entry, AppStream and MIME files are validated and lintian must report no error.
#
# Usage: check-package.sh BUILD_DIR VERSION
# Exit 77 (ctest SKIP_RETURN_CODE) when dpkg-deb, dpkg-shlibdeps or cpack is missing.
# With ATLAS_PACKAGE_TEST_DPKG_INSTALL=1, as root, and kachin-atlas not installed yet, it also
# runs `dpkg -i`, the installed /usr/bin/kachin-atlas, then `dpkg -r` (changes the system).
set -euo pipefail
build="$1"
version="$2"

for tool in dpkg-deb dpkg-shlibdeps cpack; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed"; exit 77; }
done

fail() { echo "FAIL: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- Build the .deb (into its own directory, so it never races `make package` in BUILD_DIR) ----
out="$build/package-test"
rm -rf "$out"
cpack --config "$build/CPackConfig.cmake" -B "$out" >"$work/cpack.log" 2>&1 \
  || { cat "$work/cpack.log"; fail "cpack could not build the package"; }
debs=("$out"/kachin-atlas_*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "expected one kachin-atlas_*.deb in $out, found: ${debs[*]}"
deb="${debs[0]}"
echo "package: $deb ($(stat -c %s "$deb") bytes)"

# --- Control fields ---------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = kachin-atlas ] || fail "Package is '$(field Package)'"
[[ "$(field Version)" == "$version"-* ]] || fail "Version '$(field Version)' is not $version-REVISION"
[ "$(field Section)" = science ] || fail "Section is '$(field Section)'"
depends=$(field Depends)
for dep in libqt6core6 libqt6gui6 libqt6widgets6 libgdal libproj proj-data fonts-noto-core fonts-noto-cjk; do
  [[ ", $depends" == *", $dep"* ]] || fail "Depends lacks $dep: $depends"
done
# ffmpeg makes the animations' MP4 and GIF: recommended, so apt installs it by default.
[[ ", $(field Recommends)," == *", ffmpeg,"* ]] || fail "Recommends lacks ffmpeg: $(field Recommends)"

# --- File list: everything under /usr, no links, Debian permissions -----------------------------
dpkg-deb -c "$deb" >"$work/contents"
for path in ./usr/bin/kachin-atlas \
            ./usr/share/kachin-atlas/basemap/kachin-basemap.gpkg \
            ./usr/share/kachin-atlas/basemap/kachin-rivers.gpkg \
            ./usr/share/kachin-atlas/geodata/mines.geojson \
            ./usr/share/kachin-atlas/geodata/SOURCES.md \
            ./usr/share/applications/kachin-atlas.desktop \
            ./usr/share/metainfo/org.kachinatlas.KachinAtlas.metainfo.xml \
            ./usr/share/mime/packages/kachin-atlas.xml \
            ./usr/share/icons/hicolor/scalable/apps/kachin-atlas.svg \
            ./usr/share/man/man1/kachin-atlas.1.gz \
            ./usr/share/doc/kachin-atlas/copyright \
            ./usr/share/doc/kachin-atlas/changelog.Debian.gz; do
  awk -v p="$path" '$6 == p { found = 1 } END { exit !found }' "$work/contents" || fail "$path is not in the package"
done
awk '$6 !~ /^\.\/usr\// { print "outside /usr: " $0; bad = 1 }
     $1 ~ /^[lh]/ { print "link: " $0; bad = 1 }
     $1 ~ /^d/ && $1 != "drwxr-xr-x" { print "directory mode: " $0; bad = 1 }
     $1 ~ /^-/ && $6 ~ /\/bin\// && $1 != "-rwxr-xr-x" { print "program mode: " $0; bad = 1 }
     $1 ~ /^-/ && $6 !~ /\/bin\// && $1 != "-rw-r--r--" { print "file mode: " $0; bad = 1 }
     $2 != "root/root" { print "owner: " $0; bad = 1 }
     END { exit bad }' "$work/contents" || fail "bad entries in the file list"

# --- Unpacked into a temporary root: the program finds its data through the prefix ----------
root="$work/root"
dpkg-deb -x "$deb" "$root"
exe="$root/usr/bin/kachin-atlas"
run() { (cd "$work" && env -u KACHIN_ATLAS_DATA QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$work" "$@"); }

[ "$(run "$exe" --version)" = "kachin-atlas $version" ] || fail "--version printed '$(run "$exe" --version)'"

# PNG width and height from the IHDR chunk (bytes 16–23, big-endian).
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'; }

run "$exe" export -o "$work/map.png" --size 640x400 >"$work/export.out" 2>&1 \
  || { cat "$work/export.out"; fail "export from the unpacked package failed"; }
cat "$work/export.out"
[ "$(png_size "$work/map.png")" = 640x400 ] || fail "map.png is $(png_size "$work/map.png"), not 640x400"
if grep -q "no basemap" "$work/export.out"; then fail "the unpacked program did not find its basemap"; fi

# Without the installed share directory the same export must lose its basemap and layers, so
# the map above came from usr/share/kachin-atlas of the temporary root and nowhere else.
mv "$root/usr/share/kachin-atlas" "$root/usr/share/kachin-atlas.away"
run "$exe" export -o "$work/bare.png" --size 640x400 >"$work/bare.out" 2>&1 || true
mv "$root/usr/share/kachin-atlas.away" "$root/usr/share/kachin-atlas"
grep -q "no basemap" "$work/bare.out" || { cat "$work/bare.out"; fail "without usr/share/kachin-atlas the export still found a basemap"; }
if cmp -s "$work/map.png" "$work/bare.png"; then fail "the map with the installed data equals the map without it"; fi

# The web map's page comes from usr/share/kachin-atlas/web of the package (Leaflet from the
# libjs-leaflet the package depends on).
run "$exe" export-web -o "$work/web" --view bhamo >"$work/web.out" 2>&1 \
  || { cat "$work/web.out"; fail "export-web from the unpacked package failed"; }
for f in index.html atlas.js atlas.css data/atlas-data.js leaflet/leaflet.js; do
  [ -s "$work/web/$f" ] || fail "export-web from the unpacked package wrote no $f"
done
cmp -s "$work/web/atlas.js" "$root/usr/share/kachin-atlas/web/atlas.js" || fail "export-web did not copy the packaged atlas.js"

# --- Desktop integration files, as installed ------------------------------------------------
share="$root/usr/share"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate --no-hints "$share/applications/kachin-atlas.desktop"
fi
grep -qx 'Exec=kachin-atlas %F' "$share/applications/kachin-atlas.desktop" || fail "desktop entry: Exec is not 'kachin-atlas %F'"
grep -qx 'MimeType=application/x-kachin-atlas-project;' "$share/applications/kachin-atlas.desktop" \
  || fail "desktop entry: MimeType is not application/x-kachin-atlas-project"
grep -q 'glob pattern="\*.katlas"' "$share/mime/packages/kachin-atlas.xml" || fail "MIME XML: no *.katlas glob"
# The validators are dependencies (packaging/build-deps.txt): a missing one fails, never skips.
command -v xmllint >/dev/null || fail "xmllint not installed (libxml2-utils)"
xmllint --noout "$share/mime/packages/kachin-atlas.xml" "$share/icons/hicolor/scalable/apps/kachin-atlas.svg"
command -v appstreamcli >/dev/null || fail "appstreamcli not installed (appstream)"
appstreamcli validate --no-net "$share/metainfo/org.kachinatlas.KachinAtlas.metainfo.xml"
zcat "$share/man/man1/kachin-atlas.1.gz" | grep -q '^\.SH EXPORT' || fail "man page has no EXPORT section"

# --- lintian: no errors (warnings are either fixed or overridden with a reason) ---------------
if command -v lintian >/dev/null; then
  lintian "$deb" >"$work/lintian.out" 2>&1 || true
  cat "$work/lintian.out"
  if grep -q '^E:' "$work/lintian.out"; then fail "lintian reports errors"; fi
else
  echo "lintian is not installed: not run"
fi

# --- Optional: a real installation on this machine -------------------------------------------
if [ "${ATLAS_PACKAGE_TEST_DPKG_INSTALL:-0}" = 1 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "ATLAS_PACKAGE_TEST_DPKG_INSTALL=1 ignored: dpkg -i needs root"
  elif dpkg-query -W -f='${db:Status-Status}' kachin-atlas 2>/dev/null | grep -q installed; then
    echo "ATLAS_PACKAGE_TEST_DPKG_INSTALL=1 ignored: kachin-atlas is already installed on this machine"
  else
    dpkg -i "$deb" >"$work/dpkg.out" 2>&1 || { cat "$work/dpkg.out"; dpkg -r kachin-atlas >/dev/null 2>&1 || true; fail "dpkg -i failed"; }
    status=0
    [ "$(run /usr/bin/kachin-atlas --version)" = "kachin-atlas $version" ] || status=1
    run /usr/bin/kachin-atlas export -o "$work/installed.png" --size 640x400 >"$work/installed.out" 2>&1 || status=1
    grep -q "no basemap" "$work/installed.out" && status=1
    [ "$(png_size "$work/installed.png" 2>/dev/null)" = 640x400 ] || status=1
    dpkg -r kachin-atlas >/dev/null
    [ $status -eq 0 ] || { cat "$work/installed.out"; fail "the program installed with dpkg -i did not export the map"; }
    echo "dpkg -i / run / dpkg -r: ok"
  fi
fi
echo "PASS"
