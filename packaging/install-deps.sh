#!/usr/bin/env bash
# Installs the Debian packages listed in build-deps.txt that are not installed yet.
# Idempotent: when everything is present it only runs one dpkg-query and exits.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
list="${1:-$here/build-deps.txt}"

mapfile -t wanted < <(grep -v '^\s*#' "$list" | sed 's/#.*//; s/\s\+$//' | grep -v '^\s*$')
missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
