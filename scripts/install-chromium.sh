#!/usr/bin/env bash
# Debian's Chromium for the browser tests: installed from the distribution, never downloaded by Playwright.
exec "$(dirname "$0")/apt-install.sh" /usr/bin/chromium "the browser tests" chromium fonts-dejavu-core
