#!/usr/bin/env bash
# Installs the few system packages Nidaa needs when they are missing:
# gettext (compiles translations), DejaVu fonts (Latin + Arabic glyphs for
# generated PDFs), Pango/HarfBuzz and the Amiri font (WeasyPrint's PDF minutes), Debian's chromium (the browser tests drive it with
# Playwright; no browser is ever downloaded) and Node.js with npm (axe-core
# for the accessibility checks comes from the npm registry) and dovecot's
# IMAP server (the mail-intake tests start a private one on 127.0.0.1; the
# system service is never enabled or started by this script).
# Uses apt-get on Debian/Ubuntu; elsewhere says what to install.
set -euo pipefail
need=()
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
# WeasyPrint (PDF minutes, nidaa/common/pdf.py): Pango lays text out and
# HarfBuzz shapes Arabic; Amiri is the Arabic face of the PDFs (DejaVu Sans the
# Latin one). Fonts come from Debian, never downloaded at run time.
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0' || need+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || need+=(libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libharfbuzz.so.0' || need+=(libharfbuzz0b)
[ -e /usr/share/fonts/opentype/fonts-hosny-amiri/Amiri-Regular.ttf ] || need+=(fonts-hosny-amiri)
# wrk: the HTTP load generator of `make bench-web`.
command -v wrk >/dev/null 2>&1 || need+=(wrk)
# dovecot-imapd: the IMAP server tests/inbox/imap_server.py runs in the foreground.
[ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
# Pango: WeasyPrint lays out the PDFs (attendance sheets) with it, shaping Arabic through HarfBuzz.
ls /usr/lib/*/libpango-1.0.so.0 >/dev/null 2>&1 || need+=(libpango-1.0-0)
ls /usr/lib/*/libpangoft2-1.0.so.0 >/dev/null 2>&1 || need+=(libpangoft2-1.0-0)
# LibreOffice Writer (headless, no GUI): the ToR reader's tests convert a .docx they
# write to PDF with it, so Word/LibreOffice-exported PDFs are read as such.
command -v libreoffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
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
