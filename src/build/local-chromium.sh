#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (/usr/bin/chromium). Run by `./mvnw verify` before the tests:
# installs it when it is missing and this is a Debian machine we are root on (this project's machines),
# otherwise says what to install.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q chromium || { apt-get update -q && apt-get install -y -q chromium; }
else
    echo "The browser tests need Chromium at /usr/bin/chromium (Debian: sudo apt-get install chromium)," \
        "or point -Ddealroom.chromium=PATH at one" >&2
    exit 1
fi
