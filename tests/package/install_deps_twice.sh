#!/usr/bin/env bash
# `make run` and `make test` call packaging/install-deps.sh every time, so once the packages are
# in, a run must install nothing: no `apt-get update`, no `sudo` (a password prompt), no network.
# Runs it once for real (installing anything missing, as make does), then again with `apt-get`
# and `sudo` on PATH replaced by stand-ins that record any call and fail. The second run must
# call neither and print nothing. A name that dpkg never reports as installed (a virtual
# package, a typo) fails here, naming it.
set -euo pipefail
source_dir="$1"
script="$source_dir/packaging/install-deps.sh"
list="${2:-$source_dir/packaging/build-deps.txt}"

if ! command -v dpkg-query >/dev/null; then
  echo "SKIP: dpkg-query not found (not a Debian system)"; exit 77
fi

bash "$script" "$list"   # first run: installs what is missing (nothing, after make's own run)

stand_ins="$(mktemp -d)"
trap 'rm -rf "$stand_ins"' EXIT
for tool in apt-get sudo; do
  printf '#!/bin/sh\necho "%s $*" >> "%s/calls"\nexit 1\n' "$tool" "$stand_ins" > "$stand_ins/$tool"
  chmod +x "$stand_ins/$tool"
done

status=0
output="$(PATH="$stand_ins:$PATH" bash "$script" "$list" 2>&1)" || status=$?
if [ -s "$stand_ins/calls" ] || [ -n "$output" ] || [ "$status" -ne 0 ]; then
  echo "FAIL: the second run of install-deps.sh was not a no-op (exit $status)"
  [ -n "$output" ] && echo "its output:" && echo "$output"
  [ -s "$stand_ins/calls" ] && echo "it called:" && cat "$stand_ins/calls"
  # Which names dpkg does not report as installed (virtual packages are never 'installed').
  grep -v '^\s*#' "$list" | sed 's/#.*//; s/\s\+$//' | grep -v '^\s*$' | while read -r pkg; do
    s=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [ "$s" = installed ] || echo "  not installed as a package: $pkg"
  done
  exit 1
fi
echo "second run: no apt-get, no sudo, no output"
