#!/bin/sh
# Install Debian's Chromium and a CJK font for the browser tests (tests/test_browser_app.py).
# Idempotent: does nothing when both are present. Playwright drives /usr/bin/chromium directly;
# `playwright install` is never used (it downloads its own browser, which CI cannot do).
set -eu
need=""
[ -x /usr/bin/chromium ] || need="$need chromium"
if ! fc-list 2>/dev/null | grep -qi "wenquanyi zen hei"; then
    need="$need fonts-wqy-zenhei"
fi
if [ -z "$need" ]; then
    echo "install-browser: chromium and fonts-wqy-zenhei already installed"
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y --no-install-recommends $need
