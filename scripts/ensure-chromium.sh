#!/usr/bin/env bash
# The browser tests (test/view/) drive Debian's Chromium through playwright-core, which downloads no browser.
# Installs it when missing (needs root and the Debian mirrors); says what it does either way.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  echo "ensure-chromium: $CHROMIUM is installed ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi
echo "ensure-chromium: $CHROMIUM is missing: installing Debian's chromium package (apt-get update; apt-get install -y chromium)"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=sudo; else
    echo "ensure-chromium: not root and no passwordless sudo: install it yourself (apt-get install chromium) or set CHROMIUM_PATH" >&2
    exit 1
  fi
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y chromium
echo "ensure-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
