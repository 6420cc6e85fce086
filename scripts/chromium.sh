#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/OpenSda.Web.Tests), as root; idempotent.
# The tests drive /usr/bin/chromium through Microsoft.Playwright; no browser is ever downloaded by a test tool.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then echo "chromium.sh: /usr/bin/chromium is missing and installing it needs root" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
