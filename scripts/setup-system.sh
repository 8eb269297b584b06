#!/usr/bin/env bash
# Installs the Debian packages Showcase's tests and PDFs need, once: headless Chromium
# for browser tests, Pango for WeasyPrint PDFs, poppler-utils for page images, fonts (CJK
# and emoji too), Java for the Nu HTML Checker and Node.js with npm (the story editor's
# script and the browser test tools). Skips what is already there.
# SHOWCASE_SETUP_DRY_RUN=1 prints the packages it would install and installs nothing.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
# grep reads all its input: `grep -q` stops at the first match, and under pipefail the SIGPIPE
# the listing command then gets reads as "not installed"
ldconfig -p 2>/dev/null | grep libpango-1.0 >/dev/null || need+=(libpango-1.0-0 libpangoft2-1.0-0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
fc-list 2>/dev/null | grep -i "liberation" >/dev/null || need+=(fonts-liberation)
# CJK (Chinese, Japanese, Korean) and monochrome emoji for entry.pdf and the pack's charts:
# small packages (1.6 MB, 1.3 MB); fonts-noto-cjk is 57 MB, colour emoji 10 MB
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
fc-list 2>/dev/null | grep -i "symbola" >/dev/null || need+=(fonts-symbola)
if [ -n "${SHOWCASE_SETUP_DRY_RUN:-}" ]; then
  echo "Would install system packages: ${need[*]:-none}"
  exit 0
fi
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Installing system packages: ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
