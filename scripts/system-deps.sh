#!/usr/bin/env bash
# Installs the few system packages Nidaa needs when they are missing:
# gettext (compiles translations), DejaVu fonts (Latin + Arabic glyphs for
# generated PDFs). Uses apt-get on Debian/Ubuntu; elsewhere says what to install.
set -euo pipefail
need=()
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
# wrk: the HTTP load generator of `make bench-web`.
command -v wrk >/dev/null 2>&1 || need+=(wrk)
[ ${#need[@]} -eq 0 ] && exit 0
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing system packages: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
else
  echo "Please install these system packages: ${need[*]}" >&2
  exit 1
fi
